# report_lib.sh - helpers shared by the huff report tests, on its one-line
# JSON objects (sourced after lib.sh: . "$(dirname "$T_LIB")/report_lib.sh")

# json_get KEY FILE - the value of a top-level KEY of the one-line JSON
# object in FILE (keys of the symbol table are named differently).
json_get() {
	sed -n "s/.*\"$1\": \([^,}]*\).*/\1/p" "$2"
}

# json_list KEY FILE - the elements of an array, comma-separated.
json_list() {
	sed -n "s/.*\"$1\": \[\([^]]*\)\].*/\1/p" "$2" | tr -d ' '
}

# assert_near KEY FILE EXPR [TOL] - the value is within TOL (1e-9) of the
# awk expression EXPR (l2(x) is log2), computed here, not by huff.
assert_near() {
	_v=$(json_get "$1" "$2")
	case $_v in
	''|null|*[!0-9eE.+-]*) fail "$1: got '$_v', expected a number near $3" ;;
	esac
	awk "function l2(x) { return log(x) / log(2) }
	     BEGIN { w = $3; d = $_v - w; if (d < 0) d = -d
		     if (d > ${4:-1e-9}) { printf \"%.17g\", w; exit 1 } }" >"$T_META/want" ||
		fail "$1: got $_v, expected $(cat "$T_META/want") ($3)"
}

# assert_json KEY FILE WANT - the value, exactly as printed.
assert_json() {
	assert_eq "$(json_get "$1" "$2")" "$3" "$1"
}

# report ARGS... - huff report --json ARGS into out.json: one line, no stderr.
report() {
	assert_exit 0 "$HUFF" report --json "$@" >out.json
	assert_stderr_empty
	assert_eq "$(wc -l <out.json | tr -d ' ')" 1 "lines of JSON"
}
