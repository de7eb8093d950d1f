/* slots: --slots N, llama-server's parallel slots. A local server plays only
 * so many answers at once; the rest wait, in the order they arrived, before
 * any byte of their answer. Tests and benchmarks of clients that run several
 * requests at once (parallel coders) need that queue to be real.
 *
 * Waiters sit in a list sorted by ticket (the request's arrival number, taken
 * before it is logged, so "logged first" means "served first"). A waiter goes
 * when it heads the list and a slot is free. Every wait is sliced so a client
 * that hangs up, or a stopping server, frees its place within 50 ms. */
#include "fakellm.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>

#define SLICE_MS 50

struct waiter {
	unsigned long ticket;
	struct waiter *next;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct waiter *queue; /* sorted by ticket */
static int playing;

static void enqueue(struct waiter *w)
{
	struct waiter **at = &queue;

	while (*at && (*at)->ticket < w->ticket)
		at = &(*at)->next;
	w->next = *at;
	*at = w;
}

static void dequeue(struct waiter *w)
{
	for (struct waiter **at = &queue; *at; at = &(*at)->next)
		if (*at == w) {
			*at = w->next;
			return;
		}
}

/* The client closed its end (or the socket broke): nobody waits for this
 * answer any more. Pipelined bytes are not a hang-up. */
static bool peer_gone(int fd)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	char c;

	if (poll(&p, 1, 0) <= 0)
		return false;
	if (p.revents & (POLLERR | POLLNVAL))
		return true;
	ssize_t n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);

	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

static void wait_slice(void)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += SLICE_MS * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(&cv, &mu, &until);
}

int slot_take(int fd, unsigned long ticket)
{
	struct waiter me = {.ticket = ticket};
	int r = 0;

	if (fl_opt.slots <= 0)
		return 0;
	pthread_mutex_lock(&mu);
	enqueue(&me);
	while (!(queue == &me && playing < fl_opt.slots)) {
		wait_slice();
		if (atomic_load(&fl_stopping) || peer_gone(fd)) {
			r = -1;
			break;
		}
	}
	dequeue(&me);
	if (r == 0)
		playing++;
	pthread_cond_broadcast(&cv); /* the next in line may go, or now heads the list */
	pthread_mutex_unlock(&mu);
	return r;
}

void slot_give(void)
{
	if (fl_opt.slots <= 0)
		return;
	pthread_mutex_lock(&mu);
	playing--;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
}
