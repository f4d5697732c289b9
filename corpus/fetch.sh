#!/bin/sh
# fetch.sh - download the Canterbury, Large Canterbury and Calgary corpora
#
#   corpus/fetch.sh [-o DIR] [SET...]
#
# SET is canterbury, large or calgary (default: all three).  Each comes from
# its public home, https://corpus.canterbury.ac.nz/resources/ (cantrbry.tar.gz,
# large.tar.gz, calgary.tar.gz), is unpacked into DIR/SET/ (default
# corpus/fetched/, git-ignored) and verified file by file, size and sha256,
# against the table below.  A set that fails verification is not installed
# (nothing of it is moved into DIR/SET/) and the exit status is 1.  A set
# already in DIR/SET/ that verifies is left alone; one that does not is
# fetched again and replaced only by a copy that verifies.
#
# Environment:
#   FETCH_FROM=DIR  take the sets from DIR instead of the internet: DIR holds
#                   the archives above, or the unpacked sets as DIR/SET/FILE
#                   (the layout fetch.sh writes).  Verification is the same.
#   FETCH_BASE=URL  where the archives are (a mirror); default the one above.
#
# Needs curl or wget (not with FETCH_FROM), gzip, tar, and sha256sum,
# shasum or openssl.  Exit status 0 when every set asked for is in place and
# verified, 1 otherwise.

set -u

BASE=${FETCH_BASE:-https://corpus.canterbury.ac.nz/resources}
here=$(cd "$(dirname "$0")" && pwd)
dest=$here/fetched
me=fetch.sh

die() {
	printf '%s: %s\n' "$me" "$*" >&2
	exit 1
}

warn() {
	printf '%s: %s\n' "$me" "$*" >&2
}

# The expected files, from the reference corpus's MANIFEST.tsv: set, name,
# bytes, sha256.  calgary/pic is byte-identical to canterbury/ptt5.  The sums were
# checked there against two independent references (amkillam/
# compression-test-data's Git-LFS pointers, pfalcon/canterbury-corpus's
# SHA1SUM files), large/E.coli included.
manifest() {
	cat <<'EOF'
canterbury alice29.txt 152089 7467306ee0feed4971260f3c87421154a05be571d944e9cb021a5713700c38f0
canterbury asyoulik.txt 125179 eaa3526fe53859f34ecdf255712f9ecf0b2c903451d4755b2edaa2e2599cb0fc
canterbury cp.html 24603 e0cd21cef5b6c4069461e949be100080c3ce887de6f1dd8626c480528efaaf61
canterbury fields.c 11150 85d73e354cc50cec76cb5a50537cf8dc035f8cbb8480f9e1cbe2f7d6c23393c7
canterbury grammar.lsp 3721 1b0805dfc0ae706b35aac2bb4e15f02485efd24dda5dbd29de7b2f84d1a88c15
canterbury kennedy.xls 1029744 9af47239ca29dfe20e633f80bbbb9a4cc9783d0803d7b2b5626f42e4c3790420
canterbury lcet10.txt 426754 5314ba1dbb03f471df88bec6cd120a938ef60d0fd3511c5c1dce61bf7463245f
canterbury plrabn12.txt 481861 07e2e0b461af78c7c647cb53dab39de560198e16f799b4516eccf0fbd69f764c
canterbury ptt5 513216 0ec3a75089bb52342813496b17e51377bc9eba3cb519a444d67025354841d650
canterbury sum 38240 ee5733cd76ecc2f9d8ff156adc3c02a7a851051dcf43a2d56ff4ee4ff606bdb3
canterbury xargs.1 4227 c58aeb5d2d1e12751d47e7412b45784405fc30a5671b03d480fa05776e183619
calgary bib 111261 0f1a13936e358191533aca4a32ff42906d1b7f641f3afb0a90458b2410419fcf
calgary book1 768771 9ffa47cd93bccd732f20e0c304203cfbc1b8a91bedac536e2d8f6051003d9951
calgary book2 610856 c8538730cf2ce6a243acf3eb299c43d619b5c695d892f4884df796c13081fdf8
calgary geo 102400 913ff6f45610599020c02f543a0d5a1f46cf772412e25a568b683d23db8c447d
calgary news 377109 7f0482f9774681429eb7021050c17966f6acf19450e170de6611e1ed953d42e8
calgary obj1 21504 8c06109caffd7e794516e4ed10095b0238ea8df63ed66840907cd4dd23e2cf72
calgary obj2 246814 8b3e7f028bfefaebdd48a791060a1ab11d1ffd9bf27e0d63b15e58dda0deb984
calgary paper1 53161 8d9c42d9fa58b5bce1a8b5fae3cc27c9eb7cc7a032bc12a633d44e816497e143
calgary paper2 82199 dc4b9cf68094c632a920f4e76d0a0a8b9617b624c36928ca46a5d29798c5bbbe
calgary paper3 46526 c3e1ba94849992147cf68531311cf6512c9032b88f548d3e2d62cb659aef19d8
calgary paper4 13286 aeecc3ff5b2e497e35fbd2d2190627fff4818dabf7aee9734ac090c21b04739b
calgary paper5 11954 7a4b1ee6aa419ca362a9bbae383287fe8fee4324c9d6aefa7e94b6d845452ee8
calgary paper6 38105 8f38dd101a4e0c0e4acefec93d5da8198db593557e9e0019140e2dff24b1b080
calgary pic 513216 0ec3a75089bb52342813496b17e51377bc9eba3cb519a444d67025354841d650
calgary progc 39611 151377a9d6aa9b7e872000269707a15e2b038c826340628e6f4d8b4db9ec3c19
calgary progl 71646 9388db0cfb71ffbe5687d381819a5ff69cdd992d6931e0cf81a310a1caed0ba0
calgary progp 49379 d0cd70ab5f7381a8584b25fa73b3608571a17ee1042cc5c546f63b904614d1bc
calgary trans 93695 117a00c6af3e1c57f20013a8f1b468158f70634f685a348bedb7e4069cdd576a
large E.coli 4638690 9125dfd87315961ef4286f3856098069e050cc3a2abe65735fe43e69d1996f40
large bible.txt 4047392 4e0a7e8dff7d9c82dbded57305c0ca3cdd3c4ca014db27121782fe9710f4723f
large world192.txt 2473400 1aebdc97d29904b25791da9aa32be90b69d7da6dc0ac9b95512ed27ed40d2112
EOF
}

archive_of() {
	case $1 in
	canterbury) echo cantrbry.tar.gz ;;
	large) echo large.tar.gz ;;
	calgary) echo calgary.tar.gz ;;
	esac
}

