# Every option in each of its spellings: short, long, long=value, combined
# short options, values attached or separate, options after operands, "--".
. "$T_LIB"

gen_text 200000 >a
cp a a.orig
"$HUFF" -c a >ref.huf || fail "setup"

# check_huf FILE - FILE decodes to the original of a.
check_huf() {
	assert_exit 0 "$HUFF" -dc "$1" >check.out
	assert_same check.out a.orig
	rm check.out
}

# -z/--compress and -d/--decompress/--uncompress; the last one given wins.
for o in -z --compress; do
	assert_exit 0 "$HUFF" "$o" -c a >z.huf
	assert_same z.huf ref.huf
done
for o in -d --decompress --uncompress; do
	assert_exit 0 "$HUFF" "$o" -c ref.huf >d.out
	assert_same d.out a
done
assert_exit 0 "$HUFF" -d -z -c a >dz.huf
assert_same dz.huf ref.huf
assert_exit 0 "$HUFF" -z -d -c ref.huf >zd.out
assert_same zd.out a
rm z.huf d.out dz.huf zd.out

# -c/--stdout/--to-stdout
for o in -c --stdout --to-stdout; do
	assert_exit 0 "$HUFF" "$o" a >c.huf
	assert_same c.huf ref.huf
done
assert_missing a.huf
rm c.huf

# -o FILE, -oFILE, --output=FILE, --output FILE; -o after the operand.
assert_exit 0 "$HUFF" -o o1.huf a
assert_exit 0 "$HUFF" -oo2.huf a
assert_exit 0 "$HUFF" --output=o3.huf a
assert_exit 0 "$HUFF" --output o4.huf a
assert_exit 0 "$HUFF" a -o o5.huf
for f in o1 o2 o3 o4 o5; do
	assert_same $f.huf ref.huf
done
assert_missing a.huf
rm o?.huf

# -k/--keep (the default) and --rm; the last one wins.
assert_exit 0 "$HUFF" a
assert_exists a
rm a.huf
assert_exit 0 "$HUFF" -k a
assert_exists a
rm a.huf
assert_exit 0 "$HUFF" --keep a
assert_exists a
rm a.huf
assert_exit 0 "$HUFF" --rm -k a
assert_exists a
rm a.huf
assert_exit 0 "$HUFF" -k --rm a
assert_missing a
assert_same a.huf ref.huf
assert_exit 0 "$HUFF" -d --rm a.huf
assert_missing a.huf
assert_same a a.orig
# --rm with -c removes nothing (zstd: ignored when writing stdout).
assert_exit 0 "$HUFF" --rm -c a >c.huf
assert_exists a
# --rm with -o: inputs removed only once the output is in place.
cp a x
cp a y
assert_exit 0 "$HUFF" --rm -o xy.huf x y
assert_missing x
assert_missing y
assert_exit 0 "$HUFF" -dc xy.huf >xy
cat a a >aa
assert_same xy aa
# ... and not at all when the output fails.
cp a x
cp a y
assert_exit 1 "$HUFF" --rm -o xy2.huf x missing y
assert_exists x
assert_exists y
assert_missing xy2.huf
rm x y xy xy.huf aa c.huf

# -f/--force: overwrite.
echo old >a.huf
assert_exit 1 "$HUFF" a
assert_exit 0 "$HUFF" -f a
assert_same a.huf ref.huf
echo old >a.huf
assert_exit 0 "$HUFF" --force a
assert_same a.huf ref.huf
rm a.huf

# -t/--test
assert_exit 0 "$HUFF" -t ref.huf
assert_stderr_empty
assert_exit 0 "$HUFF" --test ref.huf
assert_exit 0 "$HUFF" -tv ref.huf
assert_stderr_matches '^ref\.huf: OK$'
cp ref.huf bad.huf
flip_byte bad.huf 70000
assert_exit 1 "$HUFF" -t bad.huf
assert_stderr_matches '^huff: bad\.huf: '
assert_only_files a a.orig ref.huf bad.huf          # -t writes nothing
rm bad.huf

# -l/--list (details in test_list.sh)
assert_exit 0 "$HUFF" -l ref.huf >l1
assert_exit 0 "$HUFF" --list ref.huf >l2
assert_same l1 l2
grep -q 'ref\.huf$' l1 || fail "-l: $(cat l1)"
rm l1 l2

