#!/usr/bin/env bats
# A new Kemendagri region list adopted (issue 20 item 3): the field
# former_ids (the ids a KIM had before a recode), every command that takes
# an id finding the KIM by a former one, and kim-register --recode MAP.csv
# [--wilayah NEW.csv] moving the records in one commit.
#
# tests/fixtures/wilayah-amended.csv is tests/fixtures/wilayah.csv as a
# decree could amend it (see tests/0300-kim-check.bats): Sungai Rambai
# moved from kecamatan 99.01.02 to 99.01.01 (2002 -> 2004); kecamatan
# Sukamaju split, Karang Anyar going to the new 99.01.03 as 2001; Kabupaten
# Uji Dua moved to a new province 97 as 97.01 with everything inside it;
# Pematang Baru gone; Tanjung Harapan 99.71.02.1002 split in two.

load test_helper

AS_OF=2024-06-30
AMENDED=$BATS_TEST_DIRNAME/fixtures/wilayah-amended.csv
HEADER=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes

# rec ID NAME REGION [FORMER]: a register row of an aktif KIM formed
# 2019-01-01, registered 2022-01-03; with FORMER, a former_ids value
rec() {
	printf '%s,%s,%s,2019-01-01,,,,,,,aktif,,,,2022-01-03,2022-01-03,%s\n' \
		"$1" "$2" "$3" "${4+,$4}"
}

# regfile FILE ROW...: FILE of the register, the header without former_ids
regfile() {
	local file=$1
	shift
	printf '%s\n' "$HEADER" "$@" >"$KIM_DATA/$file" || fail "regfile: cannot write $file"
}

# regfile_kept FILE ROW...: the same with the column former_ids
regfile_kept() {
	local file=$1
	shift
	printf '%s\n' "$HEADER,former_ids" "$@" >"$KIM_DATA/$file" || fail "regfile_kept: cannot write $file"
}

# --- former_ids -------------------------------------------------------------

@test "former_ids: a file with the column reads; kim-list --id finds a KIM by a former id, in another kabupaten's file" {
	mkdata
	regfile kim/99.01.csv "$(rec 99.01.01.2001-1 'KIM Maju' 99.01.01.2001)"
	regfile_kept kim/99.71.csv "$(rec 99.71.01.1001-1 'KIM Ujung' 99.71.01.1001 '98.01.01.2001-2;99.01.01.2002-1')" \
		"$(rec 99.71.01.1002-1 'KIM Pasar' 99.71.01.1002 '')"
	run --separate-stderr kim-check -d . --as-of $AS_OF
	assert_success
	assert_output ""
	run --separate-stderr kim-list --as-of $AS_OF --id 99.01.01.2002-1 --fields id,name,former_ids
	assert_success
	assert_output 'id,name,former_ids
99.71.01.1001-1,KIM Ujung,98.01.01.2001-2;99.01.01.2002-1'
	# its own id, another's and one nobody had: any of them
	run kim-list --as-of $AS_OF --id 99.71.01.1001-1 --id 98.01.01.2001-2 --id 99.01.01.2001-1 --id 99.01.01.2001-9 --fields id
	assert_success
	assert_output 'id
99.01.01.2001-1
99.71.01.1001-1'
	run kim-list --as-of $AS_OF --id 99.01.01.2001-9 -c
	assert_failure 1
	assert_output 0
}

