#!/usr/bin/env bats
# kim-check: validating a whole data folder.
#
# As in recutils' tests, every rule has an `ok` case (a folder that follows
# it is clean: exit 0, no output) and a failing case (exit 1 and exactly the
# problem, as FILE:LINE:COLUMN: message on stdout). setup builds a small clean
# folder with mkdata (tests/fixtures/wilayah.csv); a failing case replaces one
# of its files. kim-check runs from inside the folder with -d ., so files are
# named as in the folder: kim/99.01.csv, targets.csv.

load test_helper

ASOF=2023-06-21
DEMO_ASOF=2026-11-01	# the demo's newest date is 2026-10-21

HEADER=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes

# The clean folder's records.
PROV='99-1,KIM Provinsi Uji,99,2011-01-01,489/1/2011,,,,40,literasi;pendidikan,aktif,https://provuji.kim.id,,2022-06-21,2022-01-03,2022-06-21,'
KAB='99.01-1,KIM Kabupaten Uji Satu,99.01,2012-05-02,,,,,30,literasi;umkm,aktif,,,2022-06-22,2022-01-03,2022-06-22,'
MAJU='99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,Ani,,,12,umkm;pertanian,aktif,,,2023-05-01,2022-01-03,2023-05-01,'
MUDA='99.01.01.2001-2,KIM Maju Muda,99.01.01.2001,2020-01-15,,,,,9,literasi,nonaktif,,,,2022-01-03,2022-01-03,'
UJUNG='99.71.01.1001-1,KIM Ujung,99.71.01.1001,2015-04-01,,,,,0,,bubar,,,,2022-01-03,2022-03-01,"Dibubarkan, anggota pindah"'

# regfile FILE ROW...: write FILE of the data folder as the register would:
# its header, then the ROWs.
regfile() {
	local file=$1
	shift
	printf '%s\n' "$HEADER" "$@" >"$KIM_DATA/$file" || fail "regfile: cannot write $file"
}

# check [OPTION...]: run kim-check on the data folder (the current
# directory) as of $ASOF, stdout and stderr apart.
check() {
	run --separate-stderr kim-check -d . --as-of $ASOF "$@"
}

# assert_clean: the last check found nothing.
assert_clean() {
	assert_success
	assert_output ""
	assert_equal "$stderr" ""
}

# assert_problems: the last check exited 1 with exactly the lines on stdin.
assert_problems() {
	assert_failure 1
	assert_output -
	assert_equal "$stderr" ""
}

# assert_usage_error MESSAGE: exit 2, nothing on stdout, MESSAGE and the
# usage on stderr.
assert_usage_error() {
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "$1
usage: kim-check [-d DIR] [-f FMT] [--excel[=id]] [--as-of DATE]
       kim-check --wilayah NEW.csv [--recode MAP.csv] [-d DIR] [-f FMT] [--excel[=id]]"
}

# assert_same_bytes GOT WANT: the files GOT and WANT hold the same bytes
# (shown with od -c when not).
assert_same_bytes() {
	assert_equal "$(od -An -c <"$1")" "$(od -An -c <"$2")"
}

setup() {
	mkdata
	regfile kim/99.csv "$PROV"
	regfile kim/99.01.csv "$KAB" "$MAJU" "$MUDA"
	regfile kim/99.71.csv "$UJUNG"
	printf 'region,target,due\n99,80,2026-12-31\n99.01,100,2025-12-31\n' >targets.csv
	mkdir rules
	cp "$KIM_TOP/share/kim/demo/rules/contoh-2025.json" rules/contoh.json
}

# --- clean folders -----------------------------------------------------------

@test "a date on the office's today is no problem when the machine's clock is a day behind (kim.conf tz)" {
	local east west
	east=$(TZ=Pacific/Kiritimati date +%F)
	regfile kim/99.01.csv "$KAB" "$MAJU" "$MUDA" \
		"99.01.01.2002-1,KIM Timur,99.01.01.2002,$east,,,,,,,aktif,,,,$east,$east,"
	printf 'tz = Pacific/Kiritimati\n' >kim.conf
	run --separate-stderr env TZ=Etc/GMT+12 kim-check -d .
	assert_clean
	printf 'tz = Etc/GMT+12\n' >kim.conf
	west=$(TZ=Etc/GMT+12 date +%F)
	run --separate-stderr env TZ=Pacific/Kiritimati kim-check -d .
	assert_failure 1
	assert_line --index 0 "kim/99.01.csv:5:4: formed: $east is after the as-of date $west"
}

@test "ok: the test folder is clean" {
	check
	assert_clean
}

@test "ok: a copy of the demo folder is clean" {
	mkdemo
	run --separate-stderr kim-check --as-of $DEMO_ASOF
	assert_clean
}

@test "ok: share/kim/demo itself is clean" {
	run --separate-stderr kim-check -d "$KIM_TOP/share/kim/demo" --as-of $DEMO_ASOF
	assert_clean
}

@test "ok: a folder with only wilayah.csv is clean" {
	mkdata bare
	rmdir kim
	check
	assert_clean
}

@test "ok: a folder with wilayah.csv and an empty kim/ is clean" {
	mkdata bare
	check
	assert_clean
}

@test "ok: a register written by kim-register is clean" {
	mkdata fresh
	run kim-register --as-of $ASOF --name 'KIM "Suara Baru"' --region 99.02.02.2001 --formed 2020-02-02 \
		--members 7 --sectors 'umkm;pariwisata' --notes 'Satu, dua'
	assert_success
	run kim-register --as-of $ASOF --name 'KIM Kota' --region 99.71 --formed 2019-01-01
	assert_success
	check
	assert_clean
}

