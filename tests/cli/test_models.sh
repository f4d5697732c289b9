# Models: huff train, -M/--model for compression, decompression, -t and -l,
# the decoding errors that name the model a file needs, bad model files,
# --no-check, and huff report --model MODEL.  With the corpus (calgary/
# under $HUFF_CORPUS): the 1 KiB pieces of book2
# and paper4..6 against a model of book1 and paper1..3, and every corpus
# file round-trips with that model.
. "$T_LIB"
. "$(dirname "$T_LIB")/report_lib.sh"

here=$(cd "$(dirname "$T_LIB")" && pwd)
corpus=${HUFF_CORPUS:-}

# gen_lang SEED BYTES - English-like text: Zipf-distributed words, some
# capitals and punctuation, 72-column lines; SEED picks the sequence.
gen_lang() {
	awk -v seed="$1" -v bytes="$2" 'BEGIN {
		srand(seed)
		n = split("the of and to a in is it you that he was for on are with as I his they be at one have this from or had by hot word but what some we can out other were all there when up use your how said an each she which do their time if will way about many then them write would like so these her long make thing see him two has look more day could go come did number sound no most people my over know water than call first who may down side been now find", w, " ")
		out = 0; col = 0
		while (out < bytes) {
			r = rand(); s = w[int(n * r * r * r) + 1]
			if (rand() < 0.08) s = toupper(substr(s, 1, 1)) substr(s, 2)
			if (rand() < 0.06) s = s ","
			else if (rand() < 0.05) s = s "."
			if (col + length(s) > 72) { printf "\n"; out++; col = 0 }
			else if (col > 0) { printf " "; out++; col++ }
			printf "%s", s; out += length(s); col += length(s)
		}
		printf "\n"
	}'
}

# byte_at FILE OFFSET - one byte as a decimal number.
byte_at() {
	od -An -tu1 -j "$2" -N1 "$1" | tr -d ' '
}

