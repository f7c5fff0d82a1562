#!/usr/bin/env bats
# Faults: what a crash, a full disk, a folder that cannot be written, a
# missing permission, a held lock, a closed standard output or a broken git
# repository do to kim-register.  Each fault gives its documented exit
# status and a message, and leaves the data folder byte-identical (the
# empty .kim.lock a first write creates is made beforehand).
#
# Crash injection and concurrency have their own harnesses in tests/fault/
# (make faults runs them at full size).

load test_helper

setup() {
	unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
		GIT_CEILING_DIRECTORIES KIM_COMMIT_DATE KIM_CRASH_AT
	export HOME="$BATS_TEST_TMPDIR/home" XDG_CONFIG_HOME= GIT_CONFIG_NOSYSTEM=1
	mkdir -p "$HOME"
}

# folder [NAME]: mkdata with three KIM in two files, committed when NAME
# is "git" (a repository with its own identity).
folder() {
	mkdata "$@"
	if [ "${1:-}" = git ]; then
		git init -q -b main . && git config user.name 'Petugas Data' &&
			git config user.email data@diskominfo.example &&
			printf '.kim.lock\n' >.gitignore &&
			git add .gitignore wilayah.csv && git commit -q -m wilayah ||
			fail "folder: cannot set up git"
	fi
	printf '%s\n' 'name,region,formed,members' \
		'KIM Satu,99.01.01.2001,2015-03-01,12' \
		'KIM Dua,99.01.02.1001,2016-04-02,20' \
		'KIM Tiga,99.71.01.1001,2017-05-03,7' >"$(kim_tmp)/three.csv"
	kim-register --as-of 2024-06-30 --import "$(kim_tmp)/three.csv" \
		>/dev/null || fail "folder: cannot import"
}

# refused STATUS MESSAGE... : the last command failed with STATUS, printed
# nothing and exactly the MESSAGE lines on standard error.
refused() {
	assert_failure "$1"
	shift
	assert_output ''
	local want
	want=$(printf '%s\n' "$@")
	[ "$stderr" = "$want" ] || fail "stderr was:
$stderr
expected:
$want"
}

new_kim() {
	kim-register --as-of 2024-06-30 --name 'KIM Baru' \
		--region 99.01.01.2002 --formed 2020-01-01 "$@"
}

@test "git: a corrupt HEAD is found before anything is written (exit 4)" {
	need_git
	folder git
	echo 'garbage' >.git/HEAD
	local sum
	sum=$(checksum_data "$KIM_DATA")
	run --separate-stderr new_kim
	refused 4 'kim-register: git: HEAD is broken: corrupted loose reference file: HEAD' \
		'kim-register: nothing was written: the change could not be committed (--no-commit writes without committing)'
	assert_equal "$(checksum_data "$KIM_DATA")" "$sum"
}

@test "git: a HEAD naming a missing commit is found before anything is written" {
	need_git
	folder git
	echo 0123456789012345678901234567890123456789 >.git/refs/heads/main
	local sum
	sum=$(checksum_data "$KIM_DATA")
	run --separate-stderr new_kim
	refused 4 "kim-register: git: HEAD names no commit: the reference 'refs/heads/main' cannot be peeled - Cannot retrieve reference target" \
		'kim-register: nothing was written: the change could not be committed (--no-commit writes without committing)'
	assert_equal "$(checksum_data "$KIM_DATA")" "$sum"
}

@test "git: an index.lock left behind is found before anything is written; --no-commit still writes" {
	need_git
	folder git
	: >.git/index.lock
	local sum
	sum=$(checksum_data "$KIM_DATA")
	run --separate-stderr new_kim
	refused 4 "kim-register: git: $KIM_DATA/.git/index.lock exists: another git command is running, or one was killed (then remove the file)" \
		'kim-register: nothing was written: the change could not be committed (--no-commit writes without committing)'
	assert_equal "$(checksum_data "$KIM_DATA")" "$sum"
	run --separate-stderr new_kim --no-commit
	assert_success
	assert_output '99.01.01.2002-1'
	rm .git/index.lock
	run --separate-stderr kim-register --as-of 2024-06-30 \
		--update 99.01.01.2002-1 --members 5
	assert_success
	assert_equal "$(git log -1 --format=%s)" 'update 99.01.01.2002-1 KIM Baru: members'
}

@test "git: an unreadable index is found before anything is written" {
	need_git
	folder git
	printf 'DIRC garbage' >.git/index
	local sum
	sum=$(checksum_data "$KIM_DATA")
	run --separate-stderr new_kim
	assert_failure 4
	assert_output ''
	[[ $stderr == 'kim-register: git: cannot read the index: '*'
kim-register: nothing was written: the change could not be committed (--no-commit writes without committing)' ]] ||
		fail "stderr: $stderr"
	assert_equal "$(checksum_data "$KIM_DATA")" "$sum"
}
