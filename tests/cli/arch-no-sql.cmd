# Commands are thin: no SQL in the command files or the REPL (no sqlite3_*
# calls, no store_prepare/store_exec/store_int, no SQL text). It lists the
# files still to move, and says "none" when every one has moved.
cd "$ROOT/src" || exit 1
left=$(grep -lE 'sqlite3_|store_(prepare|exec|int)\(|"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|WITH)[[:space:]]' \
	cmd_*.c repl.c | sort)
echo "${left:-none}"
