#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The layering of sipdrv's C folders (the table below): a file includes
# only its own folder's files and those of lower layers, and names only
# functions defined there; the folders' includes form no cycle; the
# portable folders (layers 1 to 3) include no system header except in the
# platform shim (platform.h, platform_*.c). Every offence is printed as
# FILE:LINE: what.
#   scripts/layering.sh [ROOT]   exit 0 when ROOT (default: this tree)
#                                keeps the layering, 1 otherwise
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2

# folder layer: from the bottom up; folders of one layer use none of each other
layers='
include 0
sipdrv_runtime 1
verifier 2
channels 2
sip 3
kmod 4
userspace_tools/libsipdrv 4
userspace_tools 5
'
# Folders that never use each other whatever their layers: user space and
# the kernel glue meet only through include/uapi.
apart='userspace_tools kmod'
# Where a quoted include is looked for after the includer's own folder: the
# -I list of the Makefile (LIB_INC) and of Kbuild (ccflags-y).
search='include sipdrv_runtime verifier channels sip userspace_tools/libsipdrv'

declare -A layer
folders=()
while read -r f n; do
	[ -n "$f" ] || continue
	layer[$f]=$n
	folders+=("$f")
done <<< "$layers"

# The table's folder a path is in (the longest that matches), or nothing.
folder_of()
{
	local p=$1 best= f
	for f in "${folders[@]}"; do
		case $p in
		"$f"/*) [ ${#f} -gt ${#best} ] && best=$f ;;
		esac
	done
	printf '%s' "$best"
}

# A portable folder: the same code in the kernel and in user space.
portable()
{
	[ "${layer[$1]}" -ge 1 ] && [ "${layer[$1]}" -le 3 ]
}

# May a file of folder $1 use folder $2?
may_use()
{
	local a b
	[ "$1" = "$2" ] && return 0
	for a in $apart; do
		for b in $apart; do
			[ "$a" != "$b" ] && [[ $1/ == "$a"/* && $2/ == "$b"/* ]] && return 1
		done
	done
	[ "${layer[$2]}" -lt "${layer[$1]}" ]
}

mapfile -t files < <(for f in "${folders[@]}"; do
		[ -d "$f" ] && find "$f" -maxdepth 2 -name '*.[ch]' ! -name '*.mod.c'
	done | sort -u)
[ ${#files[@]} -gt 0 ] || { echo "$root: no sources"; exit 2; }

include_re='^[[:space:]]*#[[:space:]]*include[[:space:]]*(["<])([^">]+)[">]'
bad=0
edges=$(mktemp)
defs=$(mktemp)
trap 'rm -f "$edges" "$defs"' EXIT

# ---- includes ----
for file in "${files[@]}"; do
	from=$(folder_of "$file")
	dir=$(dirname "$file")
	while IFS=: read -r line text; do
		[[ $text =~ $include_re ]] || continue
		kind=${BASH_REMATCH[1]} name=${BASH_REMATCH[2]} target=
		if [ "$kind" = '"' ]; then
			for d in "$dir" $search; do
				if [ -f "$d/$name" ]; then
					target=$(realpath -m --relative-to=. "$d/$name")
					break
				fi
			done
			if [ -z "$target" ]; then
				echo "$file:$line: #include \"$name\" is no file of the tree"
				bad=1
				continue
			fi
		elif [ -f "include/$name" ]; then
			target=include/$name
		else
			# a system header: the kernel's or libc's
			if portable "$from" && [[ $file != */platform.h && $file != */platform_*.c ]]; then
				echo "$file:$line: #include <$name>: a portable file includes the platform shim (platform.h), never a system header"
				bad=1
			fi
			continue
		fi
		to=$(folder_of "$target")
		[ -n "$to" ] || continue	# outside the table (tests/): not a layer
		[ "$to" = "$from" ] || echo "$from $to" >> "$edges"
		if ! may_use "$from" "$to"; then
			echo "$file:$line: includes $target: $from/ (layer ${layer[$from]}) may not use $to/ (layer ${layer[$to]})"
			bad=1
		fi
	done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$file")
