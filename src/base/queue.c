/* queue: MPSC message list under a mutex, with an eventfd doorbell. */
#include "base/queue.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "base/xmalloc.h"

struct queue {
	pthread_mutex_t lock;
	struct msg *head; /* guarded by lock */
	struct msg **tail;
	int bell; /* eventfd, non-blocking */
};

struct queue *queue_new(void)
{
	struct queue *q = xcalloc(1, sizeof *q);

	pthread_mutex_init(&q->lock, NULL);
	q->tail = &q->head;
	q->bell = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (q->bell < 0) {
		perror("faos-codex: eventfd");
		abort();
	}
	return q;
}

void queue_post(struct queue *q, struct msg *m)
{
	m->next = NULL;
	pthread_mutex_lock(&q->lock);
	int was_empty = q->head == NULL;
	*q->tail = m;
	q->tail = &m->next;
	pthread_mutex_unlock(&q->lock);
	if (was_empty) {
		uint64_t one = 1;
		/* EAGAIN means the counter is already non-zero: the bell rang. */
		while (write(q->bell, &one, sizeof one) < 0 && errno == EINTR)
			;
	}
}

int queue_fd(const struct queue *q)
{
	return q->bell;
}

struct msg *queue_take_all(struct queue *q)
{
	uint64_t count;

	/* Clear the bell before taking the list: a post racing with us either
	 * lands in this list or rings again, so no wake-up is ever lost. */
	while (read(q->bell, &count, sizeof count) < 0 && errno == EINTR)
		;
	pthread_mutex_lock(&q->lock);
	struct msg *list = q->head;
	q->head = NULL;
	q->tail = &q->head;
	pthread_mutex_unlock(&q->lock);
	return list;
}

void queue_free(struct queue *q)
{
	if (q == NULL)
		return;
	msg_free_list(q->head);
	close(q->bell);
	pthread_mutex_destroy(&q->lock);
	free(q);
}
