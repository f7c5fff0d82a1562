#!/usr/bin/env bats
# kim-merge, git's merge driver for register files: offices that change one
# kim/KK.KK.csv in their clones merge record by record, field by field,
# with git merge, git pull, git pull --rebase, git rebase and git
# cherry-pick; two new KIM given one id are renumbered by their content;
# the same field changed to two values stops the merge and kim-check names
# it.  The driver is set up as kim(7) says: .gitattributes and
# git config merge.kim.driver.
#
# git is used to set up the clones and to merge; the tools never run it.

load test_helper

setup() {
	git_isolate
	need_git
	T=$(kim_tmp)
}

HEADER=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes

# driver: the merge driver's config in the current clone
driver() {
	git config merge.kim.name 'KIM register files, record by record' &&
		git config merge.kim.driver 'kim-merge %O %A %B %P'
}

# offices NAME...: a bare origin.git, filled by the clone "province" with
# the fixture wilayah.csv, .gitignore and .gitattributes (kim/*.csv
# merge=kim), then one clone per NAME; each clone has its identity and the
# driver.  Leaves the clones in $T/NAME; cds to $T.
offices() {
	git init -q --bare -b main "$T/origin.git" &&
		git init -q -b main "$T/province" && cd "$T/province" &&
		git config user.name 'Diskominfos' && git config user.email p@example &&
		driver && mkdir kim &&
		cp "$KIM_TOP/tests/fixtures/wilayah.csv" wilayah.csv &&
		printf '.kim.lock\nkim/.txn\n' >.gitignore &&
		printf 'kim/*.csv merge=kim\n' >.gitattributes &&
		git add wilayah.csv .gitignore .gitattributes && git commit -q -m 'wilayah' &&
		git remote add origin "$T/origin.git" && git push -q -u origin main ||
		fail "offices: cannot set up the province"
	local o
	for o in "$@"; do
		git clone -q "$T/origin.git" "$T/$o" && cd "$T/$o" &&
			git config user.name "Diskominfo $o" && git config user.email "$o@example" &&
			driver || fail "offices: cannot clone for $o"
	done
	cd "$T"
}

# reg DAY ARGS...: kim-register on 2026-12-DAY, in the current clone
reg() {
	local day=$1
	shift
	kim-register --as-of "2026-12-$day" "$@"
}

# sync: pull with a merge, then push
sync() {
	run -0 git pull -q --no-rebase --no-edit
	run -0 git push -q
}

# start: province registers KIM Awal (99.01.01.2001-1) and pushes; tabanan
# and badung clone after it.
start() {
	offices
	cd "$T/province"
	run -0 reg 01 --name 'KIM Awal' --region 99.01.01.2001 --formed 2020-01-15 --members 10
	run -0 git push -q
	local o
	for o in tabanan badung; do
		git clone -q "$T/origin.git" "$T/$o" && cd "$T/$o" &&
			git config user.name "Diskominfo $o" && git config user.email "$o@example" &&
			driver || fail "start: cannot clone for $o"
	done
}

@test "kim-merge: usage, help and version" {
	run -2 kim-merge a b c
	assert_line --index 0 "kim-merge: four operands are needed (git's %O %A %B %P), not 3"
	run -0 kim-merge --help
	assert_line --index 0 'usage: kim-merge BASE OURS THEIRS PATH'
	run -0 kim-merge --version
	assert_output --regexp '^kim-merge \(kim-tools\) [0-9.]+'
	run -2 kim-merge -d x a b c d
	assert_line --index 0 --partial "kim-merge: invalid option -- 'd'"
}

@test "two offices change different fields of one record: git pull merges both, no conflict, the file as kim-register writes it" {
	start
	cd "$T/tabanan"
	run -0 reg 02 --update 99.01.01.2001-1 --members 12
	run -0 git push -q
	cd "$T/badung"
	run -0 reg 03 --verify 99.01.01.2001-1
	run -0 git fetch -q	# "From ..." on standard error, out of the way
	run -0 --separate-stderr git pull --no-rebase --no-edit
	assert_output --partial "Merge made by the 'ort' strategy."
	assert_equal "$stderr" ''
	run -0 cat kim/99.01.csv
	assert_output "$(printf '%s\n' "$HEADER" \
		'99.01.01.2001-1,KIM Awal,99.01.01.2001,2020-01-15,,,,,12,,aktif,,,2026-12-03,2026-12-01,2026-12-03,')"
	run -0 --separate-stderr kim-check --as-of 2026-12-05
	assert_output ''
	# the same changes one after the other in one folder give the same bytes
	cd "$T" && git clone -q origin.git single && cd single &&
		git config user.name S && git config user.email s@example &&
		git reset -q --hard HEAD~1
	run -0 reg 02 --update 99.01.01.2001-1 --members 12
	run -0 reg 03 --verify 99.01.01.2001-1
	cmp kim/99.01.csv "$T/badung/kim/99.01.csv"
	assert_equal "$(git -C "$T/badung" status --porcelain)" ''
}

@test "the same field changed to two values: the merge stops, the file holds both values, kim-check names the conflict" {
	start
	cd "$T/tabanan"
	run -0 reg 02 --update 99.01.01.2001-1 --members 12 --sk 001/2026
	run -0 git push -q
	cd "$T/badung"
	run -0 reg 03 --update 99.01.01.2001-1 --members 15 --chair 'Ibu Sari'
	run -0 git fetch -q
	run -1 --separate-stderr git pull --no-rebase --no-edit
	assert_output --partial 'CONFLICT (content): Merge conflict in kim/99.01.csv'
	assert_equal "$stderr" "kim-merge: kim/99.01.csv: 1 conflict: a field both sides changed, differently; kim-check names each"
	# ours is the clone that pulls (badung), theirs tabanan's; the fields
	# that do not conflict are merged
	run -0 cat kim/99.01.csv
	assert_output "$(printf '%s\n' "$HEADER" \
		'99.01.01.2001-1,KIM Awal,99.01.01.2001,2020-01-15,001/2026,Ibu Sari,,,<<<<<<< 15 (ours) or 12 (theirs) >>>>>>>,,aktif,,,,2026-12-01,2026-12-03,')"
	run -1 --separate-stderr kim-check --as-of 2026-12-05
	assert_line 'kim/99.01.csv:2:9: id 99.01.01.2001-1: members: 15 (ours) or 12 (theirs): a merge conflict (keep one value)'
	# kim-register refuses to write over it (and to commit in a merge)
	run -3 --separate-stderr reg 05 --no-commit --update 99.01.01.2001-1 --notes x
	assert_equal "${stderr_lines[0]}" 'kim-register: kim/99.01.csv:2:9: id 99.01.01.2001-1: members: 15 (ours) or 12 (theirs): a merge conflict (keep one value)'
	# resolved by hand, the merge commits and checks clean
	sed -i 's/<<<<<<< 15 (ours) or 12 (theirs) >>>>>>>/15/' kim/99.01.csv
	git add kim/99.01.csv && git commit -q --no-edit
	run -0 kim-check --as-of 2026-12-05
	assert_output ''
}

