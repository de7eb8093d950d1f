/* queue: the one bridge between worker threads and the UI thread.
 *
 * Threads: any thread may queue_post(); only the consumer thread calls
 * queue_fd(), queue_take_all() and queue_free(). Ownership: a posted message
 * belongs to the queue until taken, then to the consumer. The doorbell is an
 * eventfd rung only when the list goes from empty to non-empty, so a burst of
 * 500 tokens costs one wake-up, not 500. */
#ifndef FAOS_QUEUE_H
#define FAOS_QUEUE_H

#include "base/msg.h"

struct queue;

struct queue *queue_new(void);
void queue_post(struct queue *q, struct msg *m);
/* The doorbell to poll() for POLLIN. */
int queue_fd(const struct queue *q);
/* Every message posted so far, oldest first (NULL if none); clears the bell. */
struct msg *queue_take_all(struct queue *q);
/* Frees the queue and any messages still in it. */
void queue_free(struct queue *q);

#endif
