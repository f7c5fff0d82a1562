#!/usr/bin/env bats
# Git history: kim-register commits exactly the files it wrote (libgit2),
# --at DATE|REV reads the register as committed, offices working in separate
# clones merge without conflict, and share/kim/pre-commit refuses a commit
# that would break the register.
#
# The git command is used here only to set up repositories and to look at
# the results (git log --format, git show --stat, git status --porcelain);
# the tools themselves never run it. Every test repository has its own
# identity in its config; HOME points at an empty folder so that the
# caller's git configuration plays no part.

load test_helper

AS_OF=2024-06-30

setup() {
	git_isolate
}

# reg ARGS...: kim-register on the day AS_OF.
reg() {
	kim-register --as-of "$AS_OF" "$@"
}

# identity [NAME]: a git identity in the repository's own config.
identity() {
	git config user.name "${1:-Petugas Data}" &&
		git config user.email "${2:-data@diskominfo.example}"
}

# gitrepo [NAME]: a data folder (mkdata NAME) that is a git repository with
# an identity, whose first commit holds wilayah.csv and a .gitignore for the
# lock file; cds there.
gitrepo() {
	mkdata "$@"
	git init -q -b main . && identity &&
		printf '.kim.lock\n' >.gitignore &&
		git add .gitignore wilayah.csv &&
		git commit -q -m 'wilayah' || fail "gitrepo: cannot set up $KIM_DATA"
}

# commits: the number of commits on HEAD.
commits() {
	git rev-list --count HEAD
}

# last_commit [REV]: the subject of REV (default HEAD), then the files it
# changed, one a line, from `git show --stat`.
last_commit() {
	git show --stat=1000 --format=%s "${1:-HEAD}" |
		awk 'NR == 1 { print; next } / \| / { sub(/^ +/, ""); sub(/ +\| .*/, ""); print }'
}

# lines...: the arguments, one a line (to compare with multi-line output).
lines() {
	printf '%s\n' "$@"
}

# ---------------------------------------------------------------------------
# Commits

@test "register makes one commit of exactly its file; an untracked and a staged file stay out, the index agrees" {
	need_git
	gitrepo
	echo 'catatan rapat' >untracked.txt
	echo 'draft laporan' >staged.txt
	git add staged.txt
	local head
	head=$(git rev-parse HEAD)

	run -0 --separate-stderr reg --name 'KIM Maju Bersama' --region 99.01.01.2001 --formed 2020-01-15
	assert_output 99.01.01.2001-1
	assert_equal "$stderr" ''

	assert_equal "$(commits)" 2
	assert_equal "$(git rev-parse HEAD~1)" "$head"
	assert_equal "$(last_commit)" "$(lines 'register 99.01.01.2001-1 KIM Maju Bersama' kim/99.01.csv)"
	assert_equal "$(git log -1 --format=%B)" 'register 99.01.01.2001-1 KIM Maju Bersama'
	assert_equal "$(git log -1 --format='%an <%ae>|%cn <%ce>')" \
		'Petugas Data <data@diskominfo.example>|Petugas Data <data@diskominfo.example>'
	# what was committed is what was written
	assert_equal "$(git show HEAD:kim/99.01.csv)" "$(cat kim/99.01.csv)"
	# the staged file is still staged (and not committed), the untracked one
	# untracked, and the register file is clean: the index was updated
	run -0 git status --porcelain
	assert_output "$(lines 'A  staged.txt' '?? untracked.txt')"
	run -0 git show --format= --name-only HEAD
	assert_output kim/99.01.csv
}

@test "update, deactivate, dissolve, activate and verify each make one commit named after the action and the KIM" {
	need_git
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null &&
		reg --name 'KIM Lestari' --region 99.02.01.2001 --formed 2019-03-01 >/dev/null ||
		fail "cannot register the first KIM"
	echo 'draft' >staged.txt
	git add staged.txt
	echo 'x' >untracked.txt
	assert_equal "$(commits)" 3

	local n=3 args want
	while IFS='|' read -r args want; do
		# shellcheck disable=SC2086 # args is a list of words
		run -0 --separate-stderr reg $args
		assert_output 99.01.01.2001-1
		assert_equal "$stderr" ''
		n=$((n + 1))
		assert_equal "$(commits)" "$n"
		assert_equal "$(last_commit)" "$(lines "$want" kim/99.01.csv)"
		run -0 git status --porcelain
		assert_output "$(lines 'A  staged.txt' '?? untracked.txt')"
	done <<-'EOF'
		--update 99.01.01.2001-1 --members 12 --chair Budi|update 99.01.01.2001-1 KIM Maju: chair, members
		--deactivate 99.01.01.2001-1|deactivate 99.01.01.2001-1 KIM Maju
		--dissolve 99.01.01.2001-1|dissolve 99.01.01.2001-1 KIM Maju
		--activate 99.01.01.2001-1|activate 99.01.01.2001-1 KIM Maju
		--verify 99.01.01.2001-1|verify 99.01.01.2001-1 KIM Maju
	EOF
	run -0 git log --format=%s -6
	assert_output "$(lines 'verify 99.01.01.2001-1 KIM Maju' \
		'activate 99.01.01.2001-1 KIM Maju' \
		'dissolve 99.01.01.2001-1 KIM Maju' \
		'deactivate 99.01.01.2001-1 KIM Maju' \
		'update 99.01.01.2001-1 KIM Maju: chair, members' \
		'register 99.02.01.2001-1 KIM Lestari')"
	run -0 cut -d, -f1,6,9,11,14 kim/99.01.csv
	assert_output "$(lines id,chair,members,status,verified "99.01.01.2001-1,Budi,12,aktif,$AS_OF")"
	# the other kabupaten's file was never part of these commits
	run -0 git log --format=%s -- kim/99.02.csv
	assert_output 'register 99.02.01.2001-1 KIM Lestari'
}