@test "kim-check does not change the data folder" {
	local before
	regfile kim/99.02.csv "$MAJU"
	before=$(checksum_data "$KIM_DATA")
	check
	assert_failure 1
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

# --- the header --------------------------------------------------------------

@test "fail: a register file whose header is not the register's" {
	printf '%s\n' 'name,id,region,formed' 'KIM Maju,99.01.01.2001-1,99.01.01.2001,2018-06-21' >kim/99.01.csv
	check
	assert_problems <<EOF
kim/99.01.csv:1: the header is not the register's: expected $HEADER
EOF
}

# --- placement ---------------------------------------------------------------

@test "ok: province, kabupaten and kota KIM each in their own file" {
	regfile kim/99.71.csv '99.71-1,KIM Kota Uji,99.71,2010-10-20,,,,,28,,aktif,,,,2022-01-03,2022-01-03,' "$UJUNG"
	check
	assert_clean
}

@test "fail: a village KIM in another kabupaten's file" {
	regfile kim/99.02.csv "$MAJU"
	check
	assert_problems <<'EOF'
kim/99.02.csv:2:3: region: a KIM of 99.01.01.2001 belongs in kim/99.01.csv, not kim/99.02.csv
EOF
}

@test "fail: a province KIM in a kabupaten's file" {
	rm kim/99.csv
	regfile kim/99.01.csv "$PROV" "$KAB" "$MAJU" "$MUDA"
	check
	assert_problems <<'EOF'
kim/99.01.csv:2:3: region: a KIM of 99 belongs in kim/99.csv, not kim/99.01.csv
EOF
}

@test "fail: register files not named by a kabupaten, kota or provinsi code" {
	regfile kim/foo.csv "$MAJU"
	regfile kim/99.01.01.csv "$MAJU"
	regfile kim/99.09.csv "$MAJU"
	check
	assert_problems <<'EOF'
kim/99.01.01.csv: the register's files are named by a kabupaten/kota or provinsi code of wilayah.csv (e.g. kim/51.02.csv)
kim/99.09.csv: the register's files are named by a kabupaten/kota or provinsi code of wilayah.csv (e.g. kim/51.02.csv)
kim/foo.csv: the register's files are named by a kabupaten/kota or provinsi code of wilayah.csv (e.g. kim/51.02.csv)
EOF
}

@test "ok: the file of a kabupaten the list no longer has, holding the header only (a recode moved its KIM)" {
	regfile kim/99.09.csv
	check
	assert_clean
	printf '%s\n' "$HEADER,former_ids" >kim/99.08.csv
	check
	assert_problems <<'EOF'
kim/99.08.csv: the register's files are named by a kabupaten/kota or provinsi code of wilayah.csv (e.g. kim/51.02.csv)
EOF
}

# --- order and uniqueness of ids ---------------------------------------------

@test "ok: ids sorted by the number: -2 before -10" {
	regfile kim/99.01.csv "$KAB" "$MAJU" \
		'99.01.01.2001-2,KIM Dua,99.01.01.2001,2020-01-15,,,,,9,,aktif,,,,2022-01-03,2022-01-03,' \
		'99.01.01.2001-10,KIM Sepuluh,99.01.01.2001,2020-01-15,,,,,9,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_clean
}

@test "fail: ids out of order within a region (-10 before -2)" {
	regfile kim/99.01.csv "$KAB" "$MAJU" \
		'99.01.01.2001-10,KIM Sepuluh,99.01.01.2001,2020-01-15,,,,,9,,aktif,,,,2022-01-03,2022-01-03,' \
		'99.01.01.2001-2,KIM Dua,99.01.01.2001,2020-01-15,,,,,9,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:5:1: id: 99.01.01.2001-2 comes after 99.01.01.2001-10: records are sorted by region, then by the number of the id
EOF
}

@test "fail: regions out of order" {
	regfile kim/99.01.csv "$KAB" \
		'99.01.01.2002-1,KIM Hilir,99.01.01.2002,2020-01-15,,,,,9,,aktif,,,,2022-01-03,2022-01-03,' "$MAJU"
	check
	assert_problems <<'EOF'
kim/99.01.csv:4:1: id: 99.01.01.2001-1 comes after 99.01.01.2002-1: records are sorted by region, then by the number of the id
EOF
}

@test "fail: a repeated id" {
	regfile kim/99.01.csv "$KAB" "$MAJU" \
		'99.01.01.2001-1,KIM Kembar,99.01.01.2001,2020-01-15,,,,,9,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:4:1: id 99.01.01.2001-1 is also on line 3
EOF
}

# --- names -------------------------------------------------------------------

@test "ok: the same name in two regions" {
	regfile kim/99.01.csv "$KAB" "$MAJU" \
		'99.01.01.2002-1,KIM Maju,99.01.01.2002,2020-01-15,,,,,9,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_clean
}

@test "ok: the same name in a region when one of the two is bubar" {
	regfile kim/99.01.csv "$KAB" \
		'99.01.01.2001-1,KIM Maju,99.01.01.2001,2010-01-15,,,,,9,,bubar,,,,2022-01-03,2022-01-03,' \
		'99.01.01.2001-2,KIM Maju,99.01.01.2001,2020-01-15,,,,,9,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_clean
}

@test "fail: a repeated name in a region, case ignored" {
	regfile kim/99.01.csv "$KAB" "$MAJU" \
		'99.01.01.2001-2,kim MAJU,99.01.01.2001,2020-01-15,,,,,9,,nonaktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:4:2: name 'kim MAJU' in region 99.01.01.2001 is also on line 3
EOF
}

@test "fail: a missing name" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:2: name: missing (the field is required)
EOF
}

# --- ids and regions ---------------------------------------------------------

@test "fail: an id of another region" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2002-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:1: id: 99.01.01.2002-1 does not belong to region 99.01.01.2001 (an id is REGION-N)
EOF
}

