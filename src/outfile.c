/* outfile: output files written beside the target and renamed over it. */
#define _GNU_SOURCE	/* fopencookie: stdio whose write errors keep errno */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "qcode/outfile.h"
#include "qcode/progress.h"

#define TMP_TAG ".qcode-tmp-"

static void sweep(const char *path, int once);

/* The folder part of path with its slash ("" for a bare name). */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) + 1 : 0;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static ssize_t cookie_write(void *cookie, const char *buf, size_t len)
{
	struct outfile *o = cookie;

	if (o->err || write_all(o->fd, buf, len) < 0) {
		if (!o->err)
			o->err = errno;
		errno = o->err;
		return -1;
	}
	return (ssize_t)len;
}

/* The descriptor is the outfile's to close. */
static int cookie_close(void *cookie)
{
	(void)cookie;
	return 0;
}

/* Every temporary name this process made, for outfile_remove_temps; a
 * slot is filled before the count grows, so a signal sees whole names. */
#define MAX_TEMPS 256
static char *temps[MAX_TEMPS];
static volatile size_t ntemps;

static void remember_temp(const char *name)
{
	size_t n = ntemps;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(temps[i], name))
			return;
	if (n < MAX_TEMPS) {
		temps[n] = xstrdup(name);
		ntemps = n + 1;
	}
}

void outfile_remove_temps(void)
{
	for (size_t i = 0; i < ntemps; i++)
		unlink(temps[i]);
}

/* mkstemp beside path as ".NAME.qcode-tmp-PID-XXXXXX"; -1 with errno. */
static int make_temp(const char *path, char **name)
{
	size_t dl = dir_len(path);
	int fd, err;

	*name = xasprintf("%.*s.%s" TMP_TAG "%ld-XXXXXX", (int)dl, path,
			  path + dl, (long)getpid());
	fd = mkostemp(*name, O_CLOEXEC);
	if (fd >= 0)
		remember_temp(*name);
	if (fd < 0) {
		err = errno;
		free(*name);
		*name = NULL;
		errno = err;
	}
	return fd;
}

int outfile_temp(const char *path, char **name, struct qc_err *e)
{
	int fd = make_temp(path, name);

	if (fd < 0)
		return qc_err_set(e, QC_EIO, "cannot create '%s': %s", path,
				  strerror(errno));
	return fd;
}

/* A work file's stdio: it owns the descriptor and reports to *err. */
struct work {
	int fd;		/* closed with the stream */
	int *err;	/* the caller's: errno of the first failed write */
};

static ssize_t work_write(void *cookie, const char *buf, size_t len)
{
	struct work *w = cookie;

	if (*w->err || write_all(w->fd, buf, len) < 0) {
		if (!*w->err)
			*w->err = errno;
		errno = *w->err;
		return -1;
	}
	return (ssize_t)len;
}

static int work_close(void *cookie)
{
	struct work *w = cookie;
	int rc = close(w->fd);

	free(w);
	return rc;
}

FILE *outfile_temp_stdio(const char *path, char **name, int *err,
			 struct qc_err *e)
{
	static const cookie_io_functions_t io = { NULL, work_write, NULL,
						  work_close };
	struct work *w;
	FILE *f;
	int fd = outfile_temp(path, name, e);

	if (fd < 0)
		return NULL;
	*err = 0;
	w = xmalloc(sizeof(*w));
	w->fd = fd;
	w->err = err;
	if (!(f = fopencookie(w, "w", io))) {
		qc_err_set(e, QC_EIO, "cannot create '%s': %s", path,
			   strerror(errno));
		close(fd);
		free(w);
		unlink(*name);
		free(*name);
		*name = NULL;
	}
	return f;
}

static int fail(struct outfile *o, struct qc_err *e, const char *why)
{
	int rc = qc_err_set(e, QC_EIO, "cannot write '%s': %s", o->path, why);

	outfile_abort(o);
	return rc;
}

static int attach_stdio(struct outfile *o, struct qc_err *e)
{
	static const cookie_io_functions_t io = { NULL, cookie_write, NULL,
						  cookie_close };

	o->f = fopencookie(o, "w", io);
	if (!o->f)
		return fail(o, e, strerror(errno));
	return 0;
}

/* A character device or a FIFO: written in place, never created or
 * truncated; what was opened is checked, as the name may have changed. */
