#!/bin/sh
# run.sh - make test-slow: more than 4 GiB through huff, in pipes only
#
#   HUFF=path/to/huff BIGDATA=path/to/bigdata sh tests/slow/run.sh
#
# bigdata gen | huff -c | huff -dc | bigdata sum: the content must come back
# byte for byte (length and XXH3-64 compared), and each huff's peak resident
# memory (ru_maxrss, measured by bigdata maxrss) must stay under
# HUFF_SLOW_RSS_KIB (16 MiB; 0: not checked, as under sanitizers).  Nothing
# is written to disk but four small files.  HUFF_SLOW_BYTES sets the size
# (default 5 GiB); HUFF_SLOW_ARGS adds options to the compressor.
set -u

bytes=${HUFF_SLOW_BYTES:-5368709120}
limit=${HUFF_SLOW_RSS_KIB:-16384}
args=${HUFF_SLOW_ARGS:-}
: "${HUFF:?set HUFF}" "${BIGDATA:?set BIGDATA}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/huff-slow.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT

start=$(date +%s)
# shellcheck disable=SC2086
"$BIGDATA" gen "$bytes" "$dir/in.sum" |
	"$BIGDATA" maxrss "$dir/c.rss" "$HUFF" -c $args |
	"$BIGDATA" maxrss "$dir/d.rss" "$HUFF" -dc |
	"$BIGDATA" sum >"$dir/out.sum"
secs=$(( $(date +%s) - start ))

read -r c_rss c_st <"$dir/c.rss" || { echo "test-slow: no figures from huff -c"; exit 1; }
read -r d_rss d_st <"$dir/d.rss" || { echo "test-slow: no figures from huff -dc"; exit 1; }
echo "test-slow: $bytes bytes in ${secs}s; huff -c $args: max RSS $c_rss KiB, exit $c_st;" \
	"huff -dc: max RSS $d_rss KiB, exit $d_st"
echo "test-slow: in  $(cat "$dir/in.sum")"
echo "test-slow: out $(cat "$dir/out.sum")"
fail=0
[ "$c_st" -eq 0 ] && [ "$d_st" -eq 0 ] || { echo "test-slow: FAIL: huff failed"; fail=1; }
cmp -s "$dir/in.sum" "$dir/out.sum" || { echo "test-slow: FAIL: content differs"; fail=1; }
if [ "$limit" -gt 0 ]; then
	for rss in "$c_rss" "$d_rss"; do
		[ "$rss" -lt "$limit" ] || { echo "test-slow: FAIL: $rss KiB >= $limit KiB"; fail=1; }
	done
fi
[ $fail -eq 0 ] && echo "test-slow: pass"
exit $fail