@test "fail: an id that is not REGION-N" {
	regfile kim/99.01.csv "$KAB" 'KIM-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:1: id: 'KIM-1' is not an id (expected REGION-N, e.g. 99.01.01.2001-1)
EOF
}

@test "fail: an id number with a leading zero" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-01,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:1: id: '99.01.01.2001-01' is not an id (expected REGION-N, e.g. 99.01.01.2001-1)
EOF
}

@test "fail: a region that is not in wilayah.csv" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2009-1,KIM Maju,99.01.01.2009,2018-06-21,,,,,12,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:3: region: 99.01.01.2009 is not in wilayah.csv
EOF
}

@test "fail: a region that is not a region code" {
	regfile kim/99.01.csv "$KAB" '99.01.01.9001-1,KIM Maju,99.01.01.9001,2018-06-21,,,,,12,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:3: region: '99.01.01.9001' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)
EOF
}

# --- dates -------------------------------------------------------------------

@test "ok: formed, registered, updated and verified all on the as-of day" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2023-06-21,,,,,12,,aktif,,,2023-06-21,2023-06-21,2023-06-21,'
	check
	assert_clean
}

@test "fail: registered after updated" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,,2022-02-01,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:16: updated: 2022-01-03 is before the day it was registered, 2022-02-01
EOF
}

@test "fail: formed after registered" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2022-03-01,,,,,12,,aktif,,,,2022-02-01,2022-02-01,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:4: formed: 2022-03-01 is after the day it was registered, 2022-02-01
EOF
}

@test "fail: a date after --as-of" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,2023-07-01,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:14: verified: 2023-07-01 is after the as-of date 2023-06-21
EOF
}

@test "--as-of sets the last allowed day" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,2023-07-01,2022-01-03,2022-01-03,'
	run --separate-stderr kim-check -d . --as-of 2023-07-01
	assert_clean
}

@test "--as-of on the demo folder: a day before its newest change" {
	run --separate-stderr kim-check -d "$KIM_TOP/share/kim/demo" --as-of 2026-10-20
	assert_problems <<EOF
$KIM_TOP/share/kim/demo/kim/99.02.csv:13:14: verified: 2026-10-21 is after the as-of date 2026-10-20
$KIM_TOP/share/kim/demo/kim/99.02.csv:13:16: updated: 2026-10-21 is after the as-of date 2026-10-20
EOF
}

@test "fail: a day that does not exist" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,2023-02-29,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:14: verified: '2023-02-29' is not a real date (expected YYYY-MM-DD)
EOF
}

# --- members, sectors, status, website ---------------------------------------

@test "ok: 0 members" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,0,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_clean
}

@test "fail: bad members, all three records reported" {
	regfile kim/99.01.csv "$KAB" \
		'99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,-3,,aktif,,,,2022-01-03,2022-01-03,' \
		'99.01.01.2001-2,KIM Dua,99.01.01.2001,2018-06-21,,,,,12a,,aktif,,,,2022-01-03,2022-01-03,' \
		'99.01.01.2001-3,KIM Tiga,99.01.01.2001,2018-06-21,,,,,1234567890,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:9: members: '-3' is not a whole number >= 0
kim/99.01.csv:4:9: members: '12a' is not a whole number >= 0
kim/99.01.csv:5:9: members: '1234567890' is not a whole number >= 0
EOF
}

@test "fail: sectors with an upper-case tag, an empty tag and a repeated tag" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,UMKM;umkm;;umkm,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:10: sectors: 'UMKM' is not a lower-case tag (letters a-z, digits and '-', e.g. umkm)
kim/99.01.csv:3:10: sectors: empty tag in 'UMKM;umkm;;umkm' (tags are separated by single ';')
kim/99.01.csv:3:10: sectors: tag 'umkm' is given twice
EOF
}

@test "ok: the statuses aktif, nonaktif and bubar" {
	regfile kim/99.01.csv "$KAB" \
		'99.01.01.2001-1,KIM Satu,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,,2022-01-03,2022-01-03,' \
		'99.01.01.2001-2,KIM Dua,99.01.01.2001,2018-06-21,,,,,12,,nonaktif,,,,2022-01-03,2022-01-03,' \
		'99.01.01.2001-3,KIM Tiga,99.01.01.2001,2018-06-21,,,,,12,,bubar,,,,2022-01-03,2022-01-03,'
	check
	assert_clean
}

@test "fail: a status that is not aktif, nonaktif or bubar" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktiv,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:11: status: 'aktiv' is not one of aktif, nonaktif, bubar
EOF
}

@test "fail: a register record without a status" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:11: status: missing (the register assigns it)
EOF
}

@test "fail: a website with a blank" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,https://maju kim.id,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:12: website: 'https://maju kim.id' contains a blank (expected an address such as https://maju.kim.id)
EOF
}

@test "fail: a line break outside notes, and the next record's line is still right" {
	regfile kim/99.01.csv "$KAB" $'99.01.01.2001-1,"KIM\nMaju",99.01.01.2001,2018-06-21,,,,,12,,aktif,,,,2022-01-03,2022-01-03,' \
		'99.01.01.2001-2,KIM Dua,99.01.01.2001,2018-06-21,,,,,x,,aktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:2: name: contains a control character (a line break is allowed only in notes)
kim/99.01.csv:5:9: members: 'x' is not a whole number >= 0
EOF
}

@test "fail: a row with fewer fields than the header" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,,2022-01-03,2022-01-03'
	check
	assert_problems <<'EOF'
kim/99.01.csv:3:16: 16 fields, the header has 17
EOF
}

# --- canonical form ----------------------------------------------------------

