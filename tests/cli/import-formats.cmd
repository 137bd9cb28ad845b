# Every format, recognised by content: turns, speakers, words and times.
qcode init >/dev/null
T="$EX/transcripts"
qcode import "$T/focusgroep-ouders-tanthof.txt" "$T/focusgroep-professionals.md" \
	"$T/observatie-huisbezoek-voorhof.txt" 2>&1 | sed "s|$T/||"
qcode import "$T/interview-jgz.vtt" "$T/interview-kraamzorg.srt" \
	"$T/interview-verloskundige.docx" --kind interview \
	--role "Karin de Vries=JGZ" --role Lotte=kraamzorg | sed "s|$T/||"
qcode import "$FIX/import/interview-verloskundige.odt" --kind interview --force \
	--title "Interview verloskundige (ODT)" --date 2025-06-01 --attr wijk=Voorhof \
	| sed "s|$FIX/import/||"
qcode sources
qcode participants S4
echo '## the CRLF file is stored with LF and no front matter'
sqlite3 qcode.db "SELECT instr(s.text, char(13)) + (SELECT max(instr(g.text, char(13))) FROM segments g WHERE g.source_id = 1), substr(s.text, 1, 11) || (SELECT substr(g.text, 1, 19) FROM segments g WHERE g.source_id = 1 AND g.ordinal = 1) FROM sources s WHERE s.id = 1"
echo '## vtt: voices, merged cues, times; NOTE left out'
qcode show S4 --from 2 --to 3
echo '## srt: Name: at the start of a cue'
qcode show S5 --to 2
echo '## docx: bold labels, table rows; header, footer, comment and deletion left out'
qcode show S6 --from 4 --to 4
sqlite3 qcode.db "SELECT count(*) FROM sources WHERE text LIKE '%Transcriptiebureau%'
  OR text LIKE '%Navragen%' OR text LIKE '%geschrapt%' OR text LIKE '%Pagina 1%'"
echo '## odt: the same text as the docx'
sqlite3 qcode.db "SELECT a.text = b.text FROM sources a, sources b WHERE a.id = 6 AND b.id = 7"
qcode sources --attr wijk=Voorhof --json
echo '## observation: one segment a paragraph, [hh:mm] times'
qcode show S3 --to 2 --json