@test "former_ids: CSV prints it when --fields names it; JSON has the key only where a record has one" {
	mkdata
	regfile_kept kim/99.71.csv "$(rec 99.71.01.1001-1 'KIM Ujung' 99.71.01.1001 '98.01.01.2001-2;99.01.01.2002-1')" \
		"$(rec 99.71.01.1002-1 'KIM Pasar' 99.71.01.1002 '')"
	run kim-list --as-of $AS_OF
	assert_success
	assert_output "$HEADER
99.71.01.1001-1,KIM Ujung,99.71.01.1001,2019-01-01,,,,,,,aktif,,,,2022-01-03,2022-01-03,
99.71.01.1002-1,KIM Pasar,99.71.01.1002,2019-01-01,,,,,,,aktif,,,,2022-01-03,2022-01-03,"
	run kim-list --as-of $AS_OF -f jsonl
	assert_success
	assert_line --index 0 '{"id":"99.71.01.1001-1","name":"KIM Ujung","region":"99.71.01.1001","formed":"2019-01-01","sk":null,"chair":null,"secretary":null,"treasurer":null,"members":null,"sectors":null,"status":"aktif","website":null,"contact":null,"verified":null,"registered":"2022-01-03","updated":"2022-01-03","notes":null,"former_ids":["98.01.01.2001-2","99.01.01.2002-1"]}'
	assert_line --index 1 '{"id":"99.71.01.1002-1","name":"KIM Pasar","region":"99.71.01.1002","formed":"2019-01-01","sk":null,"chair":null,"secretary":null,"treasurer":null,"members":null,"sectors":null,"status":"aktif","website":null,"contact":null,"verified":null,"registered":"2022-01-03","updated":"2022-01-03","notes":null}'
	# JSON Lines into an empty folder rebuilds the same file
	kim-list --as-of $AS_OF -f jsonl >../all.jsonl
	local before
	before=$(cat kim/99.71.csv)
	rm kim/99.71.csv
	run kim-register --as-of $AS_OF --no-commit --import ../all.jsonl
	assert_success
	assert_equal "$(cat kim/99.71.csv)" "$before"
}

@test "former_ids: in JSON the key comes back, in its place, in a row after one without it" {
	mkdata
	regfile_kept kim/99.71.csv "$(rec 99.71.01.1001-1 'KIM Ujung' 99.71.01.1001 '')" \
		"$(rec 99.71.01.1001-2 'KIM Ujung Dua' 99.71.01.1001 '98.01.01.2001-2')" \
		"$(rec 99.71.01.1002-1 'KIM Pasar' 99.71.01.1002 '')" \
		"$(rec 99.71.01.1002-2 'KIM Pasar Baru' 99.71.01.1002 '98.01.01.2001-3;99.01.01.2002-1')"
	run kim-list --as-of $AS_OF -f jsonl --fields id,former_ids,name
	assert_success
	assert_output - <<'EOF'
{"id":"99.71.01.1001-1","name":"KIM Ujung"}
{"id":"99.71.01.1001-2","former_ids":["98.01.01.2001-2"],"name":"KIM Ujung Dua"}
{"id":"99.71.01.1002-1","name":"KIM Pasar"}
{"id":"99.71.01.1002-2","former_ids":["98.01.01.2001-3","99.01.01.2002-1"],"name":"KIM Pasar Baru"}
EOF
}

@test "former_ids: kim-register --update and the others find the KIM by a former id, print its id, keep the column" {
	mkdata
	regfile kim/99.01.csv "$(rec 99.01.01.2001-1 'KIM Maju' 99.01.01.2001)"
	regfile_kept kim/99.71.csv "$(rec 99.71.01.1001-1 'KIM Ujung' 99.71.01.1001 '99.01.01.2002-1')"
	run --separate-stderr kim-register --as-of $AS_OF --no-commit --update 99.01.01.2002-1 --members 7
	assert_success
	assert_output 99.71.01.1001-1
	run --separate-stderr kim-register --as-of $AS_OF --no-commit --deactivate 99.01.01.2002-1
	assert_success
	assert_output 99.71.01.1001-1
	assert_equal "$(cat kim/99.71.csv)" "$HEADER,former_ids
99.71.01.1001-1,KIM Ujung,99.71.01.1001,2019-01-01,,,,,7,,nonaktif,,,,2022-01-03,$AS_OF,,99.01.01.2002-1"
	# a file without the column is written without it, as before
	run kim-register --as-of $AS_OF --no-commit --update 99.01.01.2001-1 --members 3
	assert_success
	assert_equal "$(head -1 kim/99.01.csv)" "$HEADER"
	run --separate-stderr kim-register --as-of $AS_OF --no-commit --update 99.01.01.2002-9 --members 7
	assert_failure 3
	assert_equal "$stderr" "kim-register: 99.01.01.2002-9: no KIM has this id
kim-register: nothing was written: 1 problem"
	# former_ids is the register's: no option sets it
	run --separate-stderr kim-register --as-of $AS_OF --no-commit --update 99.71.01.1001-1 --former_ids 99.01.01.2002-2
	assert_failure 2
}