@test "fail: an unneeded quote, with the line named" {
	regfile kim/99.01.csv "$KAB" "$MAJU" '99.01.01.2001-2,"KIM Maju Muda",99.01.01.2001,2020-01-15,,,,,9,literasi,nonaktif,,,,2022-01-03,2022-01-03,'
	check
	assert_problems <<'EOF'
kim/99.01.csv:4: not written the way the register writes (quoting, blanks, line ends or a BOM differ)
EOF
}

@test "fail: CRLF line ends" {
	printf '%s\r\n' "$HEADER" "$KAB" "$MAJU" "$MUDA" >kim/99.01.csv
	check
	assert_problems <<'EOF'
kim/99.01.csv:1: not written the way the register writes (quoting, blanks, line ends or a BOM differ)
EOF
}

@test "fail: a byte order mark" {
	printf '\xef\xbb\xbf%s\n' "$HEADER" >kim/99.01.csv
	printf '%s\n' "$KAB" "$MAJU" "$MUDA" >>kim/99.01.csv
	check
	assert_problems <<'EOF'
kim/99.01.csv:1: not written the way the register writes (quoting, blanks, line ends or a BOM differ)
EOF
}

@test "fail: no newline at the end of the last line" {
	printf '%s\n%s\n%s\n%s' "$HEADER" "$KAB" "$MAJU" "$MUDA" >kim/99.01.csv
	check
	assert_problems <<'EOF'
kim/99.01.csv:4: not written the way the register writes (quoting, blanks, line ends or a BOM differ): the last line has no newline
EOF
}

@test "fail: a blank line" {
	printf '%s\n%s\n\n%s\n%s\n' "$HEADER" "$KAB" "$MAJU" "$MUDA" >kim/99.01.csv
	check
	assert_problems <<'EOF'
kim/99.01.csv:3: not written the way the register writes (quoting, blanks, line ends or a BOM differ)
EOF
}

# --- every problem -----------------------------------------------------------

@test "every problem in every file is printed, in file order" {
	regfile kim/99.csv "$PROV" '99-2,KIM Provinsi Dua,99,2011-01-01,,,,,x,,aktif,,,,2022-01-03,2022-01-03,'
	regfile kim/99.71.csv "$UJUNG" "$MAJU"
	printf 'region,target,due\n99.71,101,2026-12-31\n' >targets.csv
	printf 'kim/.kimtmp-99.01.csv-AbCdEf\tkim/99.01.csv\n' >kim/.txn
	check
	assert_problems <<'EOF'
kim/99.csv:3:9: members: 'x' is not a whole number >= 0
kim/99.71.csv:3:3: region: a KIM of 99.01.01.2001 belongs in kim/99.01.csv, not kim/99.71.csv
kim/99.71.csv:3:1: id: 99.01.01.2001-1 comes after 99.71.01.1001-1: records are sorted by region, then by the number of the id
targets.csv:2:2: target: '101' is not a percent from 0 to 100 (a whole number or one decimal, e.g. 100 or 92.5)
kim/.txn: a write was interrupted; the next kim-register completes it
EOF
}

# --- wilayah.csv -------------------------------------------------------------

@test "fail: wilayah.csv with a bad code" {
	echo '99.01.01.20x1,Salah,desa' >>wilayah.csv
	check
	assert_problems <<'EOF'
wilayah.csv:34:1: '99.01.01.20x1' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)
EOF
}

@test "fail: wilayah.csv with a code listed twice" {
	echo '99.01.01.2001,Sukamaju Lagi,desa' >>wilayah.csv
	check
	assert_problems <<'EOF'
wilayah.csv:34:1: region 99.01.01.2001 is listed twice
EOF
}

@test "fail: wilayah.csv with a village whose parents are missing" {
	echo '99.05.01.2001,Yatim,desa' >>wilayah.csv
	check
	assert_problems <<'EOF'
wilayah.csv:34:1: region 99.05.01.2001 has no parent region in the list
EOF
}

@test "fail: wilayah.csv with a region without a name" {
	echo '99.01.01.2004,,desa' >>wilayah.csv
	check
	assert_problems <<'EOF'
wilayah.csv:34:2: region 99.01.01.2004 has no name
EOF
}

@test "fail: names with a control character in wilayah.csv, after the list's other problems, row by row, the region left out or kept" {
	printf '99.01.01.20x1,Sal\033ah,desa\n99.01.01.2001,Suka\007maju,desa\n' >>wilayah.csv
	check
	assert_problems <<'EOF'
wilayah.csv:34:1: '99.01.01.20x1' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)
wilayah.csv:35:1: region 99.01.01.2001 is listed twice
wilayah.csv:34:2: the name 'Sal\x1bah' contains a control character at byte 4 (names are text)
wilayah.csv:35:2: the name 'Suka\x07maju' contains a control character at byte 5 (names are text)
EOF
}

# --- targets.csv -------------------------------------------------------------

@test "ok: targets.csv with its columns in another order" {
	printf 'due,region,target\n2025-12-31,99.01,100\n2026-12-31,99.71,0\n' >targets.csv
	check
	assert_clean
}

@test "fail: a target for an unknown region" {
	printf 'region,target,due\n99.09,80,2026-12-31\n' >targets.csv
	check
	assert_problems <<'EOF'
targets.csv:2:1: region: '99.09' is not a region of wilayah.csv
EOF
}

@test "fail: a target of 120 percent" {
	printf 'region,target,due\n99.01,120,2025-12-31\n' >targets.csv
	check
	assert_problems <<'EOF'
targets.csv:2:2: target: '120' is not a percent from 0 to 100 (a whole number or one decimal, e.g. 100 or 92.5)
EOF
}

@test "ok: a target with one decimal" {
	printf 'region,target,due\n99.01,92.5,2025-12-31\n' >targets.csv
	check
	assert_clean
}

