#!/usr/bin/env bats
# The activity log, activity/KK.KK.csv (kim-data(5), ACTIVITY LOG), and
# kim-activity: kim-check on good and broken logs, adding, importing and
# listing activities.  The folder is tests/fixtures/wilayah.csv with two KIM
# of 99.01 and one of 99.71; every expected line is written by hand.

load test_helper

ASOF=2023-06-21
HEADER=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes
AHEADER=kim,date,kind,title,url,notes

MAJU='99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,umkm,aktif,,,,2022-01-03,2022-01-03,'
MUDA='99.01.01.2001-2,KIM Muda,99.01.01.2001,2020-01-15,,,,,9,,aktif,,,,2022-01-03,2022-01-03,'
UJUNG='99.71.01.1001-1,KIM Ujung,99.71.01.1001,2015-04-01,,,,,5,,nonaktif,,,,2022-01-03,2022-01-03,'

setup() {
	mkdata
	printf '%s\n' "$HEADER" "$MAJU" "$MUDA" >kim/99.01.csv
	printf '%s\n' "$HEADER" "$UJUNG" >kim/99.71.csv
	mkdir activity
}

# actfile FILE ROW...: a file of the log, its header, then the ROWs
actfile() {
	local file=$1
	shift
	printf '%s\n' "$AHEADER" "$@" >"$KIM_DATA/$file" || fail "actfile: cannot write $file"
}

check() {
	run --separate-stderr kim-check -d . --as-of $ASOF "$@"
}

@test "kim-check: a good activity log is clean" {
	actfile activity/99.01.csv \
		'99.01.01.2001-1,2023-05-01,berita,Panen raya,https://maju.kim.id/panen,' \
		'99.01.01.2001-1,2023-05-01,kegiatan,"Kerja bakti, RT 2",,' \
		'99.01.01.2001-1,2023-06-21,pelatihan,Pelatihan,,"dua hari
di balai desa"' \
		'99.01.01.2001-2,2020-01-15,pertemuan,Rapat pertama,,'
	actfile activity/99.71.csv '99.71.01.1001-1,2015-04-01,lomba,Lomba,,'
	check
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
}

@test "kim-check: every row's problem with its line and column" {
	actfile activity/99.01.csv \
		'99.01.01.2001-1,2023-05-01,berita,Panen raya,https://maju.kim.id/panen,' \
		'99.01.01.2001-1,2023-05-01,kegiatan,Panen raya lagi,https://maju.kim.id/panen,' \
		'99.01.01.2001-2,2019-12-31,berita,Sebelum dibentuk,,' \
		'99.01.01.2001-2,2023-02-30,berita,Tanggal salah,,' \
		'99.01.01.2001-2,2023-06-22,berita,Besok,,' \
		'99.01.01.2001-2,2023-06-01,rapat,Jenis salah,,' \
		'99.01.01.2001-2,2023-06-02,berita,,,' \
		'99.01.01.2001-2,2023-06-03,berita,Alamat,https://a b,' \
		'99.01.01.2001-9,2023-06-01,berita,Tidak ada,,' \
		'99.01.01.2001,2023-06-01,berita,Bukan id,,' \
		'99.71.01.1001-1,2023-06-01,berita,Salah berkas,,'
	check
	assert_failure 1
	assert_output "activity/99.01.csv:3:5: the activity of 99.01.01.2001-1 on 2023-05-01 is also on line 2
activity/99.01.csv:4:2: date: 2019-12-31 is before the KIM was formed, 2020-01-15
activity/99.01.csv:5:2: date: '2023-02-30' is not a real date (expected YYYY-MM-DD)
activity/99.01.csv:6:2: date: 2023-06-22 is after the as-of date 2023-06-21
activity/99.01.csv:7:3: kind: 'rapat' is not a kind of activity (berita, kegiatan, pelatihan, pertemuan, lomba, lainnya)
activity/99.01.csv:8:4: title: empty (every activity has a title)
activity/99.01.csv:9:5: url: an address holds no blank or control character
activity/99.01.csv:10:1: kim: no KIM has the id 99.01.01.2001-9 in the register
activity/99.01.csv:11:1: kim: '99.01.01.2001' is not a KIM id (expected REGION-N, e.g. 51.02.03.2001-2)
activity/99.01.csv:12:1: kim: 99.71.01.1001-1 belongs in activity/99.71.csv, the file of its kabupaten/kota"
	assert_equal "$stderr" ""
}

@test "kim-check: a repeated activity is found on each day of a KIM, however many days came before, and never across days" {
	actfile activity/99.01.csv \
		'99.01.01.2001-1,2023-05-01,berita,Panen raya,https://maju.kim.id/panen,' \
		'99.01.01.2001-1,2023-05-02,berita,Panen raya,https://maju.kim.id/panen,' \
		'99.01.01.2001-1,2023-05-03,berita,Panen raya,https://maju.kim.id/panen,' \
		'99.01.01.2001-1,2023-05-03,kegiatan,Panen raya lagi,https://maju.kim.id/panen,' \
		'99.01.01.2001-1,2023-05-03,lomba,Lomba,,' \
		'99.01.01.2001-1,2023-05-04,lomba,Lomba,,' \
		'99.01.01.2001-2,2023-05-04,lomba,Lomba,,' \
		'99.01.01.2001-2,2023-05-04,lomba,Lomba,,'
	check
	assert_failure 1
	assert_output "activity/99.01.csv:5:5: the activity of 99.01.01.2001-1 on 2023-05-03 is also on line 4
activity/99.01.csv:9:5: the activity of 99.01.01.2001-2 on 2023-05-04 is also on line 8"
	assert_equal "$stderr" ""
}

@test "kim-check: the header, the order, the bytes and the file's name" {
	printf 'kim,date,kind,title\n' >activity/99.01.csv
	check
	assert_failure 1
	assert_output "activity/99.01.csv:1:1: the header is not 'kim,date,kind,title,url,notes'"
	actfile activity/99.01.csv \
		'99.01.01.2001-2,2023-05-01,berita,Dua,,' \
		'99.01.01.2001-1,2023-05-02,berita,Satu,,'
	check
	assert_failure 1
	assert_output "activity/99.01.csv:3:1: kim: comes after the activity of 99.01.01.2001-2 on 2023-05-01: activities are sorted by kim, then by date"
	actfile activity/99.01.csv \
		'99.01.01.2001-1,2023-05-01,berita,Satu,,' \
		'"99.01.01.2001-2",2023-05-02,berita,Dua,,'
	check
	assert_failure 1
	assert_output "activity/99.01.csv:3: not written the way kim-activity writes (quoting, blanks, line ends or a BOM differ)"
	printf '%s\r\n' "$AHEADER" '99.01.01.2001-1,2023-05-01,berita,Satu,,' >activity/99.01.csv
	check
	assert_failure 1
	assert_output "activity/99.01.csv:1: not written the way kim-activity writes (quoting, blanks, line ends or a BOM differ)"
	rm activity/99.01.csv
	actfile activity/99.01.01.csv '99.01.01.2001-1,2023-05-01,berita,Satu,,'
	check
	assert_failure 1
	assert_output "activity/99.01.01.csv: the activity files are named by a kabupaten/kota or provinsi code (e.g. activity/51.02.csv)"
}

