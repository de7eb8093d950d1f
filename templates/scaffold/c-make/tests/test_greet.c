/* Unit tests for greet(): exits 0 when all pass. */
#include "greet.h"

#include <stdio.h>
#include <string.h>

static int failed;

static void expect_str(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want) != 0) {
		fprintf(stderr, "FAIL %s: got \"%s\", want \"%s\"\n", what, got, want);
		failed++;
	}
}

static void expect_int(const char *what, int got, int want)
{
	if (got != want) {
		fprintf(stderr, "FAIL %s: got %d, want %d\n", what, got, want);
		failed++;
	}
}

int main(void)
{
	char buf[64];

	expect_int("length", greet(buf, sizeof buf, "Ada"), 11);
	expect_str("name", buf, "Hello, Ada!");
	greet(buf, sizeof buf, NULL);
	expect_str("NULL name", buf, "Hello, world!");
	greet(buf, sizeof buf, "");
	expect_str("empty name", buf, "Hello, world!");
	expect_int("cut length", greet(buf, 6, "Ada"), 11);
	expect_str("cut text", buf, "Hello");
	expect_int("size only", greet(NULL, 0, "Ada"), 11);
	if (failed) {
		fprintf(stderr, "%d failed\n", failed);
		return 1;
	}
	puts("all tests passed");
	return 0;
}
