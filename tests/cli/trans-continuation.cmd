# Subtitle tools write a speaker label only in a turn's first cue: an
# interview of 16 turns in 32 cues imports as 16 turns, none speakerless,
# each from the start of its first cue to the end of its last.
qcode init >/dev/null
cp "$FIX"/import/interview-wijkverpleging.* .
qcode import --kind interview interview-wijkverpleging.srt
qcode import --kind interview --force --title "VTT zonder voices" \
	interview-wijkverpleging.vtt
echo '## cues in the files'
grep -c -- '-->' interview-wijkverpleging.srt interview-wijkverpleging.vtt
echo '## segments without a speaker'
sqlite3 qcode.db "SELECT count(*) FROM segments WHERE speaker IS NULL"
echo '## turns 1 and 2: times of the first and last cue'
sqlite3 qcode.db "SELECT source_id, ordinal, speaker, start_ms, end_ms
  FROM segments WHERE ordinal <= 2 ORDER BY source_id, ordinal"
qcode show S1 --from 1 --to 2
echo '## the same text from both files'
sqlite3 qcode.db "SELECT a.text = b.text FROM sources a, sources b
  WHERE a.id = 1 AND b.id = 2"
qcode participants