@test "former_ids: each a well-formed id, not the KIM's own, not twice; a column with no value is not the register's" {
	mkdata
	regfile_kept kim/99.71.csv "$(rec 99.71.01.1001-1 'KIM Ujung' 99.71.01.1001 '99.71.01.1001-1;x-1;;98.01.01.2001-4;98.01.01.2001-4;98.01.01.2001-0')"
	run --separate-stderr kim-check -d . --as-of $AS_OF
	assert_failure 1
	assert_output "kim/99.71.csv:2:18: former_ids: 99.71.01.1001-1 is the KIM's own id (former_ids holds the ids it had before)
kim/99.71.csv:2:18: former_ids: 'x-1' is not an id (expected REGION-N, e.g. 51.02.01.2001-1; ids are separated by ';')
kim/99.71.csv:2:18: former_ids: empty id in '99.71.01.1001-1;x-1;;98.01.01.2001-4;98.01.01.2001-4;98.01.01.2001-0' (ids are separated by single ';')
kim/99.71.csv:2:18: former_ids: 98.01.01.2001-4 is given twice
kim/99.71.csv:2:18: former_ids: '98.01.01.2001-0' is not an id (expected REGION-N, e.g. 51.02.01.2001-1; ids are separated by ';')"
	regfile_kept kim/99.71.csv "$(rec 99.71.01.1001-1 'KIM Ujung' 99.71.01.1001 '')"
	run --separate-stderr kim-check -d . --as-of $AS_OF
	assert_failure 1
	assert_output "kim/99.71.csv:1: the column former_ids holds no value: the register leaves it out of such a file"
	# an import is held to the same
	printf 'id,name,region,formed,former_ids\n99.71.01.1002-1,KIM Baru,99.71.01.1002,2020-01-01,99.71.01.1002-1\n' >../in.csv
	run --separate-stderr kim-register --as-of $AS_OF --no-commit --import ../in.csv
	assert_failure 3
	assert_equal "$stderr" "kim-register: ../in.csv:2:5: former_ids: 99.71.01.1002-1 is the KIM's own id (former_ids holds the ids it had before)
kim-register: nothing was written: 1 problem"
	# and a new KIM the id it is given
	printf 'name,region,formed,former_ids\nKIM Baru,99.71.01.1002,2020-01-01,99.71.01.1002-1\n' >../in.csv
	run --separate-stderr kim-register --as-of $AS_OF --no-commit --import ../in.csv
	assert_failure 3
	assert_equal "$stderr" "kim-register: ../in.csv:2:4: former_ids: 99.71.01.1002-1 is the KIM's own id (former_ids holds the ids it had before)
kim-register: nothing was written: 1 problem"
}

# --- kim-register --recode MAP.csv [--wilayah NEW.csv] -----------------------

# a git data folder of the list before the amendment, with KIM in the
# regions it changes, committed; cds there
recode_folder() {
	need_git
	git_isolate
	mkdata
	regfile kim/99.01.csv "$(rec 99.01-1 'KIM Kab' 99.01)" \
		"$(rec 99.01.01.2001-1 'KIM Maju' 99.01.01.2001)" \
		"$(rec 99.01.01.2002-1 'KIM Hilir' 99.01.01.2002)" \
		"$(rec 99.01.01.2003-1 'KIM Karang' 99.01.01.2003)" \
		"$(rec 99.01.02.1001-1 'KIM Tanjung' 99.01.02.1001)" \
		"$(rec 99.01.02.2002-1 'KIM Rambai' 99.01.02.2002)" \
		"$(rec 99.01.02.2002-2 'KIM Rambai Muda' 99.01.02.2002)"
	regfile kim/99.02.csv "$(rec 99.02-1 'KIM Uji Dua' 99.02)" \
		"$(rec 99.02.01.2002-1 "KIM Nua'uli" 99.02.01.2002)" \
		"$(rec 99.02.01.2002-2 'KIM Nua Muda' 99.02.01.2002)"
	printf '.kim.lock\n' >.gitignore
	git init -q -b main . && git config user.name 'Petugas Data' &&
		git config user.email data@diskominfo.example &&
		git add -A && GIT_COMMITTER_DATE='2024-01-02T10:00:00+07:00' \
		GIT_AUTHOR_DATE='2024-01-02T10:00:00+07:00' git commit -q -m 'before' ||
		fail "recode_folder: cannot set up $KIM_DATA"
	# the lock file, there once a command took it
	kim-register --as-of $AS_OF -n --update 99.01-1 --members 1 >/dev/null
	# the mapping of the amendment: a village moved to another kecamatan, a
	# village of a split kecamatan to the new one, a kabupaten to a new
	# province with everything inside it
	printf '%s\n' old,new 99.01.02.2002,99.01.01.2004 99.01.01.2003,99.01.03.2001 \
		99.02,97.01 >../map.csv
}

