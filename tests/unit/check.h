/* check: the tiny unit-test harness. Each test prints one "PASS name" or
 * "FAIL name: file:line: expression" line; tests/run.sh counts them. */
#ifndef FAOS_CHECK_H
#define FAOS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_in_test;
static int check_total_failed;
static const char *check_current;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			if (!check_failed_in_test)                             \
				printf("FAIL %s: %s:%d: %s\n", check_current,  \
				       __FILE__, __LINE__, #cond);             \
			check_failed_in_test = 1;                              \
		}                                                              \
	} while (0)

/* Compare strings and show both on failure. */
#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *check_g_ = (got), *check_w_ = (want);              \
		if (check_g_ == NULL || strcmp(check_g_, check_w_) != 0) {     \
			if (!check_failed_in_test)                             \
				printf("FAIL %s: %s:%d: got \"%s\", want "     \
				       "\"%s\"\n",                             \
				       check_current, __FILE__, __LINE__,      \
				       check_g_ ? check_g_ : "(null)",         \
				       check_w_);                              \
			check_failed_in_test = 1;                              \
		}                                                              \
	} while (0)

#define RUN(fn)                                                                \
	do {                                                                   \
		check_current = #fn;                                           \
		check_failed_in_test = 0;                                      \
		fn();                                                          \
		if (check_failed_in_test)                                      \
			check_total_failed++;                                  \
		else                                                           \
			printf("PASS %s\n", #fn);                              \
		fflush(stdout);                                                \
	} while (0)

#define CHECK_EXIT() (check_total_failed ? 1 : 0)

#endif