# act ARGS...: kim-activity in the folder as of $ASOF, stdout and stderr apart
act() {
	run --separate-stderr kim-activity -d . --as-of $ASOF "$@"
}

@test "kim-activity: add one, written in order and committed in git" {
	need_git
	git_isolate
	git init -q . && git config user.name 'Petugas Data' &&
		git config user.email data@diskominfo.example &&
		kim-register --init >/dev/null && git add -A &&
		git commit -qm register || fail "git setup"
	act --kim 99.01.01.2001-2 --date 2023-06-01 --kind kegiatan --title 'Kerja bakti'
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
	act --kim 99.01.01.2001-1 --date 2023-05-01 --kind berita --title 'Panen raya, 2023' \
		--url https://maju.kim.id/panen --notes 'di balai desa'
	assert_success
	run cat activity/99.01.csv
	assert_output "kim,date,kind,title,url,notes
99.01.01.2001-1,2023-05-01,berita,\"Panen raya, 2023\",https://maju.kim.id/panen,di balai desa
99.01.01.2001-2,2023-06-01,kegiatan,Kerja bakti,,"
	run git log --format=%s
	assert_output "activity 99.01.01.2001-1 2023-05-01 berita: Panen raya, 2023
activity 99.01.01.2001-2 2023-06-01 kegiatan: Kerja bakti
register
kim-register --init: merge=kim, the lock and the journal ignored, the region list added"
	run git status --porcelain
	assert_output ""
	check
	assert_success
	# the same again: logged already, nothing written, exit 1
	act --kim 99.01.01.2001-1 --date 2023-05-01 --kind lainnya --title 'Lain' \
		--url https://maju.kim.id/panen --no-commit
	assert_failure 1
	assert_equal "$stderr" "kim-activity: the activity of 99.01.01.2001-1 on 2023-05-01 is logged already: nothing was written"
	run git log --oneline
	assert_equal "${#lines[@]}" 4
}

@test "kim-activity: a bad activity writes nothing, exit 3" {
	local before
	act --no-commit --kim 99.01.01.2001-9 --date 2023-06-01 --kind berita --title X
	before=$(checksum_data .)	# the lock file, .kim.lock, is there now
	act --no-commit --kim 99.01.01.2001-9 --date 2023-06-01 --kind berita --title X
	assert_failure 3
	assert_equal "$stderr" "kim-activity: --kim: no KIM has the id 99.01.01.2001-9 in the register
kim-activity: nothing was written: 1 problem"
	act --no-commit --kim 99.01.01.2001-2 --date 2020-01-14 --kind berita --title X
	assert_failure 3
	assert_equal "$stderr" "kim-activity: --date: 2020-01-14 is before the KIM was formed, 2020-01-15
kim-activity: nothing was written: 1 problem"
	act --no-commit --kim 99.01.01.2001-2 --date 2023-06-22 --kind rapat --title ''
	assert_failure 3
	assert_equal "$stderr" "kim-activity: --date: 2023-06-22 is after the as-of date 2023-06-21
kim-activity: --kind: 'rapat' is not a kind of activity (berita, kegiatan, pelatihan, pertemuan, lomba, lainnya)
kim-activity: --title: empty (every activity has a title)
kim-activity: nothing was written: 3 problems"
	assert_equal "$(checksum_data .)" "$before"
}

@test "kim-activity --import: CSV and JSON Lines, all or nothing, twice adds nothing" {
	printf '%s\n' 'title,kind,date,kim' 'Rapat,Pertemuan,2023-01-02,99.01.01.2001-2' \
		'Panen,berita,2023-05-01,99.01.01.2001-1' 'Lomba,lomba,2023-02-01,99.71.01.1001-1' >in.csv
	act --no-commit --import in.csv
	assert_success
	assert_equal "$stderr" "kim-activity: 3 added, 0 logged already"
	run cat activity/99.01.csv activity/99.71.csv
	assert_output "kim,date,kind,title,url,notes
99.01.01.2001-1,2023-05-01,berita,Panen,,
99.01.01.2001-2,2023-01-02,pertemuan,Rapat,,
kim,date,kind,title,url,notes
99.71.01.1001-1,2023-02-01,lomba,Lomba,,"
	act --no-commit --import in.csv
	assert_success
	assert_equal "$stderr" "kim-activity: 0 added, 3 logged already"
	printf '%s\n' '{"kim":"99.01.01.2001-1","date":"2023-06-01","kind":"berita","title":"Baru","url":"https://maju.kim.id/baru","notes":null}' >in.jsonl
	act --no-commit --import - <in.jsonl
	assert_success
	assert_equal "$stderr" "kim-activity: 1 added, 0 logged already"
	# one bad line: nothing written (the KIM are looked up after the
	# file was read whole)
	local before
	before=$(checksum_data .)
	printf '%s\n' '{"kim":"99.01.01.2001-2","date":"2023-06-02","kind":"berita","title":"Baik"}' \
		'{"kim":"99.01.01.2001-2","date":"2023-06-03","kind":"berita","judul":"x"}' \
		'{"kim":"99.01.01.2001-9","date":"2023-06-03","kind":"berita","title":"Siapa"}' >../bad.jsonl
	act --no-commit --import ../bad.jsonl
	assert_failure 3
	assert_equal "$stderr" "kim-activity: ../bad.jsonl:2:62: unknown key 'judul' (the keys are kim,date,kind,title,url,notes)
kim-activity: nothing was written: 1 problem"
	sed -i 2d ../bad.jsonl
	act --no-commit --import ../bad.jsonl
	assert_failure 3
	assert_equal "$stderr" "kim-activity: ../bad.jsonl:2:2: kim: no KIM has the id 99.01.01.2001-9 in the register
kim-activity: nothing was written: 1 problem"
	printf '%s\n' 'kim,date,kind' '99.01.01.2001-2,2023-06-02,berita' >../bad.csv
	act --no-commit --import ../bad.csv
	assert_failure 3
	assert_equal "$stderr" "kim-activity: ../bad.csv:1: no column 'title' (required: kim, date, kind, title)
kim-activity: nothing was written: 1 problem"
	assert_equal "$(checksum_data .)" "$before"
	check
	assert_success
}