# recode ARGS...: kim-register --recode on the day AS_OF, stdout and stderr apart
recode() {
	run --separate-stderr kim-register -d . --as-of $AS_OF "$@"
}

@test "--recode --wilayah: every record moved, new ids, old ids kept, files of the new kabupaten, the list installed, one commit" {
	recode_folder
	recode --recode ../map.csv --wilayah "$AMENDED"
	assert_success
	assert_output '99.01.03.2001-1
99.01.01.2004-1
99.01.01.2004-2
97.01-1
97.01.01.2002-1
97.01.01.2002-2'
	assert_equal "$stderr" ""
	assert_equal "$(cat kim/99.01.csv)" "$HEADER,former_ids
99.01-1,KIM Kab,99.01,2019-01-01,,,,,,,aktif,,,,2022-01-03,2022-01-03,,
99.01.01.2001-1,KIM Maju,99.01.01.2001,2019-01-01,,,,,,,aktif,,,,2022-01-03,2022-01-03,,
99.01.01.2002-1,KIM Hilir,99.01.01.2002,2019-01-01,,,,,,,aktif,,,,2022-01-03,2022-01-03,,
99.01.01.2004-1,KIM Rambai,99.01.01.2004,2019-01-01,,,,,,,aktif,,,,2022-01-03,$AS_OF,,99.01.02.2002-1
99.01.01.2004-2,KIM Rambai Muda,99.01.01.2004,2019-01-01,,,,,,,aktif,,,,2022-01-03,$AS_OF,,99.01.02.2002-2
99.01.02.1001-1,KIM Tanjung,99.01.02.1001,2019-01-01,,,,,,,aktif,,,,2022-01-03,2022-01-03,,
99.01.03.2001-1,KIM Karang,99.01.03.2001,2019-01-01,,,,,,,aktif,,,,2022-01-03,$AS_OF,,99.01.01.2003-1"
	assert_equal "$(cat kim/97.01.csv)" "$HEADER,former_ids
97.01-1,KIM Uji Dua,97.01,2019-01-01,,,,,,,aktif,,,,2022-01-03,$AS_OF,,99.02-1
97.01.01.2002-1,KIM Nua'uli,97.01.01.2002,2019-01-01,,,,,,,aktif,,,,2022-01-03,$AS_OF,,99.02.01.2002-1
97.01.01.2002-2,KIM Nua Muda,97.01.01.2002,2019-01-01,,,,,,,aktif,,,,2022-01-03,$AS_OF,,99.02.01.2002-2"
	# the kabupaten that moved leaves its file with the header only
	assert_equal "$(cat kim/99.02.csv)" "$HEADER"
	cmp wilayah.csv "$AMENDED"
	# one commit, naming every move; nothing left out of it
	assert_equal "$(git rev-list --count HEAD)" 2
	assert_equal "$(git log -1 --format=%B)" "recode 6 KIM by ../map.csv; wilayah.csv from $AMENDED

99.01.01.2003-1 -> 99.01.03.2001-1 KIM Karang
99.01.02.2002-1 -> 99.01.01.2004-1 KIM Rambai
99.01.02.2002-2 -> 99.01.01.2004-2 KIM Rambai Muda
99.02-1 -> 97.01-1 KIM Uji Dua
99.02.01.2002-1 -> 97.01.01.2002-1 KIM Nua'uli
99.02.01.2002-2 -> 97.01.01.2002-2 KIM Nua Muda"
	assert_equal "$(git show --stat --format= HEAD | sed 's/ *|.*//; s/^ *//' | head -4)" "kim/97.01.csv
kim/99.01.csv
kim/99.02.csv
wilayah.csv"
	assert_equal "$(git status --porcelain)" ""
	# the folder is clean for kim-check under the new list
	run --separate-stderr kim-check -d . --as-of $AS_OF
	assert_success
	assert_output ""
}

