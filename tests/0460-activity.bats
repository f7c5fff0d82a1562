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