@test "a conflict resolved with kim-register --no-commit --update ID --FIELD VALUE: the field set, the others kept, kim-check clean; git add and git commit end the merge; a commit in the merge is refused" {
	start
	cd "$T/tabanan"
	run -0 reg 02 --update 99.01.01.2001-1 --members 12 --chair 'Pak Made'
	run -0 git push -q
	cd "$T/badung"
	run -0 reg 03 --update 99.01.01.2001-1 --members 15 --chair 'Ibu Sari' --sk 001/2026
	run -0 git fetch -q
	run -1 git pull -q --no-rebase --no-edit
	# one field set leaves the other conflict: nothing written
	cp kim/99.01.csv "$T/conflicted.csv"
	run -3 --separate-stderr reg 05 --no-commit --update 99.01.01.2001-1 --members 15
	assert_equal "$stderr" "kim-register: kim/99.01.csv:2:6: id 99.01.01.2001-1: chair: Ibu Sari (ours) or Pak Made (theirs): a merge conflict (keep one value)
kim-register: kim/99.01.csv:2:9: id 99.01.01.2001-1: members: 15 (ours) or 12 (theirs): a merge conflict (keep one value)
kim-register: 99.01.01.2001-1: a merge conflict is left: to resolve them all, give --chair VALUE too
kim-register: nothing was written: 1 problem"
	cmp kim/99.01.csv "$T/conflicted.csv"
	# committing in the merge would leave out what git merged
	run -4 --separate-stderr reg 05 --update 99.01.01.2001-1 --members 15 --chair 'Ibu Sari'
	assert_equal "$stderr" "kim-register: git: a merge, rebase or cherry-pick is in progress: write with --no-commit, then git add and git commit end it
kim-register: nothing was written: the change could not be committed (--no-commit writes without committing)"
	cmp kim/99.01.csv "$T/conflicted.csv"
	run -0 --separate-stderr reg 05 --no-commit --update 99.01.01.2001-1 --members 15 --chair 'Ibu Sari'
	assert_output 99.01.01.2001-1
	run -0 cat kim/99.01.csv
	assert_output "$(printf '%s\n' "$HEADER" \
		'99.01.01.2001-1,KIM Awal,99.01.01.2001,2020-01-15,001/2026,Ibu Sari,,,15,,aktif,,,,2026-12-01,2026-12-05,')"
	run -0 kim-check --as-of 2026-12-05
	assert_output ''
	git add kim/99.01.csv && git commit -q --no-edit
	assert_equal "$(git log -1 --format=%P | wc -w)" 2
	run -0 git push -q
}

# collide: tabanan and badung each register a new KIM in 99.01.01.2002, both
# numbered -1; tabanan pushes first.  KIM Banjar (registered 02) comes
# before KIM Anyar (registered 03), whatever the side.
collide() {
	start
	cd "$T/tabanan"
	run -0 reg 03 --name 'KIM Anyar' --region 99.01.01.2002 --formed 2020-01-16
	assert_output 99.01.01.2002-1
	run -0 git push -q
	cd "$T/badung"
	run -0 reg 02 --name 'KIM Banjar' --region 99.01.01.2002 --formed 2020-01-15 --notes 'rapat pertama'
	assert_output 99.01.01.2002-1
}

RENUMBERED="$HEADER
99.01.01.2001-1,KIM Awal,99.01.01.2001,2020-01-15,,,,,10,,aktif,,,,2026-12-01,2026-12-01,
99.01.01.2002-1,KIM Banjar,99.01.01.2002,2020-01-15,,,,,,,aktif,,,,2026-12-02,2026-12-02,rapat pertama
99.01.01.2002-2,KIM Anyar,99.01.01.2002,2020-01-16,,,,,,,aktif,,,,2026-12-03,2026-12-03,renumbered by kim-merge: was 99.01.01.2002-1"

RENUMBER_MSG="kim-merge: kim/99.01.csv: 99.01.01.2002-1 'KIM Anyar' is renumbered 99.01.01.2002-2: both sides gave 99.01.01.2002-1 to a new KIM
kim-merge: kim/renumbered.csv: 1 row to add, which kim-register's next change adds and commits (git leaves out of a merge what a merge driver writes)"

# renumbered_log: kim/renumbered.csv after the collision, logged today in
# the folder's time zone (the default, Asia/Jakarta)
renumbered_log() {
	printf '%s\n' date,old,new,name "$(TZ=Asia/Jakarta date +%F),99.01.01.2002-1,99.01.01.2002-2,KIM Anyar"
}

@test "two new KIM with one id, git pull: the earlier registered keeps it, the other takes the next number, said on standard error" {
	collide
	run -0 git fetch -q
	run -0 --separate-stderr git pull --no-rebase --no-edit
	assert_equal "$stderr" "$RENUMBER_MSG"
	run -0 cat kim/99.01.csv
	assert_output "$RENUMBERED"
	run -0 kim-check --as-of 2026-12-05
	assert_output ''
	assert_equal "$(git status --porcelain)" ''
	# the log's row waits outside the work tree, where git leaves it alone,
	# for the next change, which adds it to the log in its commit
	[ ! -e kim/renumbered.csv ] || fail "kim/renumbered.csv is there"
	run -0 reg 05 --verify 99.01.01.2002-2
	run -0 cat kim/renumbered.csv
	assert_output "$(renumbered_log)"
	assert_equal "$(git show --format=%s --name-only HEAD)" "$(printf '%s\n' 'verify 99.01.01.2002-2 KIM Anyar' '' kim/99.01.csv kim/renumbered.csv)"
	assert_equal "$(git status --porcelain)" ''
	[ ! -e .git/kim-renumbered.csv ] || fail ".git/kim-renumbered.csv is there"
	run -0 kim-check --as-of 2026-12-05
	assert_output ''
	# and the record says where its number came from, in the merge's commit
	run -0 kim-list -r 99.01.01.2002 --fields id,notes
	assert_line '99.01.01.2002-2,renumbered by kim-merge: was 99.01.01.2002-1'
}

