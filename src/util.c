/* util: buffers, allocation, errors, whole-file reads, sha256. */
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "qcode/util.h"

char qc_buf_empty[1];

static void die_oom(void)
{
	fputs("qcode: out of memory\n", stderr);
	exit(QC_EIO);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		die_oom();
	return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int qc_has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), x = strlen(ext);

	return n > x && strcasecmp(name + n - x, ext) == 0;
}

char *xasprintf(const char *fmt, ...)
{
	struct qc_buf b = QC_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	qc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return qc_buf_detach(&b, NULL);
}

void qc_buf_init(struct qc_buf *b)
{
	b->len = 0;
	b->alloc = 0;
	b->buf = qc_buf_empty;
}

void qc_buf_grow(struct qc_buf *b, size_t extra)
{
	size_t need;

	if (b->len + extra + 1 < b->len)
		die_oom();
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return;
	size_t n = b->alloc ? b->alloc : 64;
	while (n < need)
		n = n < SIZE_MAX / 2 ? n * 2 : need;
	if (!b->alloc) {
		b->buf = xmalloc(n);
		b->buf[0] = '\0';
	} else {
		b->buf = xrealloc(b->buf, n);
	}
	b->alloc = n;
}

void qc_buf_add(struct qc_buf *b, const void *data, size_t len)
{
	if (!len)
		return;
	qc_buf_grow(b, len);
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void qc_buf_adds(struct qc_buf *b, const char *s)
{
	qc_buf_add(b, s, strlen(s));
}

void qc_buf_addch(struct qc_buf *b, int c)
{
	qc_buf_grow(b, 1);
	b->buf[b->len++] = (char)c;
	b->buf[b->len] = '\0';
}

void qc_buf_vaddf(struct qc_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	qc_buf_grow(b, 64);
	va_copy(cp, ap);
	n = vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n >= b->alloc - b->len) {
		qc_buf_grow(b, (size_t)n);
		vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void qc_buf_problem(struct qc_buf *b, const char *path, size_t line,
		    size_t col, int warn, const char *fmt, va_list ap)
{
	qc_buf_addf(b, "%s:%zu:%zu: %s", path, line, col, warn ? "warning: " : "");
	qc_buf_vaddf(b, fmt, ap);
	qc_buf_addch(b, '\n');
}

void qc_buf_addf(struct qc_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	qc_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void qc_buf_setlen(struct qc_buf *b, size_t len)
{
	if (!b->alloc) {
		if (len)
			die_oom();	/* a caller bug: nothing was allocated */
		return;
	}
	b->len = len;
	b->buf[len] = '\0';
}

void qc_buf_reset(struct qc_buf *b)
{
	if (b->alloc)
		qc_buf_setlen(b, 0);
}

void qc_buf_release(struct qc_buf *b)
{
	if (b->alloc)
		free(b->buf);
	qc_buf_init(b);
}

char *qc_buf_detach(struct qc_buf *b, size_t *len)
{
	char *s;

	if (len)
		*len = b->len;
	s = b->alloc ? b->buf : xstrdup("");
	qc_buf_init(b);
	return s;
}

void qc_err_init(struct qc_err *e)
{
	e->code = QC_OK;
	qc_buf_init(&e->msg);
}

int qc_err_set(struct qc_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -code;
	e->code = code;
	qc_buf_reset(&e->msg);
	va_start(ap, fmt);
	qc_buf_vaddf(&e->msg, fmt, ap);
	va_end(ap);
	return -code;
}

void qc_err_prefix(struct qc_err *e, const char *fmt, ...)
{
	struct qc_buf b = QC_BUF_INIT;
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	qc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	qc_buf_adds(&b, ": ");
	qc_buf_add(&b, e->msg.buf, e->msg.len);
	qc_buf_release(&e->msg);
	e->msg = b;
}

void qc_err_clear(struct qc_err *e)
{
	e->code = QC_OK;
	qc_buf_reset(&e->msg);
}

void qc_err_release(struct qc_err *e)
{
	qc_buf_release(&e->msg);
	e->code = QC_OK;
}

int qc_open_regular(const char *path, struct qc_err *e)
{
	return qc_open_regular_flags(path, 0, e);
}

int qc_open_regular_flags(const char *path, int oflags, struct qc_err *e)
{
	struct stat sb;
	int fd, fl;

	/* O_NONBLOCK: opening a FIFO without a writer would wait for ever;
	 * the check is on the opened file, not on a name that can change */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | oflags);
	if (fd < 0) {
		int err = errno;
		if (err == ELOOP && (oflags & O_NOFOLLOW))
			return qc_err_set(e, QC_EDATA, "'%s' is a symbolic "
					  "link", path);
		qc_err_set(e, QC_EIO, "cannot open '%s': %s", path,
			   strerror(err));
		errno = err;
		return -QC_EIO;
	}
	if (fstat(fd, &sb) < 0) {
		int err = errno;
		close(fd);
		qc_err_set(e, QC_EIO, "cannot open '%s': %s", path,
			   strerror(err));
		errno = err;
		return -QC_EIO;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return qc_err_set(e, QC_EDATA, "'%s': %s", path,
				  S_ISDIR(sb.st_mode) ? "a folder, not a file" :
				  "not a regular file (a FIFO, socket or device)");
	}
	if ((fl = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		int err = errno;
		close(fd);
		return qc_err_set(e, QC_EIO, "cannot open '%s': %s", path,
				  strerror(err));
	}
	return fd;
}

FILE *qc_fopen_regular(const char *path, struct qc_err *e)
{
	int fd = qc_open_regular(path, e), err;
	FILE *f;

	if (fd < 0)
		return NULL;	/* errno still from open when -QC_EIO */
	if (!(f = fdopen(fd, "rb"))) {
		err = errno;
		close(fd);
		qc_err_set(e, QC_EIO, "cannot open '%s': %s", path,
			   strerror(err));
		errno = err;
	}
	return f;
}

int qc_read_file(const char *path, size_t max, char **data, size_t *len,
		 struct qc_err *e)
{
	struct qc_buf b = QC_BUF_INIT;
	char chunk[65536];
	size_t n;
	int fd = qc_open_regular(path, e);
	FILE *f;

	if (fd < 0)
		return fd;
	if (!(f = fdopen(fd, "rb"))) {
		int err = errno;
		close(fd);
		return qc_err_set(e, QC_EIO, "cannot open '%s': %s", path,
				  strerror(err));
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (max && b.len + n > max) {
			fclose(f);
			qc_buf_release(&b);
			return qc_err_set(e, QC_EDATA,
					  "'%s': file is larger than %zu MiB",
					  path, max >> 20);
		}
		qc_buf_add(&b, chunk, n);
	}
	if (ferror(f)) {
		int err = errno;
		fclose(f);
		qc_buf_release(&b);
		return qc_err_set(e, QC_EIO, "cannot read '%s': %s", path,
				  strerror(err));
	}
	fclose(f);
	*data = qc_buf_detach(&b, len);
	return 0;
}

int qc_parse_numlist(const char *s, long long **v, size_t *n, size_t *alloc)
{
	const char *p = s;

	for (;;) {
		char *end;
		long long lo, hi;

		if (*p < '0' || *p > '9')
			return -1;
		errno = 0;
		lo = hi = strtoll(p, &end, 10);
		if (*end == '-') {
			if (end[1] < '0' || end[1] > '9')
				return -1;
			hi = strtoll(end + 1, &end, 10);
		}
		if (errno || lo < 1 || hi < lo || hi - lo >= 1000000)
			return -1;
		for (long long x = lo; x <= hi; x++) {
			QC_GROW(*v, *n, *alloc);
			(*v)[(*n)++] = x;
		}
		if (*end == '\0')
			return 0;
		if (*end != ',')
			return -1;
		p = end + 1;
	}
}

int qc_parse_int(const char *s, long long min, long long max, long long *out)
{
	const char *p = s + (s[0] == '-' || s[0] == '+');
	char *end;
	long long v;

	/* digits only, no blanks, no base prefixes, no overflow */
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int qc_parse_real(const char *s, double min, double max, double *out)
{
	const char *p = s + (s[0] == '-' || s[0] == '+');
	char *end;
	double v;

	if ((*p < '0' || *p > '9') && *p != '.')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int two_digits(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9';
}

int qc_date_valid(const char *s, int partial)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t n = strlen(s);
	int y, m, d, leap;

	if (!(n == 10 || (partial && (n == 4 || n == 7))) || !two_digits(s) ||
	    !two_digits(s + 2))
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	if (n == 4)
		return 1;
	if (s[4] != '-' || !two_digits(s + 5))
		return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12)
		return 0;
	if (n == 7)
		return 1;
	if (s[7] != '-' || !two_digits(s + 8))
		return 0;
	d = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

static int hex_digit(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

int qc_colour_parse(const char *s, char out[8])
{
	size_t n = strlen(s);

	if (s[0] != '#' || (n != 4 && n != 7))
		return -1;
	for (size_t i = 1; i < n; i++)
		if (!hex_digit((unsigned char)s[i]))
			return -1;
	out[0] = '#';
	for (int i = 0; i < 6; i++)
		out[1 + i] = n == 7 ? s[1 + i] : s[1 + i / 2];
	out[7] = '\0';
	return 0;
}

/* SHA-256 for duplicate detection and merging, from OpenSSL's libcrypto:
 * it uses the processor's SHA extensions where there are any, and an
 * import hashes every byte it reads. */
void qc_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	/* it fails only when it cannot allocate its context */
	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) || n != 32)
		die_oom();
	for (unsigned int i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

static int file_exists(const char *p)
{
	FILE *f = fopen(p, "rb");

	if (!f)
		return 0;
	fclose(f);
	return 1;
}

char *qc_data_file(const char *rel)
{
	const char *env = getenv("QCODE_DATADIR");
	char exe[4096];
	ssize_t n;
	char *p;

	if (env && *env) {
		p = xasprintf("%s/%s", env, rel);
		if (file_exists(p))
			return p;
		free(p);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* a source tree: ./qcode or build/qcode, build/asan/qcode */
		const char *ups[] = { "", "/..", "/../..", "/../share/qcode" };
		for (size_t i = 0; i < sizeof(ups) / sizeof(ups[0]); i++) {
			p = xasprintf("%s%s/%s", exe, ups[i], rel);
			if (file_exists(p))
				return p;
			free(p);
		}
	}
	return NULL;
}

/* Decimal digits at *p, no sign: 0 and *p moved past them, or -1. */
static int ref_num(const char **p, long long *v)
{
	char *end;

	if (**p < '0' || **p > '9')
		return -1;
	errno = 0;
	*v = strtoll(*p, &end, 10);
	if (errno)
		return -1;
	*p = end;
	return 0;
}

int qc_ref_parse(const char *s, unsigned allowed, struct qc_ref *r)
{
	const char *p = s;
	int form;

	r->from = r->to = 0;
	r->start = r->end = -1;
	if ((*p != 'S' && *p != 's') || (p++, ref_num(&p, &r->source) < 0))
		return -1;
	if (!*p)
		return allowed & QC_REF_SOURCE ? QC_REF_SOURCE : -1;
	if (*p++ != ':' || ref_num(&p, &r->from) < 0)
		return -1;
	r->to = r->from;
	form = QC_REF_TURN;
	if (*p == '-') {
		p++;
		if (ref_num(&p, &r->to) < 0 || r->to < r->from)
			return -1;
		form = QC_REF_RANGE;
	} else if (*p == '@') {
		p++;
		if (ref_num(&p, &r->start) < 0 || *p++ != '-' ||
		    ref_num(&p, &r->end) < 0 || r->end <= r->start)
			return -1;
		form = QC_REF_SPAN;
	}
	return *p || !(allowed & (unsigned)form) ? -1 : form;
}

int qc_edit_file(const char *path, const char **editor)
{
	const char *ed = getenv("VISUAL") && *getenv("VISUAL") ?
		getenv("VISUAL") : getenv("EDITOR") && *getenv("EDITOR") ?
		getenv("EDITOR") : "vi";
	char *cmd = xasprintf("%s \"$QCODE_EDIT_FILE\"", ed);
	int status;

	*editor = ed;
	setenv("QCODE_EDIT_FILE", path, 1);
	status = system(cmd);
	unsetenv("QCODE_EDIT_FILE");
	free(cmd);
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ?
		0 : -1;
}
