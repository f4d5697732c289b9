# bench/threads.sh checks its corpus before it times anything.  It once
# took a relative CORPUS from the directory it works in, found nothing
# there, and timed huff on an empty file (100000 MB/s, "0.85x").  Now a
# corpus without large/'s three files is refused with their name; a
# relative CORPUS is the caller's (tiny files there are found, and refused
# as too small to make the 100 MB file); nothing is timed either way.
. "$T_LIB"

root=$(cd "$(dirname "$T_LIB")/../.." && pwd)
mkdir tmp empty tiny tiny/large
for f in E.coli bible.txt world192.txt; do
	gen_text 1000 >"tiny/large/$f"
done

if TMPDIR=$PWD/tmp sh "$root/bench/threads.sh" empty 1 >out 2>"$ERR"; then
	fail "threads.sh ran without a corpus"
fi
assert_stderr_matches 'threads.sh: no empty/large/E.coli'
grep -q 'MB/s' out && fail "threads.sh timed something without a corpus"

if TMPDIR=$PWD/tmp sh "$root/bench/threads.sh" tiny 1 >out 2>"$ERR"; then
	fail "threads.sh ran on a corpus of 3 KB"
fi
assert_stderr_matches 'threads.sh: .*/tiny/large/ makes less than 100 MB'
grep -q 'MB/s' out && fail "threads.sh timed something on a 3 KB corpus"
assert_missing tmp/huff-threads-bench/f100
exit 0