@test "fail: a target with two decimals" {
	printf 'region,target,due\n99.01,12.55,2025-12-31\n' >targets.csv
	check
	assert_problems <<'EOF'
targets.csv:2:2: target: '12.55' is not a percent from 0 to 100 (a whole number or one decimal, e.g. 100 or 92.5)
EOF
}

@test "fail: a due date that does not exist" {
	printf 'region,target,due\n99.01,100,2025-13-01\n' >targets.csv
	check
	assert_problems <<'EOF'
targets.csv:2:3: due: '2025-13-01' is not a real date (expected YYYY-MM-DD)
EOF
}

@test "fail: a region with two targets" {
	printf 'region,target,due\n99.01,100,2025-12-31\n99.71,75,2027-06-30\n99.01,90,2026-12-31\n' >targets.csv
	check
	assert_problems <<'EOF'
targets.csv:4:1: a target for 99.01 is also on line 2
EOF
}

@test "fail: targets.csv with an unknown column" {
	printf 'region,target,due,note\n99.01,100,2025-12-31,x\n' >targets.csv
	check
	assert_problems <<'EOF'
targets.csv:1:4: unknown column 'note' (the columns are region, target, due)
EOF
}

@test "fail: targets.csv without the due column" {
	printf 'region,target\n99.01,100\n' >targets.csv
	check
	assert_problems <<'EOF'
targets.csv:1: the header has no column 'due'
EOF
}

# --- rules/*.json ------------------------------------------------------------

@test "fail: a rule set with a JSON syntax error, at its line and column" {
	cat >rules/koma.json <<'EOF'
{
  "name": "Seleksi",
  "criteria": [
    {"field": "status", "is": ["aktif"]},
  ]
}
EOF
	check
	assert_problems <<'EOF'
rules/koma.json:5:3: not JSON: unexpected token near ']'
EOF
}

@test "fail: a rule set without criteria" {
	printf '{"name": "Seleksi"}\n' >rules/kosong.json
	check
	assert_problems <<'EOF'
rules/kosong.json:1:1: no "criteria" (an array of criteria, all of which a KIM must meet)
EOF
}

@test "fail: a criterion with an unknown field, at its line and column" {
	cat >rules/typo.json <<'EOF'
{
  "name": "Seleksi",
  "criteria": [
    {"field": "age", "min": 5},
    {"field": "statsu", "is": ["aktif"]}
  ]
}
EOF
	check
	assert_problems <<'EOF'
rules/typo.json:5:15: criteria[1]: unknown field "statsu" (the fields are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids, age, kabupaten, kecamatan, stale_months, last_activity, activities_90d)
EOF
}

@test "fail: a criterion with an unknown test" {
	printf '{"name": "Seleksi", "criteria": [{"field": "status", "equals": ["aktif"]}]}\n' >rules/typo.json
	check
	assert_problems <<'EOF'
rules/typo.json:1:54: criteria[0]: unknown test "equals" (a criterion has a "field", one test of is, min, max, all, any, none, prefix, present, and may have a "label")
EOF
}

@test "fail: a criterion with two tests" {
	printf '{"name": "Seleksi", "criteria": [{"field": "age", "min": 5, "max": 9}]}\n' >rules/dua.json
	check
	assert_problems <<'EOF'
rules/dua.json:1:61: criteria[0]: more than one test ("min" and "max"): give each test its own criterion
EOF
}

@test "fail: a rule set with an unknown key" {
	printf '{"name": "Seleksi", "kriteria": 1, "criteria": [{"field": "status", "is": ["aktif"]}]}\n' >rules/kunci.json
	check
	assert_failure 1
	assert_output --regexp '^rules/kunci\.json:1:[0-9]+: unknown key "kriteria" \(the keys are name, comment, as_of, criteria\)$'
}

@test "fail: a prefix test with a region not in wilayah.csv" {
	printf '{"name": "Seleksi", "criteria": [{"field": "region", "prefix": ["99.09"]}]}\n' >rules/prefix.json
	check
	assert_problems <<'EOF'
rules/prefix.json:1:64: criteria[0]: prefix: "99.09" is not in wilayah.csv
EOF
}

# --- kim/.txn ----------------------------------------------------------------

@test "fail: a journal left by an interrupted write" {
	printf 'kim/.kimtmp-99.01.csv-AbCdEf\tkim/99.01.csv\n' >kim/.txn
	check
	assert_problems <<'EOF'
kim/.txn: a write was interrupted; the next kim-register completes it
EOF
}

# --- output formats ----------------------------------------------------------

# two problems, one without a line
two_problems() {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,-3,,aktif,,,,2022-01-03,2022-01-03,'
	regfile kim/foo.csv
}

@test "-f csv prints the problems as rows of file,line,column,message" {
	two_problems
	check -f csv
	assert_problems <<'EOF'
file,line,column,message
kim/99.01.csv,3,9,members: '-3' is not a whole number >= 0
kim/foo.csv,,,the register's files are named by a kabupaten/kota or provinsi code of wilayah.csv (e.g. kim/51.02.csv)
EOF
}

@test "-f jsonl prints one object per problem, null where there is no line" {
	two_problems
	check -f jsonl
	assert_problems <<'EOF'
{"file":"kim/99.01.csv","line":3,"column":9,"message":"members: '-3' is not a whole number >= 0"}
{"file":"kim/foo.csv","line":null,"column":null,"message":"the register's files are named by a kabupaten/kota or provinsi code of wilayah.csv (e.g. kim/51.02.csv)"}
EOF
}

@test "-f json prints an array of problems" {
	two_problems
	check -f json
	assert_problems <<'EOF'
[
{"file":"kim/99.01.csv","line":3,"column":9,"message":"members: '-3' is not a whole number >= 0"},
{"file":"kim/foo.csv","line":null,"column":null,"message":"the register's files are named by a kabupaten/kota or provinsi code of wilayah.csv (e.g. kim/51.02.csv)"}
]
EOF
}

