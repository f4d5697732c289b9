#!/bin/sh
# make.sh - how the golden .huf files here were made (README.md), kept to
# show it, not to be rerun: the files are frozen, and a later encoder may
# well write other bytes for the same input.  The test (tests/cli/
# test_golden.sh) decodes the committed bytes; it never runs this.
#
#   HUFF=build/release/huff sh tests/golden/make.sh OUTDIR
#
# writes the .huf files, the model and MANIFEST into OUTDIR.
set -eu
HUFF=$(cd "$(dirname "$HUFF")" && pwd)/$(basename "$HUFF")
out=$1
mkdir -p "$out"
cd "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The contents, from commands that give the same bytes anywhere.
# (LC_ALL=C: awk's %c of 128..255 is then one byte, not UTF-8.)
LC_ALL=C awk 'BEGIN { for (i = 0; i < 256; i++) printf "%c", i }' </dev/null >"$tmp/raw"
head -c 1000 /dev/zero | tr '\0' z >"$tmp/rle"
printf 'abracadabra abracadabra' >"$tmp/huffman"
yes 'the quick brown fox jumps over the lazy dog' | head -c 768 >"$tmp/repeat"
seq 1 4096 | awk '{ printf "%s", ($1 * $1 % 7 < 3) ? "a" : "b" }' >"$tmp/four-streams"
: >"$tmp/empty"
yes 'hello, world' | head -n 3 >"$tmp/no-check"
yes 'it was the best of times, it was the worst of times,' | head -c 4000 >"$tmp/sample"
printf 'it was the age of wisdom, it was the age of foolishness' >"$tmp/model"

"$HUFF" -c "$tmp/raw" >raw.huf
"$HUFF" -c "$tmp/rle" >rle.huf
"$HUFF" -c "$tmp/huffman" >huffman.huf
"$HUFF" -c -B 256 "$tmp/repeat" >repeat.huf
"$HUFF" -c -B 4K "$tmp/four-streams" >four-streams.huf
"$HUFF" -c "$tmp/empty" >empty.huf
# From a pipe: no content size either.
cat "$tmp/no-check" | "$HUFF" -c --no-check >no-check.huf
"$HUFF" train -o golden.model --smooth 0.5 --max-len 15 "$tmp/sample"
"$HUFF" -c -M golden.model "$tmp/model" >model.huf
# Four frames with different flags, one after the other.
cat huffman.huf empty.huf rle.huf no-check.huf >concat.huf
cat "$tmp/huffman" "$tmp/empty" "$tmp/rle" "$tmp/no-check" >"$tmp/concat"

# MANIFEST: name, the model it needs (-), decoded size and SHA-256, and the
# frames and blocks by type (raw rle huffman repeat model) of huff -lv.
{
	echo "# name model size sha256 frames raw rle huffman repeat model"
	for f in raw rle huffman repeat four-streams empty no-check model concat; do
		m=-
		[ "$f" = model ] && m=golden.model
		if [ "$m" = - ]; then lv=$("$HUFF" -lv "$f.huf" | tail -n 1)
		else lv=$("$HUFF" -lv -M "$m" "$f.huf" | tail -n 1); fi
		# shellcheck disable=SC2086
		set -- $lv
		printf '%s %s %s %s %s %s %s %s %s %s\n' "$f.huf" "$m" \
			"$(wc -c <"$tmp/$f" | tr -d ' ')" \
			"$(sha256sum <"$tmp/$f" | cut -d' ' -f1)" "$6" "$7" "$8" "$9" "${10}" "${11}"
	done
} >MANIFEST
