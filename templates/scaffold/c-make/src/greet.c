#include "greet.h"

#include <stdio.h>

int greet(char *buf, size_t n, const char *name)
{
	if (!name || !*name)
		name = "world";
	return snprintf(buf, n, "Hello, %s!", name);
}