done

# ---- folder cycles ----
if [ -s "$edges" ]; then
	# tsort names the folders of each loop it finds, one a line, after a
	# line saying it found one
	loops=$(sort -u "$edges" | tsort 2>&1 >/dev/null |
		awk '/input contains a loop/ { if (l != "") print l; l = "folder cycle:"; next }
		     { sub(/^tsort: /, ""); l = l " " $0 "/" }
		     END { if (l != "") print l }')
	if [ -n "$loops" ]; then
		printf '%s\n' "$loops"
		bad=1
	fi
fi

# ---- names: functions defined with external linkage, by folder ----
for file in "${files[@]}"; do
	case $file in *.c) ;; *) continue ;; esac
	awk -v folder="$(folder_of "$file")" '
		/^[A-Za-z_]/ && !/^(static|typedef|extern|struct|union|enum|_Static_assert)[ (]/ &&
		!/;[[:space:]]*$/ && match($0, /[A-Za-z_][A-Za-z0-9_]*\(/) {
			name = substr($0, RSTART, RLENGTH - 1)
			if (name ~ /[a-z]/)	# (not a macro expanded at file scope)
				print name, folder
		}' "$file"
done | sort -u > "$defs"

# ---- names: every identifier outside comments and literals ----
offences=$(for file in "${files[@]}"; do printf '%s %s\n' "$file" "$(folder_of "$file")"; done |
	awk -v defs="$defs" -v layers="$layers" -v apart="$apart" '
	function kept_apart(f, t,   i, j) {
		for (i = 1; i <= nap; i++)
			for (j = 1; j <= nap; j++)
				if (i != j && index(f "/", ap[i] "/") == 1 && index(t "/", ap[j] "/") == 1)
					return 1
		return 0
	}
	BEGIN {
		nap = split(apart, ap, " ")
		n = split(layers, l, "\n")
		for (i = 1; i <= n; i++)
			if (split(l[i], w, " ") == 2)
				lay[w[1]] = w[2]
		while ((getline d < defs) > 0) {
			split(d, w, " ")
			# a name defined in two folders is no evidence of either
			if (w[1] in where && where[w[1]] != w[2])
				dup[w[1]] = 1
			where[w[1]] = w[2]
		}
	}
	{
		file = $1; from = $2; incom = 0; lineno = 0
		while ((getline text < file) > 0) {
			lineno++
			out = ""
			for (i = 1; i <= length(text); i++) {
				c = substr(text, i, 1); c2 = substr(text, i, 2)
				if (incom) {
					if (c2 == "*/") { incom = 0; i++ }
					continue
				}
				if (c2 == "/*") { incom = 1; i++; out = out " "; continue }
				if (c2 == "//") break
				if (c == "\"" || c == "\x27") {
					q = c
					for (i++; i <= length(text); i++) {
						c = substr(text, i, 1)
						if (c == "\\") { i++; continue }
						if (c == q) break
					}
					out = out " "
					continue
				}
				out = out c
			}
			if (out ~ /^[[:space:]]*#[[:space:]]*include/)
				continue
			prev = ""
			while (match(out, /[A-Za-z_][A-Za-z0-9_]*/)) {
				id = substr(out, RSTART, RLENGTH)
				out = substr(out, RSTART + RLENGTH)
				tag = prev ~ /^(struct|union|enum)$/	# a type, not the function
				prev = id
				if (tag || !(id in where) || (id in dup))
					continue
				to = where[id]
				if (to == from || (lay[to] < lay[from] && !kept_apart(from, to)))
					continue
				printf "%s:%d: names %s, defined in %s/ (layer %s), from %s/ (layer %s)\n",
					file, lineno, id, to, lay[to], from, lay[from]
			}
		}
		close(file)
	}')
if [ -n "$offences" ]; then
	printf '%s\n' "$offences"
	bad=1
fi
exit $bad