@test "two new KIM with one id: the other office merging the other way gives the same file" {
	collide
	# tabanan merges badung's work, instead of badung tabanan's
	cd "$T/tabanan"
	run -0 git fetch -q "$T/badung" main
	run -0 --separate-stderr git merge --no-edit FETCH_HEAD
	assert_equal "$stderr" "$RENUMBER_MSG"
	run -0 cat kim/99.01.csv
	assert_output "$RENUMBERED"
	run -0 reg 05 --verify 99.01.01.2002-2
	run -0 cat kim/renumbered.csv
	assert_output "$(renumbered_log)"
}

@test "two new KIM with one id: git pull --rebase gives the same file" {
	collide
	run -0 --separate-stderr git pull --rebase
	[[ $stderr == *"$RENUMBER_MSG"* ]] || fail "not said: $stderr"
	run -0 cat kim/99.01.csv
	assert_output "$RENUMBERED"
	assert_equal "$(git log --format=%s -2)" "$(printf '%s\n' 'register 99.01.01.2002-1 KIM Banjar' 'register 99.01.01.2002-1 KIM Anyar')"
	run -0 kim-check --as-of 2026-12-05
	assert_output ''
	run -0 reg 05 --verify 99.01.01.2002-2
	run -0 cat kim/renumbered.csv
	assert_output "$(renumbered_log)"
}

@test "kim/renumbered.csv changed in both clones: kim-merge keeps every row of either, the same file in both merge orders; register readers leave the log alone" {
	collide
	run -0 --separate-stderr git pull --no-rebase --no-edit
	run -0 reg 05 --verify 99.01.01.2002-2
	run -0 git push -q
	# tabanan's log has a row of its own, committed before it pulls
	cd "$T/tabanan"
	printf '%s\n' date,old,new,name '2026-11-30,99.01.02.2001-1,99.01.02.2001-2,"KIM Pematang, Baru"' >kim/renumbered.csv
	git add kim/renumbered.csv && git commit -q -m 'renumbered by hand'
	git branch -q before
	run -0 git fetch -q
	run -0 --separate-stderr git pull --no-rebase --no-edit
	assert_equal "$stderr" ''
	run -0 cat kim/renumbered.csv
	assert_output "$(printf '%s\n' date,old,new,name '2026-11-30,99.01.02.2001-1,99.01.02.2001-2,"KIM Pematang, Baru"' \
		"$(TZ=Asia/Jakarta date +%F),99.01.01.2002-1,99.01.01.2002-2,KIM Anyar")"
	cp kim/renumbered.csv "$T/tabanan.csv"
	# badung merging tabanan's: the same bytes
	cd "$T/badung"
	run -0 git fetch -q "$T/tabanan" before
	run -0 --separate-stderr git merge --no-edit FETCH_HEAD
	assert_equal "$stderr" ''
	cmp kim/renumbered.csv "$T/tabanan.csv"
	# the log is no register file: kim-list and kim-check read it as a log
	run -0 kim-list -c
	assert_output 3
	run -0 kim-check --as-of 2026-12-05
	assert_output ''
}

@test "kim-check checks kim/renumbered.csv row by row, with each problem's position" {
	mkdata
	unset KIM_DATA	# the folder is the current directory: short paths
	mkdir -p kim
	printf '%s\n' date,old,new,name \
		'2026-12-02,99.01.01.2001-1,99.01.01.2001-2,KIM A' \
		'2026-02-30,99.01.01.2001-1,99.01.01.2001-2,KIM A' \
		'2026-12-02,99.01.01.2001,99.01.01.2001-x,KIM A' \
		'2026-12-02,99.01.01.2001-3,99.01.01.2001-3,' \
		'2026-12-02,99.01.01.2001-1' >kim/renumbered.csv
	run -1 --separate-stderr kim-check --as-of 2026-12-05
	assert_output "$(printf '%s\n' \
		"kim/renumbered.csv:3:1: date: '2026-02-30' is not a real date (expected YYYY-MM-DD)" \
		"kim/renumbered.csv:4:2: old: '99.01.01.2001' is not an id (expected REGION-N, e.g. 51.02.03.2001-2)" \
		"kim/renumbered.csv:4:3: new: '99.01.01.2001-x' is not an id (expected REGION-N, e.g. 51.02.03.2001-2)" \
		"kim/renumbered.csv:5:3: new: '99.01.01.2001-3' is the old id itself" \
		"kim/renumbered.csv:5:4: name: empty" \
		"kim/renumbered.csv:6:2: 2 fields, the header has 4")"
	printf 'tanggal,lama,baru,nama\n' >kim/renumbered.csv
	run -1 kim-check --as-of 2026-12-05
	assert_output "kim/renumbered.csv:1:1: the header is not 'date,old,new,name'"
	# kim-merge will not merge into a bad log
	printf '%s\n' "$HEADER" '99.01.01.2001-1,KIM A,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2026-12-01,2026-12-01,' >ours
	printf '%s\n' "$HEADER" '99.01.01.2001-1,KIM B,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2026-12-02,2026-12-02,' >theirs
	: >empty
	run -0 --separate-stderr kim-merge empty ours theirs kim/99.01.csv
	assert_equal "$stderr" "kim-merge: kim/99.01.csv: 99.01.01.2001-1 'KIM B' is renumbered 99.01.01.2001-2: both sides gave 99.01.01.2001-1 to a new KIM
kim-merge: kim/renumbered.csv:1:1: the header is not 'date,old,new,name'
kim-merge: kim/renumbered.csv: not a good log: the renumbering above is not in it"
	run -0 cat kim/renumbered.csv
	assert_output 'tanggal,lama,baru,nama'
}

@test "git rebase and git cherry-pick onto the other office's work merge by record" {
	start
	cd "$T/tabanan"
	run -0 reg 02 --update 99.01.01.2001-1 --members 12
	run -0 reg 03 --name 'KIM Tabanan' --region 99.01.01.2003 --formed 2020-01-15
	run -0 git push -q
	cd "$T/badung"
	run -0 reg 04 --update 99.01.01.2001-1 --sectors umkm
	run -0 reg 04 --name 'KIM Badung' --region 99.01.01.2003 --formed 2020-01-15
	git branch mine
	run -0 git fetch -q
	run -0 git rebase origin/main
	run -0 kim-list --fields id,name,members,sectors
	assert_output "$(printf '%s\n' id,name,members,sectors '99.01.01.2001-1,KIM Awal,12,umkm' \
		'99.01.01.2003-1,KIM Tabanan,,' '99.01.01.2003-2,KIM Badung,,')"
	run -0 kim-check --as-of 2026-12-05
	# cherry-pick badung's update alone onto tabanan's
	git checkout -q -b pick origin/main
	run -0 git cherry-pick mine~1
	run -0 kim-list --fields id,name,members,sectors
	assert_output "$(printf '%s\n' id,name,members,sectors '99.01.01.2001-1,KIM Awal,12,umkm' \
		'99.01.01.2003-1,KIM Tabanan,,')"
	assert_equal "$(git status --porcelain)" ''
}

