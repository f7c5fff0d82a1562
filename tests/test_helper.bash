# Loaded by every tests/*.bats file with `load test_helper`.
#
# tests/run sets KIM_TOP (the project root) and puts bin/ (or the valgrind
# wrappers) first on PATH; when a file is run with plain `bats`, the same is
# done here. Call the tools by bare name: kim-list, never bin/kim-list.

bats_require_minimum_version 1.5.0	# run -N, run --separate-stderr

# Debian's bats-support and bats-assert (packages of the same names).
load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

if [ -z "${KIM_TOP:-}" ]; then
	KIM_TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
	export KIM_TOP
	export PATH="$KIM_TOP/bin:$PATH"
fi

# Never let a test see the caller's register.
unset KIM_DATA

# ../shared beside the project holds the official Kemendagri 2025 list; it is
# read in place, never copied into the project.
SHARED=${KIM_SHARED:-$(cd "$KIM_TOP/.." && pwd)/shared}
WILAYAH="$SHARED/data/wilayah/wilayah.csv"

# Skip the current test when the national list is not there.
need_national() {
	[ -f "$WILAYAH" ] ||
		skip "../shared/data/wilayah/wilayah.csv not found: national tests need ../shared beside the project"
}

# mkgen: a register of 100,000 KIM over the national list, made by
# tests/bench/gen (seeded, the same every time) once per test file and
# copied to $BATS_TEST_TMPDIR/gen, so a test may change its copy; exports
# KIM_DATA and changes there.  Skips without ../shared or gen.
mkgen() {
	need_national
	[ -x "$KIM_TOP/tests/bench/gen" ] ||
		skip "tests/bench/gen is not built (make test builds it)"
	local made=$BATS_FILE_TMPDIR/gen
	[ -d "$made" ] || "$KIM_TOP/tests/bench/gen" 100000 "$WILAYAH" "$made" >/dev/null ||
		fail "tests/bench/gen failed"
	KIM_DATA=$BATS_TEST_TMPDIR/gen
	cp -R "$made" "$KIM_DATA" || fail "cannot copy $made"
	export KIM_DATA
	cd "$KIM_DATA" || fail "cannot cd to $KIM_DATA"
}

# Where a test keeps its files (bats removes it afterwards); in setup_file,
# the file's directory, shared by its tests.
kim_tmp() {
	printf '%s\n' "${BATS_TEST_TMPDIR:-${BATS_FILE_TMPDIR:?kim_tmp: not inside bats}}"
}

# mkdata [NAME]: a fresh data folder $BATS_TEST_TMPDIR/NAME (default data)
# with an empty kim/ and a copy of tests/fixtures/wilayah.csv; exports
# KIM_DATA and cds there.
mkdata() {
	KIM_DATA="$(kim_tmp)/${1:-data}"
	mkdir -p "$KIM_DATA/kim" &&
		cp "$KIM_TOP/tests/fixtures/wilayah.csv" "$KIM_DATA/wilayah.csv" ||
		fail "mkdata: cannot create $KIM_DATA"
	export KIM_DATA
	cd "$KIM_DATA" || fail "mkdata: cannot cd to $KIM_DATA"
}

# mkdata_national [NAME]: as mkdata, but wilayah.csv is a symlink to the
# national list; skips the test when that is absent.
mkdata_national() {
	need_national
	KIM_DATA="$(kim_tmp)/${1:-data}"
	mkdir -p "$KIM_DATA/kim" &&
		ln -s "$WILAYAH" "$KIM_DATA/wilayah.csv" ||
		fail "mkdata_national: cannot create $KIM_DATA"
	export KIM_DATA
	cd "$KIM_DATA" || fail "mkdata_national: cannot cd to $KIM_DATA"
}

# mkdemo: a copy of share/kim/demo in $BATS_TEST_TMPDIR/demo; exports
# KIM_DATA and cds there.
mkdemo() {
	KIM_DATA="$(kim_tmp)/demo"
	[ -d "$KIM_TOP/share/kim/demo" ] || fail "mkdemo: no share/kim/demo"
	rm -rf "$KIM_DATA"
	cp -R "$KIM_TOP/share/kim/demo" "$KIM_DATA" ||
		fail "mkdemo: cannot copy share/kim/demo"
	export KIM_DATA
	cd "$KIM_DATA" || fail "mkdemo: cannot cd to $KIM_DATA"
}

# checksum_data DIR: one sha256 over everything in DIR: every path with its
# type and mode (symlinks with their target), and every file's contents.
# Compare it before and after a command that must not change the data.
checksum_data() {
	local dir=${1:?checksum_data: no DIR}
	[ -d "$dir" ] || { echo "checksum_data: $dir: not a directory" >&2; return 1; }
	(
		cd "$dir" || exit 1
		find . -printf '%y %m %p -> %l\n' | LC_ALL=C sort
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
	) | sha256sum | cut -c1-64
}

# Skip the current test when kim-tools was built without libgit2: its
# --version then does not end in " +git".
# A test that bounds memory with ulimit -v: ASan and valgrind reserve more
# address space than any such bound, so it runs in make test only.
need_ulimit_v() {
	[ "${KIM_VALGRIND:-0}" = 0 ] ||
		skip "ulimit -v cannot bound a program under valgrind (make test runs it)"
	! grep -q -- -fsanitize "$KIM_TOP/.build-flags" 2>/dev/null ||
		skip "ulimit -v cannot bound a program under sanitizers (make test runs it)"
}

need_git() {
	[[ $(kim-register --version 2>/dev/null) == *' +git' ]] ||
		skip "built without libgit2 (make WITH_GIT=0)"
}

# A test of git work: the caller's git settings, identity and environment
# stay out, and HOME is the test's own.
git_isolate() {
	unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
		GIT_CEILING_DIRECTORIES GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
		GIT_AUTHOR_DATE GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL \
		GIT_COMMITTER_DATE EMAIL KIM_COMMIT_DATE KIM_CRASH_AT
	export HOME="$BATS_TEST_TMPDIR/home" XDG_CONFIG_HOME= GIT_CONFIG_NOSYSTEM=1
	mkdir -p "$HOME"
}
