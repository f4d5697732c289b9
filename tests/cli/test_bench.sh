# huff bench: a smoke of every section on small generated files, one run
# (no timing is ever asserted): the output's structure in text, JSON and
# CSV, the round trips it counts, L_q >= L_p for every pair of the matrix
# (over the Canterbury corpus too when $HUFF_CORPUS holds it), huff0's
# columns with and without huff0 built in, directories, --save, --plot with
# and without gnuplot, errors.
. "$T_LIB"

gen_text 30000 >a.txt
gen_words 40000 >b.txt
gen_random 20000 >c.bin
# A short run: one timed run, no repetition to a minimum time.
QUICK="-r 1 --min-time 0"

# json_rows TABLE FILE - the lines of that table.
json_rows() {
	grep -E "^\\{\"table\": \"$1\", " "$2"
}

# json_field KEY - the values of KEY in the lines on stdin, one a line.
json_field() {
	sed -n "s/.*\"$1\": \\([^,}]*\\).*/\\1/p"
}

# assert_json_valid FILE - every line one flat JSON object with a table
# field; no NaN or infinity (JSON has neither: they must be null).
assert_json_valid() {
	if grep -vqE '^\{"table": "[a-z_]+"(, "[a-z0-9_]+": ("([^"\\]|\\.)*"|-?[0-9][0-9.e+-]*|null|true|false))*\}$' "$1"; then
		grep -vE '^\{"table": "[a-z_]+"(, "[a-z0-9_]+": ("([^"\\]|\\.)*"|-?[0-9][0-9.e+-]*|null|true|false))*\}$' "$1" | head -3 >&2
		fail "$1: a line is not a flat JSON object with a table field"
	fi
	if grep -qiE ': (nan|-?inf)' "$1"; then
		fail "$1: NaN or infinity in JSON"
	fi
}

count() {
	wc -l | tr -d ' '
}

# --- speed, text ----------------------------------------------------------
assert_exit 0 "$HUFF" bench $QUICK --speed a.txt b.txt c.bin >speed.txt
assert_stderr_empty
grep -q '^  CPU  ' speed.txt || fail "no CPU line heading the output"
grep -q '^Speed, MB/s' speed.txt || fail "no speed table"
grep -q '^Size: huff' speed.txt || fail "no size table"
for f in a.txt b.txt c.bin '(total)'; do
	[ "$(grep -cF "  $f  " speed.txt)" -eq 2 ] || fail "$f: not in both tables"
done
grep -q 'deflateInit2(9, Z_DEFLATED, -15, 8, Z_HUFFMAN_ONLY)' speed.txt ||
	fail "zlib's parameters not named"
grep -q 'all identical' speed.txt || fail "round trips not reported"
for s in matrix sweep small; do
	if grep -qi "^$s" speed.txt; then fail "--speed printed section $s"; fi
done

# --- speed, JSON: every round trip counted -------------------------------
assert_exit 0 "$HUFF" bench $QUICK --speed --json a.txt b.txt c.bin >speed.json
assert_json_valid speed.json
assert_eq "$(json_rows machine speed.json | count)" 1 "machine rows"
json_rows machine speed.json | grep -q '"cpu": "[^"]' || fail "no CPU name"
assert_eq "$(json_rows speed speed.json | count)" 4 "speed rows"
assert_eq "$(json_rows size speed.json | count)" 4 "size rows"
# 3 coders, a warm-up and one run each: 6 checked round trips per file.
assert_eq "$(json_rows speed speed.json | json_field round_trips | tr '\n' ' ')" \
	"6 6 6 18 " "round trips per row"
for k in comp_mbs decomp_mbs check_comp_mbs zlib_comp_mbs comp_x_zlib; do
	json_rows speed speed.json | json_field $k | grep -qvE '^[0-9.e+-]+$' &&
		fail "$k: not a number in every row"
done
# Sizes are real: the default .huf is what huff writes; zlib's is smaller
# than the random file plus a little.
assert_exit 0 "$HUFF" -c b.txt >b.huf
assert_eq "$(json_rows size speed.json | grep '"file": "b.txt"' | json_field huf_bytes)" \
	"$(size_of b.huf)" "b.txt's huf_bytes"

