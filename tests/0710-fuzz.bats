#!/usr/bin/env bats
# The libFuzzer harnesses of tests/fuzz/, briefly: each runs 10 seconds from
# its seed corpus (make fuzz FUZZ_SECONDS=N runs them longer).  Without
# clang each harness is built with the ordinary compiler and run once on
# every input of its seed corpus instead, which includes every input that
# once crashed; the test says so.  Inputs that crashed also have a
# regression test of their own here, through the commands.

load test_helper

setup_file() {
	cd "$KIM_TOP" || return 1
	if command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1; then
		export KIM_FUZZ_MODE=libfuzzer
		make --no-print-directory fuzz-build >"$BATS_FILE_TMPDIR/build.log" 2>&1
	else
		export KIM_FUZZ_MODE=replay
		make --no-print-directory fuzz-replay-build \
			>"$BATS_FILE_TMPDIR/build.log" 2>&1
	fi || { cat "$BATS_FILE_TMPDIR/build.log" >&3; return 1; }
}

# fuzz_one NAME: the harness for 10 s, or its corpus once without clang
fuzz_one() {
	cd "$KIM_TOP" || return 1
	local n
	n=$(find "tests/fuzz/corpus/$1" -type f | wc -l)
	[ "$n" -ge 4 ] || fail "tests/fuzz/corpus/$1: only $n seeds"
	if [ "$KIM_FUZZ_MODE" = libfuzzer ]; then
		run tests/fuzz/run 10 "$1"
		assert_success
		assert_output --regexp "^fuzz_$1 +[0-9]+ runs .* 0 findings$"
	else
		echo "# clang not found: fuzz_$1 runs its seed corpus only" >&3
		run "tests/fuzz/build/replay_$1" "tests/fuzz/corpus/$1"
		assert_success
		assert_output "$n inputs"
	fi
}

@test "fuzz: the CSV record reader" { fuzz_one csv; }
@test "fuzz: the JSON Lines record reader" { fuzz_one jsonl; }
@test "fuzz: the rule-set parser and evaluator" { fuzz_one rules; }
@test "fuzz: the date parser" { fuzz_one date; }
@test "fuzz: the region-code parser" { fuzz_one region; }
@test "fuzz: the wilayah loader" { fuzz_one wilayah; }
@test "fuzz: the targets reader" { fuzz_one targets; }
