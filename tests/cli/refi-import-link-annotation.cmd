# NVivo keeps an annotation as a Note that a Link leads from to a
# PlainTextSelection without a coding (no NoteRef). The note comes in as a
# memo on the turn the selection is, not on the project, and the link is
# not reported lost; a link between two codes still is.
qcode init >/dev/null
mkdir x x/sources
printf 'Interviewer: Hoe ging het?\nMoeder: De verloskundige kwam thuis.\n' > x/sources/S.txt
printf 'Goed voorbeeld van warme overdracht.' > x/sources/N.txt
cat > x/project.qde <<'X'
<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="nv" origin="NVivo 14">
 <Users><User guid="11111111-1111-1111-1111-111111111111" name="Lotte"/></Users>
 <CodeBook><Codes>
  <Code guid="22222222-2222-2222-2222-222222222221" name="A" isCodable="true"/>
  <Code guid="22222222-2222-2222-2222-222222222222" name="B" isCodable="true"/>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="33333333-3333-3333-3333-333333333333" name="int01" plainTextPath="internal://S.txt">
   <PlainTextSelection guid="44444444-4444-4444-4444-444444444444" startPosition="27" endPosition="63" creatingUser="11111111-1111-1111-1111-111111111111"/>
  </TextSource>
 </Sources>
 <Notes>
  <Note guid="55555555-5555-5555-5555-555555555555" name="Annotation" plainTextPath="internal://N.txt" creatingUser="11111111-1111-1111-1111-111111111111"/>
 </Notes>
 <Links>
  <Link guid="66666666-6666-6666-6666-666666666661" originGUID="55555555-5555-5555-5555-555555555555" targetGUID="44444444-4444-4444-4444-444444444444"/>
  <Link guid="66666666-6666-6666-6666-666666666662" name="leidt tot" originGUID="22222222-2222-2222-2222-222222222221" targetGUID="22222222-2222-2222-2222-222222222222"/>
 </Links>
</Project>
X
(cd x && python3 -c 'import zipfile,sys; z=zipfile.ZipFile("../nv.qdpx","w"); [z.write(f) for f in ("project.qde","sources/S.txt","sources/N.txt")]')
qcode refi import nv.qdpx
qcode memo list
