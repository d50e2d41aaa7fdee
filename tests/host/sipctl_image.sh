#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# sipctl image and sipctl disasm on the example driver build/drivers/hello.o:
# the summary, the written image, the code with its source lines and helper
# names, and errors on stderr with a non-zero exit.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
sipctl=$top/build/bin/sipctl
hello=$top/build/drivers/hello.o
src=$top/example_drivers/hello.c
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run ARGS...: sipctl's stdout, stderr and status into $tmp/{out,err,rc}
run()
{
	"$sipctl" "$@" > "$tmp/out" 2> "$tmp/err"
	echo $? > "$tmp/rc"
}
expect() # RC STREAM PATTERN: exit status RC and a line of STREAM matching PATTERN
{
	local want_rc=$1 stream=$2 pattern=$3
	local rc
	rc=$(cat "$tmp/rc")
	[ "$rc" = "$want_rc" ] || { echo "exit status $rc, expected $want_rc"; cat "$tmp/out" "$tmp/err"; return 1; }
	grep -Eq -- "$pattern" "$tmp/$stream" || { echo "$stream lacks /$pattern/:"; cat "$tmp/$stream"; return 1; }
}
empty() { [ ! -s "$tmp/$1" ] || { echo "$1 not empty:"; cat "$tmp/$1"; return 1; }; }
# the line of hello.c holding TEXT
src_line() { grep -nF -- "$1" "$src" | head -1 | cut -d: -f1; }
# every PATTERN matches a line of STREAM
all_match() # STREAM PATTERN...
{
	local stream=$1 p
	shift
	for p in "$@"; do
		grep -Eq -- "$p" "$tmp/$stream" || { echo "$stream lacks /$p/:"; cat "$tmp/$stream"; return 1; }
	done
}
# the disassembly of ENTRY: from its header to the next blank line
entry_code() { awk -v e="$1" '$1 == e { on = 1 } on && /^$/ { exit } on' "$tmp/out"; }
# an instruction matching PATTERN follows "; hello.c:LINE" within ENTRY
line_has() # ENTRY LINE PATTERN
{
	entry_code "$1" | awk -v l="; hello.c:$2" -v p="$3" '
		/^;/ { on = ($0 == l); next }
		on && $0 ~ p { found = 1 }
		END { exit !found }' || { echo "no /$3/ after '; hello.c:$2' in $1:"; entry_code "$1"; return 1; }
}

plan=16
ktap_plan $plan
if [ ! -f "$hello" ]; then
	for i in $(seq $plan); do ktap_skip "sipctl image/disasm case $i" "$hello not built (make drivers)"; done
	ktap_finish
fi

run image "$hello"
ktap_check "image: summary names the driver" expect 0 out '^  name +hello$'
ktap_check "image: the three entries with their instruction counts" all_match out \
	'^  sip/init +hello_init +[0-9]+ insns at 0$' \
	'^  sip/msg +hello_msg +[0-9]+ insns at [1-9][0-9]*$' \
	'^  sip/exit +hello_exit +[0-9]+ insns at [1-9][0-9]*$'
ktap_check "image: manifest fields and data sizes" all_match out '^  slots +1$' '^  fuel +10000$' \
	'^data: +8 bytes writable, 0 initialised$' '^rodata: +17 bytes$'
ktap_check "image: line records from one file" expect 0 out '^lines: +[1-9][0-9]* records in 1 file$'
ktap_check "image: nothing on stderr" empty err

run image "$hello" --out "$tmp/hello.img"
ktap_check "image --out: writes the image, prints nothing" empty out
printf 'SIPIMG\r\n' > "$tmp/magic"
ktap_check "image --out: the file starts with the image magic" \
	cmp -n 8 "$tmp/magic" "$tmp/hello.img"

run disasm "$hello"
ktap_check "disasm: a header per entry" all_match out \
	'^sip/init hello_init \([0-9]+ insns\):$' \
	'^sip/msg hello_msg \([0-9]+ insns\):$' \
	'^sip/exit hello_exit \([0-9]+ insns\):$'
line=$(src_line 'sip_log(greeting')
ktap_check "disasm: the greeting's line (hello.c:$line) calls sip_log" \
	line_has sip/init "$line" 'call 8 +# sip_log$'
ktap_check "disasm: the greeting is read-only data" \
	line_has sip/init "$line" 'lddw %r1, rodata[+]0$'
line=$(src_line 'ret = sip_send')
ktap_check "disasm: the echo (hello.c:$line) is sip_send" line_has sip/msg "$line" 'call 4 +# sip_send$'
ktap_check "disasm: the echo counter is private data" line_has sip/msg "$line" 'lddw %r8, data[+]0$'
line=$(src_line 'sip_slot_xchg(HELLO_SLOT, NULL)')
ktap_check "disasm: the exit handler (hello.c:$line) takes the slot back" \
	line_has sip/exit "$line" 'call 6 +# sip_slot_xchg$'

run disasm "$tmp/missing.o"
ktap_check "disasm of a missing file: error on stderr, exit 1" \
	expect 1 err "^sipctl: $tmp/missing.o: No such file or directory$"
echo "not an object" > "$tmp/junk.o"
run image "$tmp/junk.o"
ktap_check "image of a non-ELF file: error on stderr, exit 1" \
	expect 1 err "^sipctl: $tmp/junk.o: not an ELF file$"
ktap_check "image of a non-ELF file: nothing on stdout" empty out
ktap_finish
