# Standard input and output: no FILE or "-" reads stdin and writes stdout;
# -c writes stdout and creates no file; -o names the output of stdin; the
# content size of a regular-file stdin is what is left to read.
. "$T_LIB"

gen_text 400000 >a
gen_words 100000 >b

# No FILE: stdin to stdout, both ways.
assert_exit 0 "$HUFF" <a >a.stdin.huf
assert_stderr_empty
assert_exit 0 "$HUFF" -d <a.stdin.huf >a.back
assert_same a.back a
# "-" is stdin too.
assert_exit 0 "$HUFF" - <a >a.dash.huf
assert_exit 0 "$HUFF" -d - <a.dash.huf >a.back2
assert_same a.back2 a
assert_only_files a b a.stdin.huf a.back a.dash.huf a.back2

# stdin from a pipe: size unknown until the end.
gen_text 400000 >pipe.in
cat a | "$HUFF" >a.pipe.huf || fail "compressing a pipe failed"
"$HUFF" -d <a.pipe.huf | cat >a.pipe.back || fail "decompressing to a pipe failed"
assert_same a.pipe.back a

# -c: to stdout, no file created, input kept; several inputs in order.
rm -f a.* pipe.in
assert_exit 0 "$HUFF" -c a >a.c.huf
assert_missing a.huf
assert_exit 0 "$HUFF" -c a b >ab.c.huf
assert_exit 0 "$HUFF" -dc ab.c.huf >ab.back
cat a b >ab
assert_same ab.back ab
assert_exit 0 "$HUFF" -dc a.c.huf >a.back
assert_same a.back a
assert_missing a.c
assert_exists a.c.huf

# -o with stdin.
assert_exit 0 "$HUFF" -o from_stdin.huf <a
assert_exit 0 "$HUFF" -d -o from_stdin.out <from_stdin.huf
assert_same from_stdin.out a
# "-o -" is stdout.
assert_exit 0 "$HUFF" -o - a >o_dash.huf
assert_same o_dash.huf a.c.huf

# stdin and files mixed: "-" in the middle of a -c list.
assert_exit 0 "$HUFF" -c a - a <b >aba.huf
assert_exit 0 "$HUFF" -dc aba.huf >aba.back
cat a b a >aba
assert_same aba.back aba

# A regular file as stdin, partly read already: the frame must declare the
# bytes left, not the file's size (else the encoder reports a size change).
{ dd bs=1000 count=1 of=/dev/null 2>/dev/null; "$HUFF" -c; } <a >rest.huf ||
	fail "compressing a partly read stdin failed"
tail -c +1001 a >rest
assert_exit 0 "$HUFF" -dc rest.huf >rest.back
assert_same rest.back rest

# Empty stdin: a valid empty frame.
assert_exit 0 "$HUFF" </dev/null >empty.huf
[ -s empty.huf ] || fail "no frame for empty input"
assert_exit 0 "$HUFF" -d <empty.huf >empty.back
assert_empty_file empty.back
# A closed stdin is an error, not an empty input (gzip: "Bad file
# descriptor"): no empty frame passes for the data.
assert_exit 1 "$HUFF" -c <&- >closed.huf
assert_stderr_matches '^huff: stdin: Bad file descriptor$'
assert_stderr_lines 1
assert_empty_file closed.huf
assert_exit 1 "$HUFF" <&- >closed.huf
assert_stderr_matches '^huff: stdin: Bad file descriptor$'
assert_exit 1 "$HUFF" -d <&- >closed.out
assert_stderr_matches '^huff: stdin: Bad file descriptor$'
assert_exit 1 "$HUFF" -o closed_o.huf <&-
assert_missing closed_o.huf
assert_exit 1 "$HUFF" -c -M - a <&- >closed.huf
assert_stderr_matches '^huff: stdin: model file: Bad file descriptor$'
# Named files do not need stdin.
assert_exit 0 "$HUFF" -c a <&- >a.closed.huf
assert_same a.closed.huf a.c.huf
# A closed stdout: an error before anything is read.
assert_exit 1 "$HUFF" -c a >&-
assert_stderr_matches '^huff: stdout: Bad file descriptor$'
assert_stderr_lines 1
assert_exit 1 "$HUFF" <a >&-
assert_stderr_matches '^huff: stdout: Bad file descriptor$'
assert_exit 1 "$HUFF" -dc a.c.huf >&-
assert_stderr_matches '^huff: stdout: Bad file descriptor$'
assert_exit 1 "$HUFF" -l a.c.huf >&-
assert_stderr_matches 'stdout: .*Bad file descriptor$'
# -t and named outputs write nothing there.
assert_exit 0 "$HUFF" -t a.c.huf >&-
assert_exit 0 "$HUFF" -o a.o.huf a >&-
assert_same a.o.huf a.c.huf

assert_no_temp_files
