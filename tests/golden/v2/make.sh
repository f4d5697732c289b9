#!/bin/sh
# make.sh - how the version 2 golden files here were made (README.md),
# kept to show it, not to be rerun: the files are frozen, and a later
# encoder may write other bytes for the same input.  tests/cli/
# test_golden.sh decodes the committed bytes; it never runs this.
#
#   HUFF=build/release/huff sh tests/golden/v2/make.sh OUTDIR
set -eu
HUFF=$(cd "$(dirname "$HUFF")" && pwd)/$(basename "$HUFF")
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"
cd "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

text() {
	seq 1 "$1" | awk '{ printf "%s the %s of %d;\n", ($1 % 3 ? "and" : "but"),
		($1 % 5 ? "cat" : "dog"), $1 * 7 % 1000 }'
}

# FORMAT.md 9.4's example: one context block, one stream, K = 3.
yes 'the cat sat on the mat. ' | tr -d '\n' | head -c 300 >"$tmp/context"
# Eight streams (from 4 KiB).
text 600 >"$tmp/eight-streams"
# 4 KiB blocks: text (context), hashes (raw), z (rle), numbers (context).
{
	text 1000 | head -c 8192
	for i in $(seq 1 128); do echo "$i" | sha256sum | cut -c1-64; done | xxd -r -p
	head -c 4096 /dev/zero | tr '\0' z
	seq 1 2000 | tr '\n' ' ' | head -c 8192
} >"$tmp/mixed"
# A frame with a model: context blocks, and a model block at the end.
{
	yes 'it was the best of times, it was the worst of times,' | head -c 2048
	yes 'it was the age of wisdom, it was the age of foolishness' | head -c 200
} >"$tmp/model-context"

"$HUFF" -9 -c "$tmp/context" >context.huf
"$HUFF" -9 -c "$tmp/eight-streams" >eight-streams.huf
"$HUFF" -9 -B 4K -c "$tmp/mixed" >mixed.huf
"$HUFF" -9 -B 1K -M "$here/../golden.model" -c "$tmp/model-context" >model-context.huf
# A version 1 frame, then a version 2 frame.
cat "$here/../huffman.huf" context.huf >concat.huf