@test "kim-activity --import: a kecamatan's sheet: Indonesian headers in any case, ';', day-first dates, --ignore-columns" {
	printf '%s\r\n' 'No;KIM;Tanggal;Jenis;Judul;URL;Catatan' \
		'1;99.01.01.2001-1;02/12/2022;Berita;Panen;;' \
		'2;99.01.01.2001-2;3-1-2023;kegiatan;Kerja bakti;;RT 2' \
		'3;99.71.01.1001-1;05.01.2023;LOMBA;Lomba;https://ujung.kim.id/l;' >../kec.csv
	local before
	before=$(checksum_data .)
	act --no-commit --import ../kec.csv
	assert_failure 3
	assert_equal "$stderr" "kim-activity: ../kec.csv:1:1: unknown column 'No' (the columns are kim,date,kind,title,url,notes, or the other names of kim-data(5); --ignore-columns leaves such columns out)
kim-activity: nothing was written: 1 problem"
	assert_equal "$(checksum_data .)" "$before"
	act --no-commit --import ../kec.csv --ignore-columns
	assert_success
	assert_equal "$stderr" "kim-activity: ../kec.csv: 1 column left out (--ignore-columns): 'No'
kim-activity: 3 added, 0 logged already"
	run cat activity/99.01.csv activity/99.71.csv
	assert_output "kim,date,kind,title,url,notes
99.01.01.2001-1,2022-12-02,berita,Panen,,
99.01.01.2001-2,2023-01-03,kegiatan,Kerja bakti,,RT 2
kim,date,kind,title,url,notes
99.71.01.1001-1,2023-01-05,lomba,Lomba,https://ujung.kim.id/l,"
	# the other names of each column, blanks, '_', '-' and '.' alike
	printf '%s\n' 'Kode_KIM,tgl,JENIS-KEGIATAN,nama.kegiatan,Link,Keterangan' \
		'99.01.01.2001-1,7/3/2023,pelatihan,Pelatihan,,dua hari' >in.csv
	act --no-commit --import in.csv
	assert_success
	assert_equal "$stderr" "kim-activity: 1 added, 0 logged already"
	printf '%s\n' 'id kim,tanggal kegiatan,jenis,kegiatan,tautan,catatan,alamat' >in.csv
	act --no-commit --import in.csv
	assert_failure 3
	assert_equal "$stderr" "kim-activity: in.csv:1:7: column 'alamat' is there twice (as url)
kim-activity: nothing was written: 1 problem"
	# a date day first that is no day, or a bare year: refused
	printf '%s\n' 'kim,tanggal,jenis,judul' '99.01.01.2001-1,02/13/2023,berita,a' \
		'99.01.01.2001-1,31.02.2023,berita,b' '99.01.01.2001-1,2023,berita,c' >in.csv
	before=$(checksum_data .)
	act --no-commit --import in.csv
	assert_failure 3
	assert_equal "$stderr" "kim-activity: in.csv:2:2: date: '02/13/2023' is not day/month/year (there is no month 13): write it as 13/02/2023
kim-activity: in.csv:3:2: date: '31.02.2023' is not a real date (read as day 31, month 2, year 2023)
kim-activity: in.csv:4:2: date: '2023' is not a real date (expected YYYY-MM-DD)
kim-activity: nothing was written: 3 problems"
	assert_equal "$(checksum_data .)" "$before"
	# the log itself keeps its exact header
	printf '%s\n' 'KIM,date,kind,title,url,notes' >activity/99.71.csv
	check
	assert_failure 1
	assert_output "activity/99.71.csv:1:1: the header is not 'kim,date,kind,title,url,notes'"
	run -2 kim-activity -d . --ignore-columns
	assert_line --index 0 "kim-activity: --ignore-columns goes with --import only"
	run -2 kim-activity -d . --feed 99.01.01.2001-1 feed.xml --ignore-columns
	assert_line --index 0 "kim-activity: --ignore-columns goes with --import only"
}

@test "kim-activity: list by region, KIM, days and kind, in every format" {
	actfile activity/99.01.csv \
		'99.01.01.2001-1,2023-05-01,berita,Panen raya,https://maju.kim.id/panen,' \
		'99.01.01.2001-1,2023-06-10,pelatihan,Pelatihan,,"dua hari"' \
		'99.01.01.2001-2,2023-03-15,berita,Rapat,,'
	actfile activity/99.71.csv '99.71.01.1001-1,2023-05-20,lomba,Lomba,,'
	act -f csv
	assert_success
	assert_output "kim,date,kind,title,url,notes
99.01.01.2001-1,2023-05-01,berita,Panen raya,https://maju.kim.id/panen,
99.01.01.2001-1,2023-06-10,pelatihan,Pelatihan,,dua hari
99.01.01.2001-2,2023-03-15,berita,Rapat,,
99.71.01.1001-1,2023-05-20,lomba,Lomba,,"
	act -r 99.71 -f tsv
	assert_output "kim	date	kind	title	url	notes
99.71.01.1001-1	2023-05-20	lomba	Lomba		"
	act --kim 99.01.01.2001-1 --since 2023-06-01 -f json
	assert_output '[
{"kim":"99.01.01.2001-1","date":"2023-06-10","kind":"pelatihan","title":"Pelatihan","url":null,"notes":"dua hari"}
]'
	act --kind berita --until 2023-04-30 -f jsonl
	assert_output '{"kim":"99.01.01.2001-2","date":"2023-03-15","kind":"berita","title":"Rapat","url":null,"notes":null}'
	act -r 99.01 -r 99.71 --since 2023-05-01 --until 2023-05-31 -f table
	assert_output "kim              date        kind    title       url                        notes
99.01.01.2001-1  2023-05-01  berita  Panen raya  https://maju.kim.id/panen
99.71.01.1001-1  2023-05-20  lomba   Lomba"
	act -c -r 99.01
	assert_output 3
	act -c --kind lomba -r 99.01
	assert_failure 1
	assert_output 0
	# a file given: read as input, the folder's log left alone
	printf '%s\n' 'kim,date,kind,title' '99.02.01.2001-1,2023-01-01,berita,Lain' >other.csv
	act -f csv other.csv
	assert_output "kim,date,kind,title,url,notes
99.02.01.2001-1,2023-01-01,berita,Lain,,"
}

@test "kim-activity: usage errors, exit 2" {
	run -2 kim-activity -d . --kim 99.01.01.2001-1 --date 2023-06-01 --title X
	assert_line --index 0 "kim-activity: --kind is required to add an activity"
	run -2 kim-activity -d . --import in.csv --kind berita
	assert_line --index 0 "kim-activity: --kind does not go with --import or --feed"
	run -2 kim-activity -d . --kind rapat
	assert_line --index 0 "kim-activity: --kind: 'rapat' is not one of berita, kegiatan, pelatihan, pertemuan, lomba, lainnya"
	run -2 kim-activity -d . --kim 99.01
	assert_line --index 0 "kim-activity: --kim: '99.01' is not a KIM id (expected REGION-N)"
	run -2 kim-activity -d . --since 2023-02-30
	assert_line --index 0 "kim-activity: --since: '2023-02-30' is not a real date (expected YYYY-MM-DD)"
	run -2 kim-activity -d . -r 99.01 --import in.csv
	assert_line --index 0 "kim-activity: -r, --since, --until, -c and files list activities: not with --import or --title"
	run -2 kim-activity -d . -n
	assert_line --index 0 "kim-activity: -n and --no-commit go with a change"
}

ANYAR='99.01.01.2002-1,KIM Anyar,99.01.01.2002,2021-03-01,,,,,7,,aktif,,,,2022-01-03,2022-01-03,'

# The log of the derived columns' tests, as of 2023-06-21: the window of
# activities_90d is 2023-03-24 .. 2023-06-21.  Maju: 2023-03-23 (out),
# 2023-03-24 and 2023-06-21 (in), 2023-07-01 (after the as-of day: not
# counted, not its last); Muda: 2023-01-02 only, 170 days before; Anyar
# and Ujung (nonaktif): none.
derived_log() {
	printf '%s\n' "$HEADER" "$MAJU" "$MUDA" "$ANYAR" >kim/99.01.csv
	actfile activity/99.01.csv \
		'99.01.01.2001-1,2023-03-23,berita,Satu,,' \
		'99.01.01.2001-1,2023-03-24,berita,Dua,,' \
		'99.01.01.2001-1,2023-06-21,kegiatan,Tiga,,' \
		'99.01.01.2001-1,2023-07-01,berita,Nanti,,' \
		'99.01.01.2001-2,2023-01-02,pertemuan,Rapat,,'
}