@test "--renumber makes one commit of its file and the log kim/renumbered.csv, naming the old id, the new one and the KIM" {
	need_git
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null &&
		reg --name 'KIM Lestari' --region 99.02.01.2001 --formed 2019-03-01 >/dev/null ||
		fail "cannot register the first KIM"
	run -0 --separate-stderr reg --renumber 99.01.01.2001-1
	assert_output 99.01.01.2001-2
	assert_equal "$stderr" ''
	assert_equal "$(commits)" 4
	assert_equal "$(last_commit)" "$(lines 'renumber 99.01.01.2001-1 as 99.01.01.2001-2 KIM Maju' kim/99.01.csv kim/renumbered.csv)"
	run -0 git status --porcelain
	assert_output ''
}

@test "the commit message names the fields whose values changed, not the options given" {
	need_git
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 --sk 1/2020 >/dev/null
	# --formed is given with its value of now: only sk changed
	run -0 reg --update 99.01.01.2001-1 --formed 2020-01-15 --sk 2/2020
	assert_equal "$(git log -1 --format=%B)" 'update 99.01.01.2001-1 KIM Maju: sk'
	# a verify that also sets a members count names it; the same count again does not
	run -0 reg --verify 99.01.01.2001-1 --members 12
	assert_equal "$(git log -1 --format=%B)" 'verify 99.01.01.2001-1 KIM Maju: members'
	run -0 reg --deactivate 99.01.01.2001-1 --members 12 --chair Budi
	assert_equal "$(git log -1 --format=%B)" 'deactivate 99.01.01.2001-1 KIM Maju: chair'
	# nothing changed: no commit
	assert_equal "$(commits)" 5
	run -0 reg --verify 99.01.01.2001-1 --chair Budi
	assert_equal "$(commits)" 5
}

@test "an update that renames names the KIM by its new name" {
	need_git
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	run -0 reg --update 99.01.01.2001-1 --name 'KIM Maju Jaya'
	assert_equal "$(git log -1 --format=%s)" 'update 99.01.01.2001-1 KIM Maju Jaya: name'
}

@test "import into one file makes one commit 'import N KIM into kim/KK.KK.csv', N with thousands commas" {
	need_git
	gitrepo
	# 1,000 KIM over the six villages of 99.01
	awk 'BEGIN {
		split("99.01.01.2001 99.01.01.2002 99.01.01.2003 99.01.02.1001 99.01.02.2001 99.01.02.2002", v, " ")
		print "name,region,formed"
		for (i = 1; i <= 1000; i++)
			printf "KIM Uji %d,%s,2020-01-01\n", i, v[i % 6 + 1]
	}' >../many.csv
	reg --import ../many.csv >../ids || fail "the import failed"
	assert_equal "$(wc -l <../ids)" 1000
	assert_equal "$(commits)" 2
	assert_equal "$(last_commit)" "$(lines 'import 1,000 KIM into kim/99.01.csv' kim/99.01.csv)"
	assert_equal "$(git log -1 --format=%B)" 'import 1,000 KIM into kim/99.01.csv'
	assert_equal "$(git status --porcelain)" ''

	printf 'name,region,formed\nKIM Satu Lagi,99.01.01.2001,2020-01-01\n' >../one.csv
	run -0 reg --import ../one.csv
	assert_output 99.01.01.2001-167
	assert_equal "$(commits)" 3
	assert_equal "$(git log -1 --format=%s)" 'import 1 KIM into kim/99.01.csv'
}

@test "import into several kabupaten files makes one commit naming the count and listing the files" {
	need_git
	gitrepo
	reg --name 'KIM Lama' --region 99.02.02.2002 --formed 2020-01-15 >/dev/null
	printf '%s\n' name,region,formed 'KIM A,99.71.01.1001,2021-01-01' \
		'KIM B,99.01.01.2002,2021-01-01' 'KIM C,99.01.02.1001,2021-01-01' \
		'KIM D,99.02.01.2001,2021-01-01' 'KIM E,99,2021-01-01' >../several.csv
	run -0 reg --import ../several.csv
	assert_equal "${#lines[@]}" 5
	assert_equal "$(commits)" 3
	# the body lists the files written (in the order the import reached them)
	run -0 git log -1 --format=%B
	assert_equal "${lines[0]}" 'import 5 KIM into 4 files'
	assert_equal "${#lines[@]}" 5
	assert_equal "$(printf '%s\n' "${lines[@]:1}" | LC_ALL=C sort)" \
		"$(lines kim/99.01.csv kim/99.02.csv kim/99.71.csv kim/99.csv)"
	assert_equal "$(git log -1 --format=%B | sed -n 2p)" ''
	assert_equal "$(last_commit)" "$(lines 'import 5 KIM into 4 files' \
		kim/99.01.csv kim/99.02.csv kim/99.71.csv kim/99.csv)"
	assert_equal "$(git status --porcelain)" ''
}

