/* Unit tests: outfile (temporaries beside the target, modes, links,
 * streams, the sweep of killed runs' files). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcode/outfile.h"
#include "unit.h"

/* Entries in the test folder, dot files included. */
static int entries(void)
{
	DIR *d = opendir("of");
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void fresh(void)
{
	if (system("rm -rf of && mkdir of") != 0)
		exit(1);
}

static char *slurp(const char *path)
{
	char *data = NULL;
	size_t len;
	struct qc_err e = QC_ERR_INIT;

	if (qc_read_file(path, 0, &data, &len, &e) < 0)
		data = NULL;
	qc_err_release(&e);
	return data;
}

TEST(temporary_is_private_from_the_start)
{
	struct outfile o;
	struct qc_err e = QC_ERR_INIT;
	struct stat st;
	char tag[64];
	mode_t old = umask(0);

	fresh();
	CHECK(outfile_open(&o, "of/a.txt", 0, &e) == 0);
	CHECK(fstat(o.fd, &st) == 0 && (st.st_mode & 0777) == 0600);
	snprintf(tag, sizeof(tag), "of/.a.txt.qcode-tmp-%ld-", (long)getpid());
	CHECK(o.tmp && strncmp(o.tmp, tag, strlen(tag)) == 0);
	CHECK(access("of/a.txt", F_OK) != 0);	/* nothing at the target yet */
	fputs("hello\n", o.f);
	CHECK(outfile_commit(&o, &e) == 0);
	CHECK(stat("of/a.txt", &st) == 0 && (st.st_mode & 0777) == 0666);
	CHECK(entries() == 1);
	CHECK(outfile_open(&o, "of/b.txt", OUTFILE_PRIVATE, &e) == 0);
	CHECK(outfile_commit(&o, &e) == 0);
	CHECK(stat("of/b.txt", &st) == 0 && (st.st_mode & 0777) == 0600);
	umask(old);
	qc_err_release(&e);
}

TEST(abort_leaves_the_target_as_it_was)
{
	struct outfile o;
	struct qc_err e = QC_ERR_INIT;
	char *s;

	fresh();
	CHECK(system("echo old >of/a.txt") == 0);
	CHECK(outfile_open(&o, "of/a.txt", 0, &e) == 0);
	fputs("new\n", o.f);
	outfile_abort(&o);
	CHECK_STR(s = slurp("of/a.txt"), "old\n");
	free(s);
	CHECK(entries() == 1);
	qc_err_release(&e);
}

TEST(links_are_refused_and_never_followed)
{
	struct outfile o;
	struct qc_err e = QC_ERR_INIT;
	char *s;

	fresh();
	CHECK(system("echo victim >of/v.txt && ln -s v.txt of/l.txt") == 0);
	CHECK(outfile_open(&o, "of/l.txt", 0, &e) == -QC_EIO);
	CHECK_STR(e.msg.buf, "cannot write 'of/l.txt': is a symbolic link");
	/* a link put at the target between open and commit is not replaced */
	CHECK(outfile_open(&o, "of/t.txt", 0, &e) == 0);
	fputs("data\n", o.f);
	CHECK(symlink("v.txt", "of/t.txt") == 0);
	CHECK(outfile_commit(&o, &e) == -QC_EIO);
	CHECK_STR(e.msg.buf, "cannot write 'of/t.txt': is a symbolic link");
	CHECK_STR(s = slurp("of/v.txt"), "victim\n");
	free(s);
	CHECK(entries() == 3);	/* v.txt, l.txt, t.txt: no temporary */
	qc_err_release(&e);
}

TEST(new_never_replaces)
{
	struct outfile o;
	struct qc_err e = QC_ERR_INIT;
	char *s;

	fresh();
	CHECK(outfile_open(&o, "of/n.db", OUTFILE_NEW, &e) == 0);
	CHECK(system("echo theirs >of/n.db") == 0);
	CHECK(outfile_commit(&o, &e) == -QC_EIO);
	CHECK_STR(s = slurp("of/n.db"), "theirs\n");
	free(s);
	CHECK(outfile_open(&o, "of/n.db", OUTFILE_NEW, &e) == -QC_EIO);
	CHECK(entries() == 1);
	qc_err_release(&e);
}

TEST(a_full_device_says_so)
{
	struct outfile o;
	struct qc_err e = QC_ERR_INIT;
	struct stat st;

	if (stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode))
		return;
	CHECK(outfile_open(&o, "/dev/full", 0, &e) == 0);
	CHECK(o.tmp == NULL);	/* written in place, never replaced */
	fputs("x\n", o.f);
	CHECK(outfile_commit(&o, &e) == -QC_EIO);
	CHECK_STR(e.msg.buf, "cannot write '/dev/full': No space left on device");
	CHECK(outfile_open(&o, "/dev/full", 0, &e) == 0);
	CHECK(outfile_write(&o, "x", 1, &e) == -QC_EIO);
	outfile_abort(&o);
	CHECK(outfile_open(&o, "/dev/full", OUTFILE_SEEKABLE, &e) == -QC_EIO);
	CHECK_STR(e.msg.buf, "cannot write '/dev/full': not a regular file");
	CHECK(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode));
	qc_err_release(&e);
}

TEST(sweep_removes_only_what_dead_runs_left)
{
	char live[96];

	fresh();
	/* 999999999 is above any pid_max: that process never runs */
	snprintf(live, sizeof(live), "of/.a.qcode-tmp-%ld-xxxxxx",
		 (long)getpid());
	CHECK(system("touch of/.a.qcode-tmp-999999999-abcdef"
		     " of/.a.qcode-tmp-999999999-abcdef-wal"
		     " of/.b.qcode-tmp-12x-abcdef of/keep.txt"
		     " && ln -s keep.txt of/.l.qcode-tmp-999999999-abcdef"
		     " && mkdir of/.d.qcode-tmp-999999999-abcdef") == 0);
	fclose(fopen(live, "w"));
	outfile_sweep("of/anything");
	CHECK(access("of/.a.qcode-tmp-999999999-abcdef", F_OK) != 0);
	CHECK(access("of/.a.qcode-tmp-999999999-abcdef-wal", F_OK) != 0);
	CHECK(access(live, F_OK) == 0);
	CHECK(access("of/.b.qcode-tmp-12x-abcdef", F_OK) == 0);
	CHECK(access("of/keep.txt", F_OK) == 0);
	CHECK(access("of/.d.qcode-tmp-999999999-abcdef", F_OK) == 0);
	CHECK(entries() == 5);
	system("rm -rf of");
}

int main(void)
{
	RUN(temporary_is_private_from_the_start);
	RUN(abort_leaves_the_target_as_it_was);
	RUN(links_are_refused_and_never_followed);
	RUN(new_never_replaces);
	RUN(a_full_device_says_so);
	RUN(sweep_removes_only_what_dead_runs_left);
	UNIT_DONE();
}
