#!/usr/bin/env bats
# The byte-identical check (tests/golden/run, issue 16): every command with
# a representative set of options and every format, its --help and usage
# errors, bad input and the Indonesian messages, on copies of the demo
# folder (one with a fixed git history), gives the output, standard error
# and exit status of tests/golden/demo/, written from the binaries of main
# before the refactor of issue 16 (d554dfe).  A refactor changes no byte;
# a change of behaviour rewrites tests/golden/demo/ (tests/golden/run -u).

load test_helper

# The kim-* found first on PATH: bin/, or tests/run's valgrind wrappers.
bindir() {
	dirname "$(command -v kim-list)"
}

@test "every case gives the output of tests/golden/demo/, byte for byte" {
	local n
	n=$(grep -c '^[a-z]' tests/golden/demo.cases)
	run --separate-stderr tests/golden/run -b "$(bindir)"
	assert_success
	assert_output "byte-identical: $n cases"
	[ "$stderr" = "$n cases run with $(bindir)" ]
}

@test "a byte more on standard output is a difference, with its diff" {
	local fake=$BATS_TEST_TMPDIR/bin t
	mkdir -p "$fake"
	for t in "$(bindir)"/kim-*; do
		case ${t##*/} in *.*) continue ;; esac	# kim-list.c
		ln -s "$t" "$fake/${t##*/}"
	done
	rm "$fake/kim-list"
	printf '#!/bin/sh\n"%s" "$@"; s=$?; echo x; exit $s\n' "$(bindir)/kim-list" >"$fake/kim-list"
	chmod +x "$fake/kim-list"
	run --separate-stderr tests/golden/run -b "$fake" -k '^(list-count|coverage-table)$'
	assert_failure 1
	assert_line --index 0 --regexp '^diff -r [^ ]*/expected/list-count [^ ]*/out/list-count$'
	assert_line --index 1 '1a2'
	assert_line --index 2 '> x'
	[ "${#lines[@]}" = 3 ]
	[ "$stderr" = "$(printf '2 cases run with %s\n%s' "$fake" \
		'tests/golden/run: the outputs differ (above: < expected, > now)')" ]
}
