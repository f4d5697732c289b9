# One grammar for the numbers options take: huff report, huff train and
# huff bench accept or refuse a value alike, and refuse it with the same
# words, "huff: CMD: OPTION: invalid value 'X' (expected ...)"
# (src/cli/numbers.c, src/cli/msg.c).
. "$T_LIB"

gen_text 3000 >a.txt

# smooth CMD ALPHA - run CMD with --smooth ALPHA on a small input; the
# exit status is the command's, stderr in $ERR.
smooth() {
	case $1 in
	report) "$HUFF" report --p 1,2 --q 1,0 --smooth "$2" >out 2>"$ERR" ;;
	train) "$HUFF" train -f -o m.model --smooth "$2" a.txt >out 2>"$ERR" ;;
	bench) "$HUFF" bench -q -r 1 --min-time 0 --sweep --smooth "$2" a.txt >out 2>"$ERR" ;;
	esac
}

# Accepted by all three: decimals with a point, an exponent, blanks, a '+',
# trailing zeros past 12 places that reduce away, 12 places, 2^40.
for alpha in 0 0.5 .25 2. 1e-3 2E+2 ' 0.5' +1 0.50000000000000 1e-12 \
	1099511627776; do
	for cmd in report train bench; do
		smooth "$cmd" "$alpha" || { show_stderr; fail "$cmd --smooth '$alpha' refused"; }
		assert_stderr_empty
	done
done
rm m.model

# Refused by all three, with one message that names the value.
expect="(expected a decimal from 0 to 2^40 such as 0.5 or 1e-3, to 12 decimal places)"
for alpha in -1 x '' . 1.2.3 1e 0x10 inf 1e-13 0.0000000000001 1099511627777 \
	1e13; do
	for cmd in report train bench; do
		if smooth "$cmd" "$alpha"; then
			fail "$cmd --smooth '$alpha' accepted"
		fi
		assert_stderr_lines 1
		assert_eq "$(cat "$ERR")" "huff: $cmd: --smooth: invalid value '$alpha' $expect" \
			"$cmd --smooth '$alpha'"
	done
done
assert_missing m.model

# --max-len, a whole number, in train and bench alike.
for v in 7 16 x '' -1 +9 ' 9'; do
	assert_exit 1 "$HUFF" train -o m.model --max-len "$v" a.txt
	assert_eq "$(cat "$ERR")" \
		"huff: train: --max-len: invalid value '$v' (expected a whole number from 8 to 15)" \
		"train --max-len '$v'"
	assert_exit 1 "$HUFF" bench -q --max-len "$v" a.txt
	assert_eq "$(cat "$ERR")" \
		"huff: bench: --max-len: invalid value '$v' (expected a whole number from 8 to 15)" \
		"bench --max-len '$v'"
done
assert_missing m.model

# Whole numbers and lists in the same words: --runs, --min-time; an item
# of a list is named by its place.
assert_exit 1 "$HUFF" bench -q --runs 0 a.txt
assert_eq "$(cat "$ERR")" \
	"huff: bench: --runs: invalid value '0' (expected a whole number from 1 to 1000)" "--runs 0"
assert_exit 1 "$HUFF" bench -q --min-time 1.5 a.txt
assert_eq "$(cat "$ERR")" \
	"huff: bench: --min-time: invalid value '1.5' (expected a whole number from 0 to 60000)" \
	"--min-time 1.5"
assert_exit 1 "$HUFF" bench -q --pieces 256,1X a.txt
assert_eq "$(cat "$ERR")" \
	"huff: bench: --pieces: item 2: invalid value '1X' (expected a size from 1 to 1024M bytes, K or M for KiB or MiB)" \
	"--pieces 256,1X"
assert_exit 1 "$HUFF" report --p 1,2,-3
assert_eq "$(cat "$ERR")" \
	"huff: report: --p: item 3: invalid value '-3' (expected a decimal >= 0 such as 3, 0.5 or 2e-3)" \
	"--p 1,2,-3"
# A size in --pieces is a size as -B reads it: KiB and MiB units.
assert_exit 0 "$HUFF" bench -q -r 1 --min-time 0 --small --train a.txt \
	--pieces 1KiB,2kb,512 --json a.txt >small.json
grep -q '"piece_bytes": 2048' small.json || fail "--pieces 2kb is 2048 bytes"