@test "last_activity and activities_90d in --fields and --sort, on the as-of day" {
	derived_log
	run -0 kim-list --as-of $ASOF --fields id,status,last_activity,activities_90d
	assert_output "id,status,last_activity,activities_90d
99.01.01.2001-1,aktif,2023-06-21,2
99.01.01.2001-2,aktif,2023-01-02,0
99.01.01.2002-1,aktif,,0
99.71.01.1001-1,nonaktif,,0"
	run -0 kim-list --as-of 2023-07-01 --fields id,last_activity,activities_90d -r 99.01.01.2001
	assert_output "id,last_activity,activities_90d
99.01.01.2001-1,2023-07-01,2
99.01.01.2001-2,2023-01-02,0"
	run -0 kim-list --as-of $ASOF --fields id,activities_90d --sort -activities_90d -f json
	assert_output '[
{"id":"99.01.01.2001-1","activities_90d":2},
{"id":"99.01.01.2001-2","activities_90d":0},
{"id":"99.01.01.2002-1","activities_90d":0},
{"id":"99.71.01.1001-1","activities_90d":0}
]'
}

@test "--dormant DAYS: aktif KIM without an activity in DAYS days" {
	derived_log
	run -0 kim-list --as-of $ASOF --dormant 90 --fields id,last_activity
	assert_output "id,last_activity
99.01.01.2001-2,2023-01-02
99.01.01.2002-1,"
	run -0 kim-list --as-of $ASOF --dormant 170 --fields id
	assert_output "id
99.01.01.2001-2
99.01.01.2002-1"
	run -0 kim-list --as-of $ASOF --dormant 171 -c
	assert_output 1
	# Maju's last is the as-of day itself: dormant for no DAYS but 0
	run -0 kim-list --as-of $ASOF --dormant 0 -c
	assert_output 3
	run -1 kim-list --as-of $ASOF --dormant 90 -r 99.71
	run -2 kim-list --dormant x
	assert_line --index 0 --partial "kim-list: --dormant: "
}

@test "rules on activities_90d and last_activity, explained" {
	derived_log
	printf '%s\n' '{"criteria": [{"field": "status", "is": ["aktif"]},' \
		'{"field": "activities_90d", "min": 2, "label": "aktif mengunggah berita"},' \
		'{"field": "last_activity", "min": "2023-01-01"}]}' >r.json
	run -0 kim-eligible --as-of $ASOF --rules r.json --explain -f tsv
	assert_output "id	name	eligible	failed
99.01.01.2001-1	KIM Maju	yes	
99.01.01.2001-2	KIM Muda	no	aktif mengunggah berita: 0, needs at least 2
99.01.01.2002-1	KIM Anyar	no	aktif mengunggah berita: 0, needs at least 2 | last_activity: empty, needs 2023-01-01 or later
99.71.01.1001-1	KIM Ujung	no	status: nonaktif, needs one of aktif | aktif mengunggah berita: 0, needs at least 2 | last_activity: empty, needs 2023-01-01 or later"
	run -0 kim-eligible --as-of $ASOF --rules r.json -c
	assert_output 1
}

@test "a bad row of the log stops a reading that needs it: exit 3, nothing printed" {
	derived_log
	actfile activity/99.01.csv '99.01.01.2001-1,2023-02-30,berita,Satu,,'
	run --separate-stderr kim-list -d . --as-of $ASOF --fields id,activities_90d
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-list: activity/99.01.csv:2:2: date: '2023-02-30' is not a real date (expected YYYY-MM-DD)"
	# not asked for: not read
	run -0 kim-list --as-of $ASOF --fields id -c
	assert_output 4
}

# A KIM website's feeds, written here: RSS 2.0 with CDATA, entities and an
# item older than the KIM; Atom with links of several rels.
rss() {
	cat <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>KIM Maju</title>
<atom:link href="https://maju.kim.id/feed" rel="self"/>
<item>
  <title><![CDATA[Panen <b>raya</b> & syukuran]]></title>
  <link>https://maju.kim.id/panen</link>
  <pubDate>Mon, 05 Jun 2023 08:00:00 +0700</pubDate>
</item>
<item>
  <title>Kerja bakti &amp; gotong
     royong &#8211; RT 2</title>
  <link>https://maju.kim.id/kerja-bakti</link>
  <pubDate>Thu, 1 Jun 2023 19:30:00 +0000</pubDate>
</item>
<item>
  <title>Desa sebelum ada KIM</title>
  <link>https://maju.kim.id/lama</link>
  <pubDate>Sat, 02 Jan 2016 10:00:00 +0700</pubDate>
</item>
</channel>
</rss>
XML
}

atom() {
	cat <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>KIM Muda</title>
  <entry>
    <title type="html">Rapat anggota</title>
    <link rel="replies" href="https://muda.kim.id/rapat#comments"/>
    <link rel="alternate" href="https://muda.kim.id/rapat"/>
    <published>2023-06-10T09:00:00+07:00</published>
    <updated>2023-06-12T09:00:00+07:00</updated>
  </entry>
  <entry>
    <title>Pelatihan</title>
    <link href="https://muda.kim.id/pelatihan"/>
    <updated>2023-05-20T10:00:00Z</updated>
  </entry>
</feed>
XML
}

@test "kim-activity --feed: RSS with CDATA and entities, Atom, the known and the early skipped" {
	rss >../rss.xml
	act --no-commit --feed 99.01.01.2001-1 ../rss.xml
	assert_success
	assert_equal "$stderr" "kim-activity: 2 added, 0 logged already, 1 before the KIM was formed (skipped)"
	atom | kim-activity -d . --as-of $ASOF --no-commit --feed 99.01.01.2001-2 - 2>../err
	assert_equal "$(cat ../err)" "kim-activity: 2 added, 0 logged already, 0 before the KIM was formed (skipped)"
	run cat activity/99.01.csv
	assert_output "kim,date,kind,title,url,notes
99.01.01.2001-1,2023-06-01,berita,Kerja bakti & gotong royong – RT 2,https://maju.kim.id/kerja-bakti,
99.01.01.2001-1,2023-06-05,berita,Panen <b>raya</b> & syukuran,https://maju.kim.id/panen,
99.01.01.2001-2,2023-05-20,berita,Pelatihan,https://muda.kim.id/pelatihan,
99.01.01.2001-2,2023-06-10,berita,Rapat anggota,https://muda.kim.id/rapat,"
	# every item known already (one logged by hand on another day, same url)
	act --no-commit --feed 99.01.01.2001-1 ../rss.xml
	assert_success
	assert_equal "$stderr" "kim-activity: 0 added, 2 logged already, 1 before the KIM was formed (skipped)"
	check
	assert_success
}

