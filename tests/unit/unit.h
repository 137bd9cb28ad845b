/*
 * unit.h: the smallest test harness. Each CHECK prints nothing on success;
 * each TEST case prints "ok NAME" or "FAIL NAME: file:line: expression".
 */
#ifndef QCODE_UNIT_H
#define QCODE_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed_case;
static int unit_failures;

#define CHECK(expr)                                                          \
	do {                                                                 \
		if (!(expr)) {                                               \
			printf("FAIL %s: %s:%d: %s\n", unit_case, __FILE__,  \
			       __LINE__, #expr);                             \
			unit_failed_case = 1;                                \
		}                                                            \
	} while (0)

#define CHECK_STR(got, want)                                                 \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		if (!g_ || strcmp(g_, w_) != 0) {                            \
			printf("FAIL %s: %s:%d: got \"%s\", want \"%s\"\n",  \
			       unit_case, __FILE__, __LINE__,                \
			       g_ ? g_ : "(null)", w_);                      \
			unit_failed_case = 1;                                \
		}                                                            \
	} while (0)

#define CHECK_NEAR(got, want, eps)                                           \
	do {                                                                 \
		double g_ = (got), w_ = (want);                              \
		if (!(g_ - w_ <= (eps) && w_ - g_ <= (eps))) {               \
			printf("FAIL %s: %s:%d: got %.6f, want %.6f\n",      \
			       unit_case, __FILE__, __LINE__, g_, w_);       \
			unit_failed_case = 1;                                \
		}                                                            \
	} while (0)

/* Define a case: static void test_NAME(const char *unit_case) { ... } */
#define TEST(name) static void test_##name(const char *unit_case)

#define RUN(name)                                                            \
	do {                                                                 \
		unit_failed_case = 0;                                        \
		test_##name(#name);                                          \
		if (unit_failed_case)                                        \
			unit_failures++;                                     \
		else                                                         \
			printf("ok %s\n", #name);                            \
	} while (0)

#define UNIT_DONE() return unit_failures ? 1 : 0

#endif
