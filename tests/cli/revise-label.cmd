# Speaker labels corrected: 'Fatma' is 'Fatima' (role and pseudonym kept),
# Sanne's turns were Jeroen's and Fatima's (Sanne is left without turns).
qcode init >/dev/null
qcode import "$FIX/revise/fg.txt" >/dev/null
qcode codebook load "$ROOT/codebooks/phb-delft.yaml" >/dev/null
. "$FIX/revise/tag.sh"
qcode participant set S1 Fatma --pseudonym "Ouder A" >/dev/null
qcode participant set S1 Sanne --pseudonym "Ouder B" >/dev/null
qcode participants S1 --real-names
qcode source replace S1 "$FIX/revise/fg-label.txt"
qcode participants S1 --real-names
qcode show S1 --from 2 --to 3
qcode search 'speaker:fatima' --order doc --count
qcode coded continuiteit --tsv | cut -f2,3,4,8