@test "git merge of branches with the same record changed on one side only, and a record new on one side" {
	offices
	cd "$T/province"
	run -0 reg 01 --name 'KIM Awal' --region 99.01.01.2001 --formed 2020-01-15
	run -0 reg 01 --name 'KIM Kedua' --region 99.01.02.1001 --formed 2020-01-15
	git checkout -q -b other
	run -0 reg 02 --dissolve 99.01.01.2001-1
	git checkout -q main
	run -0 reg 03 --name 'KIM Baru' --region 99.01.01.2001 --formed 2020-01-15
	run -0 reg 03 --update 99.01.02.1001-1 --website https://kedua.kim.id
	run -0 --separate-stderr git merge -q --no-edit other
	assert_equal "$stderr" ''
	run -0 cat kim/99.01.csv
	assert_output "$(printf '%s\n' "$HEADER" \
		'99.01.01.2001-1,KIM Awal,99.01.01.2001,2020-01-15,,,,,,,bubar,,,,2026-12-01,2026-12-02,' \
		'99.01.01.2001-2,KIM Baru,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2026-12-03,2026-12-03,' \
		'99.01.02.1001-1,KIM Kedua,99.01.02.1001,2020-01-15,,,,,,,aktif,https://kedua.kim.id,,,2026-12-01,2026-12-03,')"
}

@test "a version that is not a register file: kim-merge exits 3, leaves OURS as it was, and git keeps the conflict" {
	mkdata
	printf '%s\n' "$HEADER" '99.01.01.2001-1,KIM A,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2026-12-01,2026-12-01,' >base
	cp base ours
	printf 'nama,wilayah\nKIM A,99.01.01.2001\n' >theirs
	run -3 --separate-stderr kim-merge base ours theirs kim/99.01.csv
	assert_equal "$stderr" "$(printf '%s\n' \
		"kim-merge: theirs:1: the header is not the register's: expected $HEADER" \
		"kim-merge: kim/99.01.csv: not merged record by record: a version of the file is not a register file" \
		"kim-merge: kim/99.01.csv: not merged: OURS is left as it was")"
	cmp base ours
	# an empty base (a file both sides added) is a base of no records
	: >empty
	printf '%s\n' "$HEADER" '99.01.01.2001-1,KIM B,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2026-12-02,2026-12-02,' >theirs
	run -0 --separate-stderr kim-merge empty ours theirs kim/99.01.csv
	assert_equal "$stderr" "kim-merge: kim/99.01.csv: 99.01.01.2001-1 'KIM B' is renumbered 99.01.01.2001-2: both sides gave 99.01.01.2001-1 to a new KIM
kim-merge: kim/renumbered.csv: 1 row added"
	run -0 cat ours
	assert_output "$(printf '%s\n' "$HEADER" \
		'99.01.01.2001-1,KIM A,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2026-12-01,2026-12-01,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2026-12-02,2026-12-02,renumbered by kim-merge: was 99.01.01.2001-1')"
}

# office_step O K: in clone O, step K of the shared plan: a registration in
# a village of 99.01 (or at kecamatan level for the province), or an
# update of a record the clone has (province verifies, tabanan sets
# members, badung sets sectors: offices change different fields).
office_step() {
	local o=$1 k=$2 n regions update=$((RANDOM % 3 == 0))
	regions=(99.01.01.2001 99.01.01.2002 99.01.01.2003 99.01.02.1001 99.01.02.2001 99.01.02.2002)
	[ "$o" = province ] && regions=(99.01.01 99.01.02 99.01 "${regions[@]}")
	((REGISTERED < 100)) || update=1
	((UPDATED < 50)) && [ -s kim/99.01.csv ] || update=0
	if ((!update)); then
		run -0 reg 04 --name "KIM $o $k" --region "${regions[RANDOM % ${#regions[@]}]}" --formed 2020-01-15
		REGISTERED=$((REGISTERED + 1))
		return
	fi
	n=$(kim-list -r 99.01 -c)
	id=$(kim-list -r 99.01 --fields id | sed -n "$((RANDOM % n + 2))p")
	case $o in
	province) run -0 reg 05 --verify "$id" ;;
	tabanan) run -0 reg 05 --update "$id" --members "$k" ;;
	badung) run -0 reg 05 --update "$id" --sectors "s$k" ;;
	esac
	UPDATED=$((UPDATED + 1))
}

# pull_push: git pull with a merge, the renumberings it said counted (in
# the caller's renumbered); then git push
pull_push() {
	run -0 --separate-stderr git pull --no-rebase --no-edit
	[[ $output != *CONFLICT* ]] || fail "a conflict: $output"
	renumbered=$((renumbered + $(grep -c 'is renumbered' <<<"$stderr" || :)))
	run -0 git push -q
}

@test "three clones, 100 registrations and 50 updates in one kabupaten file in random order, pulling and pushing: same files everywhere, none lost, no textual conflict" {
	offices tabanan badung
	local o k=0 clones=(province tabanan badung) renumbered=0
	REGISTERED=0 UPDATED=0
	RANDOM=18
	while ((REGISTERED < 100 || UPDATED < 50)); do
		o=${clones[RANDOM % 3]}
		cd "$T/$o"
		k=$((k + 1))
		# an update needs a record in the clone
		((REGISTERED < 100)) || [ -s kim/99.01.csv ] || continue
		office_step "$o" "$k"
		if ((RANDOM % 4 == 0)); then
			pull_push
		fi
	done
	for o in "${clones[@]}" "${clones[@]}"; do
		cd "$T/$o"
		pull_push
	done
	# a change in each clone adds the renumberings its merges logged
	for o in "${clones[@]}"; do
		cd "$T/$o"
		run -0 reg 05 --verify 99.01.01.2001-1
		pull_push
	done
	for o in "${clones[@]}" "${clones[@]}"; do
		cd "$T/$o"
		pull_push
	done
	for o in "${clones[@]}"; do
		cmp "$T/province/kim/99.01.csv" "$T/$o/kim/99.01.csv"
		cmp "$T/province/kim/renumbered.csv" "$T/$o/kim/renumbered.csv"
		assert_equal "$(git -C "$T/$o" status --porcelain)" ''
	done
	cd "$T/province"
	run -0 kim-list -c
	assert_output 100
	run -0 --separate-stderr kim-check --as-of 2026-12-05
	assert_output ''
	# every renumbering was said, the record says it too, and the log has it
	run -0 grep -c 'renumbered by kim-merge' kim/99.01.csv
	assert_output "$renumbered"
	assert_equal "$(($(wc -l <kim/renumbered.csv) - 1))" "$renumbered"
	((renumbered > 0)) || fail "no two offices took one id: the test tests nothing"
}