@test "--no-commit writes without committing; --dry-run and an update that changes nothing make no commit" {
	need_git
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 --members 10 \
		--sectors 'umkm;pariwisata' >/dev/null
	assert_equal "$(commits)" 2

	run -0 --separate-stderr reg --no-commit --name 'KIM Baru' --region 99.01.01.2002 --formed 2021-01-01
	assert_output 99.01.01.2002-1
	assert_equal "$stderr" ''
	assert_equal "$(commits)" 2
	assert_equal "$(git status --porcelain)" ' M kim/99.01.csv'
	grep -q '^99.01.01.2002-1,KIM Baru,' kim/99.01.csv || fail "--no-commit did not write"

	run -0 reg --no-commit --name 'KIM Kota' --region 99.71.01.1001 --formed 2021-01-01
	assert_equal "$(git status --porcelain)" "$(lines ' M kim/99.01.csv' '?? kim/99.71.csv')"
	git add kim && git commit -q -m 'hand commit'

	local before
	before=$(checksum_data "$KIM_DATA")
	run -0 reg --dry-run --name 'KIM Coba' --region 99.01.01.2003 --formed 2021-01-01
	run -0 reg -n --update 99.01.01.2001-1 --members 20
	assert_equal "$(commits)" 3
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"

	# the same value again, and a sector list that normalises to the same
	run -0 --separate-stderr reg --update 99.01.01.2001-1 --members 10 --sectors ' UMKM ;Pariwisata'
	assert_output 99.01.01.2001-1
	assert_equal "$stderr" ''
	assert_equal "$(commits)" 3
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
	assert_equal "$(git status --porcelain)" ''
}

@test "a data folder in a subfolder of the repository commits data/kim/KK.KK.csv, also when named with -d from elsewhere" {
	need_git
	local top
	top="$(kim_tmp)/repo"
	mkdata repo/data
	cd "$top" && git init -q -b main . && identity &&
		printf '.kim.lock\n' >.gitignore && echo '# register' >README.md &&
		git add . && git commit -q -m init || fail "cannot set up $top"

	cd "$KIM_DATA"
	run -0 reg --name 'KIM Sub' --region 99.01.01.2001 --formed 2020-01-15
	assert_equal "$(last_commit)" "$(lines 'register 99.01.01.2001-1 KIM Sub' data/kim/99.01.csv)"

	cd /
	run -0 reg -d "$top/data" --name 'KIM Lain' --region 99.02.01.2001 --formed 2020-01-15
	cd "$top"
	assert_equal "$(commits)" 3
	assert_equal "$(last_commit)" "$(lines 'register 99.02.01.2001-1 KIM Lain' data/kim/99.02.csv)"
	assert_equal "$(git status --porcelain)" ''
	# and --at reads data/kim in the history
	run -0 kim-list -d "$top/data" --at HEAD~1 -f csv --fields id
	assert_output "$(lines id 99.01.01.2001-1)"
}

@test "a data folder outside any git repository is just written, without a word about git" {
	mkdata
	git -C "$KIM_DATA" rev-parse --git-dir >/dev/null 2>&1 &&
		skip "the test folder $KIM_DATA is inside a git repository"
	run -0 --separate-stderr reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15
	assert_output 99.01.01.2001-1
	assert_equal "$stderr" ''
	[ -f kim/99.01.csv ] || fail "not written"
	[ ! -e .git ] || fail "a repository was created"
}

@test "with no git identity configured the commit is made as kim-tools <kim-tools@localhost>" {
	need_git
	mkdata
	git init -q -b main . &&
		git -c user.name=Setup -c user.email=setup@example.org commit -q --allow-empty -m init ||
		fail "cannot set up the repository"
	run git config user.name
	assert_failure		# no identity anywhere: HOME is empty, no system config
	run -0 --separate-stderr reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15
	assert_output 99.01.01.2001-1
	assert_equal "$stderr" ''
	assert_equal "$(git log -1 --format='%an <%ae>|%cn <%ce>|%s')" \
		'kim-tools <kim-tools@localhost>|kim-tools <kim-tools@localhost>|register 99.01.01.2001-1 KIM Maju'
}

@test "the first commit of an empty repository holds only the register file" {
	need_git
	mkdata
	git init -q -b main . && identity && git add wilayah.csv || fail "cannot set up"
	run -0 reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15
	assert_equal "$(commits)" 1
	run -0 git show --format=%s --name-only HEAD
	assert_output "$(lines 'register 99.01.01.2001-1 KIM Maju' '' kim/99.01.csv)"
	# wilayah.csv is still staged, for the user to commit
	run -0 git status --porcelain -uno
	assert_output 'A  wilayah.csv'
}

@test "KIM_COMMIT_DATE sets the commit time: a day is noon UTC, or a time of day" {
	need_git
	gitrepo
	KIM_COMMIT_DATE=2025-01-10 reg --name 'KIM A' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	assert_equal "$(git log -1 --format='%ci|%ai')" '2025-01-10 12:00:00 +0000|2025-01-10 12:00:00 +0000'
	KIM_COMMIT_DATE=2025-01-10T23:30:05 reg --name 'KIM B' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	assert_equal "$(git log -1 --format='%ci|%ai')" '2025-01-10 23:30:05 +0000|2025-01-10 23:30:05 +0000'
}