# -S SUF, -SSUF, --suffix=SUF, --suffix SUF
assert_exit 0 "$HUFF" -S .x1 a
assert_exit 0 "$HUFF" -S.x2 a
assert_exit 0 "$HUFF" --suffix=.x3 a
assert_exit 0 "$HUFF" --suffix .x4 a
for s in x1 x2 x3 x4; do
	assert_same a.$s ref.huf
done
mv a a.keep
assert_exit 2 "$HUFF" -d a.x1                   # not the suffix in use
assert_stderr_matches 'unknown suffix'
assert_exit 0 "$HUFF" -d -S .x1 a.x1
assert_same a a.orig
rm a
assert_exit 0 "$HUFF" -d --suffix=.x3 a.x3
assert_same a a.orig
mv a.keep a
rm a.x?
assert_exit 1 "$HUFF" -S x/y a
assert_stderr_matches 'invalid suffix'

# -B SIZE in every spelling, units, limits; the block size shows in -l.
blocks() {
	"$HUFF" -l "$1" | awk 'NR == 2 { print $5 }'
}
assert_eq "$(blocks ref.huf)" 2 "blocks with the default 128K"
for o in "-B 64K" "-B64K" "--block-size=64K" "--block-size 64K" "-B 65536" \
	 "-B 64k" "-B 64KiB" "-B 64KB"; do
	# shellcheck disable=SC2086
	assert_exit 0 "$HUFF" $o -c a >b.huf
	assert_eq "$(blocks b.huf)" 4 "blocks with $o"
	check_huf b.huf
done
assert_exit 0 "$HUFF" -B 1M -c a >b.huf
assert_eq "$(blocks b.huf)" 1 "blocks with -B 1M"
assert_exit 0 "$HUFF" -B 256 -c a >b.huf
assert_eq "$(blocks b.huf)" 782 "blocks with -B 256"
check_huf b.huf
for bad in 255 1048577 2M 0 12Q K -1 ""; do
	assert_exit 1 "$HUFF" -B "$bad" -c a
	assert_stderr_matches 'block size'
done
rm b.huf

# Levels -1..-6 and --fast: blocks of the block size, the same output.
for o in -1 -2 -3 -4 -5 -6 --fast -c6; do
	assert_exit 0 "$HUFF" $o -c a >lv.huf
	assert_same lv.huf ref.huf
done
# -7..-9 and --best cut blocks by cost: on input whose statistics change
# every 20 KB, smaller output than -6, and each round-trips.
for i in 1 2 3 4 5 6 7 8; do
	head -c 20000 /dev/urandom
	yes 'the quick brown fox jumps over the lazy dog' | head -c 20000
done >mixed
assert_exit 0 "$HUFF" -6 -c mixed >m6.huf
for o in -7 -8 -9 --best -c9; do
	assert_exit 0 "$HUFF" $o -c mixed >lv.huf
	assert_exit 0 "$HUFF" -dc lv.huf >back
	assert_same back mixed
	[ "$(wc -c <lv.huf)" -lt "$(wc -c <m6.huf)" ] ||
		fail "$o: $(wc -c <lv.huf) bytes, not fewer than -6's $(wc -c <m6.huf)"
done
rm lv.huf m6.huf mixed back

# -v/--verbose: bits per byte and ratio on stderr.
assert_exit 0 "$HUFF" -v a
assert_stderr_matches '^a: [0-9]+\.[0-9]{2} bits/B, [0-9]+\.[0-9]% -> a\.huf$'
rm a.huf
assert_exit 0 "$HUFF" --verbose -c a >/dev/null
assert_stderr_matches '^a: .* -> stdout$'
assert_exit 0 "$HUFF" -v -d -c ref.huf >/dev/null
assert_stderr_matches '^ref\.huf: [0-9.]+ bits/B, [0-9.]+% -> stdout$'

# -q/--quiet
mkdir dir
assert_exit 2 "$HUFF" dir
assert_stderr_matches 'is a directory'
assert_exit 2 "$HUFF" -q dir
assert_stderr_empty
assert_exit 2 "$HUFF" --quiet dir
assert_stderr_empty
rmdir dir