# set_byte FILE OFFSET VALUE - overwrite one byte in place.
set_byte() {
	printf "\\$(printf '%03o' "$3")" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# total FILE... - their sizes added.
total() {
	cat "$@" | wc -c | tr -d ' '
}

# model_id - the identifier that the last "huff train -v" printed.
model_id() {
	sed -n 's/.*: model \([0-9a-f]\{8\}\), .*/\1/p' "$ERR"
}

gen_lang 1 200000 >train.txt
gen_lang 2 40000 >test.txt
gen_lang 3 50000 >other.txt

# --- huff train -------------------------------------------------------------

assert_exit 0 "$HUFF" train -v -o lang.model train.txt
id=$(model_id)
[ -n "$id" ] || { show_stderr; fail "train -v: no model id"; }
assert_stderr_matches "^lang\\.model: model $id, $(size_of lang.model) bytes, from 1 file \\(200[0-9]{3} bytes\\)$"
assert_stderr_matches '^  entropy H\(p\) of the samples +[0-9.]+ +bits/byte$'
assert_stderr_matches '^  cross-entropy H\(p,q\), q the model +[0-9.]+ +bits/byte$'
assert_stderr_matches "^  the model's code on the samples +[0-9.]+ +bits/byte$"
assert_stderr_matches '^  byte values with a codeword +256 +of 256$'
assert_stderr_matches '^  smoothing +\+1/2 +per byte value \(--smooth 0\.5\)$'
# FORMAT.md section 8: magic, version 1, max_code_len 11, alpha 1/2.
assert_eq "$(od -An -tx1 -N8 lang.model | tr -d ' ')" 8948554d010f0102 "model header (limit 15, the default)"
# Without -v, silent; the same samples make the same file.
assert_exit 0 "$HUFF" train -o again.model train.txt
assert_stderr_empty
assert_same again.model lang.model
# -o - writes to stdout; --output= and a sample from stdin.
assert_exit 0 "$HUFF" train -o - train.txt >stdout.model
assert_same stdout.model lang.model
assert_exit 0 "$HUFF" train --output=stdin.model - <train.txt
assert_same stdin.model lang.model
rm again.model stdout.model stdin.model

# ALPHA exactly, reduced: alpha_num, alpha_den at offsets 6 and 7.
for case in 0.25:1:4 0.3:3:10 2:2:1 0:0:1 1.50:3:2; do
	alpha=${case%%:*}
	want=${case#*:}
	assert_exit 0 "$HUFF" train -o s.model --smooth "$alpha" train.txt
	assert_eq "$(byte_at s.model 6):$(byte_at s.model 7)" "$want" "--smooth $alpha as num:den"
	rm s.model
done
assert_exit 0 "$HUFF" train -o l.model --max-len 11 train.txt
assert_eq "$(byte_at l.model 5)" 11 "--max-len 11 in the file"
# --smooth 0: byte values the samples lack have no codeword.
assert_exit 0 "$HUFF" train -v -o s0.model --smooth=0 train.txt
assert_stderr_matches '^  byte values with a codeword +[0-9]+ +of 256$'
assert_stderr_not_matches ' 256 +of 256$'

# Refusals: exit 1, one line, nothing written.
cp lang.model keep.model
assert_exit 1 "$HUFF" train -o lang.model other.txt
assert_stderr_matches '^huff: lang\.model: already exists; use -f to overwrite$'
assert_same lang.model keep.model
assert_exit 0 "$HUFF" train -f -o lang.model other.txt
assert_differ lang.model keep.model
mv keep.model lang.model
for args in "-o x.model" "-o x.model missing.txt" "-o x.model train.txt missing.txt" \
	"-o x.model ." "x.model train.txt" "-o x.model --smooth -1 train.txt" \
	"-o x.model --smooth 1e-13 train.txt" "-o x.model --smooth= train.txt" \
	"-o x.model --max-len 7 train.txt" "-o x.model --max-len 16 train.txt" \
	"-o x.model --bogus train.txt" "-o x.model --smooth 0 /dev/null"; do
	# shellcheck disable=SC2086
	assert_exit 1 "$HUFF" train $args
	assert_stderr_lines 1
	assert_stderr_matches '^huff: '
	assert_missing x.model
done
assert_no_temp_files
assert_exit 1 "$HUFF" train -o x.model train.txt missing.txt
assert_stderr_matches '^huff: missing\.txt: No such file or directory$'
assert_exit 1 "$HUFF" train -o x.model
assert_stderr_matches '^huff: train: no sample files given$'
# No data: empty samples would make a uniform code, with or without
# smoothing; an error, and no model, to a file or to stdout.
: >empty.txt
assert_exit 1 "$HUFF" train -o x.model empty.txt
assert_stderr_matches '^huff: train: no data to train on: the sample is empty$'
assert_stderr_lines 1
assert_missing x.model
assert_exit 1 "$HUFF" train -o x.model empty.txt - </dev/null
assert_stderr_matches '^huff: train: no data to train on: every sample is empty$'
assert_missing x.model
assert_exit 1 "$HUFF" train -o - --smooth 1 empty.txt >stdout.model
assert_stderr_matches '^huff: train: no data to train on'
[ -s stdout.model ] && fail "train on no data wrote a model to stdout"
rm empty.txt stdout.model
assert_no_temp_files
assert_exit 0 "$HUFF" train -h >help.txt
grep -q 'Krichevsky-Trofimov' help.txt || fail "train -h does not name the estimator"

# --- -M: small pieces, with and without the model --------------------------

# 40 pieces of 1 KiB, each its own file and so its own frame.
mkdir pieces
split -b 1024 -a 3 test.txt pieces/p.
assert_exit 0 "$HUFF" pieces/p.???
assert_exit 0 "$HUFF" -M lang.model -S .m pieces/p.???
assert_exit 0 "$HUFF" train -o lang11.model --max-len 11 train.txt
assert_exit 0 "$HUFF" --model=lang11.model -S .m11 pieces/p.???
own=$(total pieces/*.huf)
with=$(total pieces/*.m)
with11=$(total pieces/*.m11)
printf 'generated text, %s pieces of 1 KiB: own codes %s bytes, model (15) %s (%s), --max-len 11 model %s (%s)\n' \
	"$(ls pieces/p.??? | wc -l | tr -d ' ')" "$own" "$with" "$((with - own))" \
	"$with11" "$((with11 - own))"
[ "$with" -lt "$own" ] || fail "the model does not make the pieces smaller: $with >= $own"
# Why the default is 15 (bench/MEASUREMENTS.md, "Models").
[ "$with" -lt "$with11" ] || fail "the default 15-bit model does not beat 11: $with >= $with11"

# Round trips, one process for every piece.
cat pieces/p.??? >all.txt
assert_exit 0 "$HUFF" -d -M lang.model -c pieces/*.m >rt.txt
assert_same rt.txt all.txt
assert_exit 0 "$HUFF" -t -M lang.model pieces/*.m
assert_exit 0 "$HUFF" -d -M lang11.model -c pieces/*.m11 >rt.txt
assert_same rt.txt all.txt
# A large file too, and a stdin-to-stdout pipe.
assert_exit 0 "$HUFF" -M lang.model -c other.txt >other.huf
assert_exit 0 "$HUFF" -dc -M lang.model other.huf >rt.txt
assert_same rt.txt other.txt
assert_exit 0 "$HUFF" -M lang.model <test.txt >t.huf
assert_exit 0 "$HUFF" -d -M lang.model <t.huf >rt.txt
assert_same rt.txt test.txt

# -lv: model blocks are counted, and the files' model id shown.
assert_exit 0 "$HUFF" -lv -M lang.model pieces/*.m >list.txt
head -n 1 list.txt | grep -Eq 'repeat +model +context +model id +name' || fail "-lv header: $(head -n 1 list.txt)"
set -- $(grep '(totals)' list.txt)
[ "${11}" -gt 0 ] || fail "-lv: no model blocks: $(cat list.txt)"
assert_eq "${13}" "$id" "-lv model id"
awk -v id="$id" 'NR > 1 && $13 != id { exit 1 }' list.txt || fail "-lv: a line without the model id: $(cat list.txt)"
cp list.txt list_m.txt
# Without -M the headers alone list them, each figure as with the model:
# sizes, blocks by type, the model id.  And a file of frames with and
# without a model, and one cut short, which is still an error.
assert_exit 0 "$HUFF" -lv pieces/*.m >list.txt
assert_stderr_empty
cmp -s list.txt list_m.txt || fail "-lv without -M differs: $(diff list_m.txt list.txt)"
cat pieces/p.aaa.m pieces/p.aaa.huf >mixed.huf
assert_exit 0 "$HUFF" -lv mixed.huf >list.txt
set -- $(sed -n 2p list.txt)
assert_eq "$1 $2 $6 ${13}" "$(size_of mixed.huf) 2048 2 $id" "-lv of frames with and without a model"
head -c 100 pieces/p.aaa.m >cut.huf
assert_exit 1 "$HUFF" -l cut.huf >list.txt
assert_stderr_matches '^huff: cut\.huf: '
rm mixed.huf cut.huf list_m.txt
assert_exit 0 "$HUFF" -lv pieces/p.aaa.huf >list.txt
set -- $(sed -n 2p list.txt)
assert_eq "${11} ${13}" "0 -" "-lv without a model"

# --- Decoding errors: the message names the identifier expected -----------

assert_exit 0 "$HUFF" train -v -o other.model other.txt
other_id=$(model_id)
cp pieces/p.aaa.m one.huf
cp one.huf one.keep
for mode in -d -t -l; do
	# -l lists a file without its model (above), not with another.
	if [ "$mode" != -l ]; then
		assert_exit 1 "$HUFF" $mode one.huf >out.txt
		assert_stderr_lines 1
		assert_stderr_matches "^huff: one\\.huf: compressed with model $id; give it with -M$"
	fi
	assert_exit 1 "$HUFF" $mode -M other.model one.huf >out.txt
	assert_stderr_lines 1
	assert_stderr_matches "^huff: one\\.huf: compressed with model $id, not with other\\.model \\($other_id\\)$"
	assert_missing one
	assert_same one.huf one.keep
done
# -M on a file made without a model.
cp pieces/p.aaa.huf plain.huf
for mode in -d -t; do
	assert_exit 1 "$HUFF" $mode -M lang.model plain.huf
	assert_stderr_lines 1
	assert_stderr_matches '^huff: plain\.huf: compressed without a model, but -M lang\.model was given$'
	assert_missing plain
done
# With -o: nothing written.
assert_exit 1 "$HUFF" -d -o dout.txt one.huf
assert_stderr_matches "compressed with model $id; give it with -M"
assert_missing dout.txt
assert_no_temp_files

# --- Bad model files: one line, exit 1, nothing written --------------------

cp lang.model corrupt.model
flip_byte corrupt.model 100
head -c 300 lang.model >truncated.model
cp lang.model later.model
set_byte later.model 4 2
cp lang.model badmagic.model
set_byte badmagic.model 3 70            # 89 48 55 46: a .huf frame's magic
: >empty.model
cat lang.model lang.model >long.model
for case in "corrupt:corrupt or truncated model file" \
	"truncated:corrupt or truncated model file" \
	"later:unsupported model file version" \
	"badmagic:not a huff model file" "empty:not a huff model file" \
	"long:corrupt or truncated model file" "train.txt:not a huff model file" \
	"missing:model file: No such file or directory" \
	"pieces:model file: Is a directory"; do
	m=${case%%:*}
	want=${case#*:}
	case $m in
	*.txt|missing|pieces) ;;
	*) m=$m.model ;;
	esac
	cp test.txt in.txt
	assert_exit 1 "$HUFF" -M "$m" in.txt
	assert_stderr_lines 1
	assert_stderr_matches "^huff: $m: $want\$"
	assert_missing in.txt.huf
	assert_exit 1 "$HUFF" -d -M "$m" one.huf
	assert_stderr_matches "^huff: $m: $want\$"
	assert_missing one
	assert_same one.huf one.keep
	# report --model takes any file that does not start with the model
	# magic for its byte frequencies.
	case $m in
	train.txt|badmagic.model)
		assert_exit 0 "$HUFF" report --model "$m" test.txt >out.txt ;;
	*)
		assert_exit 1 "$HUFF" report --model "$m" test.txt >out.txt
		assert_stderr_matches "^huff: $m: " ;;
	esac
done
assert_no_temp_files
# A model from stdin, but not when stdin is also the input.
assert_exit 0 "$HUFF" -d -M - -c one.huf <lang.model >rt.txt
assert_same rt.txt pieces/p.aaa
assert_exit 1 "$HUFF" -d -M - <one.huf
assert_stderr_matches 'standard input cannot be both the model'

# --- --no-check --------------------------------------------------------------

assert_exit 0 "$HUFF" -c test.txt >check.huf
assert_exit 0 "$HUFF" --no-check -c test.txt >nocheck.huf
assert_eq "$(size_of nocheck.huf)" "$(( $(size_of check.huf) - 4 ))" "--no-check size"
assert_exit 0 "$HUFF" -dc nocheck.huf >rt.txt
assert_same rt.txt test.txt
assert_exit 0 "$HUFF" --no-check -M lang.model -c test.txt >nocheck.huf
assert_exit 0 "$HUFF" -M lang.model -c test.txt >check.huf
assert_eq "$(size_of nocheck.huf)" "$(( $(size_of check.huf) - 4 ))" "--no-check -M size"
assert_exit 0 "$HUFF" -dc -M lang.model nocheck.huf >rt.txt
assert_same rt.txt test.txt
"$HUFF" -h >help.txt
grep -q 'no end-to-end check' help.txt || fail "-h does not say what --no-check gives up"

# --- huff report --model MODEL ------------------------------------------------

assert_exit 0 "$HUFF" report --json --symbols --model lang.model pieces/p.aaa >m.json
assert_stderr_empty
assert_eq "$(json_get model m.json)" '"lang.model"' "report: model"
assert_eq "$(json_get model_covers_data m.json)" true "report: model covers"
# The same q from the samples themselves (counts + 1/2; report scales both
# by 10): the same cross-entropy, but q's unlimited optimal code, where the
# model file's is its stored code, limited to 15 bits (the default).
assert_exit 0 "$HUFF" report --json --model train.txt --smooth 0.5 pieces/p.aaa >q.json
awk -v a="$(json_get cross_entropy m.json)" -v b="$(json_get cross_entropy q.json)" \
	'BEGIN { d = a - b; exit !(d < 1e-12 && d > -1e-12) }' ||
	fail "cross-entropy with the model file $(json_get cross_entropy m.json), with its counts $(json_get cross_entropy q.json)"
# model_avg is the stored code's: Σ count * length / n over the symbol
# table, with no length over the model's limit.
sed 's/{"symbol"/\n/g' m.json | sed -n 's/.*"count": \([0-9]*\),.*"model_code_len": \([0-9]*\)}.*/\1 \2/p' >lens.txt
[ -s lens.txt ] || fail "report --symbols: no model code lengths"
awk -v avg="$(json_get model_avg m.json)" '{ s += $1 * $2; n += $1; if ($2 > 15) bad = 1 }
	END { d = s / n - avg; exit bad || !(d < 1e-12 && d > -1e-12) }' lens.txt ||
	fail "model_avg $(json_get model_avg m.json) is not the stored code's: $(cat lens.txt)"
assert_exit 0 "$HUFF" report --model lang.model pieces/p.aaa >m.txt
grep -q "^  model q: lang\\.model, model file $id, its stored code (at most 15 bits), smoothed by +1/2 when trained$" m.txt ||
	fail "report text: $(grep 'model q' m.txt)"
# The smoothing the model file records (train's default 1/2), in JSON and
# CSV too; a model trained with --smooth 0 says it is not smoothed.
assert_eq "$(json_get smooth m.json)" 0.5 "report: a model file's smoothing"
assert_exit 0 "$HUFF" report --csv --model lang.model pieces/p.aaa >m.csv
col=$(head -n 1 m.csv | tr ',' '\n' | grep -n '^smooth$' | cut -d: -f1)
assert_eq "$(sed -n 2p m.csv | cut -d, -f"$col")" 0.5 "report csv: a model file's smoothing"
assert_exit 0 "$HUFF" report --json --model s0.model pieces/p.aaa >m0.json
assert_eq "$(json_get smooth m0.json)" 0 "report: a model file without smoothing"
assert_exit 0 "$HUFF" report --model s0.model pieces/p.aaa >m0.txt
grep -q "^  model q: s0\\.model, model file [0-9a-f]\\{8\\}, its stored code (at most 15 bits), not smoothed when trained$" m0.txt ||
	fail "report text: $(grep 'model q' m0.txt)"
assert_exit 0 "$HUFF" train --smooth 0.001 --max-len 12 -o milli.model train.txt
assert_exit 0 "$HUFF" report --json --model milli.model pieces/p.aaa >mm.json
assert_eq "$(json_get smooth mm.json)" 0.001 "report: a model file's smoothing of 1/1000"
assert_exit 0 "$HUFF" report --model milli.model pieces/p.aaa >mm.txt
grep -q "its stored code (at most 12 bits), smoothed by +1/1000 when trained$" mm.txt ||
	fail "report text: $(grep 'model q' mm.txt)"
assert_exit 1 "$HUFF" report --model lang.model --smooth 1 pieces/p.aaa
assert_stderr_matches '^huff: report: --smooth: lang\.model is a model file'
# A model without smoothing cannot code a byte its samples lack.
printf '%s\n' '~~~' >tilde.txt
assert_exit 0 "$HUFF" report --json --model s0.model tilde.txt >m.json
assert_eq "$(json_get model_covers_data m.json) $(json_get model_avg m.json)" "false null" \
	"a model without ~"
assert_exit 0 "$HUFF" -M s0.model -c tilde.txt >tilde.huf
assert_exit 0 "$HUFF" -dc -M s0.model tilde.huf >rt.txt
assert_same rt.txt tilde.txt

# --- The corpus -----------------------------------------------------------------

cal=$corpus/calgary
if [ ! -f "$cal/book1" ]; then
	note "no corpus at ${corpus:-(HUFF_CORPUS unset)}: the corpus part is skipped"
	exit 0
fi
for f in book1 paper1 paper2 paper3 book2 paper4 paper5 paper6; do
	[ -f "$cal/$f" ] || fail "corpus: $cal/$f missing"
done
assert_exit 0 "$HUFF" train -o cal.model --max-len 11 "$cal/book1" "$cal/paper1" "$cal/paper2" "$cal/paper3"
# The default model: the one the issue's criterion is about.
assert_exit 0 "$HUFF" train -v -o cal15.model \
	"$cal/book1" "$cal/paper1" "$cal/paper2" "$cal/paper3"
cal_id=$(model_id)
mkdir cp
for f in book2 paper4 paper5 paper6; do
	split -b 1024 -a 4 "$cal/$f" "cp/$f."
done
n=$(ls cp | wc -l | tr -d ' ')
bytes=$(total cp/*)
assert_exit 0 "$HUFF" cp/*
assert_exit 0 "$HUFF" -M cal.model -S .m cp/*.????
assert_exit 0 "$HUFF" -M cal15.model -S .m15 cp/*.????
own=$(total cp/*.huf)
with=$(total cp/*.m)
with15=$(total cp/*.m15)
printf 'calgary book2, paper4..6: %s pieces of 1 KiB, %s bytes\n' "$n" "$bytes"
printf '  %-44s %7s bytes\n' "each piece its own code" "$own"
awk -v o="$own" -v w="$with" -v w15="$with15" 'BEGIN {
	printf "  %-44s %7d bytes, %+d (%+.2f%%)\n", "model of book1, paper1..3, --max-len 11", w, w - o, 100 * (w - o) / o
	printf "  %-44s %7d bytes, %+d (%+.2f%%)\n", "model of book1, paper1..3 (default, 15)", w15, w15 - o, 100 * (w15 - o) / o }'
[ "$with15" -lt "$own" ] || fail "corpus: the default model does not make the pieces smaller: $with15 >= $own"
cat cp/*.???? >all.txt
assert_exit 0 "$HUFF" -d -M cal15.model -c cp/*.m15 >rt.txt
assert_same rt.txt all.txt
assert_exit 0 "$HUFF" -lv -M cal15.model cp/*.m15 >list.txt
set -- $(grep '(totals)' list.txt)
printf '  %s of %s blocks coded with the model (%s)\n' "${11}" "$5" "${13}"
assert_eq "${13}" "$cal_id" "corpus: model id"

# Every corpus file round-trips with the model.
k=0
for set in calgary canterbury large; do
	[ -d "$corpus/$set" ] || continue
	for f in "$corpus/$set"/*; do
		[ -f "$f" ] || continue
		assert_exit 0 "$HUFF" -M cal15.model -c "$f" >c.huf
		assert_exit 0 "$HUFF" -d -M cal15.model -c c.huf >c.out
		cmp -s c.out "$f" || fail "corpus: $set/$(basename "$f") does not round-trip with the model"
		k=$((k + 1))
	done
done
printf '  %s corpus files round-trip with the model\n' "$k"
rm -f c.huf c.out
