# Faults of the system rather than of the data: an output that cannot be
# created, an input that cannot be read.  Each is exit 1, one line naming
# the file and the problem, no output file and no temporary file, the input
# untouched.  CI runs as root, for whom permission bits mean nothing, so
# each permission case has a root-proof twin: a parent that is a regular
# file (ENOTDIR), a directory of /proc or /sys (no file can be created
# there, whoever asks), /proc/self/mem (reading it at offset 0 is EIO).
# (/dev/full, a changing input and the other refusals are in
# test_failed_run_leaves_nothing.sh and test_refusals.sh.)
. "$T_LIB"

gen_text 200000 >a
cp a a.orig
"$HUFF" -c a >a.huf || fail "setup"
cp a.huf a.huf.orig
sum_a=$(cksum <a)
sum_huf=$(cksum <a.huf)

# inputs_intact - the inputs have their old contents.
inputs_intact() {
	assert_eq "$(cksum <a)" "$sum_a" "a's checksum"
	assert_eq "$(cksum <a.huf)" "$sum_huf" "a.huf's checksum"
	assert_no_temp_files
}

# --- An output whose parent is a regular file: ENOTDIR, root or not.
touch plain
assert_exit 1 "$HUFF" -o plain/a.huf a
assert_stderr_matches '^huff: plain/a\.huf: .*Not a directory$'
assert_stderr_lines 1
assert_exit 1 "$HUFF" -d -o plain/a a.huf
assert_stderr_matches '^huff: plain/a: .*Not a directory$'
assert_stderr_lines 1
inputs_intact

# --- A directory no one can create files in.  /proc first, then /sys.
for d in /proc /sys; do
	[ -d "$d" ] || continue
	if (: >"$d/huff-probe") 2>/dev/null; then
		rm -f "$d/huff-probe"
		continue
	fi
	# The directory, the output's name and the system's reason; not
	# the temporary file, which is how huff writes, not what was asked.
	assert_exit 1 "$HUFF" -o "$d/a.huf" a
	assert_stderr_matches "^huff: $d: cannot write a\\.huf there: [A-Z][a-z]"
	assert_stderr_not_matches 'temporary'
	# One problem, one line: not also "an input failed".
	assert_stderr_lines 1
	assert_exit 1 "$HUFF" -d -o "$d/a" a.huf
	assert_stderr_matches "^huff: $d: cannot write a there: "
	assert_stderr_lines 1
	assert_missing "$d/a.huf"
	inputs_intact
	tested_ro=1
done
[ -n "${tested_ro:-}" ] || note "no /proc or /sys that refuses files: skipped"
# An output without a directory in its name: the current one, ".".
if [ -n "${tested_ro:-}" ]; then
	here=$PWD
	(cd "$d" && "$HUFF" -o a.huf "$here/a") 2>"$ERR" && fail "an output in $d"
	assert_stderr_matches '^huff: \.: cannot write a\.huf there: '
	assert_stderr_lines 1
fi

# The same by permission, where permissions count.
if [ "$(id -u)" -ne 0 ]; then
	mkdir ro
	cp a ro/b
	chmod a-w ro
	assert_exit 1 "$HUFF" -o ro/a.huf a
	assert_stderr_matches '^huff: ro: cannot write a\.huf there: Permission denied$'
	assert_exit 1 "$HUFF" ro/b
	assert_stderr_matches '^huff: ro: cannot write b\.huf there: Permission denied$'
	assert_stderr_lines 1
	chmod u+w ro
	assert_missing ro/a.huf
	assert_missing ro/b.huf
	inputs_intact
else
	note "running as root: the permission-bit case of an unwritable directory skipped"
fi

# --- An input that cannot be read.  By permission (not as root)...
if [ "$(id -u)" -ne 0 ]; then
	cp a secret
	chmod 000 secret
	assert_exit 1 "$HUFF" secret
	assert_stderr_matches '^huff: secret: Permission denied$'
	assert_stderr_lines 1
	assert_missing secret.huf
	chmod 600 secret
	rm secret
else
	note "running as root: the permission-bit case of an unreadable input skipped"
fi
# ...and a read that fails: /proc/self/mem is a regular file whose offset
# 0 is never mapped, so read() fails with EIO for anyone.
if [ -f /proc/self/mem ] && ! head -c 1 /proc/self/mem >/dev/null 2>&1; then
	assert_exit 1 "$HUFF" -c /proc/self/mem >mem.out
	assert_stderr_matches '^huff: /proc/self/mem: read error: Input/output error$'
	assert_stderr_lines 1
	assert_exit 1 "$HUFF" -dc /proc/self/mem >mem.out
	assert_stderr_matches '^huff: /proc/self/mem: read error'
	assert_stderr_lines 1
	# -o names an output apart from the input: a second line says it is
	# not written (it would lack that input).
	assert_exit 1 "$HUFF" -o mem.huf /proc/self/mem
	assert_stderr_matches '^huff: /proc/self/mem: read error'
	assert_stderr_matches '^huff: mem\.huf: not written'
	assert_stderr_lines 2
	assert_missing mem.huf
	assert_exit 1 "$HUFF" -d -o mem a.huf /proc/self/mem
	assert_stderr_lines 2
	assert_missing mem
	rm -f mem.out
else
	note "/proc/self/mem does not fail to read: the read-error case skipped"
fi

inputs_intact
assert_same a a.orig
assert_same a.huf a.huf.orig
