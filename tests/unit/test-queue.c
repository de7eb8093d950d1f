/* test-queue: unit tests of the worker-to-UI message queue and its eventfd
 * doorbell (src/base/queue.c), and of queue messages (src/base/msg.c). */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/msg.h"
#include "base/queue.h"
#include "check.h"

/* Is the doorbell ringing right now (poll with a zero timeout)? */
static int bell_rings(const struct queue *q)
{
	struct pollfd p = { .fd = queue_fd(q), .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static size_t list_length(const struct msg *m)
{
	size_t n = 0;

	for (; m != NULL; m = m->next)
		n++;
	return n;
}

static void post_text(struct queue *q, enum msg_type type, unsigned request, const char *text)
{
	queue_post(q, msg_new_text(type, request, text, strlen(text)));
}

static void test_msg_new_defaults(void)
{
	struct msg *m = msg_new(MSG_USAGE, 7);

	CHECK(m->type == MSG_USAGE);
	CHECK(m->request == 7);
	CHECK(m->text == NULL);
	CHECK(m->len == 0);
	CHECK(m->code == 0);
	CHECK(m->next == NULL);
	CHECK(m->usage.prompt_tokens == -1);
	CHECK(m->usage.completion_tokens == 0);
	msg_free(m);
	msg_free(NULL);
}

static void test_msg_new_text_copies(void)
{
	char src[] = "hello, world";
	/* Only the first 5 bytes: the copy must be cut and NUL-terminated. */
	struct msg *m = msg_new_text(MSG_TOKEN, 3, src, 5);

	src[0] = 'J';
	CHECK_STR(m->text, "hello");
	CHECK(m->len == 5);
	CHECK(m->request == 3);
	CHECK(m->type == MSG_TOKEN);
	msg_free(m);

	/* Embedded NUL bytes are kept, len says how many. */
	m = msg_new_text(MSG_REASONING, 1, "a\0b", 3);
	CHECK(m->len == 3);
	CHECK(memcmp(m->text, "a\0b\0", 4) == 0);
	msg_free(m);

	m = msg_new_text(MSG_DONE, 1, "", 0);
	CHECK_STR(m->text, "");
	CHECK(m->len == 0);
	msg_free(m);
}

static void test_msg_type_names(void)
{
	CHECK_STR(msg_type_name(MSG_TOKEN), "token");
	CHECK_STR(msg_type_name(MSG_REASONING), "reasoning");
	CHECK_STR(msg_type_name(MSG_USAGE), "usage");
	CHECK_STR(msg_type_name(MSG_DONE), "done");
	CHECK_STR(msg_type_name(MSG_FAILED), "failed");
	CHECK_STR(msg_type_name(MSG_CANCELLED), "cancelled");
	CHECK_STR(msg_type_name(MSG__COUNT), "unknown");
	CHECK_STR(msg_type_name((enum msg_type)1000), "unknown");
}

static void test_msg_free_list(void)
{
	struct msg *a = msg_new_text(MSG_TOKEN, 1, "a", 1);
	struct msg *b = msg_new_text(MSG_TOKEN, 1, "b", 1);
	struct msg *c = msg_new(MSG_DONE, 1);

	a->next = b;
	b->next = c;
	CHECK(list_length(a) == 3);
	msg_free_list(a); /* valgrind / ASan: nothing leaks */
	msg_free_list(NULL);
}

static void test_fifo_order(void)
{
	struct queue *q = queue_new();
	const char *want[] = { "first", "second", "third", "fourth", "fifth" };

	for (unsigned i = 0; i < 5; i++)
		post_text(q, i == 4 ? MSG_DONE : MSG_TOKEN, 10 + i, want[i]);
	struct msg *list = queue_take_all(q);
	CHECK(list_length(list) == 5);
	unsigned i = 0;
	for (struct msg *m = list; m != NULL && i < 5; m = m->next, i++) {
		CHECK_STR(m->text, want[i]);
		CHECK(m->len == strlen(want[i]));
		CHECK(m->request == 10 + i);
		CHECK(m->type == (i == 4 ? MSG_DONE : MSG_TOKEN));
	}
	msg_free_list(list);

	/* The queue is empty again and keeps FIFO order for the next batch. */
	CHECK(queue_take_all(q) == NULL);
	post_text(q, MSG_TOKEN, 1, "x");
	post_text(q, MSG_TOKEN, 1, "y");
	list = queue_take_all(q);
	CHECK(list_length(list) == 2);
	if (list_length(list) == 2) {
		CHECK_STR(list->text, "x");
		CHECK_STR(list->next->text, "y");
		CHECK(list->next->next == NULL);
	}
	msg_free_list(list);
	queue_free(q);
}

static void test_take_all_empty(void)
{
	struct queue *q = queue_new();

	CHECK(queue_fd(q) >= 0);
	CHECK(queue_take_all(q) == NULL);
	CHECK(queue_take_all(q) == NULL);
	CHECK(!bell_rings(q));
	queue_free(q);
	queue_free(NULL);
}

static void test_doorbell(void)
{
	struct queue *q = queue_new();

	CHECK(!bell_rings(q));
	post_text(q, MSG_TOKEN, 1, "a");
	CHECK(bell_rings(q));
	/* Polling does not consume the bell. */
	CHECK(bell_rings(q));
	struct msg *list = queue_take_all(q);
	CHECK(list_length(list) == 1);
	msg_free_list(list);
	CHECK(!bell_rings(q));

	/* Empty again: the next post rings again. */
	queue_post(q, msg_new(MSG_DONE, 1));
	CHECK(bell_rings(q));
	list = queue_take_all(q);
	CHECK(list_length(list) == 1);
	CHECK(list != NULL && list->type == MSG_DONE);
	msg_free_list(list);
	CHECK(!bell_rings(q));

	/* A take_all on an empty queue leaves a silent bell silent. */
	CHECK(queue_take_all(q) == NULL);
	CHECK(!bell_rings(q));
	queue_free(q);
}

static void test_burst_rings_once(void)
{
	struct queue *q = queue_new();
	uint64_t count = 0;

	for (int i = 0; i < 500; i++)
		post_text(q, MSG_TOKEN, 1, "tok");
	CHECK(bell_rings(q));
	/* The consumer owns the fd: the eventfd counter says how many times
	 * the bell was rung. 500 posts into a non-empty list ring it once. */
	CHECK(read(queue_fd(q), &count, sizeof count) == (ssize_t)sizeof count);
	CHECK(count == 1);
	CHECK(!bell_rings(q));

	/* More posts while the list is still non-empty do not ring. */
	for (int i = 0; i < 10; i++)
		post_text(q, MSG_TOKEN, 1, "more");
	CHECK(!bell_rings(q));

	/* take_all with the bell already read must not block or fail. */
	struct msg *list = queue_take_all(q);
	CHECK(list_length(list) == 510);
	msg_free_list(list);
	CHECK(!bell_rings(q));

	/* Next burst: rings (once) again, and take_all silences it. */
	for (int i = 0; i < 100; i++)
		post_text(q, MSG_TOKEN, 2, "again");
	CHECK(bell_rings(q));
	list = queue_take_all(q);
	CHECK(list_length(list) == 100);
	CHECK(list != NULL && list->request == 2);
	msg_free_list(list);
	CHECK(!bell_rings(q));
	queue_free(q);
}

static void test_free_pending(void)
{
	struct queue *q = queue_new();

	post_text(q, MSG_TOKEN, 1, "never");
	post_text(q, MSG_REASONING, 1, "taken");
	queue_post(q, msg_new(MSG_CANCELLED, 1));
	CHECK(bell_rings(q));
	/* valgrind / ASan: the three messages and their texts are freed. */
	queue_free(q);
}

#define PRODUCERS 4
#define PER_PRODUCER 20000

struct producer {
	struct queue *q;
	unsigned id;
};

static void *producer_main(void *arg)
{
	struct producer *p = arg;
	char text[32];

	for (int seq = 0; seq < PER_PRODUCER; seq++) {
		int n = snprintf(text, sizeof text, "%u:%d", p->id, seq);
		struct msg *m = msg_new_text(MSG_TOKEN, p->id, text, (size_t)n);
		m->code = seq;
		queue_post(p->q, m);
	}
	return NULL;
}

static void test_multi_producer_stress(void)
{
	struct queue *q = queue_new();
	struct producer prod[PRODUCERS];
	pthread_t threads[PRODUCERS];
	int next[PRODUCERS] = { 0 };
	long received = 0, bad_order = 0, bad_text = 0, bad_id = 0, timeouts = 0;
	char want[32];

	for (unsigned i = 0; i < PRODUCERS; i++) {
		prod[i] = (struct producer){ q, i };
		CHECK(pthread_create(&threads[i], NULL, producer_main, &prod[i]) == 0);
	}
	while (received < (long)PRODUCERS * PER_PRODUCER) {
		struct pollfd pfd = { .fd = queue_fd(q), .events = POLLIN };
		int rc = poll(&pfd, 1, 10000);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc == 0) {
			timeouts++; /* a lost wake-up: messages queued, bell silent */
			break;
		}
		struct msg *list = queue_take_all(q);
		for (struct msg *m = list; m != NULL; m = m->next) {
			received++;
			if (m->request >= PRODUCERS) {
				bad_id++;
				continue;
			}
			if (m->code != next[m->request])
				bad_order++;
			next[m->request] = m->code + 1;
			snprintf(want, sizeof want, "%u:%d", m->request, m->code);
			if (m->text == NULL || strcmp(m->text, want) != 0 || m->len != strlen(want))
				bad_text++;
		}
		msg_free_list(list);
	}
	for (unsigned i = 0; i < PRODUCERS; i++)
		pthread_join(threads[i], NULL);
	CHECK(timeouts == 0);
	CHECK(received == (long)PRODUCERS * PER_PRODUCER);
	CHECK(bad_id == 0);
	CHECK(bad_order == 0);
	CHECK(bad_text == 0);
	for (unsigned i = 0; i < PRODUCERS; i++)
		CHECK(next[i] == PER_PRODUCER);
	/* Nothing extra is left, and a final take_all clears any late ring. */
	CHECK(queue_take_all(q) == NULL);
	CHECK(!bell_rings(q));
	queue_free(q);
}

int main(void)
{
	RUN(test_msg_new_defaults);
	RUN(test_msg_new_text_copies);
	RUN(test_msg_type_names);
	RUN(test_msg_free_list);
	RUN(test_fifo_order);
	RUN(test_take_all_empty);
	RUN(test_doorbell);
	RUN(test_burst_rings_once);
	RUN(test_free_pending);
	RUN(test_multi_producer_stress);
	return CHECK_EXIT();
}
