#!/bin/sh
# Learning-history benchmark: report cycle of a project with 200 meetings
# and 2,000 actions (each planned, most tried, many evaluated with a
# fragment as evidence, some adopted or dropped), 600 review notes and
# priorities, 200 decisions and 100 lessons over 20 themes, beside
# report-bare rendering as many pages of plain text with bare libharu.
# qcode's time includes starting the process. Medians of QCODE_BENCH_RUNS
# (5) runs. The target: under a second. QCODE_BENCH_KEEP=1 keeps the
# generated project in build/bench-cycle.
b=${QCODE_BENCH_BUILD:?}
export QCODE_CODER=bench QCODE_NOW=2026-12-01T10:00:00Z
runs=${QCODE_BENCH_RUNS:-5}
dir="$b/bench-cycle"
rm -rf "$dir" && mkdir -p "$dir" || exit 1
[ -n "$QCODE_BENCH_KEEP" ] || trap 'rm -rf "$dir"' EXIT INT TERM
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fonts=$(dirname "$(fc-match -f '%{file}' 'DejaVu Sans:style=Book')")
q="$b/qcode -p $dir/p.db"
$q init --title "Leergeschiedenis" >/dev/null || exit 1
printf 'Ouder: Het woord kwetsbaar stond in de brief.\nVerloskundige: We kennen elkaar nu.\n' \
	> "$dir/t.txt"
$q import "$dir/t.txt" --kind focus-group >/dev/null || exit 1
# dates: meeting i on day 3i from 2020-01-01; actions planned at a meeting,
# tried ten days later, evaluated at the next meeting, then decided
sqlite3 "$dir/p.db" "
BEGIN;
INSERT INTO codes(guid, short_id, name, valence, ordinal, lesson)
 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
 SELECT 'T' || i, 't' || i, 'Thema ' || i, 'neutral', i,
 'De les van thema ' || i || '.' FROM n;
INSERT INTO meetings(guid, date, title, created_at)
 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
 SELECT 'M' || i, date('2020-01-01', '+' || (3 * i) || ' days'),
 'Bijeenkomst ' || i || ' van het leer- en ontwikkelteam', 'x' FROM n;
INSERT INTO meeting_roles SELECT id, 'ouder', 1 + id % 4 FROM meetings;
INSERT INTO meeting_roles SELECT id, 'verloskundige', 1 + id % 3 FROM meetings;
INSERT INTO meeting_roles SELECT id, 'JGZ', 1 + id % 2 FROM meetings;
INSERT INTO meeting_themes SELECT id, 1 + id % 20, 0 FROM meetings;
INSERT INTO reviews(guid, meeting_id, code_id, text, priority, by_role, created_at)
 SELECT 'RN' || id, id, 1 + id % 20, 'Het team vindt dit thema belangrijk en wil er'
 || ' in de praktijk mee verder; de ouders vertelden hoe het voor hen was.', NULL,
 NULL, 'x' FROM meetings;
INSERT INTO reviews(guid, meeting_id, code_id, text, priority, by_role, created_at)
 SELECT 'RP' || id || r, id, 1 + id % 20, NULL, 1 + (id + length(r)) % 5, r, 'x'
 FROM meetings, (SELECT 'ouder' AS r UNION ALL SELECT 'verloskundige');
INSERT INTO actions(guid, text, code_id, meeting_id, owner, status, created_at)
 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
 SELECT 'A' || i, 'Actie ' || i || ': de overdracht tussen verloskundige, kraamzorg'
 || ' en JGZ warmer maken', 1 + i % 20, 1 + (i - 1) / 10, 'JGZ',
 CASE i % 5 WHEN 0 THEN 'planned' WHEN 1 THEN 'trying' WHEN 2 THEN 'evaluated'
 WHEN 3 THEN 'adopted' ELSE 'dropped' END, 'x' FROM n;
INSERT INTO action_status(guid, action_id, status, date, meeting_id, created_at)
 SELECT 'S0' || a.id, a.id, 'planned', m.date, m.id, 'x' FROM actions a JOIN
 meetings m ON m.id = a.meeting_id;
INSERT INTO action_status(guid, action_id, status, date, meeting_id, created_at)
 SELECT 'S1' || a.id, a.id, 'trying', date(m.date, '+1 day'), NULL, 'x' FROM
 actions a JOIN meetings m ON m.id = a.meeting_id WHERE a.status <> 'planned';
INSERT INTO evaluations(guid, action_id, meeting_id, text, created_at)
 SELECT 'E' || a.id, a.id, min(a.meeting_id + 1, 200), 'Het werkte: ouders en'
 || ' professionals kennen elkaar nu, de overdracht gaat sneller.', 'x' FROM
 actions a WHERE a.status IN ('evaluated', 'adopted', 'dropped');
INSERT INTO evidence(evaluation_id, source_id, segment_id, start_cp, end_cp)
 SELECT e.id, 1, g.id, g.start_cp, g.end_cp FROM evaluations e, segments g
 WHERE g.ordinal = 1 + e.id % 2;
INSERT INTO action_status(guid, action_id, status, date, meeting_id, created_at)
 SELECT 'S2' || e.action_id, e.action_id, 'evaluated', m.date, m.id, 'x' FROM
 evaluations e JOIN meetings m ON m.id = e.meeting_id;
INSERT INTO action_status(guid, action_id, status, date, meeting_id, created_at)
 SELECT 'S3' || a.id, a.id, a.status, date(m.date, '+2 days'), NULL, 'x' FROM
 actions a JOIN evaluations e ON e.action_id = a.id JOIN meetings m ON
 m.id = e.meeting_id WHERE a.status IN ('adopted', 'dropped');
INSERT INTO decisions(guid, meeting_id, code_id, text, created_at)
 SELECT 'D' || id, id, 1 + id % 20, 'We gaan door met wat werkt en stoppen met'
 || ' wat ouders afschrikt.', 'x' FROM meetings;
INSERT INTO lessons(guid, text, process, code_id, meeting_id, created_at)
 SELECT 'L' || id, 'Samen leren vraagt tijd en ruimte.', id % 2, CASE WHEN id % 2
 THEN NULL ELSE 1 + id % 20 END, id, 'x' FROM meetings WHERE id <= 100;
COMMIT;" || exit 1
qs=""
for r in $(seq "$runs"); do
	set -- $("$b/bench/refi_bench" run $q report cycle -o "$dir/c.pdf")
	qs="$qs $1"
done
qm=$(echo $qs | tr ' ' '\n' | median)
pages=$(pdfinfo "$dir/c.pdf" | awk '/^Pages:/ { print $2 }')
bs=""
for r in $(seq "$runs"); do
	bs="$bs $("$b/bench/report-bare" "$dir/bare.pdf" "$pages" "$fonts")"
done
bm=$(echo $bs | tr ' ' '\n' | median)
echo "report: cycle of 200 meetings and 2000 actions (medians of $runs runs)"
awk -v q="$qm" -v b="$bm" -v p="$pages" 'BEGIN {
	printf "cycle          qcode %7.3f s  %d pages  %.0f pages/s\n", q, p, p / q
	printf "bare libharu   %7.3f s  %d pages  %.0f pages/s   ratio %.2f\n", b, p, p / b, q / b
	printf "target < 1 s: %s\n", q < 1 ? "met" : "MISSED" }'
