# Out of memory: under an address-space limit (ulimit -v) falling from
# plenty to barely enough to start, every run of huff either works or
# fails with exit 1 and a message; never a crash, and never an output file
# when it fails.  (Found this way: huff bench --matrix freed its buffers
# twice when the second allocation failed, a segmentation fault.)
. "$T_LIB"

# valgrind needs address space of its own, and runs out first.
[ -z "${HUFF_UNDER_VALGRIND:-}" ] || skip "huff runs under valgrind (make valgrind)"
# Sanitizers reserve terabytes of address space: no limit fits them.
(ulimit -v 1000000 && "$HUFF" -V) >/dev/null 2>&1 ||
	skip "huff does not start under ulimit -v 1000000 (a sanitizer build?)"

# The smallest limit (KiB, in steps of 1 MiB) under which huff starts.
base=1024
until (ulimit -v $base && "$HUFF" -V) >/dev/null 2>&1; do
	base=$((base + 1024))
	[ $base -le 1000000 ] || fail "huff -V never starts"
done

head -c 16000000 /dev/urandom >big
gen_text 3000 >small
"$HUFF" -c big >big.huf || fail "setup"
"$HUFF" -c small >small.huf || fail "setup"

nomem=0
runs=0
# run_limited KIB OUT ARGS... - huff ARGS under the limit; OUT is the file
# it would write ('-' for none).
run_limited() {
	_v=$1
	_out=$2
	shift 2
	(ulimit -v "$_v"; exec "$HUFF" "$@") >/dev/null 2>"$ERR"
	_rc=$?
	runs=$((runs + 1))
	case $_rc in
	0) ;;
	1)
		assert_stderr_matches '^huff: '
		grep -q 'Cannot allocate memory\|out of memory' "$ERR" && nomem=$((nomem + 1))
		[ "$_out" = - ] || assert_missing "$_out"
		assert_no_temp_files ;;
	*)
		show_stderr
		fail "under ulimit -v $_v: exit $_rc: huff $*" ;;
	esac
	[ "$_out" = - ] || rm -f "$_out"
}

for extra in 200000 120000 100000 90000 80000 70000 60000 50000 40000 30000 20000 10000 \
	     5000 2000 1024; do
	v=$((base + extra))
	run_limited $v - bench --matrix big small
	run_limited $v - bench --speed -r 1 small
	run_limited $v out.huf -9 -o out.huf big
	run_limited $v out.huf -B 1M -o out.huf big
	run_limited $v out -d -o out big.huf
	run_limited $v out -d -o out small.huf
done
note "$runs runs from ulimit -v $((base + 200000)) down to $((base + 1024)) KiB: $nomem out of memory"
[ $nomem -gt 0 ] || fail "no run ran out of memory: the limits are too loose to test anything"
