#ifndef GREET_H
#define GREET_H

#include <stddef.h>

/* Writes "Hello, NAME!" into buf (size n, always NUL-terminated when n > 0).
 * A NULL or empty name greets "world". Returns the length of the full
 * greeting, as snprintf does: >= n means it was cut. */
int greet(char *buf, size_t n, const char *name);

#endif
