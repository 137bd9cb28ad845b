# option values are checked by type, one rule per kind, for every command:
# colours (#rgb or #rrggbb), calendar dates, whole numbers in range; a
# clone of a source that does not exist is refused and leaves no file
qcode init >/dev/null
T="$EX/transcripts"
qcode import "$T/focusgroep-ouders-tanthof.txt" --date 2024-02-29 >/dev/null
echo '## colours'
qcode code add Rood --colour '#zzz'; echo "exit $?"
qcode code add Rood --colour 'red'; echo "exit $?"
qcode code add Rood --colour '#12345'; echo "exit $?"
qcode code add Rood --color '#c03'; echo "exit $?"
qcode code add Blauw --colour '#2E6F9E'; echo "exit $?"
qcode codes --json
cat >cb.yaml <<'YAML'
codes:
- id: a
  name: A
  colour: '#zzz'
- id: b
  name: B
  colour: '#0f0'
YAML
qcode codebook check cb.yaml; echo "exit $?"
echo '## dates'
qcode import "$T/observatie-huisbezoek-voorhof.txt" --date 2025-02-30; echo "exit $?"
qcode source set S1 --date 2025-02-30; echo "exit $?"
qcode source set S1 --date 2023-02-29; echo "exit $?"
qcode source set S1 --date 2100-02-29; echo "exit $?"
qcode source set S1 --date 2000-02-29; echo "exit $?"
qcode source set S1 --date 2024-04-31; echo "exit $?"
qcode source set S1 --date 24-01-01; echo "exit $?"
qcode search ouders --since 2024-13; echo "exit $?"
qcode search ouders --until 2024-02-30; echo "exit $?"
qcode coded rood --since yesterday; echo "exit $?"
qcode freq --until 2024-1; echo "exit $?"
qcode search ouders --since 2000 --until 2000-02 --count; echo "exit $?"
qcode sources
echo '## numbers'
qcode show S1 --from abc; echo "exit $?"
qcode show S1 --from 0; echo "exit $?"
qcode show S1 --to 2x; echo "exit $?"
qcode show S1 --from ' 2'; echo "exit $?"
qcode show S1 --from 99999999999999999999; echo "exit $?"
qcode show S1 --from 3 --to 2; echo "exit $?"
qcode search ouders --limit -1; echo "exit $?"
qcode search ouders --context 0x10; echo "exit $?"
qcode coded rood --context many; echo "exit $?"
qcode log --limit 1e3; echo "exit $?"
qcode agreement --ci 0.95abc; echo "exit $?"
qcode agreement --ci 1; echo "exit $?"
echo '## clone of a source that is not there'
qcode clone -o copy.db --for-coder bob --sources S1,S99; echo "exit $?"
qcode clone -o copy.db --for-coder bob --sources S1,Sx; echo "exit $?"
ls
