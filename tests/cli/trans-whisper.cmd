# Whisper and whisper.cpp name no speakers: consecutive cues or segments
# join into paragraphs, a new one after a pause of more than 2 seconds.
qcode init >/dev/null
cp "$FIX"/import/whisper.srt "$FIX"/import/whisper-cpp.vtt \
	"$FIX"/import/whisper.json "$FIX"/import/whisper-cpp.json .
qcode import --kind interview whisper.srt
for f in whisper-cpp.vtt whisper.json whisper-cpp.json; do
	qcode import --kind interview --force "$f" | tail -n 1
done
echo '## cues in the srt'
grep -c -- '-->' whisper.srt
sqlite3 qcode.db "SELECT source_id, ordinal, speaker IS NULL, start_ms, end_ms
  FROM segments ORDER BY source_id, ordinal"
qcode show S3 --to 1
echo '## all four give the same text'
sqlite3 qcode.db "SELECT count(DISTINCT text) FROM sources"
echo '## JSON that is not a Whisper transcript, or not JSON'
printf '{"segments": [{"start": 1.0, "text": "x"}]}' > kapot.json
qcode import --kind interview kapot.json
printf '{"segments": [{"start": 1.0, "end": 2, "text": "x"}' > kort.json
qcode import --kind interview kort.json
printf '{"naam": "Ingrid"}\n' > ander.json
qcode import --kind interview ander.json