@test "when the commit fails after the write: exit 4, the message, and the new file is left in place" {
	need_git
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	local head as=()
	head=$(git rev-parse HEAD)
	# git cannot store the new file: its objects are read-only, for root
	# too (setpriv drops the capabilities that override file modes).  A
	# lock file left behind is found before the write (0700-faults.bats).
	chmod -R a-w .git/objects
	[ "$(id -u)" -ne 0 ] || as=(setpriv --bounding-set -dac_override,-dac_read_search)
	run -4 --separate-stderr "${as[@]}" kim-register --as-of "$AS_OF" \
		--name 'KIM Baru' --region 99.01.01.2002 --formed 2021-01-01
	chmod -R u+w .git/objects
	assert_output 99.01.01.2002-1
	[[ ${stderr_lines[0]} == "kim-register: git: cannot commit: failed to create temporary file '"*"/.git/objects/"*"': Permission denied" ]] ||
		fail "stderr: $stderr"
	assert_equal "${stderr_lines[1]}" \
		"kim-register: kim/99.01.csv is written but not committed: the next kim-tools command that takes the lock commits it (the journal $KIM_DATA/kim/.txn says how)"
	assert_equal "${#stderr_lines[@]}" 2
	grep -q '^99.01.01.2002-1,KIM Baru,' kim/99.01.csv || fail "the register was not written"
	assert_equal "$(git rev-parse HEAD)" "$head"
	assert_equal "$(git status --porcelain)" ' M kim/99.01.csv
?? kim/.txn'
	# kim-check reports both; the next reader makes the commit, as it was
	run -1 kim-check -d . --as-of "$AS_OF"
	assert_output 'kim/.txn: a write was interrupted; the next kim-register completes it, and its git commit
kim/99.01.csv: not committed: it differs from HEAD (kim-register commits what it writes)'
	run -0 kim-list -d . -c
	assert_output 2
	assert_equal "$(git log -1 --format='%s|%an' HEAD)" 'register 99.01.01.2002-1 KIM Baru|Petugas Data'
	assert_equal "$(git status --porcelain)" ''
}

@test "with the index locked by another git, nothing is written or committed (exit 4)" {
	need_git
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	local head
	head=$(git rev-parse HEAD)
	: >.git/index.lock

	run -4 --separate-stderr reg --name 'KIM Baru' --region 99.01.01.2002 --formed 2021-01-01
	assert_output ''
	assert_equal "${stderr_lines[-1]}" \
		'kim-register: nothing was written: the change could not be committed (--no-commit writes without committing)'
	grep -q '^99.01.01.2002-1,' kim/99.01.csv && fail "the register was written"
	rm .git/index.lock
	assert_equal "$(git rev-parse HEAD)" "$head"
	assert_equal "$(git status --porcelain)" ''
}

# ---------------------------------------------------------------------------
# --at DATE|REV

# late ARGS...: kim-register on 2025-06-30, after the dated KIM below.
late() {
	kim-register --as-of 2025-06-30 "$@"
}

# dated: a repository with KIM registered on 2025-01-10, 2025-02-10 and
# 2025-03-10 (KIM_COMMIT_DATE), after a first commit of 2025-01-01.
dated() {
	gitrepo
	GIT_COMMITTER_DATE=2025-01-01T12:00:00+0000 \
		git commit -q --amend --no-edit --date=2025-01-01T12:00:00+0000 ||
		fail "cannot date the first commit"
	local d i=0
	for d in 2025-01-10 2025-02-10 2025-03-10; do
		i=$((i + 1))
		KIM_COMMIT_DATE=$d kim-register --as-of "$d" --name "KIM Ke-$i" \
			--region 99.01.01.2001 --formed 2020-01-15 >/dev/null ||
			fail "cannot register KIM Ke-$i"
	done
}

