#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# sip-bpf-plugin driven exactly as the upstream bpf_conformance runner drives
# it: every program of bytecode.tsv on stdin as "xx  " hex bytes, the memory
# (same encoding) as argv[1] only when there is some; the printed r0 must be
# the expected one, in normal and in --checked mode. Then the failures: a
# malformed program and a program refused at load exit non-zero with a message.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/ktap.sh"
plugin=$top/build/bin/sip-bpf-plugin
tsv=$top/tests/bpf_conformance/bytecode.tsv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$plugin" ]; then
	ktap_plan 1
	ktap_fail "sip-bpf-plugin is built ($plugin missing: run make tools)"
	ktap_finish
fi

# name, expected r0, memory ("-" when none), program; hex as the runner encodes it
awk -F'\t' '!/^#/ && NF == 4 {
	mem = $3; prog = $4
	gsub(/../, "&  ", mem); gsub(/../, "&  ", prog)
	print $1 "\t" $2 "\t" (mem == "" ? "-" : mem) "\t" prog
}' "$tsv" > "$tmp/cases"
count=$(wc -l < "$tmp/cases")

# run_case EXPECTED MEM PROG MODE...: runs the plugin, says what went wrong
run_case()
{
	local want=$1 mem=$2 prog=$3 out rc
	shift 3
	if [ "$mem" = "-" ]; then
		out=$(printf '%s\n' "$prog" | "$plugin" "$@" 2>&1)
	else
		out=$(printf '%s\n' "$prog" | "$plugin" "$mem" "$@" 2>&1)
	fi
	rc=$?
	if [ $rc -ne 0 ] || ! [[ $out =~ ^(0x)?[0-9a-fA-F]+$ ]]; then
		echo "${*:-interp}: exit $rc: $out"
		return 1
	fi
	[[ $out == 0x* ]] || out=0x$out
	if (( out != want )); then
		echo "${*:-interp}: r0 = $out, expected $want"
		return 1
	fi
}

ktap_plan $((count + 5))
passed=0
while IFS=$'\t' read -r name want mem prog; do
	if why=$(run_case "$want" "$mem" "$prog" && run_case "$want" "$mem" "$prog" --checked); then
		ktap_ok "$name"
		passed=$((passed + 1))
	else
		ktap_diag "$name: $why"
		ktap_fail "$name"
	fi
done < "$tmp/cases"
ktap_diag "$passed of $count bytecode.tsv programs pass through the plugin (interp and checked)"

# run STDIN ARGS...: the plugin's stdout, stderr and status into $tmp/{out,err,rc}
run()
{
	local input=$1
	shift
	printf '%s\n' "$input" | "$plugin" "$@" > "$tmp/out" 2> "$tmp/err"
	echo $? > "$tmp/rc"
}
expect() # RC STREAM PATTERN
{
	local rc
	rc=$(cat "$tmp/rc")
	[ "$rc" = "$1" ] || { echo "exit status $rc, expected $1"; cat "$tmp/out" "$tmp/err"; return 1; }
	grep -Eq "$3" "$tmp/$2" || { echo "$2 lacks /$3/:"; cat "$tmp/$2"; return 1; }
}

run "b7  00  00  00  2a  00  00  00  95  00  00  0g  " # not hex
ktap_check "malformed program: exit 1 and a message" \
	expect 1 err '^sip-bpf-plugin: the program is not hex bytes$'
run "b7  00  00  00  2a  00  00  00  95  " # not whole instructions
ktap_check "truncated program: exit 1 and a message" \
	expect 1 err 'the program is 9 bytes, not a whole number of 8-byte instructions'
# add %r0, 1 with off = 1 (unused-add64_imm-offset.data)
run "07  00  01  00  01  00  00  00  95  00  00  00  00  00  00  00  "
ktap_check "program refused at load: exit 1 and the reason" \
	expect 1 err '^sip-bpf-plugin: program refused: insn 0: add: reserved field off is 1, must be 0$'
run "" --help
ktap_check "--help documents --checked" expect 0 out '^  --checked '
run "" --elf
ktap_check "an unsupported option: exit 2" expect 2 err "unsupported argument '--elf'"
ktap_finish
