# The output gets the input's permission bits and modification time (to the
# nanosecond), both ways; a new file otherwise (stdin, several inputs in
# one -o) gets the usual 0666 less the umask.
. "$T_LIB"

gen_text 80000 >a
chmod 640 a
touch -d '2001-02-03 04:05:06.123456789' a
before=$(attrs a)
assert_eq "$before" "640 2001-02-03 04:05:06.123456789 $(date -d '2001-02-03 04:05:06' +%z)" \
	"the set-up (does this file system keep nanoseconds?)"

assert_exit 0 "$HUFF" a
assert_eq "$(attrs a.huf)" "$before" "compressed file"
assert_eq "$(attrs a)" "$before" "input after compression"
mv a a.orig
assert_exit 0 "$HUFF" -d a.huf
assert_eq "$(attrs a)" "$before" "decompressed file"

# Other modes, including read-only ones (the output is written first, the
# mode set last).
for m in 600 444 755 400; do
	chmod $m a
	assert_exit 0 "$HUFF" -f a
	assert_eq "$(stat -c %a a.huf)" $m "mode $m"
done
chmod 644 a

# -o with one input: its counterpart, the same attributes.
touch -d '1999-12-31 23:59:59.5' a
chmod 604 a
assert_exit 0 "$HUFF" -o one.huf a
assert_eq "$(attrs one.huf)" "$(attrs a)" "-o with one input"

# New files: from stdin, from several inputs.
umask 027
assert_exit 0 "$HUFF" -o stdin.huf <a
assert_eq "$(stat -c %a stdin.huf)" 640 "from stdin, umask 027"
cp a b
assert_exit 0 "$HUFF" -o two.huf a b
assert_eq "$(stat -c %a two.huf)" 640 "two inputs, umask 027"
[ "$(stat -c %Y two.huf)" -gt 1000000000 ] || fail "two.huf has an old time"
umask 022
assert_exit 0 "$HUFF" -d -o stdin.out <stdin.huf
assert_eq "$(stat -c %a stdin.out)" 644 "from stdin, umask 022"

# Overwriting with -f: the new file's attributes, not the old one's.
echo old >c.huf
chmod 600 c.huf
cp -p a c
chmod 664 c
assert_exit 0 "$HUFF" -f c
assert_eq "$(attrs c.huf)" "$(attrs c)" "overwritten with -f"