@test "-f json on a clean folder prints [] and exits 0" {
	check -f json
	assert_success
	assert_output "[]"
}

@test "-f table prints the problems aligned" {
	two_problems
	check -f table
	assert_problems <<'EOF'
file           line  column  message
kim/99.01.csv     3       9  members: '-3' is not a whole number >= 0
kim/foo.csv                  the register's files are named by a kabupaten/kota or provinsi code of wilayah.csv (e.g. kim/51.02.csv)
EOF
}

@test "--excel prints the problems as CSV for spreadsheets: BOM and CRLF" {
	regfile kim/99.01.csv "$KAB" '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,-3,,aktif,,,,2022-01-03,2022-01-03,'
	run bash -c 'kim-check -d . --as-of "$1" --excel >out.csv' _ $ASOF
	assert_failure 1
	printf '%s\r\n' $'\xef\xbb\xbffile,line,column,message' \
		"kim/99.01.csv,3,9,members: '-3' is not a whole number >= 0" >want.csv
	assert_same_bytes out.csv want.csv
}

# --- the data folder ---------------------------------------------------------

@test "-d DIR: the files are named under DIR" {
	local dir=$KIM_DATA
	regfile kim/99.02.csv "$MAJU"
	unset KIM_DATA
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr kim-check -d "$dir" --as-of $ASOF
	assert_problems <<EOF
$dir/kim/99.02.csv:2:3: region: a KIM of 99.01.01.2001 belongs in kim/99.01.csv, not kim/99.02.csv
EOF
}

@test "\$KIM_DATA chooses the data folder when -d is not given" {
	regfile kim/99.02.csv "$MAJU"
	cd "$BATS_TEST_TMPDIR"
	run --separate-stderr kim-check --as-of $ASOF
	assert_problems <<EOF
$KIM_DATA/kim/99.02.csv:2:3: region: a KIM of 99.01.01.2001 belongs in kim/99.01.csv, not kim/99.02.csv
EOF
}

@test "--data wins over \$KIM_DATA" {
	local dir=$KIM_DATA
	cd "$BATS_TEST_TMPDIR"
	KIM_DATA=$BATS_TEST_TMPDIR/nosuch run --separate-stderr kim-check --data "$dir" --as-of $ASOF
	assert_clean
}

@test "a missing wilayah.csv is exit 4, an error on standard error and nothing on standard output" {
	rm wilayah.csv
	check
	assert_failure 4
	assert_output ""
	assert_equal "$stderr" "kim-check: wilayah.csv: cannot open: No such file or directory"
}

# --- --wilayah NEW.csv: a new region list (issue 20) ------------------------
#
# tests/fixtures/wilayah-amended.csv is tests/fixtures/wilayah.csv as a
# decree could amend it: Sungai Rambai moved from kecamatan 99.01.02 to
# 99.01.01 (2002 -> 2004); kecamatan Sukamaju split, Karang Anyar going to
# the new 99.01.03 as 2001; Kabupaten Uji Dua moved to a new province 97 as
# 97.01, every code inside it with it (as Merauke 94.01 -> 93.01 in 2022);
# Pematang Baru gone without a successor; Tanjung Harapan 99.71.02.1002
# replaced by two kelurahan of its name, in two kecamatan.

AMENDED=$BATS_TEST_DIRNAME/fixtures/wilayah-amended.csv

# rec ID NAME REGION: a register row of an aktif KIM formed 2019-01-01
rec() {
	printf '%s,%s,%s,2019-01-01,,,,,,,aktif,,,,2022-01-03,2022-01-03,\n' "$1" "$2" "$3"
}

# the register of the amendment's tests
amended_register() {
	regfile kim/99.01.csv "$KAB" "$MAJU" "$MUDA" \
		"$(rec 99.01.01.2003-1 'KIM Karang' 99.01.01.2003)" \
		"$(rec 99.01.02.2001-1 'KIM Pematang' 99.01.02.2001)" \
		"$(rec 99.01.02.2002-1 'KIM Rambai' 99.01.02.2002)"
	regfile kim/99.02.csv "$(rec 99.02-1 'KIM Uji Dua' 99.02)" \
		"$(rec 99.02.01.2002-1 "KIM Nua'uli" 99.02.01.2002)" \
		"$(rec 99.02.01.2002-2 'KIM Nua Muda' 99.02.01.2002)"
	regfile kim/99.71.csv "$UJUNG" "$(rec 99.71.02.1002-1 'KIM Harapan' 99.71.02.1002)"
}

AMENDED_REPORT='old,new,level,name,candidates,kim
99.01.01.2003,99.01.03.2001,desa,Karang Anyar,99.01.03.2001 Karang Anyar,99.01.01.2003-1
99.01.02.2001,,desa,Pematang Baru,,99.01.02.2001-1
99.01.02.2002,99.01.01.2004,desa,Sungai Rambai,99.01.01.2004 Sungai Rambai,99.01.02.2002-1
99.02,97.01,kabupaten,Kabupaten Uji Dua,97.01 Kabupaten Uji Dua,99.02-1
99.02.01.2002,97.01.01.2002,desa,Nua'"'"'uli,97.01.01.2002 Nua'"'"'uli,99.02.01.2002-1;99.02.01.2002-2
99.71.02.1002,,kelurahan,Tanjung Harapan,99.71.01.1004 Tanjung Harapan;99.71.02.1003 Tanjung Harapan,99.71.02.1002-1'

