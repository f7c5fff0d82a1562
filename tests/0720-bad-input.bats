#!/usr/bin/env bats
# The malformed-input corpus: every case of tests/bad/cases runs in a fresh
# copy of the demo data folder, and must exit with its exact status, name
# the file and line where one applies, print nothing on standard output for
# an error, and leave the data folder byte-identical.  One test per command;
# a failure lists the ids of the cases that failed and why.

load test_helper

BAD="$KIM_TOP/tests/bad"

# big10m EXT: a 10 MB name in a record of an import file, on line 3 of a
# CSV file or line 2 of a JSON Lines file.
big10m() {
	local name
	name=$(head -c 10485760 /dev/zero | tr '\0' x)
	case $1 in
	csv) printf 'name,region,formed\nKIM Satu,99.01,2012-05-02\n%s,99.01,2012-05-02\n' "$name" ;;
	jsonl) printf '{"name":"KIM Satu","region":"99.01","formed":"2012-05-02"}\n{"name":"%s","region":"99.01","formed":"2012-05-02"}\n' "$name" ;;
	esac
}

# run_case ID STATUS PLACE SETUP COMMAND: run one case; on failure print
# "ID: why" and return 1.
run_case() {
	local id=$1 status=${2%\*} place=$3 setup=$4 cmd=$5 w src dest before after
	local out err rc tool early=
	# STATUS* : output printed before the error is known and allowed.
	[ "$status" = "$2" ] || early=1
	mkdemo
	IN="$BATS_TEST_TMPDIR/in"
	rm -rf "$IN" && mkdir -p "$IN"
	if [ "$setup" != - ]; then
		for w in $setup; do
			src=${w%%:*}
			dest=$IN/${src#@}
			[ "$src" = "$w" ] || dest=$KIM_DATA/${w#*:}
			case $src in
			@big10m.*) big10m "${src##*.}" >"$dest" ;;
			*) cp "$BAD/in/$src" "$dest" ;;
			esac || { echo "$id: setup $w failed"; return 1; }
		done
	fi
	# The first write makes the lock file, even one then refused (kim-data(5)).
	: >>"$KIM_DATA/.kim.lock"
	before=$(checksum_data "$KIM_DATA")
	BIG=$(head -c 131071 /dev/zero | tr '\0' y)

	out=$BATS_TEST_TMPDIR/out err=$BATS_TEST_TMPDIR/err
	(cd "$KIM_DATA" && eval "$cmd") >"$out" 2>"$err" </dev/null
	rc=$?
	after=$(checksum_data "$KIM_DATA")
	tool=${cmd%% *}
	if [ "$rc" != "$status" ]; then
		echo "$id: exit status $rc, expected $status; stderr: $(head -c 300 "$err")"
		return 1
	fi
	if [ "$before" != "$after" ]; then
		echo "$id: the data folder changed"
		return 1
	fi
	# A report lists the problems of the data it reports on.
	if [ "$status" = 0 ]; then
		[ "$place" = - ] || grep -qF -- "$place" "$out" ||
			{ echo "$id: $place is not in the output"; return 1; }
		return 0
	fi
	if [ "$status" -ge 2 ] && [ -s "$out" ] && [ -z "$early" ]; then
		echo "$id: standard output on error: $(head -c 200 "$out")"
		return 1
	fi
	# Where the message is: kim-check's problems are its output.
	local msgs=$err prefix="$tool: "
	if [ "$status" = 1 ]; then
		[ "$place" = - ] && return 0
		msgs=$out prefix=
	fi
	if [ "$place" = - ]; then
		if [ "$(head -c ${#prefix} "$msgs")" != "$prefix" ] || [ ! -s "$msgs" ]; then
			echo "$id: no message beginning '$prefix': $(head -c 200 "$msgs")"
			return 1
		fi
	elif ! grep -qF -- "$place" "$msgs" ||
		! grep -F -- "$place" "$msgs" | grep -qE "^${prefix}(/|[^ :]*/)?[^ ]*$(printf '%s' "$place" | sed 's/[.[\*^$]/\\&/g')"; then
		echo "$id: no message at $prefix...$place: $(head -c 300 "$msgs")"
		return 1
	fi
	return 0
}

# bad_cases TOOL: run every case whose command is TOOL; fail with the list
# of failures.
bad_cases() {
	local id status place setup cmd n=0 failed=0 report=
	while IFS='|' read -r id status place setup cmd; do
		case $id in '#'* | '') continue ;; esac
		[ "${cmd%% *}" = "$1" ] || continue
		n=$((n + 1))
		report+=$(run_case "$id" "$status" "$place" "$setup" "$cmd") || {
			failed=$((failed + 1))
			report+=$'\n'
		}
	done <"$BAD/cases"
	[ "$n" -gt 0 ] || fail "no cases for $1"
	[ "$failed" = 0 ] || fail "$failed of $n cases of $1 failed:"$'\n'"$report"
}

@test "bad input: the corpus has at least 60 cases, and uses every input file" {
	run -0 grep -cv -e '^#' -e '^$' "$BAD/cases"
	[ "$output" -ge 60 ] || fail "only $output cases"
	local f
	for f in "$BAD"/in/*; do
		grep -qF "${f##*/}" "$BAD/cases" || fail "${f##*/} is in no case"
	done
}

@test "bad input: kim-register" { bad_cases kim-register; }
@test "bad input: kim-list" { bad_cases kim-list; }
@test "bad input: kim-check" { bad_cases kim-check; }
@test "bad input: kim-eligible" { bad_cases kim-eligible; }
@test "bad input: kim-coverage" { bad_cases kim-coverage; }
@test "bad input: kim-report" { bad_cases kim-report; }