# race: in the bare origin.git and clones a, b and c, b registers and
# pushes KIM Wijaya as 99.01.01.2001-1 while a (KIM Anggrek) and c (KIM
# Cempaka, and with --two KIM Cendana as -2) have each registered their
# own -1; a and c each pull, and in each merge KIM Wijaya, later by name,
# gives up -1 (a KIM already in the shared history: the next merge of a
# and c must see it moved, not two offices changing the name of -1).
race() {
	offices a b c
	cd "$T/b"
	run -0 reg 01 --name 'KIM Wijaya' --region 99.01.01.2001 --formed 2020-01-15
	assert_output 99.01.01.2001-1
	run -0 git push -q
	cd "$T/a"
	run -0 reg 01 --name 'KIM Anggrek' --region 99.01.01.2001 --formed 2020-01-15
	run -0 --separate-stderr git pull -q --no-rebase --no-edit
	assert_equal "$stderr" "kim-merge: kim/99.01.csv: 99.01.01.2001-1 'KIM Wijaya' is renumbered 99.01.01.2001-2: both sides gave 99.01.01.2001-1 to a new KIM
kim-merge: kim/renumbered.csv: 1 row to add, which kim-register's next change adds and commits (git leaves out of a merge what a merge driver writes)"
	cd "$T/c"
	run -0 reg 01 --name 'KIM Cempaka' --region 99.01.01.2001 --formed 2020-01-15
	if [ "${1-}" = --two ]; then
		run -0 reg 01 --name 'KIM Cendana' --region 99.01.01.2001 --formed 2020-01-15
		assert_output 99.01.01.2001-2
	fi
	run -0 git pull -q --no-rebase --no-edit
	cd "$T/a"
	run -0 git push -q
	cd "$T/c"
	C_HEAD=$(git rev-parse HEAD)
}

# race_end N: every clone pulls and pushes (no pull stops), a change in
# each commits the renumberings its merges logged, and all pull again:
# every clone holds the same files, N KIM, each once, kim-check clean
race_end() {
	local o
	for o in c a b c a b; do
		cd "$T/$o"
		run -0 git pull -q --no-rebase --no-edit
		run -0 git push -q
	done
	for o in a b c; do
		cd "$T/$o"
		run -0 reg 05 --verify "$(kim-list --name 'KIM Wijaya' --fields id | sed -n 2p)"
		run -0 git pull -q --no-rebase --no-edit
		run -0 git push -q
	done
	for o in a b c a b c; do
		cd "$T/$o"
		run -0 git pull -q --no-rebase --no-edit
		assert_equal "$(git status --porcelain)" ''
	done
	for o in b c; do
		cmp "$T/a/kim/99.01.csv" "$T/$o/kim/99.01.csv"
		cmp "$T/a/kim/renumbered.csv" "$T/$o/kim/renumbered.csv"
	done
	cd "$T/a"
	run -0 kim-list -c
	assert_output "$1"
	run -0 --separate-stderr kim-check --as-of 2026-12-05
	assert_output ''
	run -0 sh -c 'kim-list --fields name | sed 1d | sort | uniq -d'
	assert_output ''
}

@test "two offices each renumbered a KIM already pushed the same way, at once: their next merge follows it, decides the new KIM at its id by content, no conflict" {
	race
	# c's pull: a KIM Wijaya at -2 on both sides (one move), KIM Anggrek
	# and KIM Cempaka both at -1 (two new KIM: Anggrek keeps it)
	run -0 git fetch -q
	run -0 --separate-stderr git pull --no-rebase --no-edit
	assert_line --partial "Merge made by the 'ort' strategy."
	assert_equal "${stderr_lines[0]}" "kim-merge: kim/99.01.csv: 99.01.01.2001-1 'KIM Cempaka' is renumbered 99.01.01.2001-3: both sides gave 99.01.01.2001-1 to a new KIM"
	run -0 kim-list --fields id,name,notes
	assert_output "id,name,notes
99.01.01.2001-1,KIM Anggrek,
99.01.01.2001-2,KIM Wijaya,renumbered by kim-merge: was 99.01.01.2001-1
99.01.01.2001-3,KIM Cempaka,renumbered by kim-merge: was 99.01.01.2001-1"
	# a merging c's work instead gives the same file
	cp kim/99.01.csv "$T/c-merged.csv"
	cd "$T/a"
	run -0 git fetch -q "$T/c" "$C_HEAD"
	run -0 git merge -q --no-edit FETCH_HEAD
	cmp kim/99.01.csv "$T/c-merged.csv"
	git reset -q --hard origin/main
	cd "$T/c"
	run -0 git push -q
	race_end 3
}

@test "two offices each renumbered a KIM already pushed differently, at once: their next merge takes the lower new id, said, the other KIM at it renumbered, no conflict, both merge orders alike" {
	race --two
	# c had KIM Cendana at -2, so its merge gave KIM Wijaya -3; a gave -2
	assert_equal "$(kim-list --name 'KIM Wijaya' --fields id | sed -n 2p)" 99.01.01.2001-3
	run -0 git fetch -q
	run -0 --separate-stderr git pull --no-rebase --no-edit
	assert_line --partial "Merge made by the 'ort' strategy."
	assert_equal "$stderr" "kim-merge: kim/99.01.csv: 99.01.01.2001-3 'KIM Wijaya' is renumbered 99.01.01.2001-2: the two sides had given it new numbers, 99.01.01.2001-2 and 99.01.01.2001-3
kim-merge: kim/99.01.csv: 99.01.01.2001-1 'KIM Cempaka' is renumbered 99.01.01.2001-4: both sides gave 99.01.01.2001-1 to a new KIM
kim-merge: kim/99.01.csv: 99.01.01.2001-2 'KIM Cendana' is renumbered 99.01.01.2001-5: both sides gave 99.01.01.2001-2 to a new KIM
kim-merge: kim/renumbered.csv: 3 rows to add, which kim-register's next change adds and commits (git leaves out of a merge what a merge driver writes)"
	run -0 kim-list --fields id,name,notes
	assert_output "id,name,notes
99.01.01.2001-1,KIM Anggrek,
99.01.01.2001-2,KIM Wijaya,\"renumbered by kim-merge: was 99.01.01.2001-1
renumbered by kim-merge: was 99.01.01.2001-3\"
99.01.01.2001-4,KIM Cempaka,renumbered by kim-merge: was 99.01.01.2001-1
99.01.01.2001-5,KIM Cendana,renumbered by kim-merge: was 99.01.01.2001-2"
	cp kim/99.01.csv "$T/c-merged.csv"
	cd "$T/a"
	run -0 git fetch -q "$T/c" "$C_HEAD"
	run -0 git merge -q --no-edit FETCH_HEAD
	cmp kim/99.01.csv "$T/c-merged.csv"
	git reset -q --hard origin/main
	cd "$T/c"
	run -0 git push -q
	race_end 4
}

