# About 200 damaged files through the command line (the library's own
# sweep is tests/unit/test_corruption.c): every cut of a tiny file, and
# seeded cuts, bit flips and byte overwrites of a file of many small blocks
# of every kind.  Each must give exit 1 and one message naming the file, no
# output file, no temporary file, and leave the input as it was (cksum
# before and after); never a sanitizer report (run.sh gives those exit
# statuses of their own).
. "$T_LIB"

printf 'abracadabra abracadabra' >tiny
"$HUFF" -c tiny >tiny.huf || fail "setup"
{ gen_words 2000; gen_zeros 700; gen_random 500; gen_text 2500; gen_words 300; } >multi
"$HUFF" -B 256 -1 -c multi >multi.huf || fail "setup"
"$HUFF" -t multi.huf || fail "setup: multi.huf"

cases=0

# damaged NAME - the damaged copy x.huf of NAME.huf must be refused.
damaged() {
	_sum=$(cksum <x.huf)
	assert_exit 1 "$HUFF" -d x.huf
	assert_stderr_matches '^huff: x\.huf: '
	assert_stderr_lines 1
	assert_missing x
	assert_no_temp_files
	assert_eq "$(cksum <x.huf)" "$_sum" "x.huf ($1) after huff -d"
	cases=$((cases + 1))
}

# put_byte FILE OFFSET VALUE
put_byte() {
	printf "\\$(printf '%03o' "$3")" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

get_byte() {
	od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '
}

# Every cut of the tiny file (the whole file is the one valid length).
size=$(size_of tiny.huf)
len=0
while [ $len -lt "$size" ]; do
	head -c $len tiny.huf >x.huf
	damaged "tiny cut to $len"
	len=$((len + 1))
done

# Seeded damage to the file of many blocks: a linear congruential
# generator, so that every run tries the same cases.
size=$(size_of multi.huf)
x=20261123
rand() {        # rand N: r in [0, N)
	x=$(( (x * 1103515245 + 12345) % 2147483648 ))
	r=$(( (x / 65536) % $1 ))
}
k=0
while [ $k -lt 150 ]; do
	rand "$size"
	at=$r
	case $((k % 3)) in
	0)
		head -c "$at" multi.huf >x.huf
		what="cut to $at" ;;
	1)
		cp multi.huf x.huf
		rand 8
		b=$(get_byte x.huf "$at")
		put_byte x.huf "$at" $((b ^ (1 << r)))
		what="bit $r of byte $at flipped" ;;
	*)
		cp multi.huf x.huf
		b=$(get_byte x.huf "$at")
		rand 255
		put_byte x.huf "$at" $(( (b + 1 + r) % 256 ))
		what="byte $at overwritten" ;;
	esac
	cmp -s x.huf multi.huf && fail "case $k: no damage done"
	damaged "multi, $what"
	k=$((k + 1))
done

assert_exit 0 "$HUFF" -dc multi.huf >multi.out
assert_same multi.out multi
note "$cases damaged files refused"
[ "$cases" -ge 190 ] || fail "only $cases cases"