# The level: the default's, unless -1..-9; the sizes are those huff -N
# writes, the level in every row and in the titles.
for k in speed size; do
	assert_eq "$(json_rows $k speed.json | json_field level | sort -u)" 6 "$k: default level"
done
grep -q '^Speed, MB/s .* huff -6: ' speed.txt || fail "text: the level is not in the speed title"
assert_exit 0 "$HUFF" bench $QUICK --speed -9 --json a.txt b.txt >speed9.json
assert_json_valid speed9.json
for k in speed size; do
	assert_eq "$(json_rows $k speed9.json | json_field level | sort -u)" 9 "$k: level -9"
done
assert_exit 0 "$HUFF" -9 -c b.txt >b9.huf
assert_eq "$(json_rows size speed9.json | grep '"file": "b.txt"' | json_field huf_bytes)" \
	"$(size_of b9.huf)" "b.txt's huf_bytes at -9"
assert_eq "$(json_rows speed speed9.json | json_field round_trips | tr '\n' ' ')" \
	"6 6 12 " "round trips per row at -9"
assert_exit 0 "$HUFF" bench $QUICK --speed -1 a.txt >speed1.txt
grep -q '^Speed, MB/s .* huff -1: ' speed1.txt || fail "text: -1 not in the speed title"
grep -q '^Size: huff -1 ' speed1.txt || fail "text: -1 not in the size title"
grep -q 'huff_decompress() at -1 ' speed1.txt || fail "text: -1 not in the notes"

# --- huff0 not built: its columns left out, said once --------------------
# $HUFF, the test program, is never built with huff0 (the Makefile).
grep -q 'huff0' speed.json && fail "JSON: huff0 fields without huff0"
assert_eq "$(grep -c 'huff0' speed.txt)" 1 "lines naming huff0 in the text"
grep -q '^  huff0: not built (make HUFF0_SRC=DIR, DIR a zstd source tree.s lib/)\.$' \
	speed.txt || fail "no note that huff0 is not built"
assert_exit 0 "$HUFF" bench $QUICK --speed --csv a.txt >speed0.csv
grep -q 'huff0' speed0.csv && fail "CSV: huff0 columns without huff0"