@test "--at DATE reads the register as committed on or before that day; before the first KIM it is empty (exit 1)" {
	need_git
	dated
	local before at want
	before=$(checksum_data "$KIM_DATA")
	while read -r at want; do
		run -0 --separate-stderr kim-list --at "$at" -c
		assert_output "$want"
		assert_equal "$stderr" ''
	done <<-'EOF'
		2025-01-10 1
		2025-01-31 1
		2025-02-09 1
		2025-02-10 2
		2025-03-09 2
		2025-03-31 3
		2099-12-31 3
	EOF
	run -1 --separate-stderr kim-list --at 2025-01-09 -c
	assert_output 0
	assert_equal "$stderr" ''
	run -1 --separate-stderr kim-list --at 2024-12-31 -c
	assert_output 0
	run -0 kim-list --at 2025-02-28 -f csv --fields id,name
	assert_output "$(lines id,name '99.01.01.2001-1,KIM Ke-1' '99.01.01.2001-2,KIM Ke-2')"
	# nothing was checked out, written or locked
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "--at DATE goes by the day in the data folder's time zone (WIB by default, kim.conf's tz), not the committer's, on HEAD's first-parent line" {
	need_git
	dated
	# committed by hand at 23:00 on 30 April in UTC-5 (1 May, 04:00 UTC:
	# 11:00 on 1 May in WIB) ...
	late --no-commit --name 'KIM April' --region 99.01.01.2002 --formed 2020-01-15 >/dev/null
	git add kim && GIT_COMMITTER_DATE='2025-04-30T23:00:00-0500' git commit -q -m april
	# ... and on a server on UTC at 17:30 on 30 April (00:30 on 1 May in
	# WIB and 02:30 in WIT; 13:30 on 30 April in New York)
	late --no-commit --name 'KIM Mei' --region 99.01.01.2003 --formed 2020-01-15 >/dev/null
	git add kim && GIT_COMMITTER_DATE='2025-04-30T17:30:00+0000' git commit -q -m mei

	# in WIB both commits are of 1 May (by the committers' clocks, both
	# of 30 April)
	run -0 kim-list --at 2025-04-29 -c
	assert_output 3
	run -0 kim-list --at 2025-04-30 -c
	assert_output 3
	run -0 kim-list --at 2025-05-01 -c
	assert_output 5
	# in WIT the same; in New York (UTC-4 then) the newest made by 30
	# April is May's commit, which holds April's KIM too
	printf 'tz = Asia/Jayapura\n' >kim.conf
	run -0 kim-list --at 2025-04-30 -c
	assert_output 3
	printf 'tz = America/New_York\n' >kim.conf
	run -0 kim-list --at 2025-04-30 -c
	assert_output 5
	rm kim.conf

	# a side branch dated inside April, merged later, is not on the
	# first-parent line: April's answer stays the one main had
	git checkout -q -b side HEAD~2 &&
		late --no-commit --name 'KIM Cabang' --region 99.02.01.2001 --formed 2020-01-15 >/dev/null &&
		git add kim && GIT_COMMITTER_DATE='2025-04-15T12:00:00+0000' git commit -q -m side &&
		git checkout -q main &&
		GIT_COMMITTER_DATE='2025-06-01T12:00:00+0000' git merge -q --no-edit side ||
		fail "cannot merge the side branch"
	run -0 kim-list --at 2025-04-30 -f csv --fields name
	assert_output "$(lines name 'KIM Ke-1' 'KIM Ke-2' 'KIM Ke-3')"
	run -0 kim-list --at 2025-05-31 -c
	assert_output 5
	run -0 kim-list --at 2025-06-01 -c
	assert_output 6
}

@test "--at REV: HEAD~1, a commit hash, a tag, a branch; the work tree is untouched" {
	need_git
	dated
	late --no-commit --name 'KIM Belum' --region 99.01.01.2002 --formed 2020-01-15 >/dev/null
	git tag v1 HEAD~2
	local before
	before=$(checksum_data "$KIM_DATA")

	run -0 kim-list -c
	assert_output 4
	run -0 kim-list --at HEAD -c
	assert_output 3
	run -0 --separate-stderr kim-list --at HEAD~1 -f csv --fields id,name
	assert_output "$(lines id,name '99.01.01.2001-1,KIM Ke-1' '99.01.01.2001-2,KIM Ke-2')"
	assert_equal "$stderr" ''
	run -0 kim-list --at "$(git rev-parse HEAD~2)" -f csv --fields id
	assert_output "$(lines id 99.01.01.2001-1)"
	run -0 kim-list --at "$(git rev-parse --short HEAD~2)" -c
	assert_output 1
	run -0 kim-list --at v1 -c
	assert_output 1
	run -0 kim-list --at main -c
	assert_output 3
	run -1 kim-list --at HEAD~3 -c
	assert_output 0
	# the other reading options apply as usual
	run -0 kim-list --at HEAD --name ke-2 -f csv --fields id
	assert_output "$(lines id 99.01.01.2001-2)"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "--at with a file operand, an unknown revision, or outside a git work tree is a usage error (exit 2)" {
	need_git
	dated
	run -2 --separate-stderr kim-list --at HEAD kim/99.01.csv
	assert_output ''
	assert_equal "${stderr_lines[0]}" \
		'kim-list: --at reads the register as committed; it does not go with files to read'

	run -2 --separate-stderr kim-list --at nosuch
	assert_output ''
	[[ ${stderr_lines[0]} == "kim-list: --at: 'nosuch' is neither a date (YYYY-MM-DD) nor a revision of "*/data/ ]] ||
		fail "stderr: $stderr"
	run -2 --separate-stderr kim-list --at nosuch -c
	assert_output ''
	run -2 --separate-stderr kim-list --at HEAD~9 -c
	assert_output ''
	[[ ${stderr_lines[0]} == "kim-list: --at: 'HEAD~9' is neither a date (YYYY-MM-DD) nor a revision of "* ]] ||
		fail "stderr: $stderr"
	# not a real day, so not a date; and no such revision either
	run -2 --separate-stderr kim-list --at 2025-02-30 -c
	assert_output ''

	mkdata plain
	git -C "$KIM_DATA" rev-parse --git-dir >/dev/null 2>&1 &&
		skip "the test folder $KIM_DATA is inside a git repository"
	run -2 --separate-stderr kim-list --at HEAD -c
	assert_output ''
	assert_equal "$stderr" "kim-list: --at: $KIM_DATA is not in a git work tree"
	run -2 --separate-stderr kim-list --at 2025-01-01 -c
	assert_output ''
}

# ---------------------------------------------------------------------------
# Working across offices

# villages KK N: the codes of the first N villages of kabupaten KK (51.02)
# in the national list.
villages() {
	grep -o "^${1//./\\.}\\.[0-9][0-9]\\.[0-9]\\{4\\}," "$WILAYAH" | tr -d , | head -n "$2"
}

# offices NAME...: a bare repository origin.git, first filled by the
# province clone with wilayah.csv (a symlink to the national list, as git
# stores a link) and a .gitignore for the lock file, then a clone per NAME
# with its own identity. Leaves the clones in $(kim_tmp)/NAME.
offices() {
	need_national
	local t o
	t=$(kim_tmp)
	git init -q --bare -b main "$t/origin.git" &&
		git init -q -b main "$t/province" && cd "$t/province" &&
		identity 'Diskominfos Bali' bali@diskominfos.example &&
		ln -s "$WILAYAH" wilayah.csv && printf '.kim.lock\n' >.gitignore &&
		git add wilayah.csv .gitignore && git commit -q -m 'wilayah' &&
		git remote add origin "$t/origin.git" && git push -q -u origin main ||
		fail "offices: cannot set up the province repository"
	[ "$(git ls-files -s wilayah.csv | cut -c1-6)" = 120000 ] ||
		fail "offices: wilayah.csv is not stored as a link"
	for o in "$@"; do
		git clone -q "$t/origin.git" "$t/$o" && cd "$t/$o" &&
			identity "Diskominfo $o" "$o@diskominfo.example" ||
			fail "offices: cannot clone for $o"
	done
	cd "$t"
}

# sync: pull with a merge, then push; any failure fails the test.
sync() {
	run -0 git pull -q --no-rebase --no-edit
	run -0 git push -q
}

# office_round NAME ROUND: in the current clone, office NAME registers the
# ten KIM of round ROUND (0-4) in the villages of the array named NAME: one
# on its own, then nine in one import; two commits.
office_round() {
	local -n codes=$1
	local v=${codes[$2 * 10]}	# not i: bats's run (1.8) sets a global i
	run -0 reg --name "KIM $1 $(($2 * 10 + 1))" --region "$v" --formed 2020-01-15
	assert_output "$v-1"
	printf '%s\n' "${codes[@]:$2 * 10 + 1:9}" |
		awk -v o="$1" -v n=$(($2 * 10 + 1)) 'BEGIN { print "name,region,formed,sectors" }
			{ printf "KIM %s %d,%s,2019-%02d-01,umkm;pariwisata\n", o, n + NR, $0, NR }' >"../$1-$2.csv"
	run -0 reg --import "../$1-$2.csv"
	assert_equal "${#lines[@]}" 9
}

@test "kim-register in a fresh clone, where git has not made kim/ yet, creates it" {
	need_git
	offices tabanan
	cd tabanan
	[ ! -e kim ] || fail "the clone already has kim/"
	run -0 --separate-stderr reg --name 'KIM Pertama' --region 51.02.01.2001 --formed 2020-01-15
	assert_output 51.02.01.2001-1
	assert_equal "$stderr" ''
	assert_equal "$(last_commit)" "$(lines 'register 51.02.01.2001-1 KIM Pertama' kim/51.02.csv)"
}

@test "Tabanan and Badung register 50 KIM each in their clones, pulling and pushing between; the province merges 100 without a conflict" {
	need_git
	offices tabanan badung
	local t round o
	t=$(kim_tmp)
	mapfile -t tabanan < <(villages 51.02 50)
	mapfile -t badung < <(villages 51.03 50)
	[ "${#tabanan[@]}" -eq 50 ] && [ "${#badung[@]}" -eq 50 ] ||
		fail "fewer than 50 villages in 51.02 or 51.03 in $WILAYAH"

	# five rounds; in each, each office registers 10 KIM (one on its own,
	# nine in one import: two commits), then pulls and pushes, so that every
	# pull after the first merges the other office's work
	for round in 0 1 2 3 4; do
		for o in tabanan badung; do
			cd "$t/$o" && office_round "$o" "$round"
			sync
		done
	done
	# Tabanan's last pull brings in Badung's last push
	cd "$t/tabanan" && sync

	cd "$t/province"
	run -0 git pull -q --no-rebase --no-edit
	[ "$(git log --merges --oneline | wc -l)" -ge 5 ] || fail "the offices' pushes were never merged"
	run grep -rn -e '^<<<<<<<' -e '^=======' -e '^>>>>>>>' kim
	assert_failure 1
	assert_equal "$(git status --porcelain)" ''
	run -0 ls kim
	assert_output "$(lines 51.02.csv 51.03.csv)"
	run -0 kim-list -c
	assert_output 100
	run -0 kim-list -r 51.02 -c
	assert_output 50
	run -0 kim-list -r 51.03 -c
	assert_output 50
	run -0 --separate-stderr kim-check --as-of "$AS_OF"
	assert_output ''
	assert_equal "$stderr" ''
	# who registered what: each file's history is its own office's
	run -0 git log --no-merges --format=%an -- kim/51.02.csv
	assert_equal "$(sort -u <<<"$output")" 'Diskominfo tabanan'
	assert_equal "${#lines[@]}" 10
	run -0 git log --no-merges --format=%an -- kim/51.03.csv
	assert_equal "$(sort -u <<<"$output")" 'Diskominfo badung'
	assert_equal "${#lines[@]}" 10
	# and every clone agrees on the register
	for o in tabanan badung; do
		diff -r --exclude=.git --exclude=.kim.lock "$t/province/kim" "$t/$o/kim" ||
			fail "$o's register differs from the province's"
	done
}

@test "two offices registering in the same kabupaten file at once: git reports a conflict, kim-check names each marker line" {
	need_git
	offices tabanan badung
	local t
	t=$(kim_tmp)
	cd "$t/tabanan"
	reg --name 'KIM Awal' --region 51.02.01.2001 --formed 2020-01-15 >/dev/null && sync
	cd "$t/badung" && run -0 git pull -q --no-rebase --no-edit

	# both add the next KIM of the same village to kim/51.02.csv
	cd "$t/tabanan"
	run -0 reg --name 'KIM Tabanan' --region 51.02.01.2002 --formed 2020-01-15
	assert_output 51.02.01.2002-1
	sync
	cd "$t/badung"
	run -0 reg --name 'KIM Dari Badung' --region 51.02.01.2002 --formed 2020-01-15
	assert_output 51.02.01.2002-1
	run git -c merge.conflictStyle=diff3 pull --no-rebase --no-edit
	assert_failure
	assert_output --partial 'CONFLICT (content): Merge conflict in kim/51.02.csv'

	local markers n=0 line
	markers=$(grep -n -e '^<<<<<<<' -e '^|||||||' -e '^=======' -e '^>>>>>>>' kim/51.02.csv | cut -d: -f1)
	[ "$(wc -l <<<"$markers")" -eq 4 ] || fail "expected 4 marker lines: $markers"
	run -1 --separate-stderr kim-check --as-of "$AS_OF"
	for line in $markers; do
		assert_line "kim/51.02.csv:$line:1: a merge conflict marker: resolve the conflict, keep each record once, then check again"
		n=$((n + 1))
	done
	assert_equal "$n" 4
	run -0 git status --porcelain
	assert_output 'UU kim/51.02.csv'
	# a write on top of the conflicted file is refused, and changes nothing:
	# in the merge, kim-register would not commit; with --no-commit, the
	# markers are invalid data
	local before
	before=$(checksum_data "$t/badung/kim")
	run -4 --separate-stderr reg --name 'KIM Lain' --region 51.02.01.2003 --formed 2020-01-15
	assert_equal "${stderr_lines[0]}" 'kim-register: git: a merge, rebase or cherry-pick is in progress: write with --no-commit, then git add and git commit end it'
	run -3 reg --no-commit --name 'KIM Lain' --region 51.02.01.2003 --formed 2020-01-15
	assert_equal "$(checksum_data "$t/badung/kim")" "$before"
}

@test "a conflicted merge of a register file made by hand: kim-check names every marker line (either build)" {
	gitrepo
	reg --no-commit --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null &&
		git add kim && git commit -q -m one && git branch other &&
		reg --no-commit --name 'KIM Sini' --region 99.01.01.2002 --formed 2020-01-15 >/dev/null &&
		git commit -q -am two && git checkout -q other &&
		reg --no-commit --name 'KIM Sana' --region 99.01.01.2002 --formed 2020-01-15 >/dev/null &&
		git commit -q -am three || fail "cannot set up the branches"
	run git merge --no-edit main
	assert_failure
	assert_output --partial 'CONFLICT (content): Merge conflict in kim/99.01.csv'
	run -0 grep -n -e '^<<<<<<<' -e '^=======' -e '^>>>>>>>' kim/99.01.csv
	assert_equal "$(cut -d: -f1 <<<"$output" | tr '\n' ' ')" '3 5 7 '
	run -1 --separate-stderr kim-check -d . --as-of "$AS_OF"
	assert_line --index 0 'kim/99.01.csv:3:1: a merge conflict marker: resolve the conflict, keep each record once, then check again'
	assert_line --index 1 'kim/99.01.csv:5:1: a merge conflict marker: resolve the conflict, keep each record once, then check again'
	assert_line --index 2 'kim/99.01.csv:7:1: a merge conflict marker: resolve the conflict, keep each record once, then check again'
	# a marker-like text inside a quoted field is data, not a marker
	git merge --abort
	reg --update 99.01.01.2001-1 --notes $'baris\n======= bukan penanda' >/dev/null ||
		fail "cannot write the notes"
	run -0 kim-check --as-of "$AS_OF"
	assert_output ''
}

# ---------------------------------------------------------------------------
# The pre-commit hook

# The hook needs git and kim-check, not libgit2: these tests commit with git
# and run in both builds.

# hooked: a gitrepo holding one committed KIM, with share/kim/pre-commit
# linked in as its pre-commit hook.
hooked() {
	gitrepo
	reg --no-commit --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null &&
		git add kim && git commit -q -m 'register KIM Maju' ||
		fail "hooked: cannot register"
	ln -s "$KIM_TOP/share/kim/pre-commit" .git/hooks/pre-commit ||
		fail "hooked: cannot link the hook"
}

@test "pre-commit: a valid hand edit commits" {
	hooked
	sed -i 's/,KIM Maju,/,KIM Maju Jaya,/' kim/99.01.csv
	git add kim/99.01.csv
	run -0 git commit -q -m 'rename KIM Maju'
	assert_equal "$(git log -1 --format=%s)" 'rename KIM Maju'
	assert_equal "$(git status --porcelain)" ''
}

@test "pre-commit: a staged edit that breaks the register is refused with kim-check's message, even when the work tree is fixed" {
	hooked
	local head good
	head=$(git rev-parse HEAD)
	good=$(cat kim/99.01.csv)
	sed -i 's/,2020-01-15,/,2020-02-30,/' kim/99.01.csv
	git add kim/99.01.csv

	run --separate-stderr git commit -q -m 'bad date'
	assert_failure
	assert_equal "${stderr_lines[0]}" \
		"kim/99.01.csv:2:4: formed: '2020-02-30' is not a real date (expected YYYY-MM-DD)"
	assert_equal "${stderr_lines[1]}" \
		'pre-commit: kim-check found problems in what is staged; the commit is refused'
	assert_equal "$(git rev-parse HEAD)" "$head"

	# the hook checks the staged file, not the work tree
	printf '%s\n' "$good" >kim/99.01.csv
	run --separate-stderr git commit -q -m 'bad date, work tree fixed'
	assert_failure
	assert_equal "${stderr_lines[0]}" \
		"kim/99.01.csv:2:4: formed: '2020-02-30' is not a real date (expected YYYY-MM-DD)"
	assert_equal "$(git rev-parse HEAD)" "$head"
	# no temporary copy is left behind
	run -0 git status --porcelain
	assert_output 'MM kim/99.01.csv'
}

@test "pre-commit: a good staged version commits although the work tree copy is broken" {
	hooked
	sed -i 's/,KIM Maju,/,KIM Maju Jaya,/' kim/99.01.csv
	git add kim/99.01.csv
	local staged
	staged=$(cat kim/99.01.csv)
	sed -i 's/,2020-01-15,/,2020-02-30,/' kim/99.01.csv

	run -0 git commit -q -m 'rename, staged'
	assert_equal "$(git show HEAD:kim/99.01.csv)" "$staged"
	run -0 git status --porcelain
	assert_output ' M kim/99.01.csv'
	run -1 kim-check --as-of "$AS_OF"
}

@test "pre-commit: a data folder in a subfolder, named by git config kim.data, is checked there" {
	local top
	top="$(kim_tmp)/repo"
	mkdata repo/data
	cd "$top" && git init -q -b main . && identity && git config kim.data data &&
		printf '.kim.lock\n' >.gitignore && git add . && git commit -q -m init &&
		ln -s "$KIM_TOP/share/kim/pre-commit" .git/hooks/pre-commit ||
		fail "cannot set up $top"
	reg -d data --no-commit --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null

	sed -i 's/,2020-01-15,/,2020-02-30,/' data/kim/99.01.csv
	git add data
	run --separate-stderr git commit -q -m 'bad date'
	assert_failure
	assert_equal "${stderr_lines[0]}" \
		"data/kim/99.01.csv:2:4: formed: '2020-02-30' is not a real date (expected YYYY-MM-DD)"

	sed -i 's/,2020-02-30,/,2020-01-16,/' data/kim/99.01.csv
	git add data
	run -0 git commit -q -m 'formed on the 16th'
}

# ---------------------------------------------------------------------------
# Built without libgit2

@test "built without libgit2 (make WITH_GIT=0): --at exits 2 saying so; kim-register writes, warns in a git work tree, exits 0" {
	[[ $(kim-register --version) != *' +git' ]] ||
		skip "built with libgit2: this test is for make WITH_GIT=0"
	mkdata
	if command -v git >/dev/null; then
		git init -q -b main . && identity && git add . && git commit -q -m init ||
			fail "cannot set up the repository"
	else
		mkdir .git	# what the build without git looks for
	fi

	run -2 --separate-stderr kim-list --at HEAD
	assert_output ''
	assert_equal "$stderr" \
		'kim-list: --at: this kim-tools was built without git (make WITH_GIT=0); rebuild it with libgit2'
	run -2 --separate-stderr kim-list --at 2025-01-01 -c
	assert_output ''
	[[ $stderr == *'built without git'* ]] || fail "no word of the build: $stderr"

	run -0 --separate-stderr reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15
	assert_output 99.01.01.2001-1
	assert_equal "$stderr" \
		"kim-register: $KIM_DATA is in a git work tree, but this kim-tools was built without git: the change is not committed"
	grep -q '^99.01.01.2001-1,KIM Maju,' kim/99.01.csv || fail "not written"
	if command -v git >/dev/null; then
		assert_equal "$(commits)" 1
		run -0 git status --porcelain
		assert_output "$(lines '?? .kim.lock' '?? kim/')"
	fi

	# --no-commit asks for no commit, so there is nothing to warn about
	run -0 --separate-stderr reg --no-commit --name 'KIM Lain' --region 99.01.01.2002 --formed 2020-01-15
	assert_output 99.01.01.2002-1
	assert_equal "$stderr" ''

	# and outside any work tree, no word about git
	mkdata plain
	if ! git -C "$KIM_DATA" rev-parse --git-dir >/dev/null 2>&1; then
		run -0 --separate-stderr reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15
		assert_equal "$stderr" ''
	fi
}
