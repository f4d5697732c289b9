# The output gets the input's permission bits and modification time (to the
# nanosecond), both ways; a new file otherwise (stdin, several inputs in
# one -o) gets the usual 0666 less the umask.  -n keeps a decompressed
# output's own times.
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

# -n/--no-name: decompressing, the output keeps the time of its writing,
# not the input's; its mode is still the input's.  -N/--name (the default)
# gives it the input's times again; the last of the two wins.
gen_text 5000 >n
chmod 640 n
touch -d '2001-02-03 04:05:06' n
old=$(stat -c %Y n)
assert_exit 0 "$HUFF" -n n
assert_eq "$(attrs n.huf)" "$(attrs n)" "-n compressing: the input's times all the same"
assert_exit 0 "$HUFF" -c n >n.ref
assert_same n.huf n.ref
mv n n.orig
for o in -n --no-name "-N -n" --no-n; do
	# shellcheck disable=SC2086
	assert_exit 0 "$HUFF" -d $o n.huf
	assert_same n n.orig
	assert_eq "$(stat -c %a n)" 640 "$o: the input's mode"
	[ "$(stat -c %Y n)" -gt "$old" ] || fail "$o: the output has the input's time"
	rm n
done
for o in -N --name "-n -N" ""; do
	# shellcheck disable=SC2086
	assert_exit 0 "$HUFF" -d $o n.huf
	assert_eq "$(attrs n)" "$(attrs n.huf)" "decompressed with '$o'"
	rm n
done
# -o with one input: the same rule.
assert_exit 0 "$HUFF" -d -n -o n.out n.huf
[ "$(stat -c %Y n.out)" -gt "$old" ] || fail "-n -o: the output has the input's time"
assert_exit 0 "$HUFF" -d -f -o n.out n.huf
assert_eq "$(attrs n.out)" "$(attrs n.huf)" "-o without -n"
