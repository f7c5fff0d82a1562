#!/usr/bin/env bats
# The journal kim/.txn (kim-data(5), LOCKING AND ATOMIC WRITES): it names
# only register files in kim/ and their temporary files, is read whole
# within its limits and checked line by line before the first rename
# (issue 15, item 1); it carries the git commit of the write, which the
# next command that takes the lock makes after a crash (item 9); kim-check
# reports a journal and never completes it (item 10).
#
# git is used here only to set up repositories and clones and to look at the
# results; the tools themselves never run it.

load test_helper

AS_OF=2024-06-30

setup() {
	git_isolate
}

reg() {
	kim-register --as-of "$AS_OF" "$@"
}

# gitrepo: a data folder that is a git repository with an identity, its
# first commit holding wilayah.csv and a .gitignore for the lock file.
gitrepo() {
	mkdata "$@"
	git init -q -b main . && git config user.name 'Petugas Data' &&
		git config user.email data@diskominfo.example &&
		printf '.kim.lock\n' >.gitignore &&
		git add .gitignore wilayah.csv &&
		git commit -q -m 'wilayah' || fail "gitrepo: cannot set up $KIM_DATA"
	export -n KIM_DATA	# messages name the files from here
}

# unprivileged CMD...: CMD as the file modes say, also for root
unprivileged() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --bounding-set -dac_override,-dac_read_search "$@"
	else
		"$@"
	fi
}

# planted TEXT: kim/.txn with TEXT (printf %b), a file for it to rename and
# the lock file; the folder's checksum in $before.
planted() {
	rm -rf "$(kim_tmp)/data"
	mkdata
	export -n KIM_DATA	# messages name the files from here
	reg --no-commit --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null ||
		fail "cannot register"
	echo pwned >kim/p
	echo pwned >kim/.kimtmp-99.01.csv-AbCdEf
	printf '%b' "$1" >kim/.txn
	touch .kim.lock
	before=$(checksum_data "$KIM_DATA")
}

