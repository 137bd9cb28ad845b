/*
 * zipread: the guarded ZIP reader for DOCX, ODT and .qdpx files. Checks at
 * open time use the headers; checks while reading use the bytes produced,
 * since a header may claim a small size (and a large one comes out) or a
 * large one (and memory would be set aside for nothing).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcode/zipread.h"

static const char *entry_bad_path(const char *name)
{
	const char *p = name;

	if (!*name)
		return "an empty name";
	if (name[0] == '/' || name[0] == '\\')
		return "an absolute path";
	if (isalpha((unsigned char)name[0]) && name[1] == ':')
		return "a drive letter";
	if (strchr(name, '\\'))
		return "a backslash in the path";
	while (*p) {
		const char *s = strchr(p, '/');
		size_t n = s ? (size_t)(s - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return "a path that leaves the archive";
		if (!s)
			break;
		p = s + 1;
	}
	return NULL;
}

/* Check every entry's path and declared sizes. */
static int check_entries(struct zipread *z, struct qc_err *e)
{
	zip_int64_t n = zip_get_num_entries(z->za, 0);
	unsigned long long total = 0;

	if (n < 0 || (unsigned long long)n > z->lim.max_entries)
		return qc_err_set(e, QC_EDATA, "%s refused: more than %llu "
				  "entries", z->label, z->lim.max_entries);
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		const char *why;

		if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) < 0 ||
		    !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE))
			return qc_err_set(e, QC_EDATA, "%s refused: entry %lld "
					  "is unreadable", z->label, (long long)i);
		if ((why = entry_bad_path(st.name)))
			return qc_err_set(e, QC_EDATA, "%s refused: entry '%s' "
					  "has %s", z->label, st.name, why);
		if (st.size > z->lim.max_entry)
			return qc_err_set(e, QC_EDATA, "%s refused: entry '%s' "
					  "unpacks to %llu bytes, more than the "
					  "limit of %llu", z->label, st.name,
					  (unsigned long long)st.size,
					  z->lim.max_entry);
		if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > (1ULL << 20) &&
		    st.size / (st.comp_size ? st.comp_size : 1) > z->lim.max_ratio)
			return qc_err_set(e, QC_EDATA, "%s refused: entry '%s' is "
					  "compressed %llu to 1, more than the "
					  "limit of %llu to 1 (a ZIP bomb?)",
					  z->label, st.name,
					  (unsigned long long)(st.size /
					  (st.comp_size ? st.comp_size : 1)),
					  z->lim.max_ratio);
		total += st.size;
		if (total > z->lim.max_total)
			return qc_err_set(e, QC_EDATA, "%s refused: it unpacks to "
					  "more than %llu bytes", z->label,
					  z->lim.max_total);
	}
	return 0;
}

static void zr_init(struct zipread *z, const struct zipread_limits *lim,
		    const char *path)
{
	memset(z, 0, sizeof(*z));
	z->lim = *lim;
	z->label = path ? xasprintf("'%s'", path) : xstrdup("archive");
}

int zipread_open_file(struct zipread *z, const char *path,
		      const struct zipread_limits *lim, struct qc_err *e)
{
	int zerr = 0, io, fd;

	zr_init(z, lim, path);
	/* a FIFO or device named .qdpx is refused, not waited on */
	if ((fd = qc_open_regular(path, e)) < 0) {
		if (fd == -QC_EIO && errno == ENOENT)
			qc_err_set(e, QC_EIO, "cannot open '%s': no such file",
				   path);
		zipread_close(z);
		return fd;
	}
	/* zip_fdopen owns fd from here on success only */
	z->za = zip_fdopen(fd, ZIP_CHECKCONS, &zerr);
	if (!z->za) {
		close(fd);
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		io = zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN;
		qc_err_set(e, io ? QC_EIO : QC_EDATA, "cannot open '%s': %s", path,
			   zerr == ZIP_ER_NOENT ? "no such file" :
			   zerr == ZIP_ER_NOZIP ? "not a ZIP archive (a .qdpx is one)" :
			   zip_error_strerror(&ze));
		zip_error_fini(&ze);
		zipread_close(z);
		return io ? -QC_EIO : -QC_EDATA;
	}
	if (check_entries(z, e) < 0) {
		zipread_close(z);
		return -QC_EDATA;
	}
	return 0;
}