@test "--recode: old ids still find the KIM: kim-list --id, kim-register --update, --dissolve" {
	recode_folder
	recode --recode ../map.csv --wilayah "$AMENDED"
	assert_success
	run kim-list --as-of $AS_OF --id 99.02.01.2002-2 --id 99.01.01.2003-1 --fields id,name,region,former_ids
	assert_success
	assert_output 'id,name,region,former_ids
97.01.01.2002-2,KIM Nua Muda,97.01.01.2002,99.02.01.2002-2
99.01.03.2001-1,KIM Karang,99.01.03.2001,99.01.01.2003-1'
	recode --update 99.02.01.2002-2 --members 11
	assert_success
	assert_output 97.01.01.2002-2
	assert_equal "$(git log -1 --format=%s)" "update 97.01.01.2002-2 KIM Nua Muda: members"
	recode --dissolve 99.01.02.2002-1
	assert_success
	assert_output 99.01.01.2004-1
	run kim-list --as-of $AS_OF --id 99.01.01.2004-1 --fields status
	assert_output 'status
bubar'
}

@test "--recode: activities logged under an old id stay the KIM's: kim-check, last_activity, --dormant, kim-activity --kim by either id; new ones under its id now" {
	recode_folder
	mkdir activity
	printf '%s\n' kim,date,kind,title,url,notes \
		'99.02.01.2002-1,2024-05-02,berita,Sebelum,https://nuauli.example/1,' \
		>activity/99.02.csv
	git add activity && git commit -q -m 'activity' || fail 'cannot commit'
	recode --recode ../map.csv --wilayah "$AMENDED"
	assert_success
	# the log is not rewritten: the old id is an alias of the KIM
	assert_equal "$(git show --stat --format= HEAD | grep -c activity)" 0
	run --separate-stderr kim-check -d . --as-of $AS_OF
	assert_success
	assert_output ""
	run kim-list --as-of $AS_OF --status aktif --fields id,last_activity,activities_90d
	assert_success
	assert_output 'id,last_activity,activities_90d
97.01-1,,0
97.01.01.2002-1,2024-05-02,1
97.01.01.2002-2,,0
99.01-1,,0
99.01.01.2001-1,,0
99.01.01.2002-1,,0
99.01.01.2004-1,,0
99.01.01.2004-2,,0
99.01.02.1001-1,,0
99.01.03.2001-1,,0'
	run kim-list --as-of $AS_OF --dormant 90 -c
	assert_output 9
	# an activity given with the old id is logged under the id of now,
	# in the file of its kabupaten now
	run --separate-stderr kim-activity -d . --as-of $AS_OF --kim 99.02.01.2002-1 \
		--date 2024-06-10 --kind kegiatan --title Sesudah
	assert_success
	assert_equal "$(cat activity/97.01.csv)" 'kim,date,kind,title,url,notes
97.01.01.2002-1,2024-06-10,kegiatan,Sesudah,,'
	# listed by either id: both, file by file as the log is read
	for id in 97.01.01.2002-1 99.02.01.2002-1; do
		run kim-activity -d . --as-of $AS_OF --kim $id
		assert_success
		assert_output 'kim,date,kind,title,url,notes
97.01.01.2002-1,2024-06-10,kegiatan,Sesudah,,
99.02.01.2002-1,2024-05-02,berita,Sebelum,https://nuauli.example/1,'
	done
	# a feed item whose link was logged under the old id is known
	printf '%s\n' '<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>' \
		'<item><title>Sebelum</title><link>https://nuauli.example/1</link><pubDate>Thu, 02 May 2024 08:00:00 +0700</pubDate></item>' \
		'</channel></rss>' >../feed.xml
	run --separate-stderr kim-activity -d . --as-of $AS_OF --feed 97.01.01.2002-1 ../feed.xml
	assert_equal "$stderr" 'kim-activity: 0 added, 1 logged already, 0 before the KIM was formed (skipped)'
	run --separate-stderr kim-check -d . --as-of $AS_OF
	assert_success
	assert_output ""
}