# ---------------------------------------------------------------------------
# kim-register --init: the set-up of a data folder for git and offices

# init_lines DIR: what --init says in DIR, a folder in no repository
init_lines() {
	printf '%s\n' "git init $1" \
		"$1/.gitattributes: kim/*.csv merge=kim" \
		"$1/.gitattributes: activity/*.csv merge=kim" \
		"$1/.gitignore: .kim.lock" \
		"$1/.gitignore: kim/.txn" \
		"git config merge.kim.name 'KIM register files, record by record (kim-merge)'" \
		"git config merge.kim.driver '$KIM_TOP/bin/kim-merge %O %A %B %P'" \
		"git config pull.rebase 'false'" \
		"$(cd "$1" && pwd)/.git/hooks/pre-commit -> $KIM_TOP/share/kim/pre-commit" \
		"git commit: the data folder as it is"
}

@test "kim-register --init in a folder that is no repository: git init through libgit2, the files, the config, the hook, one commit; a second run changes nothing" {
	mkdata
	run -0 --separate-stderr kim-register --init
	assert_output "$(init_lines "$KIM_DATA")"
	assert_equal "$stderr" ''
	assert_equal "$(git log --format=%s)" 'kim-register --init: the data folder as it was'
	assert_equal "$(git ls-files)" "$(printf '%s\n' .gitattributes .gitignore wilayah.csv)"
	assert_equal "$(git status --porcelain)" ''
	assert_equal "$(git config merge.kim.driver)" "$KIM_TOP/bin/kim-merge %O %A %B %P"
	assert_equal "$(git config pull.rebase)" false
	assert_equal "$(readlink .git/hooks/pre-commit)" "$KIM_TOP/share/kim/pre-commit"
	[ -f "$(readlink .git/hooks/pre-commit)" ] || fail "the hook's target does not exist"
	local sum
	sum=$(checksum_data "$KIM_DATA")
	run -0 --separate-stderr kim-register --init
	assert_output "$KIM_DATA is set up for git already: nothing to do"
	assert_equal "$stderr" ''
	assert_equal "$(checksum_data "$KIM_DATA")" "$sum"
	# the lock and the journal are ignored; the hook refuses a broken commit
	git config user.name 'Petugas' && git config user.email p@example
	run -0 kim-register --as-of 2026-12-01 --name 'KIM A' --region 99.01.01.2001 --formed 2020-01-15
	assert_equal "$(git status --porcelain --ignored)" '!! .kim.lock'
	sed -i 's/,2020-01-15,/,2020-13-15,/' kim/99.01.csv
	run -1 git commit -q -am 'hand edit'
	assert_line 'pre-commit: kim-check found problems in what is staged; the commit is refused'
}

@test "kim-register --init in a repository: adds only what is missing, commits exactly .gitattributes and .gitignore, leaves a hook of its own" {
	mkdata
	git init -q -b main . && git config user.name 'Petugas' && git config user.email p@example
	printf '*.tmp\n.kim.lock' >.gitignore
	printf '#!/bin/sh\nexit 0\n' >.git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
	git add .gitignore wilayah.csv && git commit -q -m wilayah
	echo draft >staged.txt && git add staged.txt
	run -0 --separate-stderr kim-register --init
	assert_output "$(printf '%s\n' \
		"$KIM_DATA/.gitattributes: kim/*.csv merge=kim" \
		"$KIM_DATA/.gitattributes: activity/*.csv merge=kim" \
		"$KIM_DATA/.gitignore: kim/.txn" \
		"git config merge.kim.name 'KIM register files, record by record (kim-merge)'" \
		"git config merge.kim.driver '$KIM_TOP/bin/kim-merge %O %A %B %P'" \
		"git config pull.rebase 'false'" \
		"git commit: .gitattributes .gitignore")"
	assert_equal "$stderr" "kim-register: $KIM_DATA/.git/hooks/pre-commit: a pre-commit hook is there already: left as it is (kim-register --init would link $KIM_TOP/share/kim/pre-commit)"
	run -0 cat .gitignore
	assert_output "$(printf '%s\n' '*.tmp' .kim.lock kim/.txn)"
	assert_equal "$(git show --stat=100 --format=%s HEAD | awk 'NR == 1 || / \| /' | sed 's/ *|.*//; s/^ *//')" \
		"$(printf '%s\n' 'kim-register --init: merge=kim, the lock and the journal ignored' .gitattributes .gitignore)"
	assert_equal "$(git status --porcelain)" 'A  staged.txt'
}

@test "kim-register --init in a repository that does not track the region list: adds and commits it with the set-up, so that clones have it; a second run changes nothing" {
	mkdata
	git init -q -b main . && git config user.name 'Petugas' && git config user.email p@example
	run -0 --separate-stderr kim-register --init
	assert_output "$(printf '%s\n' \
		"$KIM_DATA/.gitattributes: kim/*.csv merge=kim" \
		"$KIM_DATA/.gitattributes: activity/*.csv merge=kim" \
		"$KIM_DATA/.gitignore: .kim.lock" \
		"$KIM_DATA/.gitignore: kim/.txn" \
		"git config merge.kim.name 'KIM register files, record by record (kim-merge)'" \
		"git config merge.kim.driver '$KIM_TOP/bin/kim-merge %O %A %B %P'" \
		"git config pull.rebase 'false'" \
		"$KIM_DATA/.git/hooks/pre-commit -> $KIM_TOP/share/kim/pre-commit" \
		"git add wilayah.csv" \
		"git commit: .gitattributes .gitignore wilayah.csv")"
	assert_equal "$(git show --stat=100 --format=%s HEAD | awk 'NR == 1 || / \| /' | sed 's/ *|.*//; s/^ *//')" \
		"$(printf '%s\n' 'kim-register --init: merge=kim, the lock and the journal ignored, the region list added' .gitattributes .gitignore wilayah.csv)"
	assert_equal "$(git status --porcelain)" ''
	git clone -q . "$(kim_tmp)/clone"
	cmp wilayah.csv "$(kim_tmp)/clone/wilayah.csv"
	run -0 kim-register --init
	assert_output "$KIM_DATA is set up for git already: nothing to do"
}

