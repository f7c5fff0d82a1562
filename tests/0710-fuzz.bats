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
@test "fuzz: the CSV fast path against libcsv" { fuzz_one csvfast; }
@test "fuzz: the JSON Lines record reader" { fuzz_one jsonl; }
@test "fuzz: the rule-set parser and evaluator" { fuzz_one rules; }
@test "fuzz: the date parser" { fuzz_one date; }
@test "fuzz: the region-code parser" { fuzz_one region; }
@test "fuzz: the wilayah loader" { fuzz_one wilayah; }
@test "fuzz: the targets reader" { fuzz_one targets; }
@test "fuzz: kim-report's period parser" { fuzz_one period; }

# xs N: N bytes of x
xs() { head -c "$1" /dev/zero | tr '\0' x; }

# The fast path splits a quote-free line only when it is no longer than a
# field may be, and whole in the 64 kB buffer; other lines go to libcsv,
# which holds the limits.  The fuzzer's short inputs never reach these:
# fuzz_csvfast reads each one both ways, in whole and in cut reads.
@test "the CSV fast path equals libcsv on lines at and past the limits" {
	local dir=$BATS_TEST_TMPDIR/long
	mkdir "$dir"
	{ echo a,b; printf '1,'; xs 70000; printf '\n2,3\n'; } >"$dir/field-over"
	{ echo a,b; printf '1,'; xs 65530; printf '\n2,3\n'; } >"$dir/line-under"
	{ echo a,b; xs 65535; printf ',1\n2,3\r\n'; } >"$dir/line-over-buffer"
	{ echo a,b; for _ in $(seq 1100); do xs 999; printf ,; done
	  printf 'y\n2,3\n'; } >"$dir/record-over"
	{ echo a,b; printf '1,"'; xs 70000; printf '"\n2,3\n'; } >"$dir/quoted-over"
	{ echo a,b; printf '"1\n'; xs 60000; printf '",3\n'; for i in $(seq 3000); do
	  printf '%d, x %d ,\r\n' "$i" "$i"; done; } >"$dir/crlf-after-quoted"
	cd "$KIM_TOP" || fail "cannot cd"
	if [ "$KIM_FUZZ_MODE" = libfuzzer ]; then
		run tests/fuzz/build/fuzz_csvfast "$dir"/*
		assert_success
		[ "$(grep -c '^Executed ' <<<"$output")" -eq 6 ] || fail "$output"
	else
		run tests/fuzz/build/replay_csvfast "$dir"
		assert_success
		assert_output "6 inputs"
	fi
}

# Found by fuzz_jsonl (corpus jsonl/crash-long-key): a key of more than 61
# bytes overflowed the pattern that finds its column.
@test "fuzz finding: an unknown JSON key of 70 bytes is named with its column" {
	mkdata
	kim-register --no-commit --name 'KIM Ada' --region 99.01.01.2001 \
		--formed 2020-01-01 >/dev/null || fail "cannot register"
	local key sum
	key=$(printf 'x%.0s' {1..70})
	printf '{"name":"KIM","region":"99.01.01.2001","formed":"2020-01-01","%s":1}\n' \
		"$key" >"$(kim_tmp)/in.jsonl"
	cd "$(kim_tmp)" || fail "cannot cd"
	sum=$(checksum_data "$KIM_DATA")
	run --separate-stderr kim-register --import in.jsonl
	assert_failure 3
	assert_output ''
	[ "$stderr" = "kim-register: in.jsonl:1:62: unknown key '$key' (the keys are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids)
kim-register: nothing was written: 1 problem" ] ||
		fail "stderr: $stderr"
	[ "$(checksum_data "$KIM_DATA")" = "$sum" ]
}

# Found by fuzz_jsonl (corpus jsonl/leak-sectors-null): a sectors array
# with a string and then a non-string leaked the tags joined so far (make
# asan and make valgrind see it).
@test "fuzz finding: a sectors array with a null after a tag is refused without a leak" {
	mkdata
	kim-register --no-commit --name 'KIM Ada' --region 99.01.01.2001 \
		--formed 2020-01-01 >/dev/null || fail "cannot register"
	printf '{"name":"KIM B","region":"99.01.01.2001","formed":"2020-01-01","sectors":["umkm","literasi",null]}\n' \
		>"$(kim_tmp)/in.jsonl"
	cd "$(kim_tmp)" || fail "cannot cd"
	local sum
	sum=$(checksum_data "$KIM_DATA")
	run --separate-stderr kim-register --import in.jsonl
	assert_failure 3
	assert_output ''
	[ "$stderr" = "kim-register: in.jsonl:1:64: sectors: the array must hold strings
kim-register: nothing was written: 1 problem" ] || fail "stderr: $stderr"
	[ "$(checksum_data "$KIM_DATA")" = "$sum" ]
}