static int open_stream(struct outfile *o, struct qc_err *e)
{
	struct stat st;

	if (o->flags & (OUTFILE_SEEKABLE | OUTFILE_NEW))
		return fail(o, e, "not a regular file");
	o->fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (o->fd < 0)
		return fail(o, e, strerror(errno));
	if (fstat(o->fd, &st) != 0 ||
	    !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
		return fail(o, e, "not a regular file");
	return attach_stdio(o, e);
}

static unsigned umask_mode(void)
{
	mode_t m = umask(0);

	umask(m);
	return 0666 & ~(unsigned)m;
}

int outfile_open(struct outfile *o, const char *path, unsigned flags,
		 struct qc_err *e)
{
	struct stat st;
	int exists;

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	o->flags = flags;
	o->path = xstrdup(path);
	exists = lstat(path, &st) == 0;
	if (!exists && errno != ENOENT)
		return fail(o, e, strerror(errno));
	if (exists && S_ISLNK(st.st_mode)) {
		struct stat t;
		/* /dev/stdout is a link to the stream it names */
		if (stat(path, &t) == 0 &&
		    (S_ISCHR(t.st_mode) || S_ISFIFO(t.st_mode)))
			return open_stream(o, e);
		return fail(o, e, "is a symbolic link");
	}
	if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
		return open_stream(o, e);
	if (exists && S_ISDIR(st.st_mode))
		return fail(o, e, strerror(EISDIR));
	if (exists && !S_ISREG(st.st_mode))
		return fail(o, e, "not a regular file");
	if (exists && (flags & OUTFILE_NEW))
		return fail(o, e, "it exists already");
	o->mode = flags & OUTFILE_PRIVATE ? 0600 :
		  exists && (flags & OUTFILE_KEEP_MODE) ?
		  (unsigned)st.st_mode & 07777 : umask_mode();
	sweep(path, 1);
	if ((o->fd = make_temp(path, &o->tmp)) < 0)
		return fail(o, e, strerror(errno));
	return attach_stdio(o, e);
}

int outfile_write(struct outfile *o, const void *data, size_t len,
		  struct qc_err *e)
{
	if (!o->err && write_all(o->fd, data, len) < 0)
		o->err = errno;
	if (o->err)
		return qc_err_set(e, QC_EIO, "cannot write '%s': %s", o->path,
				  strerror(o->err));
	return 0;
}

void outfile_fail(struct outfile *o, int err)
{
	if (!o->err)
		o->err = err ? err : EIO;
}

static void sync_dir(const char *path)
{
	size_t dl = dir_len(path);
	char *dir = dl ? xstrndup(path, dl) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int outfile_commit(struct outfile *o, struct qc_err *e)
{
	struct stat st;
	int fd = o->fd;

	if (o->f) {
		if (fclose(o->f) != 0)
			outfile_fail(o, errno);
		o->f = NULL;
	}
	if (o->err)
		return fail(o, e, strerror(o->err));
	if (progress_cancelled())
		return fail(o, e, "cancelled");
	o->fd = -1;
	if (!o->tmp) {
		if (close(fd) != 0)
			return fail(o, e, strerror(errno));
		outfile_abort(o);
		return 0;
	}
	/* a full disk may only show here, on a file system that delays */
	if (fsync(fd) != 0 || fchmod(fd, (mode_t)o->mode) != 0) {
		int err = errno;
		close(fd);
		return fail(o, e, strerror(err));
	}
	if (close(fd) != 0)
		return fail(o, e, strerror(errno));
	/* only a regular file or nothing is replaced, even if the target
	 * changed since open (rename itself never follows a link) */
	if (lstat(o->path, &st) == 0 && !S_ISREG(st.st_mode))
		return fail(o, e, S_ISLNK(st.st_mode) ? "is a symbolic link" :
			    "not a regular file");
	if (o->flags & OUTFILE_NEW) {
		if (link(o->tmp, o->path) != 0)
			return fail(o, e, errno == EEXIST ?
				    "it appeared meanwhile; nothing was replaced" :
				    strerror(errno));
		unlink(o->tmp);
	} else if (rename(o->tmp, o->path) != 0) {
		return fail(o, e, strerror(errno));
	}
	free(o->tmp);
	o->tmp = NULL;
	sync_dir(o->path);
	outfile_abort(o);
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->f) {
		/* what is still buffered is dropped, not sent to a stream */
		outfile_fail(o, ECANCELED);
		fclose(o->f);
		o->f = NULL;
	}
	if (o->fd >= 0) {
		close(o->fd);
		o->fd = -1;
	}
	if (o->tmp) {
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
	}
	free(o->path);
	o->path = NULL;
}

/* The PID in ".NAME.qcode-tmp-PID-...", or 0 when name is not one. */
static pid_t temp_pid(const char *name)
{
	const char *t = name;

	if (name[0] != '.')
		return 0;
	while ((t = strstr(t + 1, TMP_TAG))) {
		const char *d = t + strlen(TMP_TAG);
		long pid = 0;
		int n = 0;
		while (d[n] >= '0' && d[n] <= '9' && n < 10)
			pid = pid * 10 + (d[n++] - '0');
		if (n && d[n] == '-' && pid > 0 && pid == (pid_t)pid)
			return (pid_t)pid;
	}
	return 0;
}

/* Whether this run swept the folder (dev, ino) already; notes it if not. */
static int swept_before(dev_t dev, ino_t ino)
{
	static struct { dev_t dev; ino_t ino; } seen[16];
	static size_t n;

	for (size_t i = 0; i < n && i < 16; i++)
		if (seen[i].dev == dev && seen[i].ino == ino)
			return 1;
	seen[n % 16].dev = dev;
	seen[n % 16].ino = ino;
	n++;
	return 0;
}

static void sweep(const char *path, int once)
{
	size_t dl = dir_len(path);
	char *dir = dl ? xstrndup(path, dl) : xstrdup(".");
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	uid_t me = geteuid();
	struct dirent *de;
	struct stat st;
	DIR *d;

	free(dir);
	if (dfd < 0)
		return;
	/* before an output, once per folder and run: the REPL writes its
	 * history after every line, a command may write several outputs */
	if (once && fstat(dfd, &st) == 0 && swept_before(st.st_dev, st.st_ino)) {
		close(dfd);
		return;
	}
	if (!(d = fdopendir(dfd))) {
		close(dfd);
		return;
	}
	while ((de = readdir(d))) {
		pid_t pid = temp_pid(de->d_name);
		/* EPERM means it runs, as someone else */
		if (!pid || kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode) || st.st_uid != me)
			continue;
		unlinkat(dfd, de->d_name, 0);
	}
	closedir(d);
}

void outfile_sweep(const char *path)
{
	sweep(path, 0);
}
