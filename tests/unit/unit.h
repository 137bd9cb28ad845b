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

/* Point QCODE_DATADIR at the source tree, the first folder above the test
 * program that holds probe (a path like "reports/lessons.yaml"): under
 * build/asan/tests it is one further up than qc_data_file looks. Needs
 * <stdlib.h>, <unistd.h> and qcode/util.h. */
#define UNIT_FIND_DATADIR(probe)                                             \
	do {                                                                 \
		char exe_[4096];                                             \
		ssize_t n_ = readlink("/proc/self/exe", exe_,                \
				      sizeof(exe_) - 1);                     \
		if (getenv("QCODE_DATADIR") || n_ <= 0)                      \
			break;                                               \
		exe_[n_] = '\0';                                             \
		for (int up_ = 0; up_ < 5; up_++) {                          \
			char *sl_ = strrchr(exe_, '/'), *p_;                 \
			int found_;                                          \
			if (!sl_)                                            \
				break;                                       \
			*sl_ = '\0';                                         \
			p_ = xasprintf("%s/%s", exe_, (probe));              \
			found_ = access(p_, R_OK) == 0;                      \
			free(p_);                                            \
			if (found_) {                                        \
				setenv("QCODE_DATADIR", exe_, 1);            \
				break;                                       \
			}                                                    \
		}                                                            \
	} while (0)

#endif