@test "kim-activity --feed: bad dates, entities, no items, not XML: an error, nothing written" {
	act --no-commit --kim 99.01.01.2001-1 --date 2023-01-01 --kind berita --title X
	local before
	before=$(checksum_data .)
	feed() {
		printf '%s\n' "$@" >../bad.xml
		act --no-commit --feed 99.01.01.2001-1 ../bad.xml
		assert_failure 3
		assert_output ""
	}
	feed '<rss><channel><item><title>A</title><pubDate>kemarin</pubDate></item></channel></rss>'
	assert_equal "$stderr" "kim-activity: ../bad.xml:1:15: 'kemarin' is not a date (expected RFC 822, e.g. Mon, 02 Nov 2026 08:00:00 +0700)
kim-activity: nothing was written: 1 problem"
	feed '<feed><entry><title>A</title><published>2023-02-30T10:00:00Z</published></entry></feed>'
	assert_equal "$stderr" "kim-activity: ../bad.xml:1:7: '2023-02-30T10:00:00Z' is not a date (expected RFC 3339, e.g. 2026-11-02T08:00:00+07:00)
kim-activity: nothing was written: 1 problem"
	feed '<rss><channel><item><title>A</title></item></channel></rss>'
	assert_equal "$stderr" "kim-activity: ../bad.xml:1:15: item: no date (pubDate, published or updated)
kim-activity: nothing was written: 1 problem"
	feed '<rss><channel><item><title>A &nbsp; B</title><pubDate>Mon, 05 Jun 2023 08:00:00 +0700</pubDate></item></channel></rss>'
	assert_equal "$stderr" "kim-activity: ../bad.xml:1:30: not XML: undefined entity
kim-activity: nothing was written: 1 problem"
	feed '<?xml version="1.0"?>' '<!DOCTYPE rss [<!ENTITY a "aaaa">]>' '<rss><channel/></rss>'
	assert_equal "$stderr" "kim-activity: ../bad.xml:2:15: a feed with a DOCTYPE is refused: its entities are not expanded
kim-activity: nothing was written: 1 problem"
	# a web page saved instead of its feed
	feed '<!DOCTYPE html>' '<html><head><title>KIM</title></head><body></body></html>'
	assert_equal "$stderr" "kim-activity: ../bad.xml:1:15: not a feed: an HTML page (<!DOCTYPE html>), not RSS or Atom; save the address of the site's feed, such as .../feed
kim-activity: nothing was written: 1 problem"
	feed '<rss version="2.0"><channel><title>Kosong</title></channel></rss>'
	assert_equal "$stderr" "kim-activity: ../bad.xml: no items: the feed holds nothing to log
kim-activity: nothing was written: 1 problem"
	feed '<html><body>Not Found</body></html>'
	assert_equal "$stderr" "kim-activity: ../bad.xml:1:1: not a feed: the document is <html>, not RSS <rss> or Atom <feed>
kim-activity: nothing was written: 1 problem"
	feed '404 Not Found'
	assert_equal "$stderr" "kim-activity: ../bad.xml:1:1: not XML: syntax error
kim-activity: nothing was written: 1 problem"
	feed '<rss><channel><item><title>A</title><pubDate>Mon, 05 Jun 2023 08:00:00 +0700</pubDate></item>'
	assert_equal "$stderr" "kim-activity: ../bad.xml:2:1: not XML: no element found
kim-activity: nothing was written: 1 problem"
	assert_equal "$(checksum_data .)" "$before"
	# the KIM must be in the register
	rss >../rss.xml
	act --no-commit --feed 99.01.01.2001-9 ../rss.xml
	assert_failure 3
	assert_equal "$(checksum_data .)" "$before"
	run -2 kim-activity -d . --feed 99.01.01.2001-1
	assert_line --index 0 "kim-activity: --feed 99.01.01.2001-1: give the feed's FILE (- for standard input), and no --import"
}

@test "kim-merge merges an activity file: what either side added, not what one removed, ours when both changed one" {
	local base=../base.csv ours=../ours.csv theirs=../theirs.csv
	printf '%s\n' "$AHEADER" \
		'99.01.01.2001-1,2023-05-01,berita,Satu,https://maju.kim.id/1,' \
		'99.01.01.2001-1,2023-05-02,berita,Dua,,' \
		'99.01.01.2001-2,2023-05-03,berita,Tiga,,' >$base
	# ours: removes Dua, adds Empat, changes the notes of Satu
	printf '%s\n' "$AHEADER" \
		'99.01.01.2001-1,2023-05-01,berita,Satu,https://maju.kim.id/1,catatan kami' \
		'99.01.01.2001-2,2023-05-03,berita,Tiga,,' \
		'99.01.01.2001-2,2023-05-04,kegiatan,Empat,,' >$ours
	# theirs: adds Lima (an earlier KIM first), changes the title of Satu
	printf '%s\n' "$AHEADER" \
		'99.01.01.2001-1,2023-05-01,berita,Satu (diperbaiki),https://maju.kim.id/1,' \
		'99.01.01.2001-1,2023-05-02,berita,Dua,,' \
		'99.01.01.2001-1,2023-05-05,lomba,Lima,,' \
		'99.01.01.2001-2,2023-05-03,berita,Tiga,,' >$theirs
	run --separate-stderr kim-merge $base $ours $theirs activity/99.01.csv
	assert_success
	assert_equal "$stderr" "kim-merge: activity/99.01.csv: 1 activity both sides changed: ours kept"
	run cat $ours
	assert_output "kim,date,kind,title,url,notes
99.01.01.2001-1,2023-05-01,berita,Satu,https://maju.kim.id/1,catatan kami
99.01.01.2001-1,2023-05-05,lomba,Lima,,
99.01.01.2001-2,2023-05-03,berita,Tiga,,
99.01.01.2001-2,2023-05-04,kegiatan,Empat,,"
	# a version that is not a file of the log: OURS left as it was, exit 3
	printf 'kim,date\n' >$theirs
	cp $ours ../before.csv
	run --separate-stderr kim-merge $base $ours $theirs activity/99.01.csv
	assert_failure 3
	assert_equal "$stderr" "kim-merge: ../theirs.csv:1:1: the header is not 'kim,date,kind,title,url,notes'
kim-merge: activity/99.01.csv: not merged: OURS is left as it was"
	cmp $ours ../before.csv
}

@test "two offices log activities of one kabupaten in their clones: git pull merges them, kim-check clean" {
	need_git
	git_isolate
	git init -q -b main . && git config user.name 'Kantor A' && git config user.email a@example &&
		kim-register --init >/dev/null && git add -A && git commit -qm register || fail "set-up"
	git clone -q . ../b && cd ../b && git config user.name 'Kantor B' && git config user.email b@example &&
		kim-register --init >/dev/null || fail "clone"
	run -0 kim-activity --as-of $ASOF --kim 99.01.01.2001-2 --date 2023-06-02 --kind berita --title 'Dari B'
	cd "$KIM_DATA"
	run -0 kim-activity --as-of $ASOF --kim 99.01.01.2001-1 --date 2023-06-01 --kind berita --title 'Dari A'
	run -0 kim-activity --as-of $ASOF --kim 99.01.01.2001-2 --date 2023-06-03 --kind lomba --title 'Dari A juga'
	cd ../b
	run -0 git pull -q --no-rebase --no-edit "$KIM_DATA" main
	run cat activity/99.01.csv
	assert_output "kim,date,kind,title,url,notes
99.01.01.2001-1,2023-06-01,berita,Dari A,,
99.01.01.2001-2,2023-06-02,berita,Dari B,,
99.01.01.2001-2,2023-06-03,lomba,Dari A juga,,"
	run -0 kim-check --as-of $ASOF
	assert_output ""
	assert_equal "$(git status --porcelain)" ""
}