@test "--wilayah: every region gone from the new list, its records, its likely new code; exit 1; the folder unchanged" {
	local before
	amended_register
	before=$(checksum_data "$KIM_DATA")
	check --wilayah "$AMENDED"
	assert_failure 1
	assert_output "$AMENDED_REPORT"
	assert_equal "$stderr" ""
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "--wilayah: as JSON, the candidates and the ids as arrays" {
	amended_register
	check --wilayah "$AMENDED" -f jsonl
	assert_failure 1
	assert_line --index 0 '{"old":"99.01.01.2003","new":"99.01.03.2001","level":"desa","name":"Karang Anyar","candidates":["99.01.03.2001 Karang Anyar"],"kim":["99.01.01.2003-1"]}'
	assert_line --index 1 '{"old":"99.01.02.2001","new":null,"level":"desa","name":"Pematang Baru","candidates":null,"kim":["99.01.02.2001-1"]}'
}

@test "ok: --wilayah with the folder's own list: nothing gone, the header only, exit 0" {
	check --wilayah wilayah.csv
	assert_success
	assert_output "old,new,level,name,candidates,kim"
	assert_equal "$stderr" ""
}

@test "--wilayah: a record of a region neither list has is listed without a name" {
	regfile kim/99.01.csv "$KAB" "$MAJU" "$MUDA" "$(rec 99.01.01.2009-1 'KIM Hilang' 99.01.01.2009)"
	check --wilayah "$AMENDED"
	assert_failure 1
	assert_output 'old,new,level,name,candidates,kim
99.01.01.2009,,desa,,,99.01.01.2009-1'
}

@test "--wilayah: a bad new list is refused with its place, exit 3, nothing listed" {
	amended_register
	cp "$AMENDED" baru.csv
	echo '97.01.01.20x1,Salah,desa' >>baru.csv
	echo '97.01.01.2001,Lagi,desa' >>baru.csv
	echo '96.01,Yatim,kabupaten' >>baru.csv
	check --wilayah baru.csv
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-check: baru.csv:36:1: '97.01.01.20x1' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)
kim-check: baru.csv:37:1: region 97.01.01.2001 is listed twice
kim-check: baru.csv:38:1: region 96.01 has no parent region in the list"
}

@test "--wilayah: a new list that cannot be read is exit 4" {
	check --wilayah nosuch.csv
	assert_failure 4
	assert_output ""
	assert_equal "$stderr" "kim-check: nosuch.csv: cannot open: No such file or directory"
}

@test "--wilayah: a bad wilayah.csv of the folder is refused too, exit 3" {
	echo '99.01.01.2004,,desa' >>wilayah.csv
	check --wilayah "$AMENDED"
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-check: wilayah.csv:34:2: region 99.01.01.2004 has no name"
}

@test "--wilayah: a register file that is not the register's is exit 3, nothing listed" {
	amended_register
	printf '%s\n' 'name,id,region,formed' >kim/99.02.csv
	check --wilayah "$AMENDED"
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-check: kim/99.02.csv:1: the header is not the register's: expected $HEADER"
}

@test "--wilayah: on the national list, a kabupaten moved to a new province (as Merauke in 2022)" {
	mkdata_national national
	rm wilayah.csv
	# the list before: Kabupaten Merauke (93.01 in 2025) under another code
	sed 's/^93\.01/94.69/' "$WILAYAH" >wilayah.csv
	regfile kim/94.69.csv "$(rec 94.69-1 'KIM Kabupaten Merauke' 94.69)" \
		"$(rec 94.69.01.1006-1 'KIM Kelapa Lima' 94.69.01.1006)"
	check --wilayah "$WILAYAH"
	assert_failure 1
	assert_output 'old,new,level,name,candidates,kim
94.69,93.01,kabupaten,Kabupaten Merauke,93.01 Kabupaten Merauke,94.69-1
94.69.01.1006,93.01.01.1006,kelurahan,Kelapa Lima,53.71.03.1001 Kelapa Lima;72.11.06.2005 Kelapa Lima;75.04.12.2007 Kelapa Lima;93.01.01.1006 Kelapa Lima,94.69.01.1006-1'
	assert_equal "$stderr" ""
}

# --- --recode MAP.csv: a region mapping (issue 20 item 2) -------------------