@test "--recode: a region that receives KIM numbers them after every id and former id it had; a second recode keeps the older ids first" {
	recode_folder
	# 99.01.01.2004's number 3 was a KIM's before (a former id of KIM Maju)
	regfile_kept kim/99.01.csv "$(rec 99.01-1 'KIM Kab' 99.01 '')" \
		"$(rec 99.01.01.2001-1 'KIM Maju' 99.01.01.2001 99.01.01.2004-3)" \
		"$(rec 99.01.02.2002-1 'KIM Rambai' 99.01.02.2002 '')"
	rm kim/99.02.csv
	git add -A && git commit -q -m again
	printf '%s\n' old,new 99.01.02.2002,99.01.01.2004 >../map.csv
	recode --recode ../map.csv --wilayah "$AMENDED"
	assert_success
	assert_output 99.01.01.2004-4
	# the next amendment moves it on: its ids oldest first
	cp "$AMENDED" ../next.csv
	sed -i 's/^99\.01\.01\.2004,/99.01.01.2005,/' ../next.csv
	printf '%s\n' old,new 99.01.01.2004,99.01.01.2005 >../map2.csv
	recode --recode ../map2.csv --wilayah ../next.csv
	assert_success
	assert_output 99.01.01.2005-1
	run kim-list --as-of $AS_OF --id 99.01.02.2002-1 --fields id,former_ids
	assert_output 'id,former_ids
99.01.01.2005-1,99.01.02.2002-1;99.01.01.2004-4'
	assert_equal "$(git rev-list --count HEAD)" 4
}

@test "--recode without --wilayah: a mapping within the folder's list; --dry-run writes nothing" {
	recode_folder
	printf '%s\n' old,new 99.01.02.2002,99.01.01.2003 >../map.csv
	local before
	before=$(checksum_data "$KIM_DATA")
	recode --recode ../map.csv -n
	assert_success
	assert_output '99.01.01.2003-2
99.01.01.2003-3'
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
	recode --recode ../map.csv
	assert_success
	run kim-list --as-of $AS_OF -r 99.01.01.2003 --fields id,former_ids
	assert_output 'id,former_ids
99.01.01.2003-1,
99.01.01.2003-2,99.01.02.2002-1
99.01.01.2003-3,99.01.02.2002-2'
	cmp wilayah.csv "$KIM_TOP/tests/fixtures/wilayah.csv"
}

@test "--recode: kim-coverage --at a day before the recode gives the coverage it gave then" {
	recode_folder
	local before_at now
	before_at=$(kim-coverage --as-of $AS_OF -r 99 --by kecamatan)
	recode --recode ../map.csv --wilayah "$AMENDED"
	assert_success
	run kim-coverage --as-of $AS_OF --at 2024-01-03 -r 99 --by kecamatan
	assert_success
	assert_output "$before_at"
	# and today's, under the new list, counts the moved KIM in their new places
	run kim-coverage --as-of $AS_OF -r 97 --by kabupaten
	assert_success
	assert_line --index 1 --partial '97.01,Kabupaten Uji Dua,5,1,'
}

# refused ARGS...: kim-register --recode refuses with exit 3, prints nothing
# and leaves the data folder and its history as they were; its stderr in
# $stderr
refused() {
	local before commits
	before=$(checksum_data "$KIM_DATA")
	commits=$(git rev-list --count HEAD)
	recode "$@"
	assert_failure 3
	assert_output ""
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
	assert_equal "$(git rev-list --count HEAD)" "$commits"
}