@test "kim-register --init -n says what it would do and changes nothing; --init goes with no field, a second change or operand" {
	mkdata
	local sum
	sum=$(checksum_data "$KIM_DATA")
	run -0 kim-register --init -n
	assert_output "$(init_lines "$KIM_DATA" | sed '$d; s|^.*/.git/hooks/pre-commit ->|'"$KIM_DATA"'/.git/hooks/pre-commit ->|')"
	assert_equal "$(checksum_data "$KIM_DATA")" "$sum"
	run -2 kim-register --init --name X
	assert_line --index 0 'kim-register: --name does not go with --init'
	run -2 kim-register --init --verify 99.01.01.2001-1
	assert_line --index 0 'kim-register: one change at a time: --update, --deactivate, --dissolve, --activate, --verify, --import, --renumber, --recode or --init'
}

@test "kim-register --init of a data folder below the top of its repository: the files in the folder, kim.data for the hook" {
	mkdir -p "$T/repo/data/kim" && cp "$KIM_TOP/tests/fixtures/wilayah.csv" "$T/repo/data/"
	cd "$T/repo" && git init -q -b main . && git config user.name P && git config user.email p@example &&
		git commit -q --allow-empty -m start
	run -0 kim-register -d data --init
	assert_line 'data/.gitattributes: kim/*.csv merge=kim'
	assert_line 'data/.gitattributes: activity/*.csv merge=kim'
	assert_line "git config kim.data 'data'"
	assert_equal "$(git ls-files)" "$(printf '%s\n' data/.gitattributes data/.gitignore data/wilayah.csv)"
	run -0 kim-register -d data --as-of 2026-12-01 --name 'KIM A' --region 99.01.01.2001 --formed 2020-01-15
	# the driver merges data/kim/99.01.csv (its PATH names the folder)
	git checkout -q -b other HEAD~1
	run -0 kim-register -d data --as-of 2026-12-02 --name 'KIM B' --region 99.01.01.2001 --formed 2020-01-15
	git checkout -q main
	run -0 --separate-stderr git merge -q --no-edit other
	assert_equal "$stderr" "kim-merge: data/kim/99.01.csv: 99.01.01.2001-1 'KIM B' is renumbered 99.01.01.2001-2: both sides gave 99.01.01.2001-1 to a new KIM
kim-merge: data/kim/renumbered.csv: 1 row to add, which kim-register's next change adds and commits (git leaves out of a merge what a merge driver writes)"
	run -0 kim-register -d data --as-of 2026-12-03 --verify 99.01.01.2001-2
	run -0 cut -d, -f2- data/kim/renumbered.csv
	assert_output "$(printf '%s\n' old,new,name '99.01.01.2001-1,99.01.01.2001-2,KIM B')"
}

@test "a clone whose .gitattributes names merge=kim but whose config has no driver: kim-check and kim-register warn with the command that fixes it" {
	start
	cd "$T/tabanan"
	git config --unset merge.kim.driver
	run -0 --separate-stderr kim-check --as-of 2026-12-05
	assert_output ''
	assert_equal "$stderr" 'kim-check: .gitattributes gives register files merge=kim, but this clone has no merge.kim.driver: git merges them as text (kim-register --init sets it)'
	cd "$T"
	run -0 --separate-stderr reg 02 -d tabanan --verify 99.01.01.2001-1
	assert_equal "$stderr" 'kim-register: .gitattributes gives register files merge=kim, but this clone has no merge.kim.driver: git merges them as text (kim-register -d tabanan --init sets it)'
	run -0 kim-register -d tabanan --init
	run -0 --separate-stderr kim-check -d tabanan --as-of 2026-12-05
	assert_equal "$stderr" ''
}

# block N: the Nth `.Bd -literal` block of kim(7)'s WORKING ACROSS OFFICES,
# its mdoc escapes undone, as a user would type it.
kim7_block() {
	awk -v want="$1" '
		/^\.Sh / { in_sec = ($0 == ".Sh WORKING ACROSS OFFICES") }
		in_sec && /^\.Bd -literal/ { n++; on = (n == want); next }
		/^\.Ed/ { on = 0 }
		on { print }
	' "$KIM_TOP/man/kim.7" | sed -e 's/\\e/\\/g' -e 's/\\&//g'
}

@test "kim(7) WORKING ACROSS OFFICES, step by step as written: set-up, pull and push from two kabupaten in turn, the province pulls; no git pull stops" {
	git config --global user.name 'Petugas Provinsi'
	git config --global user.email prov@example.org
	# the steps, as kim(7) writes them
	local setup register province
	setup=$(kim7_block 1)
	register=$(kim7_block 2)
	province=$(kim7_block 3)
	assert_equal "$(head -1 <<<"$setup")" 'git clone https://git.example.org/kim-register.git kim'
	assert_equal "$register" "$(printf '%s\n' 'git pull --no-edit' \
		"kim-register --name 'KIM Maju Bersama' --region 99.01.01.2001 \\" \
		'    --formed 2026-11-16' 'git push')"
	# the province's first data folder: --init makes it a repository
	mkdata first
	run -0 kim-register --init
	git clone -q --bare "$KIM_DATA" "$T/kim-register.git"
	unset KIM_DATA
	# every office: its clone and its set-up, with the remote here
	local office
	for office in province tabanan badung; do
		mkdir "$T/$office" && cd "$T/$office"
		run -0 bash -c "${setup//https:\/\/git.example.org\//$T/}"
		git -C kim config user.name "Operator $office"
	done
	# Badung registers first and pushes; Tabanan, behind, follows kim(7)
	cd "$T/badung/kim"
	run -0 bash -c 'git pull --no-edit && kim-register --name "KIM Badung" --region 99.01.01.2001 --formed 2026-11-10 && git push -q'
	cd "$T/tabanan/kim"
	kim-register --name 'KIM Lain' --region 99.01.01.2002 --formed 2026-11-01 >/dev/null
	run -0 bash -c "$register"
	assert_line 99.01.01.2001-2
	refute_output --partial 'Need to specify how to reconcile'
	# the province pulls all of it and checks it, as written
	cd "$T/province/kim"
	run -0 bash -c "$province"
	run -0 kim-list --fields id,name
	assert_output - <<'EOF'
id,name
99.01.01.2001-1,KIM Badung
99.01.01.2001-2,KIM Maju Bersama
99.01.01.2002-1,KIM Lain
EOF
	run -0 kim-check
}

# ---------------------------------------------------------------------------
# kim-report's changes: credited to the commit that made each, on its own
# line of history, not to a merge that brought it