@test "--recode: the report of --wilayah, filled in, is a mapping; what it does not move is listed still" {
	local before
	amended_register
	check --wilayah "$AMENDED"
	assert_failure 1
	# the mapping is kept beside the folder, not in it
	printf '%s\n' "$output" >../map.csv
	# not yet filled in: refused, each empty new with its place
	before=$(checksum_data "$KIM_DATA")
	check --wilayah "$AMENDED" --recode ../map.csv
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-check: ../map.csv:3:2: new: empty: give the new code of 99.01.02.2001, or leave the line out
kim-check: ../map.csv:7:2: new: empty: give the new code of 99.71.02.1002, or leave the line out"
	# a person picks a candidate for one, and leaves the village gone out
	sed -i -e 's/^99\.71\.02\.1002,,/99.71.02.1002,99.71.02.1003,/' -e '/^99\.01\.02\.2001,/d' ../map.csv
	check --wilayah "$AMENDED" --recode ../map.csv
	assert_failure 1
	assert_output 'old,new,level,name,candidates,kim
99.01.02.2001,,desa,Pematang Baru,,99.01.02.2001-1'
	assert_equal "$stderr" ""
	# and maps it onto the kelurahan it was merged into: nothing left
	echo '99.01.02.2001,99.01.02.1001,,,,' >>../map.csv
	check --wilayah "$AMENDED" --recode ../map.csv
	assert_success
	assert_output 'old,new,level,name,candidates,kim'
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "--recode: a kabupaten's line moves everything inside it, the villages' own parts kept" {
	amended_register
	printf 'old,new\n99.02,97.01\n' >map.csv
	check --wilayah "$AMENDED" --recode map.csv
	assert_failure 1
	assert_output 'old,new,level,name,candidates,kim
99.01.01.2003,99.01.03.2001,desa,Karang Anyar,99.01.03.2001 Karang Anyar,99.01.01.2003-1
99.01.02.2001,,desa,Pematang Baru,,99.01.02.2001-1
99.01.02.2002,99.01.01.2004,desa,Sungai Rambai,99.01.01.2004 Sungai Rambai,99.01.02.2002-1
99.71.02.1002,,kelurahan,Tanjung Harapan,99.71.01.1004 Tanjung Harapan;99.71.02.1003 Tanjung Harapan,99.71.02.1002-1'
}

@test "--recode: a village's own line wins over its kecamatan's" {
	amended_register
	# Sukamaju's villages to the new kecamatan would make Karang Anyar
	# 99.01.03.2003, which the new list does not have: still gone
	printf 'old,new\n99.01.01,99.01.03\n' >map.csv
	check --wilayah "$AMENDED" --recode map.csv
	assert_failure 1
	assert_line --index 1 --partial '99.01.01.2003,99.01.03.2001,desa,Karang Anyar,'
	# the village's own line says where it went
	printf 'old,new\n99.01.01,99.01.03\n99.01.01.2003,99.01.03.2001\n' >map.csv
	check --wilayah "$AMENDED" --recode map.csv
	assert_failure 1
	refute_output --partial '99.01.01.2003,'
}

@test "--recode: a column old or new missing, or given twice; other columns ignored" {
	amended_register
	printf 'old,baru\n99.02,97.01\n' >map.csv
	check --wilayah "$AMENDED" --recode map.csv
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-check: map.csv:1: the header has no column 'new' (a mapping has the columns old and new)"
	printf 'old,new,new\n99.02,97.01,97.01\n' >map.csv
	check --wilayah "$AMENDED" --recode map.csv
	assert_failure 3
	assert_equal "$stderr" "kim-check: map.csv:1:3: repeated column 'new'"
	printf 'catatan,new,old\nsatu,97.01,99.02\n' >map.csv
	check --wilayah "$AMENDED" --recode map.csv
	assert_failure 1
	refute_output --partial '99.02,'
	: >map.csv
	check --wilayah "$AMENDED" --recode map.csv
	assert_failure 3
	assert_equal "$stderr" "kim-check: map.csv: empty file (expected a header old,new)"
}

@test "--recode: every bad line refused with its place, exit 3, nothing listed, the folder unchanged" {
	local before
	amended_register
	cp "$AMENDED" baru.csv
	printf '%s\n' old,new \
		99.01.01.20x3,99.01.03.2001 \
		99.01.01.2003,99.01.03.2009 \
		99.01.01.2009,99.01.03.2001 \
		99.02,97.01.01 \
		99.01.02.2002,99.01.01.2004 \
		99.01.02.2002,99.01.01.2004 \
		99.71.02.1002, >map.csv
	before=$(checksum_data "$KIM_DATA")
	check --wilayah baru.csv --recode map.csv
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-check: map.csv:2:1: old: '99.01.01.20x3' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)
kim-check: map.csv:3:2: new: 99.01.03.2009 is not in baru.csv
kim-check: map.csv:4:1: old: 99.01.01.2009 is not in wilayah.csv
kim-check: map.csv:5:2: new: 97.01.01 is a kecamatan, 99.02 a kabupaten: a line maps a region onto one of its depth
kim-check: map.csv:7:1: old: 99.01.02.2002 is also on line 6
kim-check: map.csv:8:2: new: empty: give the new code of 99.71.02.1002, or leave the line out"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "--recode: a mapping that cannot be read is exit 4; without --wilayah a usage error" {
	check --wilayah "$AMENDED" --recode nosuch.csv
	assert_failure 4
	assert_output ""
	assert_equal "$stderr" "kim-check: nosuch.csv: cannot open: No such file or directory"
	check --recode map.csv
	assert_usage_error "kim-check: --recode: give the new list with --wilayah NEW.csv too"
}

# --- usage, help, version ----------------------------------------------------

@test "an operand is a usage error" {
	check kim/99.01.csv
	assert_usage_error "kim-check: unexpected operand 'kim/99.01.csv'"
}

@test "an unknown option is a usage error" {
	check --bogus
	assert_usage_error "kim-check: unrecognized option '--bogus'"
}

@test "an unknown format is a usage error" {
	check -f xml
	assert_usage_error "kim-check: -f: 'xml' is not a format (csv, tsv, json, jsonl or table)"
}

@test "an --as-of that is not a day is a usage error" {
	run --separate-stderr kim-check -d . --as-of 2023-02-29
	assert_usage_error "kim-check: --as-of: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
}

@test "--help prints the usage and the options, exit 0" {
	run --separate-stderr kim-check --help
	assert_success
	assert_output - <<'EOF'
usage: kim-check [-d DIR] [-f FMT] [--excel[=id]] [--as-of DATE]
       kim-check --wilayah NEW.csv [--recode MAP.csv] [-d DIR] [-f FMT] [--excel[=id]]

  -d, --data DIR          the data folder (else $KIM_DATA, else .)
  -f, --format FMT        print the problems as csv, tsv, json, jsonl
                          or table rows (default: FILE:LINE:COLUMN: text)
      --excel[=id]        CSV for spreadsheets (=id: ';', decimal comma)
      --as-of DATE        no date may be later (default today)
      --wilayah NEW.csv   list instead the records whose region NEW.csv,
                          a new region list, does not have
      --recode MAP.csv    with --wilayah: only those that the region
                          mapping MAP.csv does not move into NEW.csv
      --lang id|en        the language of messages and reports
                          (else the data folder's lang, else the
                          locale)
EOF
	assert_equal "$stderr" ""
}

@test "--version prints the name and version" {
	run --separate-stderr kim-check --version
	assert_success
	assert_output --regexp '^kim-check \(kim-tools\) [0-9]+\.[0-9]+'
	assert_equal "${#lines[@]}" 1
}
