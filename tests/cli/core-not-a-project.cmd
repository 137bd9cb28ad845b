# a file that is not a qcode project is refused and left byte for byte unchanged
cp "$ROOT/README.md" readme.md
before=$(sha256sum readme.md)
qcode -p readme.md info
echo "exit $?"
[ "$before" = "$(sha256sum readme.md)" ] && echo "unchanged"
ls
