# corpus/fetch.sh's verification, in its local mode (FETCH_FROM=DIR; the
# test never downloads).  From $HUFF_CORPUS: every
# set installs and verifies, from directories and from a .tar.gz; a second
# run keeps what verifies and replaces what does not.  A tampered copy (one
# byte changed, one file cut short, one missing) fails, names each bad file
# and installs nothing; so does a download that cannot connect.  Absent
# corpus, or no sha256 tool: skipped.
. "$T_LIB"

root=$(cd "$(dirname "$0")/../.." && pwd)
FETCH=$root/corpus/fetch.sh
corpus=${HUFF_CORPUS:-}
[ -d "$corpus/canterbury" ] || skip "no corpus at ${corpus:-(HUFF_CORPUS unset)}"
command -v sha256sum >/dev/null 2>&1 || command -v shasum >/dev/null 2>&1 ||
	command -v openssl >/dev/null 2>&1 || skip "no sha256sum, shasum or openssl"

# Every set there is, from the directories.
sets=""
for set in canterbury large calgary; do
	[ -d "$corpus/$set" ] && sets="$sets $set"
done
# shellcheck disable=SC2086 # the set names are words
assert_exit 0 env "FETCH_FROM=$corpus" sh "$FETCH" -o out $sets >log
for set in $sets; do
	grep -q "^$set: .* verified$" log || fail "$set: not reported verified: $(cat log)"
	for f in "$corpus/$set"/*; do
		assert_same "$f" "out/$set/$(basename "$f")"
	done
	want=$(grep -c "^$set " "$FETCH")
	assert_eq "$(find "out/$set" -type f | wc -l | tr -d ' ')" "$want" "files in $set"
done
assert_eq "$(find out -name '.fetch*')" "" "fetch.sh's temporary directory"

# Again: nothing to do.  Then one installed file damaged: fetched again.
assert_exit 0 env "FETCH_FROM=$corpus" sh "$FETCH" -o out canterbury >log
grep -q '^canterbury: already in' log || fail "second run: $(cat log)"
chmod u+w out/canterbury/sum
flip_byte out/canterbury/sum 100
assert_exit 0 env "FETCH_FROM=$corpus" sh "$FETCH" -o out canterbury >log
assert_stderr_matches 'canterbury: .* does not verify; fetching it again'
assert_same "$corpus/canterbury/sum" out/canterbury/sum

# From an archive, as the real download would arrive.
mkdir arch
(cd "$corpus/canterbury" && tar -cf - .) | gzip -1 >arch/cantrbry.tar.gz
assert_exit 0 env "FETCH_FROM=$PWD/arch" sh "$FETCH" -o out2 canterbury >log
assert_same "$corpus/canterbury/ptt5" out2/canterbury/ptt5
assert_eq "$(ls -A out2)" canterbury "out2 holds only the set"

# A tampered copy: every problem named, nothing installed.
mkdir -p tam/canterbury
cp "$corpus/canterbury"/* tam/canterbury/
chmod -R u+w tam
flip_byte tam/canterbury/sum 100
head -c 1000 "$corpus/canterbury/xargs.1" >tam/canterbury/xargs.1
rm tam/canterbury/cp.html
assert_exit 1 env "FETCH_FROM=$PWD/tam" sh "$FETCH" -o out3 canterbury >log
assert_stderr_matches '^fetch.sh: canterbury/sum: sha256 [0-9a-f]{64}, expected ee5733cd'
assert_stderr_matches '^fetch.sh: canterbury/xargs.1: 1000 bytes, expected 4227$'
assert_stderr_matches '^fetch.sh: canterbury/cp.html: missing$'
assert_stderr_matches 'canterbury: verification failed; not installed'
assert_eq "$(ls -A out3)" "" "out3 after a failed verification"

# One tampered file among good ones, in an archive.
mkdir -p arch2/src
cp "$corpus/canterbury"/* arch2/src/
chmod -R u+w arch2
flip_byte arch2/src/alice29.txt 0
(cd arch2/src && tar -cf - .) | gzip -1 >arch2/cantrbry.tar.gz
rm -rf arch2/src
assert_exit 1 env "FETCH_FROM=$PWD/arch2" sh "$FETCH" -o out4 canterbury >log
assert_stderr_matches '^fetch.sh: canterbury/alice29.txt: sha256'
assert_stderr_lines 2
assert_eq "$(ls -A out4)" "" "out4 after a failed verification"

# No connection: a clear message, nothing installed.
if command -v curl >/dev/null 2>&1 || command -v wget >/dev/null 2>&1; then
	assert_exit 1 env FETCH_BASE=http://127.0.0.1:9 sh "$FETCH" -o out5 large >log
	assert_stderr_matches 'large: cannot download http://127\.0\.0\.1:9/large\.tar\.gz'
	assert_eq "$(ls -A out5)" "" "out5 after a failed download"
fi

assert_exit 1 sh "$FETCH" -o out6 cantrbry
assert_stderr_matches 'cantrbry: no such set'
exit 0
