#!/bin/sh
# threads.sh - how much a second thread gives: huff -T1 against -T2 through the
# command line, on a 100 MB file in the page cache, to /dev/null, both ways
#
#   make && bench/threads.sh [CORPUS] [RUNS]
#   CORPUS holds large/; default $HUFF_CORPUS, else corpus/fetched.
#
# The file is the corpus's large/ files (E.coli, bible.txt, world192.txt)
# over and over, cut at 100,000,000 bytes: text and DNA, not random bytes.
# Each direction runs -T1 and -T2 alternately RUNS times (default 7) and
# prints the best and the median wall time (tools/maxrss.c times each
# run).  Speeds mean something only on a quiet machine.  On a shared one,
# CHRT="chrt -f 10" (root) runs each timed command with a real-time
# priority: Linux's autogroups give every session an equal share of the
# processors whatever its nice value, so other sessions' niced jobs would
# otherwise still take a core from -T2.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-${HUFF_CORPUS:-$root/corpus/fetched}}
runs=${2:-7}
chrt=${CHRT:-}
huff=$root/build/release/huff
work=${TMPDIR:-/tmp}/huff-threads-bench
for f in E.coli bible.txt world192.txt; do
	if [ ! -f "$corpus/large/$f" ]; then
		echo "threads.sh: no $corpus/large/$f (CORPUS holds large/; corpus/fetch.sh fetches it)" >&2
		exit 1
	fi
done
# Absolute: the rest runs in $work.
corpus=$(cd "$corpus" && pwd)
mkdir -p "$work"
cd "$work"
${CC:-cc} -O2 -o maxrss "$root/tools/maxrss.c"
# A file left short by an interrupted run is made again.
if [ ! -f f100 ] || [ "$(wc -c <f100)" -ne 100000000 ]; then
	i=0
	while [ $i -lt 9 ]; do
		cat "$corpus"/large/E.coli "$corpus"/large/bible.txt "$corpus"/large/world192.txt
		i=$((i + 1))
	done | head -c 100000000 >f100
	if [ "$(wc -c <f100)" -ne 100000000 ]; then
		echo "threads.sh: $corpus/large/ makes less than 100 MB in 9 copies: not the corpus" >&2
		rm -f f100
		exit 1
	fi
fi
"$huff" -T1 -c f100 >f100.huf
cat f100 f100.huf >/dev/null            # into the page cache

echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs"
for dir in compress decompress; do
	for t in 1 2; do : >"times.$dir.$t"; done
	i=0
	while [ $i -lt "$runs" ]; do
		for t in 1 2; do
			if [ $dir = compress ]; then
				$chrt ./maxrss rep "$huff" -T$t -c f100 >/dev/null
			else
				$chrt ./maxrss rep "$huff" -T$t -dc f100.huf >/dev/null
			fi
			cut -d' ' -f2 rep >>"times.$dir.$t"
		done
		i=$((i + 1))
	done
	for t in 1 2; do
		sort -n "times.$dir.$t" | awk -v d=$dir -v t=$t '
			{ a[NR] = $1 }
			END {
				m = a[int((NR + 1) / 2)]
				printf "%-10s -T%s  best %.3f s (%4.0f MB/s)  median %.3f s (%4.0f MB/s)  worst %.3f s\n",
				       d, t, a[1], 100 / a[1], m, 100 / m, a[NR]
			}'
	done
	b1=$(sort -n "times.$dir.1" | head -1)
	b2=$(sort -n "times.$dir.2" | head -1)
	m1=$(sort -n "times.$dir.1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	m2=$(sort -n "times.$dir.2" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	awk -v d=$dir -v b1="$b1" -v b2="$b2" -v m1="$m1" -v m2="$m2" \
		'BEGIN { printf "%-10s -T2 / -T1: best %.2fx, median %.2fx\n", d, b1 / b2, m1 / m2 }'
done
