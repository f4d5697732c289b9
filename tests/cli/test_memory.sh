# Memory: streaming compression and decompression of a
# 64 MiB pipe stay under 16 MiB of resident memory with one thread.  Prints
# the peak resident size (tools/maxrss.c, built here) for -T1, -T2, -T4.
. "$T_LIB"

here=$(cd "$(dirname "$T_LIB")" && pwd)
root=$(cd "$here/../.." && pwd)
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler ($cc) for tools/maxrss.c"
# ASan's shadow memory and quarantine would be measured, not huff's.
if grep -q __asan_init "$HUFF" 2>/dev/null; then
	skip "a sanitizer build: its memory is not huff's"
fi
assert_exit 0 "$cc" -O2 -o maxrss "$root/tools/maxrss.c"

size=$((64 << 20))
limit_kib=$((16 << 10))

gen_words $size | "$HUFF" -c >w.huf 2>"$ERR" || { show_stderr; fail "setup"; }

# kib - the peak resident KiB of the last maxrss run.
kib() {
	cut -d' ' -f1 rep
}

for t in 1 2 4; do
	gen_words $size | ./maxrss rep "$HUFF" -T$t -c >/dev/null 2>"$ERR" ||
		{ show_stderr; fail "-T$t -c failed"; }
	c=$(kib)
	gen_words $size | ./maxrss rep "$HUFF" -9 -T$t -c >/dev/null 2>"$ERR" ||
		{ show_stderr; fail "-9 -T$t -c failed"; }
	c9=$(kib)
	./maxrss rep "$HUFF" -T$t -dc <w.huf >/dev/null 2>"$ERR" ||
		{ show_stderr; fail "-T$t -dc failed"; }
	d=$(kib)
	printf 'memory: 64 MiB pipe, -T%s: compress %s KiB (-9: %s KiB), decompress %s KiB\n' \
		"$t" "$c" "$c9" "$d"
	if [ "$t" -eq 1 ]; then
		[ "$c" -lt $limit_kib ] || fail "compression holds $c KiB, over 16 MiB"
		[ "$c9" -lt $limit_kib ] || fail "-9 compression holds $c9 KiB, over 16 MiB"
		[ "$d" -lt $limit_kib ] || fail "decompression holds $d KiB, over 16 MiB"
	fi
done
