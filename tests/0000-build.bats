#!/usr/bin/env bats
# The build and the test harness itself.

load test_helper

# The commands, one per bin/kim-*.c.
tools() {
	local src
	for src in "$KIM_TOP"/bin/kim-*.c; do
		[ -e "$src" ] && basename "$src" .c
	done
}

@test "every bin/kim-*.c is built into an executable bin/kim-*" {
	local t n=0
	for t in $(tools); do
		n=$((n + 1))
		[ -f "$KIM_TOP/bin/$t" ] && [ -x "$KIM_TOP/bin/$t" ] ||
			fail "bin/$t: not built (run make)"
	done
	[ "$n" -gt 0 ] || fail "no bin/kim-*.c"
}

@test "each tool's --version prints one line starting with its name" {
	local t
	for t in $(tools); do
		run --separate-stderr "$t" --version
		[ "$status" -eq 0 ] || fail "$t --version: exit status $status"
		[ "${#lines[@]}" -eq 1 ] || fail "$t --version: ${#lines[@]} lines: $output"
		[[ $output =~ ^$t( |$) ]] || fail "$t --version: '$output' does not start with '$t'"
	done
	[ -n "$(tools)" ] || fail "no bin/kim-*.c"
}

@test "make install honours DESTDIR and PREFIX" {
	run make -s -C "$KIM_TOP" -n install DESTDIR=/x PREFIX=/usr
	assert_success
	assert_output --partial "/x/usr/bin"
	refute_output --partial "/usr/local"
}

@test "tests/run counts passed, failed and skipped tests" {
	local t=$BATS_TEST_TMPDIR
	printf '%s\n' '@test "a" { true; }' '@test "b" { false; }' \
		'@test "c" { skip "why"; }' '@test "d" { true; }' >"$t/mixed.bats"
	printf '%s\n' '@test "a" { true; }' '@test "c" { skip; }' >"$t/good.bats"

	run env KIM_VALGRIND=0 TESTS="$t/mixed.bats" "$KIM_TOP/tests/run"
	assert_failure 1
	assert_line --index 0 "1..4"
	assert_line --index -1 "2 passed, 1 failed, 1 skipped"

	run env KIM_VALGRIND=0 "$KIM_TOP/tests/run" "$t/good.bats"
	assert_success
	assert_line --index -1 "1 passed, 0 failed, 1 skipped"
}
