# WhisperX with diarization writes "[SPEAKER_00]: text" at the start of
# each cue (.srt, .vtt) and line (.txt); pyannote's and AWS's labels
# (SPEAKER_00, spk_0) are speakers. Consecutive cues of one speaker are one
# turn; all three files give the same turns (the .vtt has the text of the .srt, so it takes --force).
qcode init >/dev/null
printf '1\n00:00:01,000 --> 00:00:03,000\n[SPEAKER_00]: Goedemorgen, hoe gaat het?\n\n2\n00:00:03,500 --> 00:00:05,000\n[SPEAKER_01]: Goed hoor.\n\n3\n00:00:05,500 --> 00:00:07,000\n[SPEAKER_01]: De kraamzorg was er snel.\n' > wx.srt
printf 'WEBVTT\n\n00:01.000 --> 00:03.000\n[SPEAKER_00]: Goedemorgen, hoe gaat het?\n\n00:03.500 --> 00:05.000\n[SPEAKER_01]: Goed hoor.\n\n00:05.500 --> 00:07.000\n[SPEAKER_01]: De kraamzorg was er snel.\n' > wx.vtt
printf '[SPEAKER_00]: Goedemorgen, hoe gaat het?\n[SPEAKER_01]: Goed hoor. De kraamzorg was er snel.\n' > wx.txt
qcode import --kind interview wx.srt wx.txt
qcode import --kind interview --force wx.vtt
qcode show S1 --real-names
sqlite3 qcode.db "SELECT source_id, ordinal, speaker, text FROM segments ORDER BY 2, 1"
