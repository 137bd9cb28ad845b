#!/bin/sh
# Report benchmark: the lessons-learned report of a large project (a
# generated corpus of QCODE_BENCH_MB megabytes, 200 by default, and
# QCODE_BENCH_CODINGS codings, 1000000) over a codebook of 20 themes of 20 factors, beside
# report-bare rendering the same number of pages of plain wrapped text with
# bare libharu and the bare SQL that reads what the report counts. qcode's
# time includes starting the process. Medians of QCODE_BENCH_RUNS (5) runs.
# The target: qcode within 2 x bare libharu + bare SQL, and a report of
# about 100 pages (the first 10 themes) in under a second.
# QCODE_BENCH_PROJECT=FILE keeps the generated project there and uses it
# again on the next run (same MB and codings).
b=${QCODE_BENCH_BUILD:?}
export QCODE_CODER=bench
runs=${QCODE_BENCH_RUNS:-5}
mb=${QCODE_BENCH_MB:-200}
codings=${QCODE_BENCH_CODINGS:-1000000}
dir="$b/bench-report"
rm -rf "$dir" && mkdir -p "$dir" || exit 1
trap 'rm -rf "$dir"' EXIT INT TERM
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fonts=$(dirname "$(fc-match -f '%{file}' 'DejaVu Sans:style=Book')")
keep=${QCODE_BENCH_PROJECT:-}
if [ -n "$keep" ] && [ -f "$keep" ]; then
	cp "$keep" "$dir/p.db" || exit 1
else
	"$b/bench/search-gen" "$dir/p.db" "$mb" >/dev/null || exit 1
	"$b/bench/sql-bench" codings "$dir/p.db" "$codings" || exit 1
	# 20 themes with 20 factors each (half facilitating, half hindering); the
	# codings spread over the factors
	sqlite3 "$dir/p.db" "
	BEGIN;
	INSERT INTO codes(guid, short_id, name, valence, ordinal, lesson, recommendation, skills)
	 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
	 SELECT 'T' || i, 't' || i, 'Thema ' || i, 'neutral', i,
	 'De les van thema ' || i || ': wat goed gaat en wat beter kan, in één alinea.',
	 'Blijf investeren in goede relaties.', 'Een open houding' || char(10) || 'Samen leren'
	 FROM n;
	INSERT INTO codes(guid, short_id, name, valence, ordinal, parent_id, definition)
	 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
	 SELECT 'F' || i, 'f' || i, 'Factor ' || i || ' van het thema', CASE i % 2 WHEN 0 THEN
	 'facilitating' ELSE 'hindering' END, i, (SELECT id FROM codes WHERE short_id =
	 't' || (1 + (i - 1) / 20)), 'Wat deze factor inhoudt.' FROM n;
	UPDATE OR IGNORE codings SET code_id = (SELECT id FROM codes WHERE short_id =
	 'f' || (1 + codings.id % 400));
	DELETE FROM codes WHERE short_id GLOB 'c[0-9]*';
	COMMIT;" || exit 1
	[ -z "$keep" ] || cp "$dir/p.db" "$keep" || exit 1
fi
n=$(sqlite3 "$dir/p.db" "SELECT count(*) FROM codings")
size=$(sqlite3 "$dir/p.db" "SELECT sum(length(text)) / 1000000 FROM segments")
q="$b/qcode -p $dir/p.db"
qs=""
for r in $(seq "$runs"); do
	set -- $("$b/bench/refi_bench" run $q report lessons -o "$dir/l.pdf")
	qs="$qs $1"
done
qm=$(echo $qs | tr ' ' '\n' | median)
# about 100 pages: the first 10 themes
ts=""
for r in $(seq "$runs"); do
	set -- $("$b/bench/refi_bench" run $q report lessons -o "$dir/t.pdf" \
		--theme t1 --theme t2 --theme t3 --theme t4 --theme t5 --theme t6 \
		--theme t7 --theme t8 --theme t9 --theme t10)
	ts="$ts $1"
done
tm=$(echo $ts | tr ' ' '\n' | median)
tpages=$(pdfinfo "$dir/t.pdf" | awk '/^Pages:/ { print $2 }')
pages=$(pdfinfo "$dir/l.pdf" | awk '/^Pages:/ { print $2 }')
bs=""
for r in $(seq "$runs"); do
	bs="$bs $("$b/bench/report-bare" "$dir/bare.pdf" "$pages" "$fonts")"
done
bm=$(echo $bs | tr ' ' '\n' | median)
# what the report must read: every coding and the speaker of every turn
s1=$("$b/bench/sql-bench" query "$dir/p.db" "$runs" "SELECT code_id, source_id, segment_id FROM codings")
s2=$("$b/bench/sql-bench" query "$dir/p.db" "$runs" "SELECT id, participant_id FROM segments WHERE participant_id IS NOT NULL")
# and the rest of what it asks: the speakers' names, and per factor the
# first 64 codings with their text, source kind and speaker's role
s3=$("$b/bench/sql-bench" query "$dir/p.db" "$runs" "WITH pn(id, name) AS (SELECT id,
 coalesce(pseudonym, CASE WHEN role IS NULL OR role = '' THEN 'Deelnemer' ELSE
 upper(substr(role, 1, 1)) || substr(role, 2) END || ' ' || row_number() OVER
 (PARTITION BY coalesce(role, '') ORDER BY source_id, id)) FROM participants)
 SELECT id, name FROM pn")
s4=$("$b/bench/sql-bench" query "$dir/p.db" "$runs" "SELECT k.id, c.source_id, s.kind,
 CASE WHEN g.id IS NOT NULL AND g.start_cp = c.start_cp AND g.end_cp = c.end_cp
 THEN g.text ELSE substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp) END, p.role
 FROM codes k JOIN codings c ON c.id IN (SELECT id FROM codings WHERE code_id = k.id
 ORDER BY source_id, start_cp LIMIT 64) JOIN sources s ON s.id = c.source_id
 LEFT JOIN segments g ON g.id = c.segment_id LEFT JOIN participants p ON
 p.id = g.participant_id WHERE k.parent_id IS NOT NULL")
echo "report: lessons of a $size MB corpus with $n codings, 420 codes (medians of $runs runs)"
awk -v q="$qm" -v b="$bm" -v s="$s1" -v t="$s2" -v u="$s3" -v v="$s4" -v p="$pages" \
    -v tq="$tm" -v tp="$tpages" 'BEGIN {
	printf "lessons        qcode %7.3f s  %d pages  %.0f pages/s\n", q, p, p / q
	printf "bare libharu   %7.3f s  %d pages  %.0f pages/s   ratio %.2f\n", b, p, p / b, q / b
	printf "bare SQL       %7.3f s (codings and speakers)\n", s + t
	printf "bare SQL, all  %7.3f s (and names, quote candidates)\n", s + t + u + v
	printf "qcode / (bare libharu + bare SQL)  ratio %.2f\n", q / (b + s + t)
	printf "target 2 x libharu + SQL %.3f s (all queries %.3f s): qcode %.3f s, %s\n",
		2 * b + s + t, 2 * b + s + t + u + v, q,
		q <= 2 * b + s + t ? "met" : q <= 2 * b + s + t + u + v ? \
		"met with all queries" : "MISSED"
	printf "lessons, 10 themes  qcode %7.3f s  %d pages  %.0f pages/s (target < 1 s: %s)\n",
		tq, tp, tp / tq, tq < 1 ? "met" : "MISSED" }'