@test "kim-coverage --evidence DAYS: a village is covered by an aktif KIM with an activity in DAYS days" {
	printf '%s\n' "$HEADER" "$MAJU" "$MUDA" "$ANYAR" >kim/99.01.csv
	# Muda (99.01.01.2001): 170 days before; Anyar (99.01.01.2002): 20 days
	actfile activity/99.01.csv '99.01.01.2001-2,2023-01-02,pertemuan,Rapat,,' \
		'99.01.01.2002-1,2023-06-01,berita,Berita,,'
	run -0 kim-coverage --as-of $ASOF -r 99.01
	assert_line --index 1 "99.01,Kabupaten Uji Satu,6,2,33.3,3,,,,,"
	run -0 kim-coverage --as-of $ASOF -r 99.01 --evidence 90
	assert_line --index 1 "99.01,Kabupaten Uji Satu,6,1,16.7,1,,,,,"
	run -0 kim-coverage --as-of $ASOF -r 99.01 --evidence 170
	assert_line --index 1 "99.01,Kabupaten Uji Satu,6,1,16.7,1,,,,,"
	run -0 kim-coverage --as-of $ASOF -r 99.01 --evidence 171
	assert_line --index 1 "99.01,Kabupaten Uji Satu,6,2,33.3,2,,,,,"
	run -0 kim-coverage --as-of $ASOF -r 99.01.01 --evidence 90 --missing -c
	assert_output 2
}

@test "kim-coverage --evidence DAYS: the table's caption and the map's say what is counted, in English and Indonesian" {
	printf '%s\n' "$HEADER" "$MAJU" "$MUDA" "$ANYAR" >kim/99.01.csv
	actfile activity/99.01.csv '99.01.01.2001-2,2023-01-02,pertemuan,Rapat,,' \
		'99.01.01.2002-1,2023-06-01,berita,Berita,,'
	run -0 kim-coverage --as-of $ASOF -r 99.01 --evidence 90 -f table
	assert_output 'region  name                villages  covered  percent  kim  target  due  gap  needed  overdue
99.01   Kabupaten Uji Satu         6        1     16.7    1
----------------------------------------------------------------------------------------------
total                              6        1     16.7    1

Only KIM with an activity in the last 90 days are counted (--evidence).'
	run -0 kim-coverage --lang id --as-of $ASOF -r 99.01 --evidence 90 -f table
	assert_line --index 4 'Hanya KIM yang memiliki aktivitas dalam 90 hari terakhir yang dihitung (--evidence).'
	# without --evidence no caption; CSV and JSON stay rows only
	run -0 kim-coverage --as-of $ASOF -r 99.01 -f table
	refute_output --partial 'Only KIM'
	run -0 kim-coverage --as-of $ASOF -r 99.01 --evidence 90
	assert_output 'region,name,villages,covered,percent,kim,target,due,gap,needed,overdue
99.01,Kabupaten Uji Satu,6,1,16.7,1,,,,,
total,,6,1,16.7,1,,,,,'
	# a workbook: a note under the rows
	kim-coverage --as-of $ASOF -r 99.01 --evidence 90 -f xlsx -o ../c.xlsx
	run -0 bash -c "unzip -p ../c.xlsx xl/worksheets/sheet1.xml | grep -o '<row r=\"5\".*</row>'"
	assert_output '<row r="5"><c r="A5" t="inlineStr"><is><t>Only KIM with an activity in the last 90 days are counted (--evidence).</t></is></c></row>'
	# the map's caption
	mkdir boundaries
	cp "$KIM_TOP/tests/fixtures/boundaries-uji.geojson" boundaries/kabupaten.geojson
	run -0 --separate-stderr kim-coverage --as-of $ASOF -r 99 --evidence 90 -f svg
	assert_line '<text x="10" y="488" font-size="14" font-weight="bold">Villages with a KIM (aktif, with an activity in the last 90 days), by kabupaten/kota: Provinsi Uji</text>'
	run -0 --separate-stderr kim-coverage --lang id --as-of $ASOF -r 99 --evidence 90 -f svg
	assert_line '<text x="10" y="488" font-size="14" font-weight="bold">Desa/kelurahan dengan KIM (aktif, dengan aktivitas dalam 90 hari terakhir), per kabupaten/kota: Provinsi Uji</text>'
	run -0 --separate-stderr kim-coverage --as-of $ASOF -r 99 -f svg
	assert_line '<text x="10" y="488" font-size="14" font-weight="bold">Villages with a KIM (aktif), by kabupaten/kota: Provinsi Uji</text>'
}

@test "kim-activity -n checks and writes nothing; --excel lists for spreadsheets; --wait takes seconds" {
	local before
	act -n --kim 99.01.01.2001-1 --date 2023-06-01 --kind berita --title '=1+1'
	assert_success
	[ ! -e activity/99.01.csv ]
	printf '%s\n' 'kim,date,kind,title' '99.01.01.2001-2,2023-01-02,berita,Rapat' >../in.csv
	act -n --import ../in.csv
	assert_success
	assert_equal "$stderr" "kim-activity: 1 added, 0 logged already (dry run: nothing written)"
	[ ! -e activity/99.01.csv ]
	act --no-commit --wait 0 --kim 99.01.01.2001-1 --date 2023-06-01 --kind berita --title '=1+1'
	assert_success
	act --excel
	assert_output "$(printf '\xef\xbb\xbfkim,date,kind,title,url,notes\r\n99.01.01.2001-1,2023-06-01,berita,'"'"'=1+1,,\r')"
	run -2 kim-activity -d . --wait x
	assert_line --index 0 --partial "kim-activity: --wait: "
}

# The folder of the report's tests: five KIM, three of them dormant on
# 2023-06-21 (nothing in the 90 days from 2023-03-24): KIM Sepi never
# active (formed 2021-03-01: 842 days), KIM Lama last on 2022-12-01 (202
# days), KIM Muda on 2023-03-20 (93 days); KIM Ujung is nonaktif, so never
# dormant.  May 2023 (Monday 1st to Wednesday 31st): 4 activities of KIM
# Maju (1st twice, 9th, 31st) and 1 of KIM Ujung (15th), by week 2 1 1 0 1.
report_folder() {
	printf '%s\n' "$HEADER" "$MAJU" "$MUDA" \
		'99.01.02.2001-1,KIM Sepi,99.01.02.2001,2021-03-01,,,,,7,,aktif,,,,2022-01-03,2022-01-03,' >kim/99.01.csv
	printf '%s\n' "$HEADER" "$UJUNG" \
		'99.71.01.1002-1,KIM Lama,99.71.01.1002,2016-01-01,,,,,5,,aktif,,,,2022-01-03,2022-01-03,' >kim/99.71.csv
	actfile activity/99.01.csv \
		'99.01.01.2001-1,2023-05-01,berita,Panen raya,https://maju.kim.id/panen,' \
		'99.01.01.2001-1,2023-05-01,kegiatan,Kerja bakti,,' \
		'99.01.01.2001-1,2023-05-09,berita,Posyandu,,' \
		'99.01.01.2001-1,2023-05-31,lomba,Lomba desa,,' \
		'99.01.01.2001-1,2023-06-20,berita,Rapat,,' \
		'99.01.01.2001-2,2023-03-20,pertemuan,Rapat anggota,,'
	actfile activity/99.71.csv \
		'99.71.01.1001-1,2023-05-15,pelatihan,Pelatihan,,' \
		'99.71.01.1002-1,2022-12-01,berita,Akhir tahun,,'
	kim-check -d . --as-of $ASOF || fail "the report's folder is not clean"
}

