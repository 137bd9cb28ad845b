# init creates the project; info shows what it holds (file size masked)
qcode init --title "Een goede start" --lang nl
qcode info | sed 's/^file size .*/file size     N KiB/'
ls -l qcode.db | cut -c1-10