# at DAY CMD...: CMD with git's and kim-register's clocks at 2026-12-DAY noon
at() {
	local day=$1
	shift
	GIT_AUTHOR_DATE="2026-12-${day}T12:00:00Z" GIT_COMMITTER_DATE="2026-12-${day}T12:00:00Z" \
		KIM_COMMIT_DATE="2026-12-$day" "$@"
}

@test "kim-report after two offices merged each other three times: each change credited to the office that made it on its day, a conflict's resolution to the office that merged" {
	export KIM_COMMIT_DATE=2026-12-01
	start
	cd "$T/tabanan"
	run -0 at 02 reg 02 --name 'KIM Tabanan' --region 99.01.01.2002 --formed 2020-01-15
	run -0 git push -q
	cd "$T/badung"
	run -0 at 02 reg 02 --name 'KIM Badung' --region 99.01.01.2003 --formed 2020-01-15
	run -0 at 03 git pull -q --no-rebase --no-edit	# merge 1, by badung
	run -0 git push -q
	cd "$T/tabanan"
	run -0 at 03 reg 03 --update 99.01.01.2001-1 --members 12
	run -0 at 04 git pull -q --no-rebase --no-edit	# merge 2, by tabanan
	run -0 git push -q
	# badung's KIM came through badung's merge 1 inside tabanan's merge 2
	run -0 kim-report --as-of 2026-12-07 -f json
	assert_equal "$(jq -r '.changes[] | [.date, .change, .id, .author] | join(" ")' <<<"$output")" \
		"$(printf '%s\n' \
		'2026-12-01 registered 99.01.01.2001-1 Diskominfos' \
		'2026-12-02 registered 99.01.01.2002-1 Diskominfo tabanan' \
		'2026-12-02 registered 99.01.01.2003-1 Diskominfo badung' \
		'2026-12-03 updated 99.01.01.2001-1 Diskominfo tabanan')"
	cd "$T/badung"
	run -0 at 04 reg 04 --verify 99.01.01.2002-1
	run -0 at 04 reg 04 --update 99.01.01.2001-1 --chair 'Ibu Sari'
	run -0 at 05 git pull -q --no-rebase --no-edit	# merge 3, by badung
	run -0 git push -q
	# the same field changed by both: badung's merge resolves it by hand,
	# to a value of neither side
	cd "$T/tabanan"
	run -0 at 05 git pull -q --no-rebase --no-edit
	run -0 at 05 reg 05 --update 99.01.01.2003-1 --members 20
	run -0 git push -q
	cd "$T/badung"
	run -0 at 05 reg 05 --update 99.01.01.2003-1 --members 25
	run -1 at 06 git pull -q --no-rebase --no-edit
	sed -i 's/<<<<<<< 25 (ours) or 20 (theirs) >>>>>>>/22/' kim/99.01.csv
	git add kim/99.01.csv && at 06 git commit -q --no-edit
	run -0 git push -q
	cd "$T/tabanan"
	run -0 git pull -q --no-rebase --no-edit
	run -0 git log --merges --format='%an %ad' --date=short
	assert_output "$(printf '%s\n' 'Diskominfo badung 2026-12-06' 'Diskominfo badung 2026-12-05' \
		'Diskominfo tabanan 2026-12-04' 'Diskominfo badung 2026-12-03')"
	run -0 kim-report --as-of 2026-12-07 -f json
	assert_equal "$(jq -r '.changes[] | [.date, .change, .id, .author] | join(" ")' <<<"$output")" \
		"$(printf '%s\n' \
		'2026-12-01 registered 99.01.01.2001-1 Diskominfos' \
		'2026-12-02 registered 99.01.01.2003-1 Diskominfo badung' \
		'2026-12-02 registered 99.01.01.2002-1 Diskominfo tabanan' \
		'2026-12-03 updated 99.01.01.2001-1 Diskominfo tabanan' \
		'2026-12-04 verified 99.01.01.2002-1 Diskominfo badung' \
		'2026-12-04 updated 99.01.01.2001-1 Diskominfo badung' \
		'2026-12-05 updated 99.01.01.2003-1 Diskominfo badung' \
		'2026-12-06 updated 99.01.01.2003-1 Diskominfo badung')"
	# on the line of the merges' first parents (badung's), tabanan's 20
	# members never were: badung's 25, then the merge's 22
	run -0 git log --first-parent --format=%s -2
	assert_output "$(printf '%s\n' "Merge branch 'main' of $T/origin" 'update 99.01.01.2003-1 KIM Badung: members')"
}

@test "kim-report after a merge that renumbered a KIM: each KIM registered once, by its office on its day, the renumbering an update by the office that merged" {
	export KIM_COMMIT_DATE=2026-12-01
	start
	cd "$T/badung"
	run -0 at 02 reg 02 --name 'KIM Banjar' --region 99.01.01.2002 --formed 2020-01-15
	run -0 git push -q
	cd "$T/tabanan"
	run -0 at 03 reg 03 --name 'KIM Anyar' --region 99.01.01.2002 --formed 2020-01-16
	run -0 at 04 git pull -q --no-rebase --no-edit	# KIM Anyar: -1 to -2
	run -0 git push -q
	# before, by id: 'updated 99.01.01.2002-1' for KIM Banjar's registration,
	# and KIM Anyar registered twice
	run -0 kim-report --as-of 2026-12-07 -f json
	assert_equal "$(jq -r '.changes[] | [.date, .change, .id, .name, .author] | join(" ")' <<<"$output")" \
		"$(printf '%s\n' \
		'2026-12-01 registered 99.01.01.2001-1 KIM Awal Diskominfos' \
		'2026-12-02 registered 99.01.01.2002-1 KIM Banjar Diskominfo badung' \
		'2026-12-03 registered 99.01.01.2002-1 KIM Anyar Diskominfo tabanan' \
		'2026-12-04 updated 99.01.01.2002-2 KIM Anyar Diskominfo tabanan')"
	# the office whose line did not hold it: KIM Anyar registered by
	# tabanan on its day, not by the merge
	cd "$T/badung"
	run -0 at 05 reg 05 --verify 99.01.01.2002-1
	run -0 at 05 git pull -q --no-rebase --no-edit
	run -0 kim-report --as-of 2026-12-07 -f json
	assert_equal "$(jq -r '.changes[] | [.date, .change, .id, .name, .author] | join(" ")' <<<"$output")" \
		"$(printf '%s\n' \
		'2026-12-01 registered 99.01.01.2001-1 KIM Awal Diskominfos' \
		'2026-12-02 registered 99.01.01.2002-1 KIM Banjar Diskominfo badung' \
		'2026-12-03 registered 99.01.01.2002-2 KIM Anyar Diskominfo tabanan' \
		'2026-12-05 verified 99.01.01.2002-1 KIM Banjar Diskominfo badung')"
}
