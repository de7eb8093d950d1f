/* app [NAME]: prints a greeting. */
#include "greet.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	int len = greet(NULL, 0, name);
	char *buf;

	if (argc > 2) {
		fprintf(stderr, "usage: %s [NAME]\n", argv[0]);
		return 2;
	}
	if (len < 0 || !(buf = malloc((size_t)len + 1))) {
		perror("app");
		return 1;
	}
	greet(buf, (size_t)len + 1, name);
	puts(buf);
	free(buf);
	return 0;
}