while [ $# -gt 0 ]; do
	case $1 in
	-o)
		[ $# -ge 2 ] || die "-o needs a directory"
		dest=$2
		shift 2 ;;
	-h | --help)
		sed -n '2,/^$/s/^# \{0,1\}//p' "$0"
		exit 0 ;;
	--)
		shift
		break ;;
	-*)
		die "unknown option '$1' (fetch.sh -h)" ;;
	*)
		break ;;
	esac
done
sets=${*:-canterbury large calgary}
for s in $sets; do
	[ -n "$(archive_of "$s")" ] || die "$s: no such set (canterbury, large, calgary)"
done

if command -v sha256sum >/dev/null 2>&1; then
	sha256_of() { sha256sum <"$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
	sha256_of() { shasum -a 256 <"$1" | cut -d' ' -f1; }
elif command -v openssl >/dev/null 2>&1; then
	sha256_of() { openssl dgst -sha256 <"$1" | sed 's/.*= *//'; }
else
	die "cannot verify: need sha256sum, shasum or openssl"
fi

if [ -z "${FETCH_FROM:-}" ]; then
	if command -v curl >/dev/null 2>&1; then
		download() { curl -fsSL --connect-timeout 30 --retry 2 -o "$2" "$1"; }
	elif command -v wget >/dev/null 2>&1; then
		download() { wget -q -T 30 -t 3 -O "$2" "$1"; }
	else
		die "need curl or wget to download (or FETCH_FROM=DIR for local copies)"
	fi
elif [ ! -d "$FETCH_FROM" ]; then
	die "FETCH_FROM=$FETCH_FROM: not a directory"
fi

mkdir -p "$dest" || die "cannot create $dest"
tmp=$(mktemp -d "$dest/.fetch.XXXXXX") || die "cannot create a directory in $dest"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
manifest >"$tmp/manifest"

# verify SET DIR - every file of SET in DIR with its size and sha256; one
# line on stderr per problem; status 0 only if all match.
verify() {
	_ok=0
	while read -r _set _name _bytes _sum; do
		[ "$_set" = "$1" ] || continue
		_f=$2/$_name
		if [ ! -f "$_f" ]; then
			warn "$1/$_name: missing"
			_ok=1
			continue
		fi
		_got=$(wc -c <"$_f" | tr -d ' ')
		if [ "$_got" != "$_bytes" ]; then
			warn "$1/$_name: $_got bytes, expected $_bytes"
			_ok=1
			continue
		fi
		_got=$(sha256_of "$_f")
		if [ "$_got" != "$_sum" ]; then
			warn "$1/$_name: sha256 $_got, expected $_sum"
			_ok=1
		fi
	done <"$tmp/manifest"
	return $_ok
}

# obtain SET DIR - put SET's files (only those in the manifest) into DIR.
obtain() {
	_arch=$(archive_of "$1")
	_work=$tmp/work.$1
	mkdir -p "$_work" "$2" || return 1
	if [ -n "${FETCH_FROM:-}" ] && [ -f "$FETCH_FROM/$_arch" ]; then
		cp "$FETCH_FROM/$_arch" "$_work/$_arch" || return 1
	elif [ -n "${FETCH_FROM:-}" ] && [ -d "$FETCH_FROM/$1" ]; then
		while read -r _set _name _bytes _sum; do
			[ "$_set" = "$1" ] || continue
			[ -f "$FETCH_FROM/$1/$_name" ] || continue      # verify says so
			cp "$FETCH_FROM/$1/$_name" "$2/$_name" || return 1
		done <"$tmp/manifest"
		return 0
	elif [ -n "${FETCH_FROM:-}" ]; then
		warn "$1: neither $FETCH_FROM/$_arch nor $FETCH_FROM/$1/"
		return 1
	else
		echo "$1: downloading $BASE/$_arch"
		if ! download "$BASE/$_arch" "$_work/$_arch"; then
			warn "$1: cannot download $BASE/$_arch (no internet? FETCH_FROM=DIR takes local copies)"
			return 1
		fi
	fi
	mkdir "$_work/x" || return 1
	if ! gzip -dc "$_work/$_arch" | (cd "$_work/x" && tar -xf -); then
		warn "$1: $_arch does not unpack"
		return 1
	fi
	# The archives hold plain names today; look anywhere in case of a folder.
	while read -r _set _name _bytes _sum; do
		[ "$_set" = "$1" ] || continue
		_f=$(find "$_work/x" -type f -name "$_name" | head -n 1)
		[ -n "$_f" ] || continue                                # verify says so
		mv "$_f" "$2/$_name" || return 1
	done <"$tmp/manifest"
	rm -rf "$_work"
}

status=0
for s in $sets; do
	if [ -d "$dest/$s" ] && verify "$s" "$dest/$s" 2>/dev/null; then
		echo "$s: already in $dest/$s, verified"
		continue
	fi
	[ -d "$dest/$s" ] && warn "$s: $dest/$s does not verify; fetching it again"
	stage=$tmp/$s
	if ! obtain "$s" "$stage"; then
		warn "$s: not installed"
		status=1
		continue
	fi
	if ! verify "$s" "$stage"; then
		warn "$s: verification failed; not installed"
		status=1
		continue
	fi
	rm -rf "${dest:?}/$s"
	mv "$stage" "$dest/$s" || die "$s: cannot move into $dest/$s"
	n=$(grep -c "^$s " "$tmp/manifest")
	echo "$s: $n files in $dest/$s, sizes and sha256 verified"
done
exit $status