int zipread_open_mem(struct zipread *z, const void *data, size_t len,
		     const struct zipread_limits *lim, struct qc_err *e)
{
	zip_error_t ze;
	zip_source_t *src;

	zr_init(z, lim, NULL);
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src || !(z->za = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
		qc_err_set(e, QC_EDATA, "not a readable zip archive: %s"
			   " (truncated or damaged?)", zip_error_strerror(&ze));
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		zipread_close(z);
		return -QC_EDATA;
	}
	zip_error_fini(&ze);
	if (check_entries(z, e) < 0) {
		zipread_close(z);
		return -QC_EDATA;
	}
	return 0;
}

void zipread_close(struct zipread *z)
{
	if (z->za)
		zip_discard(z->za);	/* frees a memory source too */
	z->za = NULL;
	free(z->label);
	z->label = NULL;
}

long long zipread_find(struct zipread *z, const char *name)
{
	zip_int64_t i = zip_name_locate(z->za, name, 0);

	if (i < 0)
		i = zip_name_locate(z->za, name, ZIP_FL_NOCASE);
	return i;
}

int zipread_entry_open(struct zipread *z, long long idx,
		       struct zipread_entry *en, struct qc_err *e)
{
	zip_stat_t st;

	memset(en, 0, sizeof(*en));
	en->z = z;
	en->name = "?";
	if (!z->za || idx < 0)
		return qc_err_set(e, QC_EDATA, "%s: no such entry", z->label);
	en->name = zip_get_name(z->za, (zip_uint64_t)idx, 0);
	if (!en->name)
		en->name = "?";
	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) < 0 ||
	    !(st.valid & ZIP_STAT_SIZE))
		return qc_err_set(e, QC_EDATA, "%s: cannot read entry '%s': %s",
				  z->label, en->name, zip_strerror(z->za));
	en->declared = st.size;
	en->comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
	if (!(en->f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0)))
		return qc_err_set(e, QC_EDATA, "%s: cannot read entry '%s': %s",
				  z->label, en->name, zip_strerror(z->za));
	return 0;
}

long long zipread_entry_read(struct zipread_entry *en, void *buf, size_t len,
			     struct qc_err *e)
{
	struct zipread *z = en->z;
	unsigned long long ratio;
	zip_int64_t n;

	if (!en->f || en->got > en->declared)
		return qc_err_set(e, QC_EDATA, "%s: entry '%s' cannot be read "
				  "further", z->label, en->name);
	/* Ask for one byte past the declared end at most: a header that
	 * claims less than comes out is caught there, not gigabytes on. */
	if (len > en->declared - en->got + 1)
		len = (size_t)(en->declared - en->got + 1);
	n = zip_fread(en->f, buf, len);
	if (n < 0)
		return qc_err_set(e, QC_EDATA, "%s: cannot read entry '%s': %s",
				  z->label, en->name, zip_file_strerror(en->f));
	en->got += (unsigned long long)n;
	z->used += (unsigned long long)n;
	if (en->got > en->declared)
		return qc_err_set(e, QC_EDATA, "%s refused: entry '%s' unpacks "
				  "to more than the %llu bytes its header "
				  "declares (damaged or forged)", z->label,
				  en->name, en->declared);
	if (en->got > z->lim.max_entry)
		return qc_err_set(e, QC_EDATA, "%s refused: entry '%s' unpacks "
				  "to more than %llu bytes", z->label, en->name,
				  z->lim.max_entry);
	ratio = en->got / (en->comp ? en->comp : 1);
	if (en->got > (1ULL << 20) && ratio > z->lim.max_ratio)
		return qc_err_set(e, QC_EDATA, "%s refused: entry '%s' is "
				  "compressed %llu to 1, more than the limit of "
				  "%llu to 1 (a ZIP bomb?)", z->label, en->name,
				  ratio, z->lim.max_ratio);
	if (z->used > z->lim.max_total)
		return qc_err_set(e, QC_EDATA, "%s refused: it unpacks to more "
				  "than %llu bytes", z->label, z->lim.max_total);
	return n;
}

void zipread_entry_close(struct zipread_entry *en)
{
	if (en->f)
		zip_fclose(en->f);
	en->f = NULL;
}

int zipread_read(struct zipread *z, long long idx, struct qc_buf *out,
		 struct qc_err *e)
{
	struct zipread_entry en;
	char buf[65536];
	long long n;

	if (zipread_entry_open(z, idx, &en, e) < 0)
		return -QC_EDATA;
	while ((n = zipread_entry_read(&en, buf, sizeof(buf), e)) > 0)
		qc_buf_add(out, buf, (size_t)n);
	zipread_entry_close(&en);
	return n < 0 ? -QC_EDATA : 0;
}