# refused_by TOOL MESSAGE: TOOL exits 3 with MESSAGE, nothing renamed
refused_by() {
	local tool=$1
	shift
	run -3 --separate-stderr "$tool" --as-of "$AS_OF" "$@"
	assert_output ''
	assert_equal "$stderr" "$tool: $MSG"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "the attack of issue 15: a journal naming ../victim is refused, victim stays mine (exit 3)" {
	local t
	t=$(kim_tmp)
	cd "$t" && cp -r "$KIM_TOP/share/kim/demo" d && echo pwned >d/kim/p &&
		printf 'kim/p\t../victim\n' >d/kim/.txn && touch d/.kim.lock && echo mine >victim
	run -3 --separate-stderr kim-list -d d -c
	assert_output ''
	assert_equal "$stderr" "kim-list: d/kim/.txn:1: '../victim' is not a file the tools write: a journal names kim/KK.csv, kim/KK.KK.csv, kim/renumbered.csv, activity/KK.csv, activity/KK.KK.csv; nothing was renamed"
	assert_equal "$(cat victim)" mine
	assert_equal "$(cat d/kim/p)" pwned
	# every tool refuses it, the writer even with -n
	for tool in kim-coverage kim-eligible kim-report; do
		run -3 "$tool" -d d --as-of "$AS_OF" $([ $tool = kim-eligible ] && echo --rules d/rules/contoh-2025.json)
	done
	run -3 kim-register -d d -n --name 'KIM X' --region 51.02.01.2001 --formed 2020-01-01
	assert_equal "$(cat victim)" mine
	# kim-check reports it instead of running it
	run -1 kim-check -d d
	assert_output "d/kim/.txn:1: '../victim' is not a file the tools write: a journal names kim/KK.csv, kim/KK.KK.csv, kim/renumbered.csv, activity/KK.csv, activity/KK.KK.csv: kim-tools refuse this journal and rename nothing (remove it)"
	assert_equal "$(cat victim)" mine
}

@test "a planted journal that arrives by git pull from a second clone is refused; kim-check says git tracks it" {
	need_git
	local t
	t=$(kim_tmp)
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	git clone -q "$KIM_DATA" "$t/other" && cd "$t/other" &&
		git config user.name Penyerang && git config user.email x@example &&
		echo pwned >kim/p && printf 'kim/p\t../../victim\n' >kim/.txn &&
		git add kim/p kim/.txn && git commit -q -m 'innocent' ||
		fail "cannot plant the journal"
	cd "$KIM_DATA" && echo mine >"$t/victim" &&
		git pull -q "$t/other" main 2>/dev/null || fail "cannot pull"
	touch .kim.lock
	[ -f kim/.txn ] || fail "the pull did not bring the journal"
	run -3 --separate-stderr kim-coverage --as-of "$AS_OF"
	assert_equal "$stderr" "kim-coverage: kim/.txn:1: '../../victim' is not a file the tools write: a journal names kim/KK.csv, kim/KK.KK.csv, kim/renumbered.csv, activity/KK.csv, activity/KK.KK.csv; nothing was renamed"
	run -3 reg --name 'KIM Baru' --region 99.01.01.2002 --formed 2020-01-15
	assert_equal "$(cat "$t/victim")" mine
	run -1 kim-check --as-of "$AS_OF"
	assert_output "kim/.txn:1: '../../victim' is not a file the tools write: a journal names kim/KK.csv, kim/KK.KK.csv, kim/renumbered.csv, activity/KK.csv, activity/KK.KK.csv: kim-tools refuse this journal and rename nothing (remove it)
kim/.txn: git tracks the journal: a pull would deliver it to every clone (git rm --cached it, and list it in .gitignore)"
	assert_equal "$(cat "$t/victim")" mine
}

@test "journal lines that are refused, each at its line, nothing renamed (exit 3)" {
	local long
	long=$(head -c 70000 /dev/zero | tr '\0' x)
	planted '/etc/passwd\tkim/99.01.csv\n'
	MSG="kim/.txn:1: '/etc/passwd' is not the temporary file of kim/99.01.csv (kim/.kimtmp-99.01.csv-XXXXXX); nothing was renamed"
	refused_by kim-list
	planted 'kim/.kimtmp-99.01.csv-AbCdEf\t/tmp/x.csv\n'
	MSG="kim/.txn:1: '/tmp/x.csv' is not a file the tools write: a journal names kim/KK.csv, kim/KK.KK.csv, kim/renumbered.csv, activity/KK.csv, activity/KK.KK.csv; nothing was renamed"
	refused_by kim-list
	planted 'kim/.kimtmp-99.01.csv-AbCdEf\tkim/../wilayah.csv\n'
	MSG="kim/.txn:1: 'kim/../wilayah.csv' is not a file the tools write: a journal names kim/KK.csv, kim/KK.KK.csv, kim/renumbered.csv, activity/KK.csv, activity/KK.KK.csv; nothing was renamed"
	refused_by kim-list
	planted 'kim/.kimtmp-99.01.csv-AbCdEf\tkim/notes.txt\n'
	MSG="kim/.txn:1: 'kim/notes.txt' is not a file the tools write: a journal names kim/KK.csv, kim/KK.KK.csv, kim/renumbered.csv, activity/KK.csv, activity/KK.KK.csv; nothing was renamed"
	refused_by kim-list
	planted 'kim/p\tkim/99.01.csv\n'
	MSG="kim/.txn:1: 'kim/p' is not the temporary file of kim/99.01.csv (kim/.kimtmp-99.01.csv-XXXXXX); nothing was renamed"
	refused_by kim-list
	planted 'kim/.kimtmp-99.01.csv-AbCdEf kim/99.01.csv\n'
	MSG="kim/.txn:1: no tab: a line of a journal is TEMPORARY-FILE<TAB>FILE; nothing was renamed"
	refused_by kim-list
	planted 'kim/.kimtmp-99.01.csv-AbCdEf\tkim/99.01.csv\xff\n'
	MSG="kim/.txn:1: not valid UTF-8 at byte 43; nothing was renamed"
	refused_by kim-list
	planted "kim/.kimtmp-99.01.csv-AbCdEf\\tkim/99.01.csv\\n$long\\n"
	MSG="kim/.txn:2: a line longer than 65536 bytes; nothing was renamed"
	refused_by kim-list
	planted 'kim/.kimtmp-99.01.csv-AbCdEf\tkim/99.01.csv'
	MSG="kim/.txn:1: the last line has no newline: not a whole journal; nothing was renamed"
	refused_by kim-list
	# the whole journal is checked before the first rename: line 1 is good
	planted 'kim/.kimtmp-99.01.csv-AbCdEf\tkim/99.01.csv\nkim/p\t../victim\n'
	MSG="kim/.txn:2: '../victim' is not a file the tools write: a journal names kim/KK.csv, kim/KK.KK.csv, kim/renumbered.csv, activity/KK.csv, activity/KK.KK.csv; nothing was renamed"
	refused_by kim-register -n --name 'KIM X' --region 99.01.01.2002 --formed 2020-01-01
	[ "$(cat kim/.kimtmp-99.01.csv-AbCdEf)" = pwned ] || fail "line 1 was renamed"
	# a journal too big
	planted ''
	for i in $(seq 1 30000); do printf 'kim/.kimtmp-99.01.csv-AbCdEf\tkim/99.01.csv\n'; done >kim/.txn
	before=$(checksum_data "$KIM_DATA")
	MSG="kim/.txn: larger than 1048576 bytes: not a journal of kim-tools; nothing was renamed"
	refused_by kim-list
}

@test "a journal that is a symbolic link or a FIFO is refused at once, not followed, not waited on" {
	planted ''
	rm kim/.txn
	printf 'kim/.kimtmp-99.01.csv-AbCdEf\tkim/99.01.csv\n' >"$(kim_tmp)/j"
	ln -s "$(kim_tmp)/j" kim/.txn
	before=$(checksum_data "$KIM_DATA")
	MSG="kim/.txn: a symbolic link, not a journal; nothing was renamed"
	refused_by kim-list
	rm kim/.txn && mkfifo kim/.txn
	before=$(checksum_data "$KIM_DATA")
	MSG="kim/.txn: not a regular file, so not a journal; nothing was renamed"
	run -3 --separate-stderr timeout 10 kim-list --as-of "$AS_OF"
	assert_equal "$stderr" "kim-list: $MSG"
	run -1 timeout 10 kim-check --as-of "$AS_OF"
	assert_output "kim/.txn: not a regular file, so not a journal: kim-tools refuse this journal and rename nothing (remove it)"
}

@test "kim-check reports a pending journal and reads the files as they are, even in a read-only folder; it completes nothing" {
	mkdata
	export -n KIM_DATA
	reg --no-commit --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	input() { printf 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01\nKIM B,99.71.01.1001,2020-01-01\n' >"$(kim_tmp)/two.csv"; }
	input
	run -137 env KIM_CRASH_AT=after-journal kim-register --no-commit --as-of "$AS_OF" --import "$(kim_tmp)/two.csv"
	[ -f kim/.txn ] || fail "no journal"
	local before
	before=$(checksum_data "$KIM_DATA")
	chmod a-w "$KIM_DATA" "$KIM_DATA/kim"
	run --separate-stderr unprivileged kim-check --as-of "$AS_OF"
	chmod u+w "$KIM_DATA" "$KIM_DATA/kim"
	assert_equal "$status" 1
	assert_output 'kim/.txn: a write was interrupted; the next kim-register completes it'
	assert_equal "$stderr" ''
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
	run -0 kim-list -c --as-of "$AS_OF"
	assert_output 3
	[ ! -e kim/.txn ] || fail "the reader left the journal"
	run -0 kim-check --as-of "$AS_OF"
}

@test "killed between the rename and the commit (KIM_CRASH_AT=after-rename): the next kim-list commits with the first command's message and author" {
	need_git
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	run -137 env KIM_CRASH_AT=after-rename kim-register --as-of "$AS_OF" \
		--update 99.01.01.2001-1 --members 30
	grep -q ',30,' kim/99.01.csv || fail "not written"
	assert_equal "$(git log -1 --format=%s)" 'register 99.01.01.2001-1 KIM Maju'
	run -1 kim-check --as-of "$AS_OF"
	assert_output 'kim/.txn: a write was interrupted; the next kim-register completes it, and its git commit
kim/99.01.csv: not committed: it differs from HEAD (kim-register commits what it writes)'
	# someone else reads: the commit is the update's, by its author
	git config user.name 'Orang Lain'
	run -0 kim-list -c --as-of "$AS_OF"
	assert_output 1
	assert_equal "$(git log -2 --format='%s|%an')" 'update 99.01.01.2001-1 KIM Maju: members|Petugas Data
register 99.01.01.2001-1 KIM Maju|Petugas Data'
	assert_equal "$(git status --porcelain)" ''
	run -0 kim-check --as-of "$AS_OF"
	assert_output ''
}

@test "kim-activity killed after its journal, after the rename or before the commit: the next kim-list completes it and commits it as kim-activity's" {
	need_git
	gitrepo
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	local at n=0
	for at in after-journal after-rename before-git-commit; do
		n=$((n + 1))
		run -137 env KIM_CRASH_AT=$at kim-activity --as-of "$AS_OF" --kim 99.01.01.2001-1 \
			--date 2024-06-0$n --kind berita --title "Berita $at"
		[ -f kim/.txn ] || fail "$at: no journal"
		grep -q "^activity/.kimtmp-99.01.csv-[A-Za-z0-9]*	activity/99.01.csv$" kim/.txn ||
			fail "$at: $(cat kim/.txn)"
		run -0 kim-list -c --as-of "$AS_OF"
		assert_output 1
		[ ! -e kim/.txn ] || fail "$at: journal left"
		assert_equal "$(git log -1 --format=%s)" "activity 99.01.01.2001-1 2024-06-0$n berita: Berita $at"
		assert_equal "$(git status --porcelain)" ''
		run -0 kim-activity -c --as-of "$AS_OF"
		assert_output $n
	done
	run -0 kim-check --as-of "$AS_OF"
	assert_output ''
	ls -a activity kim | grep -q kimtmp && fail "a temporary file left"
	# an activity file is named by its own shape and temporary file only
	planted 'activity/.kimtmp-99.01.csv-AbCdEf\tactivity/../wilayah.csv\n'
	MSG="kim/.txn:1: 'activity/../wilayah.csv' is not a file the tools write: a journal names kim/KK.csv, kim/KK.KK.csv, kim/renumbered.csv, activity/KK.csv, activity/KK.KK.csv; nothing was renamed"
	refused_by kim-list
	planted 'kim/.kimtmp-99.01.csv-AbCdEf\tactivity/99.01.csv\n'
	MSG="kim/.txn:1: 'kim/.kimtmp-99.01.csv-AbCdEf' is not the temporary file of activity/99.01.csv (activity/.kimtmp-99.01.csv-XXXXXX); nothing was renamed"
	refused_by kim-list
}

@test "killed before and after the git commit of an import: the next kim-register commits it once, then its own" {
	need_git
	gitrepo
	printf 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01\nKIM B,99.71.01.1001,2020-01-01\n' >"$(kim_tmp)/two.csv"
	run -137 env KIM_CRASH_AT=before-git-commit kim-register --as-of "$AS_OF" --import "$(kim_tmp)/two.csv"
	run -0 reg --name 'KIM C' --region 99.02.01.2001 --formed 2020-01-01
	assert_equal "$(git log -2 --format=%s)" 'register 99.02.01.2001-1 KIM C
import 2 KIM into 2 files'
	assert_equal "$(git status --porcelain)" ''
	# killed once the commit is made, before the journal is gone: no second commit
	run -137 env KIM_CRASH_AT=after-git-commit kim-register --as-of "$AS_OF" --update 99.02.01.2001-1 --members 5
	[ -f kim/.txn ] || fail "no journal"
	run -0 reg --update 99.01.01.2003-1 --members 6
	assert_equal "$(git log -3 --format=%s)" 'update 99.01.01.2003-1 KIM A: members
update 99.02.01.2001-1 KIM C: members
register 99.02.01.2001-1 KIM C'
	[ ! -e kim/.txn ] || fail "journal left"
}

@test "killed inside git's commit, holding the branch's lock: the next kim-register removes that lock and commits; a lock older than the journal stays refused" {
	need_git
	gitrepo
	printf 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01\nKIM B,99.71.01.1001,2020-01-01\n' >"$(kim_tmp)/two.csv"
	run -137 env KIM_CRASH_AT=before-git-commit kim-register --as-of "$AS_OF" --import "$(kim_tmp)/two.csv"
	# what a kill inside libgit2's update of the branch leaves: its lock,
	# made after the journal
	sleep 0.01
	: >.git/refs/heads/main.lock
	run -0 --separate-stderr reg --name 'KIM C' --region 99.02.01.2001 --formed 2020-01-01
	[[ ${stderr_lines[-1]} == "kim-register: git: $PWD/.git/refs/heads/main.lock removed: left by the commit of the interrupted write, killed while it held it" ]]
	assert_equal "$(git log -2 --format=%s)" 'register 99.02.01.2001-1 KIM C
import 2 KIM into 2 files'
	assert_equal "$(git status --porcelain)" ''
	[ ! -e .git/refs/heads/main.lock ] || fail 'lock left'
	# a lock there before the write began is another git's: refused as before
	run -137 env KIM_CRASH_AT=before-git-commit kim-register --as-of "$AS_OF" --update 99.02.01.2001-1 --members 5
	: >.git/refs/heads/main.lock
	touch -d '1 hour ago' .git/refs/heads/main.lock
	run -4 --separate-stderr reg --update 99.01.01.2003-1 --members 6
	[[ $stderr == *"main.lock exists: another git command is running, or one was killed (then remove the file)"* ]] ||
		[[ $stderr == *"the git commit of an interrupted write cannot be made; nothing was written"* ]] || fail "$stderr"
	[ -e .git/refs/heads/main.lock ] || fail 'the lock of another git was removed'
	[ -f kim/.txn ] || fail 'the journal went'
}

@test "a journal that cannot be written (ulimit -f) leaves no kim/.kimtmp-.txn-XXXXXX behind" {
	need_git
	gitrepo
	# the author's name makes the journal longer than the register file
	git config user.name "Petugas $(head -c 3000 /dev/zero | tr '\0' x)"
	local before
	touch .kim.lock
	before=$(checksum_data "$KIM_DATA")
	run -4 --separate-stderr bash -c 'trap "" XFSZ; ulimit -f 2; exec "$@"' - \
		kim-register --as-of "$AS_OF" --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15
	assert_equal "$stderr" "kim-register: kim/.txn: cannot write; nothing was changed: File too large"
	run ls -A kim
	assert_output ''
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "a commit waits for an index.lock that another git holds for a moment" {
	need_git
	gitrepo
	: >.git/index.lock
	(sleep 0.5; rm -f .git/index.lock) &
	run -0 reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15
	wait
	assert_equal "$(git log -1 --format=%s)" 'register 99.01.01.2001-1 KIM Maju'
	assert_equal "$(git status --porcelain)" ''
}