# -h/--help: every option on stdout, exit 0.
assert_exit 0 "$HUFF" -h >help
assert_exit 0 "$HUFF" --help >help2
assert_same help help2
for o in -z --compress -d --decompress -c --stdout -o --output -k --keep \
	 --rm -f --force -t --test -l --list -S --suffix -B --block-size \
	 -1 -9 --fast --best -v --verbose -q --quiet -h --help -V --version; do
	grep -q -e "$o\\b" help || fail "--help does not mention $o"
done
grep -q '^Usage: huff' help || fail "no usage line"
rm help help2

# -V/--version
assert_exit 0 "$HUFF" -V >ver
grep -Eq '^huff [0-9]+\.[0-9]+\.[0-9]+$' ver || fail "-V: $(cat ver)"
assert_exit 0 "$HUFF" --version >ver2
assert_same ver ver2
rm ver ver2

# Combined short options: -dc, -kvf, -cd, -dcf, -kvfc.
assert_exit 0 "$HUFF" -dc ref.huf >dc.out
assert_same dc.out a
assert_exit 0 "$HUFF" -cd ref.huf >cd.out
assert_same cd.out a
"$HUFF" a
echo old >a.huf.old
assert_exit 0 "$HUFF" -kvf a
assert_stderr_matches '^a: .* -> a\.huf$'
assert_exists a
assert_exit 0 "$HUFF" -kvfc a >kvfc.huf
assert_same kvfc.huf ref.huf
assert_exit 0 "$HUFF" -dcf ref.huf >dcf.out
assert_same dcf.out a
rm dc.out cd.out dcf.out kvfc.huf a.huf a.huf.old

# "--" ends options: files named like options, and like subcommands.
gen_words 3000 >-v
gen_words 3000 >report
cp report report.orig
assert_exit 0 "$HUFF" -- -v
assert_exists -v.huf
assert_exit 0 "$HUFF" report </dev/null >report.txt    # the subcommand
assert_missing report.huf
grep -q 'empty: nothing to report' report.txt || fail "huff report did not report"
rm report.txt
assert_exit 0 "$HUFF" ./report
assert_exists report.huf
rm report.huf
assert_exit 0 "$HUFF" -- report
assert_exists report.huf
assert_exit 0 "$HUFF" -dc report.huf >report.out
assert_same report.out report.orig
assert_exit 0 "$HUFF" -c -- - <a >stdin.huf     # "-" after "--" is still stdin
assert_same stdin.huf ref.huf
assert_no_temp_files

# Long options by any beginning of their name that is one option's alone
# (getopt_long's abbreviations), in huff and in every subcommand; a
# beginning two options share is refused, naming both.
assert_exit 0 "$HUFF" --decomp --std ref.huf >prefix.out
assert_same prefix.out a.orig
assert_exit 0 "$HUFF" --output=prefix.huf --bl 64K a
assert_exit 0 "$HUFF" -dc prefix.huf >prefix.out
assert_same prefix.out a.orig
assert_exit 1 "$HUFF" --out=x a
assert_stderr_matches "^huff: option '--out' is ambiguous; possibilities: '--output' '--output-dir-flat'$"
assert_exit 1 "$HUFF" --s a
assert_stderr_matches "^huff: option '--s' is ambiguous; possibilities: '--stdout' '--suffix'$"
assert_stderr_matches "^Try 'huff --help'"
assert_exit 1 "$HUFF" --f a
assert_stderr_matches "^huff: option '--f' is ambiguous; possibilities: '--force' '--fast'$"
assert_missing a.huf
assert_exit 0 "$HUFF" report --sym --form=json a >prefix.json
grep -q '"symbols"' prefix.json || fail "huff report --sym --form=json: $(head -c 200 prefix.json)"
assert_exit 0 "$HUFF" train --out prefix.model --max-l 12 a
assert_exists prefix.model
assert_exit 1 "$HUFF" bench --s a
assert_stderr_matches "^huff: bench: option '--s' is ambiguous; possibilities: '--smooth' '--speed' "
assert_exit 1 "$HUFF" report --no-such a
assert_stderr_matches "^huff: report: unknown option '--no-such'"
rm prefix.out prefix.huf prefix.json prefix.model
