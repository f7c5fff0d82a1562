#!/usr/bin/env bats
# What only a person at a terminal sees: kim-register --import's progress
# on standard error, status colours in tables, and the pager for a table
# taller than the terminal.  A terminal is made with script(1) (bsdutils):
# `pty 'COMMAND'` runs COMMAND on a pseudo-terminal of ROWS rows and prints
# what appeared on it, without the terminal's carriage returns.

load test_helper

AS_OF=2026-11-22
ESC=$'\033'

pty() {
	SHELL=/bin/sh script -qec "stty rows ${ROWS:-50} cols 120; $1" /dev/null | tr -d '\r'
}

# a CSV of N new KIM in the fixture's desa 98.01.01.2001
bigcsv() {
	local i
	echo name,region,formed
	for ((i = 1; i <= $1; i++)); do
		echo "KIM Uji $i,98.01.01.2001,2020-01-01"
	done
}

@test "--progress: percent, records and rate on stderr; the ids on stdout as always" {
	mkdata
	bigcsv 300 >new.csv
	run --separate-stderr kim-register --no-commit --as-of $AS_OF --import new.csv --progress
	assert_success
	assert_equal "${#lines[@]}" 300
	assert_line --index 0 98.01.01.2001-1
	# updates end in \r...\033[K, the last one in a newline
	[[ $stderr =~ $'\r'"kim-register: new.csv: 100% 300 records, "[0-9]+" records/s"$ ]] ||
		fail "progress: $(printf %q "$stderr")"
	run kim-list --as-of $AS_OF -c
	assert_output 300
}

@test "progress on standard input has no percent" {
	mkdata
	bigcsv 5 | {
		run --separate-stderr kim-register --no-commit --as-of $AS_OF --import - --progress
		assert_success
		[[ $stderr =~ ^$'\r'"kim-register: standard input: 5 records, "[0-9]+" records/s"$ ]] ||
			fail "progress: $(printf %q "$stderr")"
	}
}

@test "no progress when stderr is not a terminal, unless --progress" {
	mkdata
	bigcsv 50 >new.csv
	run --separate-stderr kim-register --no-commit --as-of $AS_OF --import new.csv
	assert_success
	assert_equal "$stderr" ""
}

@test "progress on a terminal by default; --no-progress silences it" {
	mkdata
	bigcsv 50 >new.csv
	run pty "kim-register --no-commit --as-of $AS_OF --import new.csv >/dev/null"
	assert_success
	assert_line --index 0 --regexp '^kim-register: new.csv: 100% 50 records, [0-9]+ records/s$'
	# and, on a terminal always, the import's summary
	assert_line --index 1 --regexp '^kim-register: import: 50 rows read, 50 added, 0 updated, '
	assert_equal "${#lines[@]}" 2
	rm -f kim/*.csv
	run pty "kim-register --no-commit --as-of $AS_OF --import new.csv --no-progress >/dev/null"
	assert_success
	assert_line --index 0 --regexp '^kim-register: import: 50 rows read, 50 added, 0 updated, '
	assert_equal "${#lines[@]}" 1
	# a failed import shows its progress, then the problems
	run pty "kim-register --no-commit --as-of $AS_OF --import new.csv --progress -n >/dev/null"
	assert_line --index 0 --regexp '^kim-register: new.csv: 100% 50 records'
}

# the demo's kota 99.71: eleven KIM, one nonaktif; a table of 12 lines
TABLE="kim-list -d \$KIM_TOP/share/kim/demo --as-of $AS_OF --fields id,status -r 99.71"

@test "status in colour in a table on a terminal" {
	run pty "$TABLE"
	assert_success
	assert_line --index 0 'id               status'
	assert_line --index 1 "99.71-1          ${ESC}[32maktif${ESC}[0m"
	assert_line --index 6 "99.71.01.1003-1  ${ESC}[33mnonaktif${ESC}[0m"
	assert_equal "${#lines[@]}" 12
}

@test "no colour with NO_COLOR, TERM=dumb, into a pipe or a file, or off a terminal" {
	local plain
	plain=$(kim-list -d "$KIM_TOP/share/kim/demo" --as-of $AS_OF --fields id,status -r 99.71 -f table)
	[[ $plain != *"$ESC"* ]] || fail "colour off a terminal"
	assert_equal "$(echo "$plain" | sed -n 7p)" '99.71.01.1003-1  nonaktif'
	run pty "NO_COLOR=1 $TABLE"
	assert_output "$plain"
	run pty "TERM=dumb $TABLE"
	assert_output "$plain"
	run pty "$TABLE -f table | cat"
	assert_output "$plain"
	# NO_COLOR set but empty does not count (no-color.org)
	run pty "NO_COLOR= $TABLE"
	assert_line --index 1 "99.71-1          ${ESC}[32maktif${ESC}[0m"
}

@test "a table taller than the terminal goes to \$PAGER" {
	ROWS=5 run pty "PAGER='sed s/^/P:/' NO_COLOR=1 $TABLE"
	assert_success
	assert_line --index 0 'P:id               status'
	assert_line --index 11 'P:99.71.03.2001-1  aktif'
	assert_equal "${#lines[@]}" 12
	# colour passes to the pager, which shows it on the terminal
	ROWS=5 run pty "PAGER='sed s/^/P:/' $TABLE"
	assert_line --index 1 "P:99.71-1          ${ESC}[32maktif${ESC}[0m"
}

@test "no pager when the table fits, when piped, for csv, or with PAGER=cat or empty" {
	ROWS=13 run pty "PAGER='sed s/^/P:/' NO_COLOR=1 $TABLE"
	assert_line --index 0 'id               status'
	ROWS=12 run pty "PAGER='sed s/^/P:/' NO_COLOR=1 $TABLE"
	assert_line --index 0 'P:id               status'
	ROWS=5 run pty "PAGER='sed s/^/P:/' $TABLE -f table | cat"
	assert_line --index 0 'id               status'
	ROWS=5 run pty "PAGER='sed s/^/P:/' $TABLE -f csv"
	assert_line --index 0 'id,status'
	ROWS=5 run pty "PAGER=cat NO_COLOR=1 $TABLE"
	assert_line --index 0 'id               status'
	ROWS=5 run pty "PAGER= NO_COLOR=1 $TABLE"
	assert_line --index 0 'id               status'
	assert_equal "${#lines[@]}" 12
}

@test "a pager that quits early is not an error" {
	ROWS=5 run pty "PAGER='head -n 2' NO_COLOR=1 $TABLE; echo status=\$?"
	assert_line --index 0 'id               status'
	assert_line --index 2 'status=0'
}