# report_section TITLE NEXT ARGS...: kim-report ARGS (exit 0), its lines
# from "## TITLE" up to the one before "## NEXT" left in output and lines
report_section() {
	local t=$1 n=$2
	shift 2
	run -0 kim-report "$@"
	output=$(sed -n "/^## $t\$/,/^## $n\$/p" <<<"$output" | sed '$d')
	mapfile -t lines <<<"$output"
}

@test "kim-report: the Activity section in md, its counts, weeks and the dormant KIM idle the longest first" {
	report_folder
	report_section Activity 'Data problems' --as-of $ASOF --period month
	assert_output "## Activity

5 activities were logged in the period, by 2 KIM.

| from | to | activities | chart |
|:---|:---|---:|:---|
| 2023-05-01 | 2023-05-07 | 2 | \`████████████████████\` |
| 2023-05-08 | 2023-05-14 | 1 | \`██████████░░░░░░░░░░\` |
| 2023-05-15 | 2023-05-21 | 1 | \`██████████░░░░░░░░░░\` |
| 2023-05-22 | 2023-05-28 | 0 | \`░░░░░░░░░░░░░░░░░░░░\` |
| 2023-05-29 | 2023-05-31 | 1 | \`██████████░░░░░░░░░░\` |

### Dormant KIM

3 aktif KIM without an activity in the 90 days up to 2023-06-21, idle the longest first: days since the last activity, or since the KIM was formed when it has none.

| id | name | region | last activity | days |
|:---|:---|:---|---:|---:|
| 99.01.02.2001-1 | KIM Sepi | Pematang Baru | never | 842 |
| 99.71.01.1002-1 | KIM Lama | Pasar Lama | 2022-12-01 | 202 |
| 99.01.01.2001-2 | KIM Muda | Sukamaju I, II | 2023-03-20 | 93 |"
	# one kabupaten, one row a list: the command that lists the others
	report_section Activity 'Data problems' -d . --as-of $ASOF --period month -r 99.01 --limit 1
	assert_line '4 activities were logged in the period, by 1 KIM.'
	assert_line '| 2023-05-15 | 2023-05-21 | 0 | `░░░░░░░░░░░░░░░░░░░░` |'
	assert_line '2 aktif KIM without an activity in the 90 days up to 2023-06-21, idle the longest first: days since the last activity, or since the KIM was formed when it has none.'
	assert_line '| 99.01.02.2001-1 | KIM Sepi | Pematang Baru | never | 842 |'
	refute_line --partial 'KIM Muda'
	assert_line 'And 1 more: `kim-list --as-of 2023-06-21 --dormant 90 --fields id,name,region,last_activity --sort last_activity -r 99.01`'
	run -0 kim-list --as-of $ASOF --dormant 90 --fields id,name,region,last_activity --sort last_activity -r 99.01
	assert_output 'id,name,region,last_activity
99.01.02.2001-1,KIM Sepi,99.01.02.2001,
99.01.01.2001-2,KIM Muda,99.01.01.2001,2023-03-20'
	# --full: the others in the appendix
	run -0 bash -c "kim-report --as-of $ASOF --period month -r 99.01 --limit 1 --full | sed -n '/^## Appendix/,\$p' | sed -n '/^### Dormant KIM/,\$p'"
	assert_output '### Dormant KIM

| id | name | region | last activity | days |
|:---|:---|:---|---:|---:|
| 99.01.01.2001-2 | KIM Muda | Sukamaju I, II | 2023-03-20 | 93 |'
	# the default week, 2023-06-12..18: nothing
	report_section Activity 'Data problems' --as-of $ASOF
	assert_line 'No activity was logged in the period.'
	assert_line '| 2023-06-12 | 2023-06-18 | 0 | `░░░░░░░░░░░░░░░░░░░░` |'
	# six days earlier KIM Muda's 2023-03-20 is in the 90 days
	report_section Activity 'Data problems' --as-of 2023-06-15 -r 99.01.01
	assert_line 'Every aktif KIM has an activity in the 90 days up to 2023-06-15.'
	refute_line --partial '| id |'
}

@test "kim-report: Aktivitas in Indonesian; JSON, HTML and a workbook; no activity/: no section, JSON null" {
	report_folder
	report_section Aktivitas 'Masalah data' --lang id --as-of $ASOF --period month
	assert_line --index 0 '## Aktivitas'
	assert_line '5 aktivitas tercatat dalam periode ini, oleh 2 KIM.'
	assert_line '| dari | sampai | aktivitas | grafik |'
	assert_line '### KIM tanpa aktivitas'
	assert_line '3 KIM aktif tanpa aktivitas dalam 90 hari sampai 21 Juni 2023, yang paling lama menganggur lebih dulu: hari sejak aktivitas terakhir, atau sejak KIM dibentuk bila belum pernah ada aktivitas.'
	assert_line '| id | nama | wilayah | aktivitas terakhir | hari |'
	assert_line '| 99.01.02.2001-1 | KIM Sepi | Pematang Baru | belum pernah | 842 |'
	# JSON: the same in both languages
	run -0 bash -c "kim-report --as-of $ASOF --period month -f json | jq -c .activity"
	assert_output '{"activities":5,"kim":2,"weeks":[{"from":"2023-05-01","to":"2023-05-07","activities":2},{"from":"2023-05-08","to":"2023-05-14","activities":1},{"from":"2023-05-15","to":"2023-05-21","activities":1},{"from":"2023-05-22","to":"2023-05-28","activities":0},{"from":"2023-05-29","to":"2023-05-31","activities":1}],"dormant":{"days":90,"count":3,"records":[{"id":"99.01.02.2001-1","name":"KIM Sepi","region":"99.01.02.2001","region_name":"Pematang Baru","last_activity":null,"days":842},{"id":"99.71.01.1002-1","name":"KIM Lama","region":"99.71.01.1002","region_name":"Pasar Lama","last_activity":"2022-12-01","days":202},{"id":"99.01.01.2001-2","name":"KIM Muda","region":"99.01.01.2001","region_name":"Sukamaju I, II","last_activity":"2023-03-20","days":93}]}}'
	assert_equal "$(kim-report --lang id --as-of $ASOF --period month -f json)" \
		"$(kim-report --as-of $ASOF --period month -f json)"
	# HTML: the weekly chart as an image, then the weeks and the list
	run -0 kim-report --as-of $ASOF --period month -f html
	assert_line '<h2>Activity</h2>'
	assert_line --partial '<div class="figure"><img class="chart" alt="A bar chart of the activities logged in each week of the period" src="data:image/svg+xml;base64,'
	assert_line '<tr><td class="day">2023-05-29</td><td class="day">2023-05-31</td><td class="num">1</td></tr>'
	assert_line '<h3>Dormant KIM</h3>'
	assert_line '<tr><td>99.71.01.1002-1</td><td>KIM Lama</td><td>Pasar Lama</td><td class="num">2022-12-01</td><td class="num">202</td></tr>'
	# a workbook: a sheet each, after Stale records
	kim-report --as-of $ASOF --period month -f xlsx -o ../r.xlsx
	run -0 bash -c "unzip -p ../r.xlsx xl/workbook.xml | grep -o '<sheet name=\"[^\"]*\"' | sed 's/<sheet name=\"//; s/\"\$//'"
	assert_output 'Headline
Coverage against targets
Changes in the period
Stale records
Activity
Dormant KIM
Data problems'
	# a bad row of the log: a problem of the report, the rest counted
	printf '99.71.01.1002-1,2023-05-02,rapat,Salah,,\n' >>activity/99.71.csv
	run -0 --separate-stderr kim-report --as-of $ASOF --period month -f json
	assert_equal "$(jq -c '[.activity.activities, .activity.kim, .problems.list[].message]' <<<"$output")" \
		"[5,2,\"kind: 'rapat' is not a kind of activity (berita, kegiatan, pelatihan, pertemuan, lomba, lainnya)\"]"
	# no activity/ at all: the section is left out, in JSON null
	rm -r activity
	run -0 kim-report --as-of $ASOF --period month
	refute_line --partial 'Activity'
	refute_line --partial 'Dormant'
	run -0 bash -c "kim-report --as-of $ASOF --period month -f json | jq -c .activity"
	assert_output 'null'
}

# actbook NAME ROWS: the workbook $BATS_TEST_TMPDIR/NAME.xlsx (../ of the
# data folder) of one sheet, Data, whose
# sheetData is ROWS; shared strings 0-3 are kim, date, kind, title, and
# cell style 1 is a date format (dd/mm/yyyy)
actbook() {
	local dir=$BATS_TEST_TMPDIR/$1
	mkdir -p "$dir/_rels" "$dir/xl/_rels" "$dir/xl/worksheets"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
		'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>' \
		>"$dir/[Content_Types].xml"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
		'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' \
		>"$dir/_rels/.rels"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
		'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>' \
		>"$dir/xl/workbook.xml"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
		'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' \
		>"$dir/xl/_rels/workbook.xml.rels"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
		'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>' \
		>"$dir/xl/styles.xml"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
		'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>kim</t></si><si><t>date</t></si><si><t>kind</t></si><si><t>title</t></si></sst>' \
		>"$dir/xl/sharedStrings.xml"
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>\n' \
		"$2" >"$dir/xl/worksheets/sheet1.xml"
	(cd "$dir" && rm -f "../$1.xlsx" &&
		zip -q -X -r "../$1.xlsx" '[Content_Types].xml' _rels xl) ||
		fail "cannot zip $dir"
}

# the header row: shared strings, title before kind
ACTHEAD='<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="s"><v>2</v></c></row>'

@test "kim-activity --import BOOK.xlsx: the first sheet, dates as formatted serials or bare ones, a bad cell named by its place" {
	# 45047 is 2023-05-01 (with a date format), 44928 2023-01-02 (without:
	# the date column is read as a day); a kind as typed
	actbook acts "$ACTHEAD"'<row r="2"><c r="A2" t="inlineStr"><is><t>99.01.01.2001-1</t></is></c><c r="B2" s="1"><v>45047</v></c><c r="C2" t="inlineStr"><is><t>Panen raya</t></is></c><c r="D2" t="inlineStr"><is><t> Berita </t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>99.01.01.2001-2</t></is></c><c r="B3"><v>44928</v></c><c r="C3" t="inlineStr"><is><t>Rapat</t></is></c><c r="D3" t="inlineStr"><is><t>pertemuan</t></is></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>99.71.01.1001-1</t></is></c><c r="B4" t="inlineStr"><is><t>2023-02-01</t></is></c><c r="C4" t="inlineStr"><is><t>Lomba</t></is></c><c r="D4" t="inlineStr"><is><t>lomba</t></is></c></row>'
	act --no-commit --import ../acts.xlsx
	assert_success
	assert_equal "$stderr" "kim-activity: 3 added, 0 logged already"
	run cat activity/99.01.csv activity/99.71.csv
	assert_output "kim,date,kind,title,url,notes
99.01.01.2001-1,2023-05-01,berita,Panen raya,,
99.01.01.2001-2,2023-01-02,pertemuan,Rapat,,
kim,date,kind,title,url,notes
99.71.01.1001-1,2023-02-01,lomba,Lomba,,"
	act --no-commit --import ../acts.xlsx
	assert_success
	assert_equal "$stderr" "kim-activity: 0 added, 3 logged already"
	check
	assert_success
	# a bad kind, a day after the as-of day and an unknown KIM: each at
	# its cell, nothing written
	local before
	before=$(checksum_data .)
	actbook bad "$ACTHEAD"'<row r="2"><c r="A2" t="inlineStr"><is><t>99.01.01.2001-1</t></is></c><c r="B2" s="1"><v>45048</v></c><c r="C2" t="inlineStr"><is><t>Rapat</t></is></c><c r="D2" t="inlineStr"><is><t>rapat</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>99.01.01.2001-1</t></is></c><c r="B3" s="1"><v>45099</v></c><c r="C3" t="inlineStr"><is><t>Besok</t></is></c><c r="D3" t="inlineStr"><is><t>berita</t></is></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>99.01.01.2001-9</t></is></c><c r="B4" s="1"><v>45048</v></c><c r="C4" t="inlineStr"><is><t>Siapa</t></is></c><c r="D4" t="inlineStr"><is><t>berita</t></is></c></row>'
	act --no-commit --import ../bad.xlsx
	assert_failure 3
	assert_equal "$stderr" "kim-activity: ../bad.xlsx:Data!D2: kind: 'rapat' is not a kind of activity (berita, kegiatan, pelatihan, pertemuan, lomba, lainnya)
kim-activity: ../bad.xlsx:Data!B3: date: 2023-06-22 is after the as-of date 2023-06-21
kim-activity: nothing was written: 2 problems"
	assert_equal "$(checksum_data .)" "$before"
	# the first two right: the unknown KIM is found once the file is read
	actbook bad "$ACTHEAD"'<row r="4"><c r="A4" t="inlineStr"><is><t>99.01.01.2001-9</t></is></c><c r="B4" s="1"><v>45048</v></c><c r="C4" t="inlineStr"><is><t>Siapa</t></is></c><c r="D4" t="inlineStr"><is><t>berita</t></is></c></row>'
	act --no-commit --import ../bad.xlsx
	assert_failure 3
	assert_equal "$stderr" "kim-activity: ../bad.xlsx:Data!A4: kim: no KIM has the id 99.01.01.2001-9 in the register
kim-activity: nothing was written: 1 problem"
	assert_equal "$(checksum_data .)" "$before"
}
