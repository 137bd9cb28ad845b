/* Unit tests: filter (the SQL of one filter over segments and codings). */
#include <stdlib.h>

#include "qcode/filter.h"
#include "unit.h"

TEST(empty)
{
	struct filter f = { 0 };
	struct filter_sql q;
	struct qc_err e = QC_ERR_INIT;

	CHECK(filter_build(&f, FILTER_CODINGS, 1, &q, &e) == 0);
	CHECK_STR(q.where.buf, "");
	CHECK(q.nbinds == 0 && q.needs == 0);
	filter_sql_release(&q);
	qc_err_release(&e);
}

TEST(lists_and_numbers)
{
	struct filter f = { .kind = "a, b", .sources = "S1,2,,s3" };
	struct filter_sql q;
	struct qc_err e = QC_ERR_INIT;

	/* parameters follow the caller's own ?1..?3 */
	CHECK(filter_build(&f, FILTER_CODINGS, 4, &q, &e) == 0);
	CHECK_STR(q.where.buf, " AND s.kind IN (?4,?5) AND c.source_id IN"
		  " (?6,?7,?8)");
	CHECK(q.nbinds == 5);
	if (q.nbinds == 5) {
		CHECK_STR(q.binds[1], "b");
		CHECK_STR(q.binds[2], "1");
		CHECK_STR(q.binds[4], "3");
	}
	/* --source reads c.source_id: only --kind needs the sources table */
	CHECK(q.needs == FILTER_NEEDS_SOURCE);
	filter_sql_release(&q);
	/* over segments the same lists name search's tables */
	CHECK(filter_build(&f, FILTER_SEGMENTS, 1, &q, &e) == 0);
	CHECK_STR(q.where.buf, " AND src.kind IN (?1,?2) AND s.source_id IN"
		  " (?3,?4,?5)");
	CHECK(q.needs == 0);
	filter_sql_release(&q);
	qc_err_release(&e);
}

TEST(dates_people_attrs)
{
	const char *attrs[] = { "wijk=Centrum" };
	struct filter f = { .until = "2025-03", .speaker = "An", .attrs = attrs,
			    .nattrs = 1 };
	struct filter_sql q;
	struct qc_err e = QC_ERR_INIT;

	CHECK(filter_build(&f, FILTER_CODINGS, 1, &q, &e) == 0);
	/* --until is a prefix: 2025-03 keeps all of March */
	CHECK(strstr(q.where.buf, "substr(s.date, 1, length(?4)) <= ?4") != NULL);
	CHECK(strstr(q.where.buf, "(g.speaker = ?1 OR p.label = ?1 OR"
		     " p.pseudonym = ?1)") != NULL);
	CHECK(strstr(q.where.buf, "participant_attrs") != NULL);
	CHECK(q.needs == (FILTER_NEEDS_SOURCE | FILTER_NEEDS_SEGMENT));
	CHECK(q.nbinds == 4);
	filter_sql_release(&q);
	attrs[0] = "wijk";
	CHECK(filter_build(&f, FILTER_CODINGS, 1, &q, &e) == -QC_EUSAGE);
	CHECK_STR(e.msg.buf, "--attr wants key=value, not 'wijk'");
	CHECK(q.nbinds == 0);
	filter_sql_release(&q);
	qc_err_release(&e);
}

TEST(coder)
{
	struct filter f = { .coder = "anna" };
	struct filter_sql q;
	struct qc_err e = QC_ERR_INIT;

	/* over codings: the coder's own codings */
	CHECK(filter_build(&f, FILTER_CODINGS, 1, &q, &e) == 0);
	CHECK_STR(q.where.buf, " AND c.coder_id = (SELECT id FROM coders WHERE"
		  " name = ?1)");
	filter_sql_release(&q);
	/* over segments: segments the coder coded */
	CHECK(filter_build(&f, FILTER_SEGMENTS, 1, &q, &e) == 0);
	CHECK(strstr(q.where.buf, "EXISTS(SELECT 1 FROM codings x") != NULL);
	CHECK(strstr(q.where.buf, "xd.name = ?1") != NULL);
	filter_sql_release(&q);
	qc_err_release(&e);
}

TEST(sources)
{
	const char *attrs[] = { "wijk=Centrum" };
	struct filter f = { .kind = "interview", .sources = "S2", .speaker = "An",
			    .attrs = attrs, .nattrs = 1, .until = "2025" };
	struct filter sf = filter_sources(&f);
	struct filter_sql q;
	struct qc_err e = QC_ERR_INIT;

	CHECK(filter_has_turns(&f) && !filter_has_turns(&sf));
	CHECK(sf.speaker == NULL && sf.nattrs == 0);
	/* over sources: their own columns, and only what a source has */
	CHECK(filter_build(&sf, FILTER_SOURCES, 1, &q, &e) == 0);
	CHECK_STR(q.where.buf, " AND src.kind IN (?1) AND src.id IN (?2) AND"
		  " substr(src.date, 1, length(?3)) <= ?3");
	filter_sql_release(&q);
	CHECK(filter_build(&f, FILTER_SOURCES, 1, &q, &e) == -QC_EUSAGE);
	CHECK(q.nbinds == 0);
	filter_sql_release(&q);
	qc_err_release(&e);
}

int main(void)
{
	RUN(empty);
	RUN(lists_and_numbers);
	RUN(dates_people_attrs);
	RUN(coder);
	RUN(sources);
	UNIT_DONE();
}
