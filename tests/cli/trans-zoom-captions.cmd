# Zoom's saved captions (meeting_saved_closed_caption.txt): "[Name] 10:02:13"
# on a line of its own, the text below, a blank line between. Each block is
# a turn of that speaker at that time; the brackets are not in the name.
qcode init >/dev/null
printf '[Ingrid Vermeulen] 10:02:13\nGoedemorgen allemaal, fijn dat jullie er zijn.\n\n[Grace Okafor] 10:02:20\nGoedemorgen.\n\n[Grace Okafor] 10:02:24\nZullen we beginnen met de huisbezoeken?\n\n[Ingrid Vermeulen] 10:02:31\nJa.\n' > meeting_saved_closed_caption.txt
qcode import --kind focus-group meeting_saved_closed_caption.txt
qcode show S1 --real-names
qcode participants --real-names
