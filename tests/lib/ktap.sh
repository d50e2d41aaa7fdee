# SPDX-License-Identifier: GPL-2.0
# KTAP output for shell tests (source it). A test declares its plan, reports
# each case with ktap_ok/ktap_fail/ktap_skip (or ktap_check), and ends with
# ktap_finish, whose exit status is 1 when any case failed. Cases that never
# report count as failures: the summariser compares them with the plan.

ktap_n=0
ktap_failed=0
ktap_t0=$SECONDS

# With KTAP_TIMES set, each case notes the seconds since the previous one.
ktap_time()
{
	[ -n "${KTAP_TIMES:-}" ] && echo "# ($((SECONDS - ktap_t0)) s)"
	ktap_t0=$SECONDS
}

ktap_plan()
{
	echo "KTAP version 1"
	echo "1..$1"
}

ktap_diag()
{
	echo "# $*"
}

ktap_ok()
{
	ktap_time
	ktap_n=$((ktap_n + 1))
	echo "ok $ktap_n $*"
}

ktap_fail()
{
	ktap_time
	ktap_n=$((ktap_n + 1))
	ktap_failed=$((ktap_failed + 1))
	echo "not ok $ktap_n $*"
}

# ktap_skip NAME REASON
ktap_skip()
{
	ktap_n=$((ktap_n + 1))
	echo "ok $ktap_n $1 # SKIP $2"
}

# ktap_check NAME COMMAND...: one case, passing when COMMAND succeeds; the
# command's output is shown as diagnostics when it fails.
ktap_check()
{
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		ktap_ok "$name"
	else
		[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/# /'
		ktap_fail "$name"
	fi
}

ktap_finish()
{
	[ "$ktap_failed" -eq 0 ] && exit 0
	exit 1
}

# expect_out DESCRIPTION PATTERN COMMAND...: one case on the command's output
# (stdout and stderr), passing when the extended regular expression PATTERN
# matches a line of it; the output's last lines are shown when it fails.
expect_out()
{
	local name=$1 pattern=$2 out
	shift 2
	out=$("$@" 2>&1)
	if grep -Eq -- "$pattern" <<< "$out"; then
		ktap_ok "$name"
	else
		printf '%s\n' "$out" | tail -20 | sed 's/^/# /'
		ktap_fail "$name"
	fi
}
