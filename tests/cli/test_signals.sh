# SIGINT, SIGTERM and SIGHUP in the middle of a compression or a
# decompression leave no output and no temporary file, and the input
# intact, and huff dies of the signal (status 128+N, so that the shell or
# make stops too).  To land the signal mid-run, the input is a FIFO
# held open by this script: huff has written part of its output to the
# temporary file and waits for more input when the signal comes.
. "$T_LIB"

command -v mkfifo >/dev/null 2>&1 || skip "no mkfifo"

# A background job of a shell without job control starts with SIGINT
# ignored, and huff (like gzip) leaves an ignored signal ignored.  Undo that
# for the job, with env (coreutils 8.31+) or perl.
# A wrapper that execs, so that $! is huff's own pid.
if env --default-signal=INT true 2>/dev/null; then
	printf '#!/bin/sh\nexec env --default-signal=INT "$@"\n' >"$T_META/default_int"
elif command -v perl >/dev/null 2>&1; then
	printf '#!/bin/sh\nexec perl -e %s "$@"\n' \
		"'\$SIG{INT} = \"DEFAULT\"; exec @ARGV or exit 127'" >"$T_META/default_int"
else
	printf '#!/bin/sh\nexec "$@"\n' >"$T_META/default_int"
	no_int=1
fi
chmod +x "$T_META/default_int"

gen_text 1000000 >data
"$HUFF" -B 64K -c data >data.huf || fail "setup"
sum_data=$(cksum <data)
sum_huf=$(cksum <data.huf)

# interrupt SIG STATUS FEED OUT HUFF-ARGS... - start huff reading the FIFO
# "fifo", write the first 300000 bytes of FEED into it, wait for the
# temporary file, send SIG; check the status and that OUT and the temporary
# file are gone.
interrupt() {
	sig=$1
	status=$2
	feed=$3
	out=$4
	shift 4
	rm -f fifo
	mkfifo fifo
	exec 3<>fifo            # a writer that does not block and stays
	"$T_META/default_int" "$HUFF" "$@" <fifo 3>&- 2>"$ERR" &
	pid=$!
	head -c 300000 "$feed" >&3
	i=0
	while [ -z "$(find . -name '*huftmp*')" ]; do
		i=$((i + 1))
		[ $i -le 200 ] || { kill -KILL $pid; fail "no temporary file: $*"; }
		sleep 0.05
	done
	kill -"$sig" $pid
	wait $pid 2>/dev/null   # no "Terminated" from the shell
	rc=$?
	exec 3>&-
	[ "$rc" -eq "$status" ] || { show_stderr; fail "SIG$sig: status $rc, expected $status: $*"; }
	assert_missing "$out"
	assert_no_temp_files
}

interrupt TERM 143 data out.huf -o out.huf
interrupt HUP 129 data out.huf -o out.huf
if [ -z "${no_int:-}" ]; then
	interrupt INT 130 data out.huf -o out.huf
else
	note "cannot un-ignore SIGINT for a background job: SIGINT not tested"
fi
# The output named after the input (-f reads the FIFO): "fifo" is then the
# operand, and stdin is unused.
interrupt TERM 143 data fifo.huf -f fifo
assert_exists fifo                      # the input is left alone
# Decompression.
interrupt TERM 143 data.huf out -d -o out
interrupt HUP 129 data.huf out -d -o out
# With worker threads, which block signals: the main thread still gets
# them, and cleans up.
interrupt TERM 143 data out.huf -T2 -o out.huf
interrupt TERM 143 data.huf out -d -T3 -o out
if [ -z "${no_int:-}" ]; then
	interrupt INT 130 data out.huf -T2 -o out.huf
	interrupt INT 130 data.huf out -d -o out
fi
# The inputs fed through the FIFOs are as they were.
assert_eq "$(cksum <data)" "$sum_data" "data's checksum"
assert_eq "$(cksum <data.huf)" "$sum_huf" "data.huf's checksum"

# Undisturbed, the same set-up completes: the test above is not vacuous.
rm -f fifo
mkfifo fifo
exec 3<>fifo
"$HUFF" -o done.huf <fifo 3>&- &
pid=$!
cat data >&3
exec 3>&-
wait $pid || fail "an undisturbed run failed"
assert_exit 0 "$HUFF" -dc done.huf >done
assert_same done data
