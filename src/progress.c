/* progress: one redrawn line on stderr for long work, and Ctrl-C. */
#include <stdlib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "qcode/outfile.h"
#include "qcode/progress.h"
#include "qcode/util.h"

static void draw(double t);

static int show;			/* lines may be drawn */
static int in_repl;			/* a cancel returns to the prompt */
static volatile sig_atomic_t cancelled;	/* Ctrl-C seen during this command */

static struct {
	int depth;		/* nested begin calls; only depth 1 draws */
	const char *what;	/* borrowed */
	const char *unit;	/* borrowed; "bytes" are shown as MB */
	long long total, done;
	long long item_lo, item_size;	/* the item inner work maps into */
	long long sub_total;	/* inner work's total (depth 2) */
	double t0, next;	/* started; next redraw */
	int drawn;		/* a line is on the screen */
} cur;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void progress_setup(int on)
{
	show = on;
}

static void on_sigint(int sig)
{
	(void)sig;
	if (cancelled && !in_repl) {
		/* the second Ctrl-C: nothing half-written stays behind */
		static const char msg[] = "\nqcode: cancelled\n";
		outfile_remove_temps();
		if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
			/* nothing more to say */
		}
		_exit(QC_ECANCEL);
	}
	cancelled = 1;
}

void progress_catch(int repl)
{
	struct sigaction sa;

	in_repl = repl;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a read at the prompt returns EINTR */
	sigaction(SIGINT, &sa, NULL);
}

int progress_cancelled(void)
{
	return cancelled != 0;
}

void progress_reset(void)
{
	cancelled = 0;
	/* a command that failed half-way may not have ended its work */
	if (cur.depth > 0) {
		cur.depth = 1;
		progress_end();
	}
}

static void maybe_draw(void)
{
	if (show && cur.depth > 0) {
		double t = now();
		if (t >= cur.next) {
			draw(t);
			cur.next = t + 0.1;
		}
	}
}

/* Every 1000 SQLite instructions: a long single statement (a rebuild)
 * keeps its line alive, and Ctrl-C stops it. */
static int interrupt_cb(void *unused)
{
	(void)unused;
	maybe_draw();
	return cancelled != 0;
}

void progress_watch(sqlite3 *db)
{
	if (db)
		sqlite3_progress_handler(db, 1000, interrupt_cb, NULL);
}

/* "1:05" or "1:02:05" */
static void add_time(struct qc_buf *b, double s)
{
	long t = (long)(s + 0.5);

	if (t >= 3600)
		qc_buf_addf(b, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		qc_buf_addf(b, "%ld:%02ld", t / 60, t % 60);
}

static void add_count(struct qc_buf *b, long long n, int bytes)
{
	if (bytes)
		qc_buf_addf(b, "%.1f", (double)n / 1e6);
	else
		qc_buf_addf(b, "%lld", n);
}

static void draw(double t)
{
	struct qc_buf b = QC_BUF_INIT;
	int bytes = cur.unit && !strcmp(cur.unit, "bytes");
	int pct = cur.unit && !strcmp(cur.unit, "%");
	const char *unit = bytes ? "MB" : cur.unit;
	double el = t - cur.t0, rate = el > 0 ? (double)cur.done / el : 0;
	struct winsize ws;
	size_t width = 80;

	qc_buf_addf(&b, "%s: ", cur.what);
	if (pct) {
		qc_buf_addf(&b, "%lld%%", cur.done);
		if (el > 0 && cur.done > 0 && cur.done < cur.total) {
			qc_buf_adds(&b, ", ");
			add_time(&b, el * (double)(cur.total - cur.done) /
				 (double)cur.done);
			qc_buf_adds(&b, " left");
		}
		goto line;
	}
	if (cur.done <= 0 && cur.total <= 0) {
		/* one long statement: how long it has run */
		add_time(&b, el);
		rate = 0;
	} else {
		add_count(&b, cur.done, bytes);
	}
	if (cur.total > 0) {
		qc_buf_adds(&b, " / ");
		add_count(&b, cur.total, bytes);
	}
	if (unit)
		qc_buf_addf(&b, " %s", unit);
	if (cur.total > 0)
		qc_buf_addf(&b, " (%d%%)", (int)(100.0 * (double)cur.done /
						 (double)cur.total));
	if (rate > 0 && (cur.done > 0 || cur.total > 0)) {
		qc_buf_adds(&b, ", ");
		add_count(&b, (long long)rate, bytes);
		qc_buf_addf(&b, " %s/s", unit ? unit : "");
		if (cur.total > cur.done) {
			qc_buf_adds(&b, ", ");
			add_time(&b, (double)(cur.total - cur.done) / rate);
			qc_buf_adds(&b, " left");
		}
	}
line:
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
		width = ws.ws_col;
	/* never wrap: a wrapped line cannot be redrawn in place */
	if (b.len > width - 1)
		qc_buf_setlen(&b, width - 1);
	fprintf(stderr, "\r%s\033[K", b.buf);
	fflush(stderr);
	cur.drawn = 1;
	qc_buf_release(&b);
}

/* Work shorter than this (seconds) shows no line; QCODE_PROGRESS_AFTER
 * changes it (0: at once, as the tests want on any machine). */
static double show_after(void)
{
	const char *v = getenv("QCODE_PROGRESS_AFTER");
	char *end;
	double d;

	if (!v || !*v)
		return 0.5;
	d = strtod(v, &end);
	return *end || d < 0 || d > 3600 ? 0.5 : d;
}

void progress_begin(const char *what, const char *unit, long long total)
{
	if (cur.depth++ > 0) {
		cur.sub_total = total;
		return;
	}
	cur.what = what;
	cur.unit = unit;
	cur.total = total;
	cur.done = cur.item_lo = cur.item_size = cur.sub_total = 0;
	cur.t0 = now();
	cur.next = cur.t0 + show_after();
	cur.drawn = 0;
}

int progress_step(long long done)
{
	if (cur.depth == 1)
		cur.done = done;
	else if (cur.depth == 2 && cur.sub_total > 0 && cur.item_size > 0)
		cur.done = cur.item_lo + (long long)((double)cur.item_size *
			   (double)done / (double)cur.sub_total);
	if (cur.depth == 1 || cur.depth == 2)
		maybe_draw();
	return cancelled != 0;
}

void progress_item(long long size)
{
	if (cur.depth == 1) {
		cur.item_lo = cur.done;
		cur.item_size = size;
	}
}

void progress_clear(void)
{
	if (cur.drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		cur.drawn = 0;
	}
}

void progress_end(void)
{
	if (cur.depth == 0 || --cur.depth > 0)
		return;
	if (cur.drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	cur.drawn = 0;
}
