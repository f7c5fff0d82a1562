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
	local id=$1 status=$2 place=$3 setup=$4 cmd=$5 w src dest before after
	local out err rc tool
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
	if [ "$status" -ge 2 ] && [ -s "$out" ]; then
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

# --- held output: nothing before the input is known to be good ----------------
#
# kim-list, kim-eligible and kim-check print nothing until their input has
# been read whole (kim_hold): the first MiB waits in memory, the rest in an
# unlinked temporary file in $TMPDIR.  These tests use an output of tens of
# MB, far past the part held in memory: tests/bench/gen's register of
# 100,000 KIM over the national list.

# last_file: the register file read last (files go by their code: 51 before
# 51.02), and its number of lines.
last_file() {
	LAST=kim/$(ls kim | sed 's/\.csv$//' | LC_ALL=C sort | tail -n 1).csv
	LAST_LINES=$(wc -l <"$LAST")
}

@test "held output: 100,000 KIM as CSV are the register's own bytes, as JSON the same records as JSON Lines" {
	mkgen
	local out=$BATS_TEST_TMPDIR/out c
	# the register files, in the order kim-list reads them, under one header
	{
		head -n 1 "$(ls kim/*.csv | head -n 1)"
		for c in $(ls kim | sed 's/\.csv$//' | LC_ALL=C sort); do
			tail -n +2 "kim/$c.csv"
		done
	} >"$BATS_TEST_TMPDIR/register.csv"
	run -0 --separate-stderr bash -c 'kim-list --as-of 2026-11-22 -f csv >"$1"' _ "$out"
	assert_equal "$stderr" ""
	[ "$(wc -c <"$out")" -gt $((4 * 1048576)) ] || fail "only $(wc -c <"$out") bytes"
	cmp "$out" "$BATS_TEST_TMPDIR/register.csv"
	# json is "[", the jsonl lines joined by ",", "]"
	kim-list --as-of 2026-11-22 -f jsonl | sed '$!s/$/,/; 1i[' | sed '$a]' >"$BATS_TEST_TMPDIR/framed.json"
	run -0 --separate-stderr bash -c 'kim-list --as-of 2026-11-22 -f json >"$1"' _ "$out"
	assert_equal "$stderr" ""
	cmp "$out" "$BATS_TEST_TMPDIR/framed.json"
}

@test "held output: a bad record at the very end of 100,000 KIM: kim-list and kim-eligible exit 3 and print nothing" {
	mkgen
	last_file
	printf '%s\n' 'KIM Rusak,tanpa wilayah' >>"$LAST"
	local where="$KIM_DATA/$LAST:$((LAST_LINES + 1)):2: 2 fields, the header has 17"
	run -3 --separate-stderr kim-list --as-of 2026-11-22 -f json
	assert_output ''
	assert_equal "$stderr" "kim-list: $where"
	run -3 --separate-stderr kim-list --as-of 2026-11-22 -f csv --fields id,name
	assert_output ''
	assert_equal "$stderr" "kim-list: $where"
	# --explain prints a row for every KIM
	printf '{"name":"aktif","criteria":[{"field":"status","is":["aktif"]}]}\n' >../aktif.json
	run -3 --separate-stderr kim-eligible --as-of 2026-11-22 --rules ../aktif.json --explain -f jsonl
	assert_output ''
	assert_equal "$stderr" "kim-eligible: $where"
	run -3 --separate-stderr kim-eligible --as-of 2026-11-22 --rules ../aktif.json
	assert_output ''
	assert_equal "$stderr" "kim-eligible: $where"
}

@test "held output: no room for it in \$TMPDIR is exit 4 with the folder named, and nothing printed" {
	mkgen
	run -4 --separate-stderr env TMPDIR="$BATS_TEST_TMPDIR/nosuch" kim-list --as-of 2026-11-22 -f json
	assert_output ''
	assert_equal "$stderr" "kim-list: $BATS_TEST_TMPDIR/nosuch: cannot keep the output in a temporary file until the input is read (TMPDIR): No such file or directory"
	# a listing that fits in memory needs no temporary file
	run -0 --separate-stderr env TMPDIR="$BATS_TEST_TMPDIR/nosuch" kim-list --as-of 2026-11-22 -c
	assert_output 100000
	run -0 --separate-stderr env TMPDIR="$BATS_TEST_TMPDIR/nosuch" kim-list --as-of 2026-11-22 -r 11.01 --fields id -f csv
	assert_line --index 0 id
	assert_line --index 1 11.01-1
}

@test "held output: a closed pipe is still quiet and exit 0, a full disk still exit 4" {
	mkgen
	run -0 bash -c 'set -o pipefail; kim-list --as-of 2026-11-22 -f json 2>&1 | head -c 2'
	assert_output '['
	run -4 --separate-stderr bash -c 'exec kim-list --as-of 2026-11-22 -f json >/dev/full'
	assert_output ''
	assert_equal "$stderr" 'kim-list: cannot write the output: No space left on device'
	run -4 --separate-stderr bash -c 'exec kim-list --as-of 2026-11-22 -f json >&-'
	assert_equal "$stderr" 'kim-list: cannot write the output: Bad file descriptor'
}

@test "held output: kim-check prints its problems only when it has checked everything" {
	mkdemo
	# a problem in the register, then a rules/ it cannot open: exit 4
	printf '%s\n' '99.01.01.2002-9,KIM Mekar,99.01.01.2002,2026-02-30,,,,,12,umkm,aktif,,,,2026-11-20,2026-11-20,' >>kim/99.01.csv
	mv rules ../rules && printf 'x\n' >rules
	run -4 --separate-stderr kim-check --as-of 2026-11-22
	assert_output ''
	assert_equal "$stderr" "kim-check: $KIM_DATA/rules: cannot open: Not a directory"
	run -4 --separate-stderr kim-check --as-of 2026-11-22 -f json
	assert_output ''
	rm rules && mv ../rules rules
	run -1 --separate-stderr kim-check --as-of 2026-11-22
	assert_line --index 0 "$KIM_DATA/kim/99.01.csv:13:4: formed: '2026-02-30' is not a real date (expected YYYY-MM-DD)"
	assert_equal "$stderr" ""
}