# --- huff0 built (make HUFF0_SRC=DIR) -------------------------------------
# The Makefile builds the test program with huff0 when HUFF0_SRC is set and
# names it in HUFF_HUFF0; run directly (tests/cli/run.sh), this test builds
# it itself from HUFF0_SRC.
here=$(cd "$(dirname "$T_LIB")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ -z "${HUFF_HUFF0:-}" ] && [ -n "${HUFF0_SRC:-}" ]; then
	note "building huff with huff0 from HUFF0_SRC=$HUFF0_SRC"
	make -s -C "$root" HUFF0_SRC="$HUFF0_SRC" B="$T_META/build" \
		"$T_META/build/test/huff-huff0" >"$T_META/make.log" 2>&1 ||
		{ cat "$T_META/make.log" >&2; fail "make HUFF0_SRC=$HUFF0_SRC failed"; }
	HUFF_HUFF0=$T_META/build/test/huff-huff0
fi
if [ -n "${HUFF_HUFF0:-}" ]; then
	H0=$HUFF_HUFF0
	# c.bin is random: huff0 stores it, 8 bytes of sizes before it; a
	# block of one byte value huff0 would code as RLE is stored too.
	gen_zeros 300000 >z.bin
	assert_exit 0 "$H0" bench $QUICK --speed --json a.txt c.bin z.bin >h0.json
	assert_json_valid h0.json
	assert_eq "$(json_rows speed h0.json | count)" 4 "huff0: speed rows"
	# 4 coders, a warm-up and one run each: 8 round trips per file.
	assert_eq "$(json_rows speed h0.json | json_field round_trips | tr '\n' ' ')" \
		"8 8 8 24 " "huff0: round trips per row"
	for k in huff0_comp_mbs huff0_comp_mbs_median huff0_decomp_mbs \
		huff0_decomp_mbs_median comp_x_huff0 decomp_x_huff0 \
		check_comp_x_huff0 check_decomp_x_huff0; do
		assert_eq "$(json_rows speed h0.json | json_field $k | grep -cE '^[0-9][0-9.e+-]*$')" \
			4 "huff0: $k a number in every row"
	done
	assert_eq "$(json_rows size h0.json | grep '"file": "c.bin"' | json_field huff0_bytes)" \
		20008 "huff0: the random file stored"
	assert_eq "$(json_rows size h0.json | grep '"file": "z.bin"' | json_field huff0_bytes)" \
		300024 "huff0: 3 blocks of one byte value stored"
	a0=$(json_rows size h0.json | grep '"file": "a.txt"' | json_field huff0_bytes)
	[ "$a0" -gt 8 ] && [ "$a0" -lt 30000 ] || fail "huff0: a.txt coded to $a0 bytes"
	# The ratios are the speeds' ratios, per file and in the total: huff
	# (alone, and with its checksum) over huff0, from the best times.
	json_rows speed h0.json | awk '
		function f(k,  m) { m = match($0, "\"" k "\": [^,}]*"); if (!m) return "none"
			return substr($0, RSTART + length(k) + 4, RLENGTH - length(k) - 4) + 0 }
		function near(a, b) { return a - b < 1e-9 * b && b - a < 1e-9 * b }
		{ if (!near(f("comp_x_huff0"), f("comp_mbs") / f("huff0_comp_mbs")) ||
		      !near(f("decomp_x_huff0"), f("decomp_mbs") / f("huff0_decomp_mbs")) ||
		      !near(f("check_comp_x_huff0"), f("check_comp_mbs") / f("huff0_comp_mbs")) ||
		      !near(f("check_decomp_x_huff0"), f("check_decomp_mbs") / f("huff0_decomp_mbs")))
			bad++ }
		END { exit bad > 0 }' || fail "huff0: a ratio is not the speeds' ratio"
	json_rows size h0.json | awk '
		function f(k,  m) { m = match($0, "\"" k "\": [^,}]*")
			return substr($0, RSTART + length(k) + 4, RLENGTH - length(k) - 4) + 0 }
		{ r = f("huf_bytes") / f("huff0_bytes"); d = f("huf_vs_huff0") - r
		  if (d > 1e-9 || d < -1e-9) bad++ }
		END { exit bad > 0 }' || fail "huff0: huf_vs_huff0 is not huf_bytes/huff0_bytes"
	# The text: huff0's columns beside zlib's, its note, no "not built".
	assert_exit 0 "$H0" bench $QUICK --speed a.txt c.bin >h0.txt
	assert_stderr_empty
	for h in 'huff0 c' 'huff0 d' 'c x huff0' 'd x huff0' '+check c x huff0' \
		'+check d x huff0' 'c x zlib'; do
		grep -F 'checked' h0.txt | grep -qF "  $h  " || fail "text: no column '$h'"
	done
	grep -q '^  huff0: zstd [0-9.]*.s Huffman coder, HUF_compress4X_repeat()' h0.txt ||
		fail "text: huff0 is not named"
	grep -q 'all 4 coders' h0.txt || fail "text: the round trips do not count huff0"
	grep -q 'not built' h0.txt && fail "text: huff0 built but said not to be"
	grep -F 'huff/huff0' h0.txt | grep -q 'huff0 bits/B' || fail "text: no huff0 sizes"
	assert_exit 0 "$H0" bench $QUICK --speed --csv a.txt >h0.csv
	# The headers: the machine's, the speed table's, the size table's.
	for k in huff0_comp_mbs huff0_decomp_mbs comp_x_huff0 check_decomp_x_huff0; do
		grep '^table,' h0.csv | sed -n 2p | grep -q ",$k," || fail "CSV: no column $k"
	done
	grep '^table,' h0.csv | sed -n 3p | grep -q ',huff0_bytes,' || fail "CSV: no huff0_bytes"
else
	note "HUFF0_SRC not set: huff0's columns are not tested (make HUFF0_SRC=DIR test)"
fi

# --- matrix: L_q >= L_p for every pair ------------------------------------
assert_exit 0 "$HUFF" bench --matrix --json a.txt b.txt c.bin >matrix.json
assert_json_valid matrix.json
assert_eq "$(json_rows matrix matrix.json | count)" 6 "matrix pairs of 3 files"
assert_eq "$(json_rows matrix matrix.json | grep -c '"lq_ge_lp": true')" 6 "pairs with L_q >= L_p"
json_rows matrix_summary matrix.json | grep -q '"all_lq_ge_lp": true' ||
	fail "matrix summary: not all L_q >= L_p"
json_rows matrix_summary matrix.json | grep -q '"pearson_r": [0-9-]' ||
	fail "matrix summary: no correlation"
assert_eq "$(json_rows matrix_apart matrix.json | count)" 5 "pairs that part most"

# assert_lq_ge_lp FILE - from the figures themselves, not the flag.
assert_lq_ge_lp() {
	json_rows matrix "$1" | sed 's/.*"lp": \([^,]*\), "lq": \([^,]*\),.*/\1 \2/' >"$T_META/lplq"
	awk '$2 == "null" || $2 + 0 < $1 + 0 { bad++ } END { exit bad > 0 }' "$T_META/lplq" ||
		fail "$1: a pair with L_q < L_p"
}
assert_lq_ge_lp matrix.json

assert_exit 0 "$HUFF" bench --matrix a.txt b.txt >matrix.txt
assert_exit 0 "$HUFF" bench --matrix --max-len 11 --json a.txt b.txt >matrix11.json
json_rows matrix_summary matrix11.json | grep -q '"limit": 11,' || fail "--max-len 11"
assert_lq_ge_lp matrix11.json
grep -q 'L_q-L_p' matrix.txt || fail "matrix text: no overhead column"
grep -q "L_p: p's own optimal code limited to 15 bits" matrix.txt ||
	fail "matrix text: the codes are not named"
grep -q '^  all L_q >= L_p  *yes' matrix.txt || fail "matrix text: summary"

# The Canterbury corpus, every pair.
corpus=${HUFF_CORPUS:-}
if [ -n "$corpus" ] && [ -d "$corpus/canterbury" ]; then
	assert_exit 0 "$HUFF" bench --matrix --json "$corpus/canterbury" >cant.json
	assert_json_valid cant.json
	n=$(ls "$corpus/canterbury" | count)
	assert_eq "$(json_rows matrix cant.json | count)" $((n * (n - 1))) "Canterbury pairs"
	assert_lq_ge_lp cant.json
	note "Canterbury matrix: $((n * (n - 1))) pairs, L_q >= L_p for each"
else
	note "no corpus (HUFF_CORPUS${corpus:+=$corpus}): the Canterbury matrix is skipped"
fi

# --- sweep ----------------------------------------------------------------
assert_exit 0 "$HUFF" bench --sweep --json a.txt >sweep.json
assert_json_valid sweep.json
assert_eq "$(json_rows sweep sweep.json | grep -c '"family": "mix"')" 10 "mix steps"
assert_eq "$(json_rows sweep sweep.json | grep -c '"family": "power"')" 9 "power steps"
# q = p at lambda 0 and at t = 1: no divergence, no overhead.
for step in '"family": "mix", "param": 0,' '"family": "power", "param": 1,'; do
	row=$(json_rows sweep sweep.json | grep -F "$step")
	assert_eq "$(echo "$row" | json_field kl)" 0 "D at $step"
	assert_eq "$(echo "$row" | json_field overhead)" 0 "overhead at $step"
done
assert_eq "$(json_rows sweep_mean sweep.json | count)" 19 "sweep means"

# --- small files ----------------------------------------------------------
assert_exit 0 "$HUFF" bench --small --train a.txt --pieces 256,1K,4K --json b.txt >small.json
assert_json_valid small.json
assert_eq "$(json_rows small small.json | json_field piece_bytes | tr '\n' ' ')" \
	"256 1024 4096 " "piece sizes"
assert_eq "$(json_rows small small.json | grep '"piece_bytes": 256,' | json_field pieces)" \
	157 "pieces of 256 bytes in 40000"
assert_eq "$(json_rows small_breakeven small.json | count)" 1 "break-even rows"
for k in kl predicted_bytes measured_first_bytes; do
	json_rows small_breakeven small.json | grep -q "\"$k\": " || fail "break-even: no $k"
done
assert_exit 0 "$HUFF" bench --small --train a.txt --pieces 512,2K b.txt c.bin >small.txt
grep -q '^Small files: where the own code starts to win' small.txt || fail "small text"
grep -q 'predicted 8T/D' small.txt || fail "small text: no prediction"

# --- every section that applies; CSV; directories ------------------------
mkdir d d/sub
cp b.txt d/2.txt
cp a.txt d/1.txt
echo hidden >d/.hidden
assert_exit 0 "$HUFF" bench $QUICK --csv --train c.bin d >all.csv
assert_eq "$(grep -c '^table,' all.csv)" 10 "CSV headers"
for t in machine speed size matrix matrix_summary matrix_apart sweep sweep_mean \
	small small_breakeven; do
	grep -q "^$t," all.csv || fail "CSV: no rows of table $t"
done
assert_eq "$(grep '^speed,' all.csv | cut -d, -f2 | tr '\n' ' ')" "1.txt 2.txt (total) " \
	"a directory's files, by name, without .hidden or sub/"

# --- --save and --plot ----------------------------------------------------
assert_exit 0 "$HUFF" bench $QUICK --sweep --matrix --save res --plot plots a.txt b.txt >/dev/null
for f in bench.txt bench.json machine.csv matrix.csv matrix_summary.csv sweep.csv; do
	[ -s "res/$f" ] || fail "--save: res/$f missing or empty"
done
assert_json_valid res/bench.json
[ -s plots/bench.gp ] && [ -s plots/overhead_vs_kl.dat ] || fail "--plot: no data or script"
if command -v gnuplot >/dev/null 2>&1; then
	for f in overhead_vs_kl overhead_vs_lambda overhead_vs_power; do
		grep -q '<svg' "plots/$f.svg" || fail "--plot: $f.svg is not an SVG"
	done
fi
# Without gnuplot: a note, the data and script, exit 0.
assert_exit 0 env PATH=/nonexistent "$HUFF" bench --matrix --plot noplot a.txt b.txt >/dev/null
assert_stderr_matches 'gnuplot is not installed'
[ -s noplot/bench.gp ] || fail "--plot without gnuplot: no script"
if ls noplot/*.svg >/dev/null 2>&1; then fail "--plot without gnuplot drew SVGs"; fi

# --- errors ---------------------------------------------------------------
assert_exit 1 "$HUFF" bench --matrix a.txt
assert_stderr_matches '^huff: bench: --matrix needs two'
assert_exit 1 "$HUFF" bench --small a.txt
assert_stderr_matches '^huff: bench: --small needs .*--train'
assert_exit 1 "$HUFF" bench --speed missing.txt
assert_stderr_matches '^huff: missing.txt: '
assert_exit 1 "$HUFF" bench -r 0 a.txt
assert_stderr_matches '^huff: bench: --runs'
assert_exit 1 "$HUFF" bench --pieces 1X a.txt
assert_stderr_matches '^huff: bench: --pieces'
assert_exit 1 "$HUFF" bench --bogus a.txt
assert_stderr_matches "unknown option '--bogus'"
for bad in -0 -10 -19; do
	assert_exit 1 "$HUFF" bench --speed $bad a.txt
	assert_stderr_matches "^huff: bench: unknown option '$bad' "
done
assert_exit 1 "$HUFF" bench
assert_stderr_matches 'no FILE or DIR'
assert_exit 0 "$HUFF" bench -h >help.txt
grep -q '^Usage: huff bench' help.txt || fail "no usage"
exit 0