@test "--recode: every bad mapping refused with its place, nothing written" {
	recode_folder
	# a target the new list does not have; not a code; an old region twice
	printf '%s\n' old,new 99.01.02.2002,99.01.01.2009 99.02,97.x 99.01.01.2003,99.01.03.2001 \
		99.01.01.2003,99.01.03.2001 >../bad.csv
	refused --recode ../bad.csv --wilayah "$AMENDED"
	assert_equal "$stderr" "kim-register: ../bad.csv:2:2: new: 99.01.01.2009 is not in $AMENDED
kim-register: ../bad.csv:3:2: new: '97.x' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)
kim-register: ../bad.csv:5:1: old: 99.01.01.2003 is also on line 4
kim-register: nothing was written: 3 problems"
	# a kecamatan's line that takes a village to a code the new list lacks
	printf '%s\n' old,new 99.01.01,99.01.03 99.02,97.01 99.01.02.2002,99.01.01.2004 >../bad.csv
	refused --recode ../bad.csv --wilayah "$AMENDED"
	assert_equal "$stderr" "kim-register: ../bad.csv:2:2: new: the line moves 99.01.01.2002 (99.01.01.2002-1) to 99.01.03.2002, which $AMENDED does not have: give the region a line of its own
kim-register: ../bad.csv:2:2: new: the line moves 99.01.01.2003 (99.01.01.2003-1) to 99.01.03.2003, which $AMENDED does not have: give the region a line of its own
kim-register: nothing was written: 2 problems"
	# a record the new list leaves without its region, not mapped
	printf '%s\n' old,new 99.01.02.2002,99.01.01.2004 99.01.01.2003,99.01.03.2001 >../bad.csv
	refused --recode ../bad.csv --wilayah "$AMENDED"
	assert_equal "$stderr" "kim-register: kim/99.02.csv:2:3: region: 99.02 is not in $AMENDED, and the mapping does not move it (kim-check --wilayah lists such regions)
kim-register: kim/99.02.csv:3:3: region: 99.02.01.2002 is not in $AMENDED, and the mapping does not move it (kim-check --wilayah lists such regions)
kim-register: kim/99.02.csv:4:3: region: 99.02.01.2002 is not in $AMENDED, and the mapping does not move it (kim-check --wilayah lists such regions)
kim-register: nothing was written: 3 problems"
	# two old villages onto one, whose KIM of one name would collide there
	printf '%s\n' old,new 99.01.01.2002,99.01.01.2004 99.01.02.2002,99.01.01.2004 99.02,97.01 >../bad.csv
	regfile kim/99.01.csv "$(rec 99.01.01.2002-1 'KIM Rambai' 99.01.01.2002)" \
		"$(rec 99.01.02.2002-1 'KIM  rambai' 99.01.02.2002)"
	git add -A && git commit -q -m names
	refused --recode ../bad.csv --wilayah "$AMENDED"
	assert_equal "$stderr" "kim-register: ../bad.csv:3:2: new: 99.01.02.2002-1 'KIM  rambai' would be a second KIM of that name in 99.01.01.2004, with 99.01.01.2002-1
kim-register: nothing was written: 1 problem"
	# a new list that is not good; a mapping that cannot be read
	printf 'code,name\n97.01.01.2001,Yatim\n' >../baru.csv
	refused --recode ../map.csv --wilayah ../baru.csv
	assert_equal "$stderr" "kim-register: ../baru.csv:2:1: region 97.01.01.2001 has no parent region in the list
kim-register: nothing was written: 1 problem"
	run --separate-stderr kim-register --as-of $AS_OF --recode ../nosuch.csv
	assert_failure 4
	assert_equal "$stderr" "kim-register: ../nosuch.csv: cannot open: No such file or directory"
}

@test "--recode: usage: --wilayah only with it, one change at a time, no --FIELD" {
	mkdata
	run --separate-stderr kim-register --wilayah x.csv --update 99.01-1 --members 2
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "kim-register: --wilayah goes with --recode"
	run --separate-stderr kim-register --recode m.csv --members 2
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "kim-register: --members does not go with --recode"
	run --separate-stderr kim-register --recode m.csv --renumber 99.01-1
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "kim-register: one change at a time: --update, --deactivate, --dissolve, --activate, --verify, --import, --renumber, --recode or --init"
}
