#!/usr/bin/env bats
# kim-register: adding, changing and importing KIM records, and refusing bad
# input without touching the data folder.
#
# Every run is pinned with --as-of. Input files are written beside the data
# folder (../NAME, seen from it), so messages name them as ../NAME.

load test_helper

AS_OF=2024-06-30
HEADER=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes

# reg ARGS...: kim-register on the day AS_OF.
reg() {
	kim-register --as-of "$AS_OF" "$@"
}

# seeded: a fresh data folder (mkdata) that already holds two KIM, one in
# kim/99.01.csv and one in kim/99.02.csv, so that "unchanged" means something.
seeded() {
	mkdata
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null &&
		reg --name 'KIM Lestari' --region 99.02.01.2001 --formed 2019-03-01 >/dev/null ||
		fail "seeded: cannot register the first KIM"
}

# input NAME TEXT: write TEXT, with printf %b escapes (\n \r \xHH), to ../NAME.
input() {
	printf '%b' "$2" >"$(kim_tmp)/$1"
}

# refused MESSAGE... -- CMD...: CMD exits 3, prints nothing on standard output,
# exactly the MESSAGE lines (each prefixed "kim-register: ") and then
# "nothing was written: N problem(s)" on standard error, and leaves the data
# folder byte-identical.
refused() {
	local want=() before
	while [ "$1" != -- ]; do
		want+=("kim-register: $1")
		shift
	done
	shift
	local n=${#want[@]}
	want+=("kim-register: nothing was written: $n problem$([ "$n" -eq 1 ] || echo s)")
	before=$(checksum_data "$KIM_DATA")
	run -3 --separate-stderr "$@"
	assert_output ''
	assert_equal "$stderr" "$(printf '%s\n' "${want[@]}")"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

# import_refused FILE MESSAGE...: `--import ../FILE` is refused with MESSAGE.
# stopped MESSAGE -- ARGS...: kim-register ARGS exits 3 with MESSAGE alone on
# standard error (a problem of wilayah.csv, before any record), nothing on
# standard output, and changes nothing.
stopped() {
	local want="kim-register: $1" before
	shift 2
	before=$(checksum_data "$KIM_DATA")
	run -3 --separate-stderr "$@"
	assert_output ''
	assert_equal "$stderr" "$want"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

import_refused() {
	local file=$1
	shift
	refused "$@" -- reg --import "../$file"
}

# usage_error MESSAGE ARGS...: kim-register ARGS exits 2 with MESSAGE and the
# usage on standard error, nothing on standard output, and changes nothing.
usage_error() {
	local message=$1 before
	shift
	before=$(checksum_data "$KIM_DATA")
	run -2 --separate-stderr kim-register "$@"
	assert_output ''
	assert_equal "${stderr_lines[0]}" "kim-register: $message"
	assert_equal "${stderr_lines[1]}" \
		"usage: kim-register --name NAME --region CODE --formed DATE [--FIELD VALUE ...]"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

# record ID: the line of KIM ID in the register.
record() {
	grep -h -- "^$1," "$KIM_DATA"/kim/*.csv
}

# ---------------------------------------------------------------------------
# Adding

@test "add with every field option writes exactly one canonical CSV line and prints the id" {
	mkdata
	run --separate-stderr reg --name 'KIM Maju Bersama' --region 99.01.01.2001 \
		--formed 2014-07-01 --sk 489/07/401.403.6/2014 --chair 'Rina Marlina' \
		--secretary 'Dedi Kusnadi' --treasurer 'Fitri Handayani' --members 16 \
		--sectors 'kesehatan;umkm' --status nonaktif --website https://maju.kim.id \
		--contact 0857-0000-7102 --verified 2024-06-01 \
		--notes 'Anggota pemuda, ibu PKK'
	assert_success
	assert_output 99.01.01.2001-1
	assert_equal "$stderr" ''
	run cat kim/99.01.csv
	assert_output "$HEADER
99.01.01.2001-1,KIM Maju Bersama,99.01.01.2001,2014-07-01,489/07/401.403.6/2014,Rina Marlina,Dedi Kusnadi,Fitri Handayani,16,kesehatan;umkm,nonaktif,https://maju.kim.id,0857-0000-7102,2024-06-01,2024-06-30,2024-06-30,\"Anggota pemuda, ibu PKK\""
	run ls -A kim
	assert_output 99.01.csv
}

@test "a new KIM is aktif unless --status is given, and empty fields are written as nothing" {
	mkdata
	run reg --name 'KIM Sederhana' --region 99.01.01.2002 --formed 2020-01-01
	assert_success
	assert_output 99.01.01.2002-1
	run cat kim/99.01.csv
	assert_output "$HEADER
99.01.01.2002-1,KIM Sederhana,99.01.01.2002,2020-01-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,"
}

@test "quotes, commas and a line break in fields are written RFC 4180-quoted" {
	mkdata
	run reg --name 'KIM "Suara Wanasari", Desa' --region 99.02.02.2001 \
		--formed 2016-01-01 --notes $'baris satu\nbaris dua'
	assert_success
	assert_output 99.02.02.2001-1
	run cat kim/99.02.csv
	assert_output "$HEADER
99.02.02.2001-1,\"KIM \"\"Suara Wanasari\"\", Desa\",99.02.02.2001,2016-01-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,\"baris satu
baris dua\""
}

@test "--members with leading zeros is written without them (the canonical form kim-check expects)" {
	mkdata
	run reg --name 'KIM Nol' --region 99.01.01.2001 --formed 2020-01-01 --members 007
	assert_success
	assert_output 99.01.01.2001-1
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Nol,99.01.01.2001,2020-01-01,,,,,7,,aktif,,,,2024-06-30,2024-06-30,'
	run kim-check --as-of "$AS_OF"
	assert_success
	assert_output ''
}

@test "ids count up within each region and are never reused after --dissolve" {
	mkdata
	run reg --name 'KIM Satu' --region 99.01.01.2001 --formed 2020-01-01
	assert_output 99.01.01.2001-1
	run reg --name 'KIM Dua' --region 99.01.01.2001 --formed 2020-01-01
	assert_output 99.01.01.2001-2
	run reg --name 'KIM Lain' --region 99.01.01.2002 --formed 2020-01-01
	assert_output 99.01.01.2002-1
	run reg --dissolve 99.01.01.2001-2
	assert_success
	assert_output 99.01.01.2001-2
	run reg --name 'KIM Tiga' --region 99.01.01.2001 --formed 2020-01-01
	assert_success
	assert_output 99.01.01.2001-3
	run cut -d, -f1,2,11 kim/99.01.csv
	assert_output "id,name,status
99.01.01.2001-1,KIM Satu,aktif
99.01.01.2001-2,KIM Dua,bubar
99.01.01.2001-3,KIM Tiga,aktif
99.01.01.2002-1,KIM Lain,aktif"
}

@test "the name of a dissolved KIM may be registered again in its village, under a new id" {
	mkdata
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2010-01-01 >/dev/null
	reg --dissolve 99.01.01.2001-1 >/dev/null
	run reg --name 'KIM MAJU' --region 99.01.01.2001 --formed 2020-01-01
	assert_success
	assert_output 99.01.01.2001-2
}

@test "kecamatan-, kabupaten-, kota- and province-level KIM get REGION-1 ids in their kabupaten's file or kim/PP.csv" {
	mkdata
	run reg --name 'KIM Kabupaten' --region 99.01 --formed 2020-01-01
	assert_output 99.01-1
	run reg --name 'KIM Kecamatan' --region 99.01.01 --formed 2020-01-01
	assert_output 99.01.01-1
	run reg --name 'KIM Desa' --region 99.01.01.2001 --formed 2020-01-01
	assert_output 99.01.01.2001-1
	run reg --name 'KIM Kota' --region 99.71 --formed 2020-01-01
	assert_output 99.71-1
	run reg --name 'KIM Provinsi' --region 99 --formed 2020-01-01
	assert_success
	assert_output 99-1
	run ls kim
	assert_output "99.01.csv
99.71.csv
99.csv"
	run cat kim/99.01.csv
	assert_output "$HEADER
99.01-1,KIM Kabupaten,99.01,2020-01-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,
99.01.01-1,KIM Kecamatan,99.01.01,2020-01-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,
99.01.01.2001-1,KIM Desa,99.01.01.2001,2020-01-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,"
	run cat kim/99.csv
	assert_output "$HEADER
99-1,KIM Provinsi,99,2020-01-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,"
}

@test "records are kept sorted by region, then by sequence as a number (-2 before -10)" {
	mkdata
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		reg --name "KIM Nomor $i" --region 99.01.01.2002 --formed 2020-01-01 >/dev/null ||
			fail "cannot register KIM Nomor $i"
	done
	reg --name 'KIM Awal' --region 99.01.01.2001 --formed 2020-01-01 >/dev/null
	run cut -d, -f1 kim/99.01.csv
	assert_output "id
99.01.01.2001-1
99.01.01.2002-1
99.01.01.2002-2
99.01.01.2002-3
99.01.01.2002-4
99.01.01.2002-5
99.01.01.2002-6
99.01.01.2002-7
99.01.01.2002-8
99.01.01.2002-9
99.01.01.2002-10"
}

# ---------------------------------------------------------------------------
# Changing

@test "--update changes the fields given and sets updated to the --as-of day" {
	mkdata
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 --chair Budi \
		--members 10 >/dev/null
	run --separate-stderr kim-register --as-of 2024-07-15 --update 99.01.01.2001-1 \
		--members 25 --chair 'Ani Lestari' --sectors 'umkm;literasi'
	assert_success
	assert_output 99.01.01.2001-1
	assert_equal "$stderr" ''
	run cat kim/99.01.csv
	assert_output "$HEADER
99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,Ani Lestari,,,25,umkm;literasi,aktif,,,,2024-06-30,2024-07-15,"
}

@test "--update with an empty value clears an optional field" {
	mkdata
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 --chair Budi \
		--website https://maju.kim.id --notes catatan >/dev/null
	run kim-register --as-of 2024-07-01 --update 99.01.01.2001-1 --chair '' --website '' --notes ''
	assert_success
	assert_output 99.01.01.2001-1
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2024-06-30,2024-07-01,'
}

@test "--update that changes nothing writes nothing but prints the id" {
	mkdata
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 --members 10 >/dev/null
	local before
	before=$(checksum_data "$KIM_DATA")
	run --separate-stderr kim-register --as-of 2024-08-01 --update 99.01.01.2001-1 --members 10
	assert_success
	assert_output 99.01.01.2001-1
	assert_equal "$stderr" ''
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "--deactivate, --activate and --dissolve set the status and the updated day" {
	mkdata
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	run kim-register --as-of 2024-07-01 --deactivate 99.01.01.2001-1
	assert_success
	assert_output 99.01.01.2001-1
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,nonaktif,,,,2024-06-30,2024-07-01,'
	run kim-register --as-of 2024-07-02 --activate 99.01.01.2001-1
	assert_success
	assert_output 99.01.01.2001-1
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2024-06-30,2024-07-02,'
	run kim-register --as-of 2024-07-03 --dissolve 99.01.01.2001-1
	assert_success
	assert_output 99.01.01.2001-1
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,bubar,,,,2024-06-30,2024-07-03,'
}

@test "--renumber ID gives the KIM the next free number of its village; the rest stays, updated is the day" {
	seeded
	reg --name 'KIM Muda' --region 99.01.01.2001 --formed 2021-02-02 --members 9 >/dev/null
	run -0 --separate-stderr kim-register --as-of 2024-07-01 --renumber 99.01.01.2001-1
	assert_output 99.01.01.2001-3
	assert_equal "$stderr" ''
	run -0 cat kim/99.01.csv
	assert_output - <<'EOF'
id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes
99.01.01.2001-2,KIM Muda,99.01.01.2001,2021-02-02,,,,,9,,aktif,,,,2024-06-30,2024-06-30,
99.01.01.2001-3,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2024-06-30,2024-07-01,
EOF
	# logged as kim-merge logs its renumberings (issue 18, a user's trial)
	run -0 cat kim/renumbered.csv
	assert_output "$(printf '%s\n' date,old,new,name '2024-07-01,99.01.01.2001-1,99.01.01.2001-3,KIM Maju')"
	# the number it had is never given again
	run -0 reg --name 'KIM Baru' --region 99.01.01.2001 --formed 2022-03-03
	assert_output 99.01.01.2001-4
	run -0 kim-check --as-of 2024-07-01
}

@test "--renumber of an id two records have (a merge made by hand): the later takes the next number, the first keeps it" {
	seeded
	reg --name 'KIM Muda' --region 99.01.01.2001 --formed 2021-02-02 >/dev/null
	# two offices both took -2; the text merge kept both lines
	printf '%s\n' '99.01.01.2001-2,KIM Tunas,99.01.01.2001,2022-05-05,,,,,,,aktif,,,,2024-06-29,2024-06-29,' >>kim/99.01.csv
	run -1 kim-check --as-of 2024-07-01
	assert_output "$KIM_DATA/kim/99.01.csv:4:1: id 99.01.01.2001-2 is also on line 3"
	# any other change is refused while the register has the twin
	refused "$KIM_DATA/kim/99.01.csv:4:1: id: 99.01.01.2001-2 is also on line 3 of $KIM_DATA/kim/99.01.csv" -- \
		kim-register --as-of 2024-07-01 --verify 99.01.01.2001-1
	run -0 --separate-stderr kim-register --as-of 2024-07-01 --renumber 99.01.01.2001-2
	assert_output 99.01.01.2001-3
	assert_equal "$stderr" ''
	run -0 cat kim/99.01.csv
	assert_output - <<'EOF'
id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes
99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2024-06-30,2024-06-30,
99.01.01.2001-2,KIM Muda,99.01.01.2001,2021-02-02,,,,,,,aktif,,,,2024-06-30,2024-06-30,
99.01.01.2001-3,KIM Tunas,99.01.01.2001,2022-05-05,,,,,,,aktif,,,,2024-06-29,2024-07-01,
EOF
	run -0 kim-check --as-of 2024-07-01
	run -0 kim-register --as-of 2024-07-01 --update 99.01.01.2001-2 --members 5
	assert_output 99.01.01.2001-2
	run -0 record 99.01.01.2001-2
	assert_output '99.01.01.2001-2,KIM Muda,99.01.01.2001,2021-02-02,,,,,5,,aktif,,,,2024-06-30,2024-07-01,'
}

@test "--renumber: an unknown id is refused, -n writes nothing, fields do not go with it" {
	seeded
	refused '99.01.01.2001-9: no KIM has this id' -- reg --renumber 99.01.01.2001-9
	local before
	before=$(checksum_data "$KIM_DATA")
	run -0 --separate-stderr reg -n --renumber 99.01.01.2001-1
	assert_output 99.01.01.2001-2
	assert_equal "$stderr" ''
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
	usage_error '--members does not go with --renumber' --renumber 99.01.01.2001-1 --members 3
	usage_error 'one change at a time: --update, --deactivate, --dissolve, --activate, --verify, --import, --renumber, --recode or --init' \
		--renumber 99.01.01.2001-1 --dissolve 99.01.01.2001-1
}

@test "today is the data folder's: kim.conf's tz, else Asia/Jakarta, whatever the machine's zone" {
	mkdata
	local jakarta east west n=0 z
	# at any moment at least one of these zones has another day than Jakarta
	for z in Etc/GMT+12 Pacific/Kiritimati; do
		n=$((n + 1))
		jakarta=$(TZ=Asia/Jakarta date +%F)
		run -0 env TZ=$z kim-register --no-commit --name "KIM $n" --region 99.01.01.200$n --formed 2020-01-01
		assert_output "99.01.01.200$n-1"
		run -0 record "99.01.01.200$n-1"
		assert_output "99.01.01.200$n-1,KIM $n,99.01.01.200$n,2020-01-01,,,,,,,aktif,,,,$jakarta,$jakarta,"
	done
	# an office east of the machine: its today may be the machine's tomorrow
	printf '# Jayapura-like\ntz = Pacific/Kiritimati\n' >kim.conf
	east=$(TZ=Pacific/Kiritimati date +%F)
	run -0 --separate-stderr env TZ=Etc/GMT+12 kim-register --no-commit --name 'KIM Timur' --region 99.01.02.2001 --formed "$east"
	assert_output 99.01.02.2001-1
	assert_equal "$stderr" ''
	run -0 record 99.01.02.2001-1
	assert_output "99.01.02.2001-1,KIM Timur,99.01.02.2001,$east,,,,,,,aktif,,,,$east,$east,"
	# and west of it, the same day is still to come
	printf 'tz = Etc/GMT+12\n' >kim.conf
	west=$(TZ=Etc/GMT+12 date +%F)
	refused "--formed: $east is after the as-of date $west" -- \
		env TZ=Pacific/Kiritimati kim-register --no-commit --name 'KIM Barat' --region 99.01.02.2002 --formed "$east"
	# a zone this system does not know is left out with a warning
	printf 'tz = Asia/Atlantis\n' >kim.conf
	jakarta=$(TZ=Asia/Jakarta date +%F)
	run -0 --separate-stderr kim-register --no-commit -n --name 'KIM Baru' --region 99.01.02.2002 --formed "$jakarta"
	assert_equal "$stderr" "kim-register: warning: $KIM_DATA/kim.conf: tz 'Asia/Atlantis' is not a time zone of this system's zoneinfo (such as Asia/Jakarta, Asia/Makassar, Asia/Jayapura): left out, today is taken in Asia/Jakarta"
	printf 'tz = ../../../etc/passwd\n' >kim.conf
	run -0 --separate-stderr kim-register --no-commit -n --name 'KIM Baru' --region 99.01.02.2002 --formed "$jakarta"
	assert_equal "$stderr" "kim-register: warning: $KIM_DATA/kim.conf: tz '../../../etc/passwd' is not a time zone of this system's zoneinfo (such as Asia/Jakarta, Asia/Makassar, Asia/Jayapura): left out, today is taken in Asia/Jakarta"
}

@test "--verify with a field option records a field visit in one change" {
	mkdata
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 --members 9 >/dev/null
	run kim-register --as-of 2024-09-09 --verify 99.01.01.2001-1 --members 15
	assert_success
	assert_output 99.01.01.2001-1
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,15,,aktif,,,2024-09-09,2024-06-30,2024-09-09,'
}

@test "--verify sets verified (and updated) to the --as-of day" {
	mkdata
	reg --name 'KIM Maju' --region 99.01.01.2001 --formed 2020-01-15 --verified 2021-01-01 >/dev/null
	run kim-register --as-of 2024-09-09 --verify 99.01.01.2001-1
	assert_success
	assert_output 99.01.01.2001-1
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,aktif,,,2024-09-09,2024-06-30,2024-09-09,'
}

@test "--update of an id that is not in the register exits 3 and names the id" {
	seeded
	local before
	before=$(checksum_data "$KIM_DATA")
	run -3 --separate-stderr reg --update 99.01.01.2001-9 --chair Ani
	assert_output ''
	assert_equal "${stderr_lines[0]}" 'kim-register: 99.01.01.2001-9: no KIM has this id'
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "--update that empties a required field is refused" {
	seeded
	refused '--name: missing (the field is required)' -- reg --update 99.01.01.2001-1 --name ''
}

@test "--update to a name another KIM of the village has is refused" {
	seeded
	reg --name 'KIM Kedua' --region 99.01.01.2001 --formed 2020-01-15 >/dev/null
	refused "--name: 'kim maju' is already a KIM in 99.01.01.2001: 99.01.01.2001-1" -- \
		reg --update 99.01.01.2001-2 --name 'kim maju'
}

# ---------------------------------------------------------------------------
# Importing

@test "--import of a CSV file adds its records and prints their ids in input order" {
	seeded
	input in.csv 'name,region,formed,members,sectors,chair\nKIM Karang,99.01.01.2003,2021-03-04,5,"umkm;literasi",Wayan\nKIM Pasar,99.71.01.1002,2021-03-05,,,\nKIM Maju Dua,99.01.01.2001,2022-01-01,0,,\n'
	run --separate-stderr reg --import ../in.csv
	assert_success
	assert_output "99.01.01.2003-1
99.71.01.1002-1
99.01.01.2001-2"
	assert_equal "$stderr" ''
	run cat kim/99.01.csv
	assert_output "$HEADER
99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2024-06-30,2024-06-30,
99.01.01.2001-2,KIM Maju Dua,99.01.01.2001,2022-01-01,,,,,0,,aktif,,,,2024-06-30,2024-06-30,
99.01.01.2003-1,KIM Karang,99.01.01.2003,2021-03-04,,Wayan,,,5,umkm;literasi,aktif,,,,2024-06-30,2024-06-30,"
	run cat kim/99.71.csv
	assert_output "$HEADER
99.71.01.1002-1,KIM Pasar,99.71.01.1002,2021-03-05,,,,,,,aktif,,,,2024-06-30,2024-06-30,"
}

@test "--import keeps notes of 255 and 300 bytes whole" {
	seeded
	local n255 n300
	n255=$(printf '%255s' '' | tr ' ' b)
	n300=$(printf '%300s' '' | tr ' ' c)
	input in.csv "name,region,formed,notes,chair\nKIM Karang,99.01.01.2003,2021-03-04,$n255,Wayan\nKIM Pasar,99.71.01.1002,2021-03-05,$n300,Made\n"
	run --separate-stderr reg --import ../in.csv
	assert_success
	assert_output "99.01.01.2003-1
99.71.01.1002-1"
	run cat kim/99.71.csv
	assert_output "$HEADER
99.71.01.1002-1,KIM Pasar,99.71.01.1002,2021-03-05,,Made,,,,,aktif,,,,2024-06-30,2024-06-30,$n300"
	run tail -n 1 kim/99.01.csv
	assert_output "99.01.01.2003-1,KIM Karang,99.01.01.2003,2021-03-04,,Wayan,,,,,aktif,,,,2024-06-30,2024-06-30,$n255"
}

@test "--import reads a ;-delimited spreadsheet export with a BOM and CRLF line ends" {
	mkdata
	input excel.csv '\xef\xbb\xbfname;region;formed;members;sectors\r\nKIM Sukamulya;99.01.02.2001;2024-05-05;012;"umkm;pertanian"\r\nKIM Cikadu Mandiri;99.01.02.2002;2024-05-06;9;literasi\r\n'
	run reg --import ../excel.csv
	assert_success
	assert_output "99.01.02.2001-1
99.01.02.2002-1"
	run cat kim/99.01.csv
	assert_output "$HEADER
99.01.02.2001-1,KIM Sukamulya,99.01.02.2001,2024-05-05,,,,,12,umkm;pertanian,aktif,,,,2024-06-30,2024-06-30,
99.01.02.2002-1,KIM Cikadu Mandiri,99.01.02.2002,2024-05-06,,,,,9,literasi,aktif,,,,2024-06-30,2024-06-30,"
}

@test "--import reads a TAB-delimited file" {
	mkdata
	input tab.tsv 'name\tregion\tformed\tnotes\nKIM Tab\t99.02.01.2002\t2020-01-01\tsatu, dua\n'
	run reg --import ../tab.tsv
	assert_success
	assert_output 99.02.01.2002-1
	run record 99.02.01.2002-1
	assert_output '99.02.01.2002-1,KIM Tab,99.02.01.2002,2020-01-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,"satu, dua"'
}

@test "--import reads JSON Lines: members as a number or digits, sectors as an array or a ;-string, null as empty" {
	mkdata
	input in.jsonl '{"name":"KIM Hijau","region":"99.02.01.2001","formed":"2019-01-01","members":7,"sectors":["umkm","budaya"],"sk":null}\n\n{"name":"KIM Indah","region":"99.02.02.2002","formed":"2019-02-01","members":"012","sectors":"umkm;pariwisata","status":"nonaktif"}\n'
	run reg --import ../in.jsonl
	assert_success
	assert_output "99.02.01.2001-1
99.02.02.2002-1"
	run cat kim/99.02.csv
	assert_output "$HEADER
99.02.01.2001-1,KIM Hijau,99.02.01.2001,2019-01-01,,,,,7,umkm;budaya,aktif,,,,2024-06-30,2024-06-30,
99.02.02.2002-1,KIM Indah,99.02.02.2002,2019-02-01,,,,,12,umkm;pariwisata,nonaktif,,,,2024-06-30,2024-06-30,"
}

@test "--import reads a JSON array" {
	mkdata
	input in.json '[\n{"name":"KIM Satu","region":"99.71.02.1001","formed":"2019-01-01"},\n{"name":"KIM Dua","region":"99.71.02.1001","formed":"2019-01-02"}\n]\n'
	run reg --import ../in.json
	assert_success
	assert_output "99.71.02.1001-1
99.71.02.1001-2"
}

@test "--import - reads standard input" {
	mkdata
	input in.csv 'name,region,formed\nKIM Stdin,99.71.01.1001,2020-01-01\n'
	run --separate-stderr reg --import - <"$(kim_tmp)/in.csv"
	assert_success
	assert_output 99.71.01.1001-1
	assert_equal "$stderr" ''
	run record 99.71.01.1001-1
	assert_output '99.71.01.1001-1,KIM Stdin,99.71.01.1001,2020-01-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,'
}

@test "an imported record with an id keeps it and its registered and updated dates; new ids go above it" {
	seeded
	input restore.csv 'id,name,region,formed,status,registered,updated\n99.01.01.2001-5,KIM Lama,99.01.01.2001,2012-03-04,bubar,2013-01-02,2018-05-06\n,KIM Baru,99.01.01.2001,2023-01-01,,,\n'
	run reg --import ../restore.csv
	assert_success
	assert_output "99.01.01.2001-5
99.01.01.2001-6"
	run cat kim/99.01.csv
	assert_output "$HEADER
99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2024-06-30,2024-06-30,
99.01.01.2001-5,KIM Lama,99.01.01.2001,2012-03-04,,,,,,,bubar,,,,2013-01-02,2018-05-06,
99.01.01.2001-6,KIM Baru,99.01.01.2001,2023-01-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,"
	run reg --name 'KIM Berikut' --region 99.01.01.2001 --formed 2023-01-01
	assert_output 99.01.01.2001-7
}

@test "a file with a header only imports nothing: exit 0, no output, folder unchanged" {
	seeded
	input header.csv 'name,region,formed\n'
	local before
	before=$(checksum_data "$KIM_DATA")
	run --separate-stderr reg --import ../header.csv
	assert_success
	assert_output ''
	assert_equal "$stderr" ''
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "a file without a final newline imports its last record" {
	seeded
	input nonl.csv 'name,region,formed\nKIM Pertama,99.01.01.2003,2020-01-01\nKIM Terakhir,99.01.01.2003,2020-02-02'
	run reg --import ../nonl.csv
	assert_success
	assert_output "99.01.01.2003-1
99.01.01.2003-2"
	run record 99.01.01.2003-2
	assert_output '99.01.01.2003-2,KIM Terakhir,99.01.01.2003,2020-02-02,,,,,,,aktif,,,,2024-06-30,2024-06-30,'
}

# ---------------------------------------------------------------------------
# Dry run, lock, data folder

@test "--dry-run prints the id an add would get and leaves the folder byte-identical" {
	seeded
	local before
	before=$(checksum_data "$KIM_DATA")
	run --separate-stderr reg --dry-run --name 'KIM Coba' --region 99.01.01.2001 --formed 2020-01-01
	assert_success
	assert_output 99.01.01.2001-2
	assert_equal "$stderr" ''
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "-n with --import prints the ids it would assign and leaves the folder byte-identical" {
	seeded
	input in.csv 'id,name,region,formed\n,KIM A,99.01.01.2001,2020-01-01\n99.02.01.2002-4,KIM B,99.02.01.2002,2020-01-01\n,KIM C,99.71.02.2001,2020-01-01\n'
	local before
	before=$(checksum_data "$KIM_DATA")
	run --separate-stderr reg -n --import ../in.csv
	assert_success
	assert_output "99.01.01.2001-2
99.02.01.2002-4
99.71.02.2001-1"
	assert_equal "$stderr" ''
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "--update -n prints the id and writes nothing" {
	seeded
	local before
	before=$(checksum_data "$KIM_DATA")
	run reg -n --update 99.01.01.2001-1 --members 40
	assert_success
	assert_output 99.01.01.2001-1
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "--wait gives up with exit status 5 while another writer holds .kim.lock, changing nothing" {
	seeded
	# one process holds the lock until it is killed: a shell that becomes
	# sleep (a holder for a few seconds runs out under valgrind)
	bash -c 'exec 9>.kim.lock && flock -x 9 && exec sleep 60' >/dev/null 2>&1 3>&- &
	local holder=$! i before
	for i in $(seq 100); do
		flock -n .kim.lock true || break
		sleep 0.05
	done
	flock -n .kim.lock true && fail "the lock was never taken by the background flock"
	before=$(checksum_data "$KIM_DATA")
	run -5 --separate-stderr reg --wait 1 --name 'KIM Tunggu' --region 99.01.01.2002 --formed 2020-01-01
	assert_output ''
	assert_equal "$stderr" "kim-register: $KIM_DATA/.kim.lock: the data folder is locked by another kim-tools command (waited 1 s)"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
	kill -KILL "$holder"
	wait "$holder" 2>/dev/null || true
}

@test "-d DIR and --data DIR choose the data folder over \$KIM_DATA" {
	mkdata other
	local other=$KIM_DATA
	mkdata
	run reg -d "$other" --name 'KIM Lain' --region 99.01.01.2001 --formed 2020-01-01
	assert_success
	assert_output 99.01.01.2001-1
	run reg --data "$other" --name 'KIM Lain Lagi' --region 99.01.01.2001 --formed 2020-01-01
	assert_output 99.01.01.2001-2
	[ -f "$other/kim/99.01.csv" ] || fail "nothing written to -d $other"
	run ls -A kim
	assert_output ''
}

@test "\$KIM_DATA chooses the data folder, else the current directory" {
	mkdata here
	local here=$KIM_DATA
	mkdata there
	cd "$here"
	run reg --name 'KIM Env' --region 99.02.01.2001 --formed 2020-01-01
	assert_success
	assert_output 99.02.01.2001-1
	[ -f "$KIM_DATA/kim/99.02.csv" ] || fail "nothing written to \$KIM_DATA"
	[ ! -e "$here/kim/99.02.csv" ] || fail "written to the current directory despite \$KIM_DATA"
	unset KIM_DATA
	run reg --name 'KIM Cwd' --region 99.02.01.2001 --formed 2020-01-01
	assert_success
	assert_output 99.02.01.2001-1
	run cut -d, -f2 "$here/kim/99.02.csv"
	assert_output "name
KIM Cwd"
}

@test "-f prints the ids as rows of a format: csv with a header, json, jsonl" {
	seeded
	input in.csv 'name,region,formed\nKIM A,99.01.01.2002,2020-01-01\nKIM B,99.01.01.2003,2020-01-01\n'
	run reg -n -f csv --import ../in.csv
	assert_success
	assert_output "id
99.01.01.2002-1
99.01.01.2003-1"
	run reg -n -f json --import ../in.csv
	assert_success
	assert_output '[
{"id":"99.01.01.2002-1"},
{"id":"99.01.01.2003-1"}
]'
	run reg -n -f jsonl --import ../in.csv
	assert_success
	assert_output '{"id":"99.01.01.2002-1"}
{"id":"99.01.01.2003-1"}'
}

# ---------------------------------------------------------------------------
# Help, version, usage errors

@test "--help prints the usage and the options on standard output and exits 0" {
	run --separate-stderr kim-register --help
	assert_success
	assert_equal "$stderr" ''
	assert_line --index 0 'usage: kim-register --name NAME --region CODE --formed DATE [--FIELD VALUE ...]'
	assert_line --index 1 '       kim-register --update ID --FIELD VALUE ...'
	assert_line --index 2 '       kim-register --deactivate ID | --dissolve ID | --activate ID | --verify ID'
	assert_line --index 3 '       kim-register --import FILE [-r REGION]'
	assert_line --regexp '^      --import FILE  '
	assert_line '  -n, --dry-run           check everything, write nothing'
	assert_line '      --wait SECONDS      wait for another writer (default 10)'
}

@test "--version prints the name and version" {
	run --separate-stderr kim-register --version
	assert_success
	assert_regex "$output" '^kim-register \(kim-tools\) [0-9]+\.[0-9]+\.[0-9]+'
	assert_equal "${#lines[@]}" 1
}

@test "usage error: an unknown option" {
	seeded
	usage_error "unrecognized option '--bogus'" --bogus
}

@test "usage error: --update ID with --import (with --import, --update takes no ID)" {
	seeded
	usage_error "--update takes no ID with --import: the ids of the file's rows say which KIM change ('99.01.01.2001-1')" \
		--update 99.01.01.2001-1 --chair x --import in.csv
}

@test "usage error: two modes at once (--dissolve and --activate)" {
	seeded
	usage_error 'one change at a time: --update, --deactivate, --dissolve, --activate, --verify, --import, --renumber, --recode or --init' \
		--dissolve 99.01.01.2001-1 --activate 99.01.01.2001-1
}

@test "usage error: --update without a field" {
	seeded
	usage_error '--update 99.01.01.2001-1: nothing to change' --update 99.01.01.2001-1
}

@test "usage error: --region with --update" {
	seeded
	usage_error '--region cannot change: the id is made of it (dissolve the KIM and register it anew)' \
		--update 99.01.01.2001-1 --region 99.01.01.2002
}

@test "usage error: a field option with --import" {
	seeded
	usage_error '--status does not go with --import' --import in.csv --status aktif
}

@test "usage error: adding without --name, --region or --formed" {
	seeded
	usage_error '--name is required to register a KIM' --region 99.01.01.2001 --formed 2020-01-01
	usage_error '--region is required to register a KIM' --name 'KIM X' --formed 2020-01-01
	usage_error '--formed is required to register a KIM' --name 'KIM X' --region 99.01.01.2001
}

@test "usage error: a field option given twice" {
	seeded
	usage_error '--chair is given twice' --name 'KIM X' --region 99.01.01.2001 \
		--formed 2020-01-01 --chair A --chair B
}

@test "usage error: a bad --wait value" {
	seeded
	usage_error "--wait: 'abc' is not a whole number from 0 to 999999999" --wait abc --name X --region 99 --formed 2020-01-01
	usage_error "--wait: '-1' is not a whole number from 0 to 999999999" --wait -1 --name X --region 99 --formed 2020-01-01
}

@test "usage error: a bad -f value" {
	seeded
	usage_error "-f: 'xml' is not a format (csv, tsv, json, jsonl or table)" -f xml --name X --region 99 --formed 2020-01-01
}

@test "usage error: a bad --as-of date" {
	seeded
	usage_error "--as-of: '2023-02-30' is not a real date (expected YYYY-MM-DD)" \
		--as-of 2023-02-30 --name X --region 99 --formed 2020-01-01
	usage_error "--as-of: '30-06-2024' is not a real date (expected YYYY-MM-DD)" \
		--as-of 30-06-2024 --name X --region 99 --formed 2020-01-01
}

@test "usage error: an operand" {
	seeded
	usage_error "unexpected operand 'in.csv'" --as-of "$AS_OF" in.csv
}

@test "usage errors name the tool kim-register even when it is run by its full path" {
	seeded
	local path
	path=$(command -v kim-register)
	run -2 --separate-stderr "$path" --bogus
	assert_equal "${stderr_lines[0]}" "kim-register: unrecognized option '--bogus'"
	run -2 --separate-stderr "$path" --region 99 --formed 2020-01-01 --name
	assert_equal "${stderr_lines[0]}" "kim-register: option '--name' requires an argument"
}

@test "usage error: an option without its argument" {
	seeded
	usage_error "option '--name' requires an argument" --region 99 --formed 2020-01-01 --name
}

# ---------------------------------------------------------------------------
# Bad input: exit 3, FILE:LINE:COLUMN on standard error, nothing changed

@test "bad input: a broken (unterminated) quote" {
	seeded
	input bad.csv 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01\n"KIM B,99.01.01.2003,2020-01-01\n'
	import_refused bad.csv '../bad.csv:3:1: unterminated quoted field: a closing quote is missing'
}

@test "bad input: a quote inside an unquoted field" {
	seeded
	input bad.csv 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01\nKIM "B",99.01.01.2003,2020-01-01\n'
	import_refused bad.csv '../bad.csv:3:1: malformed quoting: a quote inside an unquoted field, or text after a closing quote'
}

@test "bad input: a row with too few fields" {
	seeded
	input bad.csv 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01\nKIM B,99.01.01.2003\n'
	import_refused bad.csv '../bad.csv:3:2: 2 fields, the header has 3'
}

@test "bad input: a row with too many fields" {
	seeded
	input bad.csv 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01,lebih\n'
	import_refused bad.csv '../bad.csv:2:4: 4 fields, the header has 3'
}

@test "bad input: invalid UTF-8" {
	seeded
	input bad.csv 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01\nKIM \xff,99.01.01.2003,2020-01-01\n'
	import_refused bad.csv '../bad.csv:3:1: invalid UTF-8 at byte 5 of the field (the file must be UTF-8: convert it with iconv -f CP1252 -t UTF-8, or import it with --encoding CP1252)'
}

@test "bad input: an impossible date (2023-02-30)" {
	seeded
	input bad.csv 'name,region,formed\nKIM A,99.01.01.2003,2023-02-30\n'
	import_refused bad.csv "../bad.csv:2:3: formed: '2023-02-30' is not a real date (expected YYYY-MM-DD)"
}

@test "bad input: a date after --as-of" {
	seeded
	input bad.csv 'name,region,formed,verified\nKIM A,99.01.01.2003,2020-01-01,2024-07-01\n'
	import_refused bad.csv '../bad.csv:2:4: verified: 2024-07-01 is after the as-of date 2024-06-30'
}

@test "bad input: a region of valid shape that is not in wilayah.csv" {
	seeded
	input bad.csv 'name,region,formed\nKIM A,99.01.01.2009,2020-01-01\n'
	import_refused bad.csv "../bad.csv:2:2: region: 99.01.01.2009 is not in $KIM_DATA/wilayah.csv"
}

@test "bad input: a malformed region code" {
	seeded
	input bad.csv 'name,region,formed\nKIM A,99.1.01.2003,2020-01-01\n'
	import_refused bad.csv "../bad.csv:2:2: region: '99.1.01.2003' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)"
}

@test "bad input: a name already in the register for that village, compared without case" {
	seeded
	input bad.csv 'name,region,formed\nkim MAJU,99.01.01.2001,2020-01-01\n'
	import_refused bad.csv "../bad.csv:2:1: name: 'kim MAJU' is already a KIM in 99.01.01.2001: 99.01.01.2001-1"
}

@test "bad input: the same name twice in one import file names the second one's line" {
	seeded
	input bad.csv 'name,region,formed\nKIM Baru,99.01.01.2003,2020-01-01\nkim baru,99.01.01.2003,2021-01-01\n'
	local before
	before=$(checksum_data "$KIM_DATA")
	run -3 --separate-stderr reg --import ../bad.csv
	assert_output ''
	# the newcomer is the record on line 3; the first of the two was never
	# given an id, so none may be named
	assert_equal "${stderr_lines[0]}" "kim-register: ../bad.csv:3:1: name: 'kim baru' is given twice for 99.01.01.2003 (also on line 2)"
	refute_regex "$stderr" '99\.01\.01\.2003-[0-9]'
	assert_equal "${stderr_lines[-1]}" 'kim-register: nothing was written: 1 problem'
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "bad input: an id that is not REGION-N" {
	seeded
	input bad.csv 'id,name,region,formed\nabc,KIM A,99.01.01.2003,2020-01-01\n'
	import_refused bad.csv "../bad.csv:2:1: id: 'abc' is not an id (expected REGION-N, e.g. 99.01.01.2003-1)"
}

@test "bad input: an id with a leading zero" {
	seeded
	input bad.csv 'id,name,region,formed\n99.01.01.2003-01,KIM A,99.01.01.2003,2020-01-01\n'
	import_refused bad.csv "../bad.csv:2:1: id: '99.01.01.2003-01' is not an id (expected REGION-N, e.g. 99.01.01.2003-1)"
}

@test "bad input: an id of another region" {
	seeded
	input bad.csv 'id,name,region,formed\n99.01.01.2001-7,KIM A,99.01.01.2003,2020-01-01\n'
	import_refused bad.csv '../bad.csv:2:1: id: 99.01.01.2001-7 does not belong to region 99.01.01.2003 (an id is REGION-N)'
}

@test "bad input: an id already taken in the register" {
	seeded
	input bad.csv 'id,name,region,formed\n99.01.01.2001-1,KIM Lain,99.01.01.2001,2020-01-01\n'
	import_refused bad.csv '../bad.csv:2:1: id: 99.01.01.2001-1 is taken (an imported record keeps its id only when it is new to the register; --update changes that KIM from the row, --skip-existing leaves it)'
}

@test "bad input: the same id twice in one import file" {
	seeded
	input bad.csv 'id,name,region,formed\n99.01.01.2003-9,KIM X,99.01.01.2003,2020-01-01\n99.01.01.2003-9,KIM Y,99.01.01.2003,2020-01-01\n'
	import_refused bad.csv '../bad.csv:3:1: id: 99.01.01.2003-9 is taken (an imported record keeps its id only when it is new to the register; --update changes that KIM from the row, --skip-existing leaves it)'
}

@test "bad input: a negative member count" {
	seeded
	input bad.csv 'name,region,formed,members\nKIM A,99.01.01.2003,2020-01-01,-3\n'
	import_refused bad.csv "../bad.csv:2:4: members: '-3' is not a whole number >= 0"
}

@test "bad input: a member count that is not a number" {
	seeded
	input bad.csv 'name,region,formed,members\nKIM A,99.01.01.2003,2020-01-01,lima\n'
	import_refused bad.csv "../bad.csv:2:4: members: 'lima' is not a whole number >= 0"
}

@test "bad input: an unknown status" {
	seeded
	input bad.csv 'name,region,formed,status\nKIM A,99.01.01.2003,2020-01-01,hidup\n'
	import_refused bad.csv "../bad.csv:2:4: status: 'hidup' is not one of aktif, nonaktif, bubar"
}

@test "upper-case sector tags and blanks in them are normalised on import and with --sectors" {
	mkdata
	input in.csv 'name,region,formed,sectors\nKIM A,99.01.01.2003,2020-01-01,"UMKM; Pertanian ;ekonomi kreatif"\n'
	run reg --import ../in.csv
	assert_success
	assert_output 99.01.01.2003-1
	run reg --name 'KIM B' --region 99.01.01.2003 --formed 2020-01-01 --sectors 'Literasi;UMKM'
	assert_success
	assert_output 99.01.01.2003-2
	run cut -d, -f1,10 kim/99.01.csv
	assert_output "id,sectors
99.01.01.2003-1,umkm;pertanian;ekonomi-kreatif
99.01.01.2003-2,literasi;umkm"
}

@test "bad input: a sector tag with a character other than a-z, 0-9 and '-'" {
	seeded
	input bad.csv 'name,region,formed,sectors\nKIM A,99.01.01.2003,2020-01-01,umkm;tani/ternak\n'
	import_refused bad.csv "../bad.csv:2:4: sectors: 'tani/ternak' is not a lower-case tag (letters a-z, digits and '-', e.g. umkm)"
}

@test "bad input: a tag repeated once lower-cased (UMKM;umkm)" {
	seeded
	input bad.csv 'name,region,formed,sectors\nKIM A,99.01.01.2003,2020-01-01,UMKM;umkm\n'
	import_refused bad.csv "../bad.csv:2:4: sectors: tag 'umkm' is given twice"
}

@test "bad input: an empty sector tag" {
	seeded
	input bad.csv 'name,region,formed,sectors\nKIM A,99.01.01.2003,2020-01-01,umkm;;pertanian\n'
	import_refused bad.csv "../bad.csv:2:4: sectors: empty tag in 'umkm;;pertanian' (tags are separated by single ';')"
}

@test "bad input: a repeated sector tag" {
	seeded
	input bad.csv 'name,region,formed,sectors\nKIM A,99.01.01.2003,2020-01-01,umkm;pertanian;umkm\n'
	import_refused bad.csv "../bad.csv:2:4: sectors: tag 'umkm' is given twice"
}

@test "bad input: a repeated tag among tags in order, and among more than 16" {
	seeded
	input bad.csv 'name,region,formed,sectors\nKIM A,99.01.01.2003,2020-01-01,pertanian;umkm;umkm\n'
	import_refused bad.csv "../bad.csv:2:4: sectors: tag 'umkm' is given twice"
	many="t01;t02;t03;t04;t05;t06;t07;t08;t09;t10;t11;t12;t13;t14;t15;t16;t17;t18"
	input bad.csv "name,region,formed,sectors\nKIM A,99.01.01.2003,2020-01-01,$many;t03\n"
	import_refused bad.csv "../bad.csv:2:4: sectors: tag 't03' is given twice"
	input bad.csv "name,region,formed,sectors\nKIM A,99.01.01.2003,2020-01-01,t18;$many\n"
	import_refused bad.csv "../bad.csv:2:4: sectors: tag 't18' is given twice"
	input ok.csv "name,region,formed,sectors\nKIM A,99.01.01.2003,2020-01-01,$many\n"
	run -0 kim-register --as-of "$AS_OF" --no-commit --import ../ok.csv
	run -0 kim-list --fields sectors -f tsv -r 99.01.01.2003
	assert_line "$many"
}

@test "bad input: an unknown (misspelt) column" {
	seeded
	input bad.csv 'name,region,formed,statsu\nKIM A,99.01.01.2003,2020-01-01,aktif\n'
	import_refused bad.csv "../bad.csv:1:4: unknown column 'statsu' (the columns are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids, or the other names of kim-data(5); --ignore-columns leaves such columns out)"
}

@test "bad input: a column named twice" {
	seeded
	input bad.csv 'name,region,formed,name\nKIM A,99.01.01.2003,2020-01-01,KIM B\n'
	import_refused bad.csv "../bad.csv:1:4: column 'name' is given twice"
}

@test "bad input: a header without a required column" {
	seeded
	input bad.csv 'name,formed\nKIM A,2020-01-01\n'
	import_refused bad.csv "../bad.csv:1: the header has no column 'region' (name, region and formed are required)"
}

@test "bad input: a ;-delimited file with a mistake on line 7" {
	seeded
	input bad.csv 'name;region;formed;members;sectors\nKIM S1;99.01.01.2003;2020-01-01;1;"umkm;pertanian"\nKIM S2;99.01.01.2003;2020-01-02;2;"umkm;pertanian"\nKIM S3;99.01.01.2003;2020-01-03;3;umkm\nKIM S4;99.01.01.2003;2020-01-04;4;umkm\nKIM S5;99.01.01.2003;2020-01-05;5;umkm\nKIM S6;99.01.01.2003;2020-01-06;enam;umkm\nKIM S7;99.01.01.2003;2020-01-07;7;umkm\n'
	import_refused bad.csv "../bad.csv:7:4: members: 'enam' is not a whole number >= 0"
}

@test "bad input: the line is the physical line the record starts on, after a multi-line field" {
	seeded
	input bad.csv 'name,region,formed,notes\r\nKIM V,99.01.01.2003,2020-01-01,"baris satu\r\nbaris dua"\r\nKIM W,99.01.01.2003,2020-02-30,\r\n'
	import_refused bad.csv "../bad.csv:4:3: formed: '2020-02-30' is not a real date (expected YYYY-MM-DD)"
}

@test "bad input: an empty file" {
	seeded
	input empty.csv ''
	import_refused empty.csv '../empty.csv: empty file: expected a header line (name,region,formed,...)'
}

@test "bad input: a JSON Lines file with a syntax error on line 2" {
	seeded
	input bad.jsonl '{"name":"KIM A","region":"99.01.01.2003","formed":"2020-01-01"}\n{"name":"KIM B","region":"99.01.01.2003" "formed":"2020-01-01"}\n'
	import_refused bad.jsonl "../bad.jsonl:2:49: not JSON: '}' expected near '\"formed\"'"
}

@test "bad input: JSON members as a string of letters" {
	seeded
	input bad.jsonl '{"name":"KIM A","region":"99.01.01.2003","formed":"2020-01-01","members":"lima"}\n'
	import_refused bad.jsonl "../bad.jsonl:1:64: members: 'lima' is not a whole number >= 0"
}

@test "bad input: JSON members as a fraction" {
	seeded
	input bad.jsonl '{"name":"KIM A","region":"99.01.01.2003","formed":"2020-01-01","members":3.5}\n'
	import_refused bad.jsonl '../bad.jsonl:1:64: members: expected a whole number or null'
}

@test "bad input: JSON sectors as an object" {
	seeded
	input bad.jsonl '{"name":"KIM A","region":"99.01.01.2003","formed":"2020-01-01","sectors":{"umkm":true}}\n'
	import_refused bad.jsonl '../bad.jsonl:1:64: sectors: expected an array of tags, a string or null'
}

@test "bad input: an unknown JSON key" {
	seeded
	input bad.jsonl '{"name":"KIM A","region":"99.01.01.2003","formed":"2020-01-01","statsu":"aktif"}\n'
	import_refused bad.jsonl "../bad.jsonl:1:64: unknown key 'statsu' (the keys are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids)"
}

@test "bad input: a JSON array as kim-list -f json prints it names the line of the bad object" {
	seeded
	input bad.json '[\n{"name":"KIM A","region":"99.01.01.2003","formed":"2020-01-01"},\n{"name":"KIM B","region":"99.01.01.2003","formed":"2023-02-30"}\n]\n'
	local before
	before=$(checksum_data "$KIM_DATA")
	run -3 --separate-stderr reg --import ../bad.json
	assert_output ''
	# kim-data(5): the line on which the object starts; the second object is on line 3
	assert_regex "${stderr_lines[0]}" "^kim-register: \.\./bad\.json:3(:[0-9]+)?: formed: '2023-02-30' is not a real date \(expected YYYY-MM-DD\)$"
	assert_equal "${stderr_lines[-1]}" 'kim-register: nothing was written: 1 problem'
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "bad input: 1,000 rows with one impossible date on row 537 write nothing and name line 538" {
	seeded
	awk 'BEGIN {
		print "name,region,formed,members"
		for (i = 1; i <= 1000; i++)
			printf "KIM Batch %d,99.02.02.2002,%s,%d\n", i,
			    i == 537 ? "2023-02-30" : "2020-03-01", i
	}' >"$(kim_tmp)/batch.csv"
	import_refused batch.csv "../batch.csv:538:3: formed: '2023-02-30' is not a real date (expected YYYY-MM-DD)"
}

@test "bad input: formed after registered in an imported record with an id" {
	seeded
	input bad.csv 'id,name,region,formed,registered,updated\n99.01.01.2003-4,KIM A,99.01.01.2003,2021-01-01,2020-05-01,2020-06-01\n'
	import_refused bad.csv '../bad.csv:2:4: formed: 2021-01-01 is after the day it was registered, 2020-05-01'
}

@test "bad input: updated before registered in an imported record with an id" {
	seeded
	input bad.csv 'id,name,region,formed,registered,updated\n99.01.01.2003-4,KIM A,99.01.01.2003,2019-01-01,2020-05-01,2020-04-01\n'
	import_refused bad.csv '../bad.csv:2:6: updated: 2020-04-01 is before the day it was registered, 2020-05-01'
}

@test "bad input: a control character in a name" {
	seeded
	input bad.csv 'name,region,formed\nKIM \x01A,99.01.01.2003,2020-01-01\n'
	import_refused bad.csv '../bad.csv:2:1: name: contains a control character (a line break is allowed only in notes)'
}

@test "bad input: a line break in a name" {
	seeded
	input bad.csv 'name,region,formed\n"KIM\nA",99.01.01.2003,2020-01-01\n'
	import_refused bad.csv '../bad.csv:2:1: name: contains a control character (a line break is allowed only in notes)'
}

@test "bad input: a control character in a JSON name" {
	seeded
	input bad.jsonl '{"name":"KIM\\u0007A","region":"99.01.01.2003","formed":"2020-01-01"}\n'
	import_refused bad.jsonl '../bad.jsonl:1:2: name: contains a control character (a line break is allowed only in notes)'
}

@test "bad input: a control character given with --name" {
	seeded
	refused '--name: contains a control character (a line break is allowed only in notes)' -- \
		reg --name $'KIM\tA' --region 99.01.01.2003 --formed 2020-01-01
}

@test "bad input: a future --formed and an unknown --region when adding" {
	seeded
	# kim-register(1): every problem is followed by "nothing was written"
	refused "--region: 99.01.01.2009 is not in $KIM_DATA/wilayah.csv" \
		'--formed: 2024-07-01 is after the as-of date 2024-06-30' -- \
		reg --name 'KIM A' --region 99.01.01.2009 --formed 2024-07-01
}

@test "adding reads its province's rows of wilayah.csv: a problem in another province's does not stop it, one in its own does, with its line" {
	seeded
	# province 98: a bad code, and a name holding a line break that
	# looks like a row of province 99 (a quoted field is no row)
	sed -i '6a 98.01.01.9001,Rusak,desa\n98.01.01.2003,"Dua\n99.01.01.2009,Palsu",desa' wilayah.csv
	run -0 reg --name 'KIM Baru' --region 99.01.01.2003 --formed 2020-01-01
	assert_output 99.01.01.2003-1
	refused "--region: 99.01.01.2009 is not in $KIM_DATA/wilayah.csv" -- \
		reg --name 'KIM Palsu' --region 99.01.01.2009 --formed 2020-01-01
	run -1 kim-check --as-of "$AS_OF"
	assert_line --index 0 "$KIM_DATA/wilayah.csv:7:1: '98.01.01.9001' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)"
	# province 99: the whole file is read, and the problem told in it
	cp "$KIM_TOP/tests/fixtures/wilayah.csv" . &&
		printf '%s\n' '99.01.01.9001,Rusak,desa' >>wilayah.csv
	stopped "$KIM_DATA/wilayah.csv:34:1: '99.01.01.9001' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)" -- \
		reg --name 'KIM Lain' --region 99.01.01.2002 --formed 2020-01-01
}

@test "adding: a row of another province that cannot be read as CSV stops it, told as for the whole file" {
	seeded
	# a stray quote: reading stops there, so province 99's rows after it
	# would be missing; the quoting is told, not a region not in the list
	sed -i '6a 98.01.01.2003,Ru"sak,desa' wilayah.csv
	stopped "$KIM_DATA/wilayah.csv:7:2: malformed quoting: a quote inside an unquoted field, or text after a closing quote" -- \
		reg --name 'KIM Baru' --region 99.01.01.2003 --formed 2020-01-01
	sed -i '7s/.*/98.01.01.2003,Rusak,desa,lebih/' wilayah.csv
	stopped "$KIM_DATA/wilayah.csv:7:4: 4 fields, the header has 3" -- \
		reg --name 'KIM Baru' --region 99.01.01.2003 --formed 2020-01-01
}

@test "adding with wilayah.csv's code not in the first column finds its province's rows by the code column" {
	mkdata
	printf '%s\n' name,code 'Provinsi Uji,99' 'Kabupaten Uji Satu,99.01' \
		'Sukamaju,99.01.01' 'Karang Anyar,99.01.01.2003' >wilayah.csv
	run -0 reg --name 'KIM Baru' --region 99.01.01.2003 --formed 2020-01-01
	assert_output 99.01.01.2003-1
	refused "--region: 99.01.01.2009 is not in $KIM_DATA/wilayah.csv" -- \
		reg --name 'KIM Palsu' --region 99.01.01.2009 --formed 2020-01-01
}

@test "bad input: a broken record already in the register file stops a write to that file" {
	seeded
	printf '%s\n' '99.01.01.2002-1,KIM Rusak,99.01.01.2002,2023-02-30,,,,,,,aktif,,,,2024-06-30,2024-06-30,' >>kim/99.01.csv
	refused "$KIM_DATA/kim/99.01.csv:3:4: formed: '2023-02-30' is not a real date (expected YYYY-MM-DD)" -- \
		reg --name 'KIM Baru' --region 99.01.01.2003 --formed 2020-01-01
}

@test "bad input into a fresh folder writes no register file (only the empty .kim.lock may appear)" {
	mkdata
	input bad.csv 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01\nKIM B,99.71.01.1001,2023-02-30\n'
	run -3 --separate-stderr reg --import ../bad.csv
	assert_output ''
	assert_equal "$stderr" "kim-register: ../bad.csv:3:3: formed: '2023-02-30' is not a real date (expected YYYY-MM-DD)
kim-register: nothing was written: 1 problem"
	run ls -A kim
	assert_output ''
	run ls -A
	assert_output ".kim.lock
kim
wilayah.csv"
	[ ! -s .kim.lock ] || fail ".kim.lock is not empty"
}

# ---------------------------------------------------------------------------
# Crash safety (KIM_CRASH_AT, a hook of lib/kim_store.c, kills the writer at
# a named point with SIGKILL)

# crash_import POINT: in the seeded folder, an import spanning kim/99.01.csv
# and kim/99.71.csv, killed at POINT.
crash_import() {
	input two.csv 'name,region,formed\nKIM A,99.01.01.2003,2020-01-01\nKIM B,99.71.01.1001,2020-01-01\n'
	run -137 env KIM_CRASH_AT="$1" kim-register --as-of "$AS_OF" --import ../two.csv
}

# assert_import_complete: both records of the crashed import are in place and
# nothing of the write is left over.
assert_import_complete() {
	run ls -A kim
	assert_output "99.01.csv
99.02.csv
99.71.csv"
	run cut -d, -f1,2 kim/99.01.csv kim/99.71.csv
	assert_output "id,name
99.01.01.2001-1,KIM Maju
99.01.01.2003-1,KIM A
id,name
99.71.01.1001-1,KIM B"
	run kim-check --as-of "$AS_OF"
	assert_success
	assert_output ''
}

@test "crash after the temporary files, before the journal: the next writer removes them, the register is as before" {
	seeded
	local before
	before=$(checksum_data "$KIM_DATA")
	crash_import after-temp
	run reg -n --name 'KIM C' --region 99.02.02.2001 --formed 2020-01-01
	assert_success
	assert_output 99.02.02.2001-1
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "crash after the journal of a two-file import: the next writer (even with -n) completes it" {
	seeded
	crash_import after-journal
	[ -f kim/.txn ] || fail "no kim/.txn after the crash"
	run reg -n --name 'KIM C' --region 99.02.02.2001 --formed 2020-01-01
	assert_success
	assert_output 99.02.02.2001-1
	assert_import_complete
}

@test "crash between the renames of a two-file import: the next writer completes it, never half an import" {
	seeded
	crash_import after-rename
	[ -f kim/.txn ] || fail "no kim/.txn after the crash"
	run reg -n --name 'KIM C' --region 99.02.02.2001 --formed 2020-01-01
	assert_success
	assert_output 99.02.02.2001-1
	assert_import_complete
}

# ---------------------------------------------------------------------------
# Concurrency

@test "20 writers in parallel: all succeed, 20 distinct ids 1..20, and kim-check is clean" {
	mkdata
	local i pids=() t
	t=$(kim_tmp)
	for i in $(seq 20); do
		kim-register --as-of "$AS_OF" --wait 60 --name "KIM Paralel $i" \
			--region 99.71.02.1001 --formed 2020-01-01 >"$t/out.$i" 2>"$t/err.$i" 3>&- &
		pids+=($!)
	done
	for i in $(seq 20); do
		wait "${pids[i - 1]}" || fail "writer $i exited $?: $(cat "$t/err.$i")"
		[ ! -s "$t/err.$i" ] || fail "writer $i wrote to stderr: $(cat "$t/err.$i")"
	done
	run sh -c "cat '$t'/out.* | sort -t- -k2n"
	assert_output "$(for i in $(seq 20); do echo "99.71.02.1001-$i"; done)"
	run sh -c "tail -n +2 kim/99.71.csv | cut -d, -f1"
	assert_output "$(for i in $(seq 20); do echo "99.71.02.1001-$i"; done)"
	run sh -c "tail -n +2 kim/99.71.csv | cut -d, -f2 | sort -u | wc -l"
	assert_output 20
	run kim-check --as-of "$AS_OF"
	assert_success
	assert_output ''
}

# ---------------------------------------------------------------------------
# The national region list

@test "national: KIM in Tabanan villages, its kecamatan, the kabupaten and Bali go to kim/51.02.csv and kim/51.csv" {
	need_national
	mkdata_national
	run reg --name 'KIM Bajera' --region 51.02.01.2001 --formed 2015-03-01
	assert_success
	assert_output 51.02.01.2001-1
	run reg --name 'KIM Wanagiri' --region 51.02.01.2002 --formed 2016-04-01 --sectors 'umkm;pariwisata;pertanian'
	assert_output 51.02.01.2002-1
	run reg --name 'KIM Selemadeg' --region 51.02.01 --formed 2017-05-01
	assert_output 51.02.01-1
	run reg --name 'KIM Kabupaten Tabanan' --region 51.02 --formed 2018-06-01
	assert_output 51.02-1
	run reg --name 'KIM Provinsi Bali' --region 51 --formed 2019-07-01
	assert_output 51-1
	run ls kim
	assert_output "51.02.csv
51.csv"
	run cat kim/51.02.csv
	assert_output "$HEADER
51.02-1,KIM Kabupaten Tabanan,51.02,2018-06-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,
51.02.01-1,KIM Selemadeg,51.02.01,2017-05-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,
51.02.01.2001-1,KIM Bajera,51.02.01.2001,2015-03-01,,,,,,,aktif,,,,2024-06-30,2024-06-30,
51.02.01.2002-1,KIM Wanagiri,51.02.01.2002,2016-04-01,,,,,,umkm;pariwisata;pertanian,aktif,,,,2024-06-30,2024-06-30,"
	run kim-list --as-of "$AS_OF" -f csv --fields id,desa,kecamatan,kabupaten,provinsi -r 51.02.01
	assert_success
	assert_output "id,desa,kecamatan,kabupaten,provinsi
51.02.01-1,,Selemadeg,Kabupaten Tabanan,Bali
51.02.01.2001-1,Bajera,Selemadeg,Kabupaten Tabanan,Bali
51.02.01.2002-1,Wanagiri,Selemadeg,Kabupaten Tabanan,Bali"
	run kim-check --as-of "$AS_OF"
	assert_success
	assert_output ''
}

@test "national: a code of valid shape that is not in the national list is refused" {
	need_national
	mkdata_national
	reg --name 'KIM Bajera' --region 51.02.01.2001 --formed 2015-03-01 >/dev/null
	input bad.csv 'name,region,formed\nKIM Wanagiri,51.02.01.2002,2016-04-01\nKIM Entah,51.02.01.2999,2015-03-01\n'
	import_refused bad.csv "../bad.csv:3:2: region: 51.02.01.2999 is not in $KIM_DATA/wilayah.csv"
}

# ---------------------------------------------------------------------------
# Round trip: kim-list output fed to --import rebuilds the same files

# varied_register: a register of ten KIM with awkward text, every status,
# every level, sectors, a multi-line note, and a history of changes.
# shellcheck disable=SC1112 # the ’ in Tu’a is part of the name, as in wilayah.csv
varied_register() {
	kim-register --as-of 2023-01-10 --name 'KIM Maju, Bersama' --region 99.01.01.2001 \
		--formed 2015-04-01 --sk 007/SK/2015 --chair 'Rina "Ibu" Marlina' --members 16 \
		--sectors 'kesehatan;umkm' --website https://maju.kim.id --contact 0857-0000-7102 \
		--verified 2023-01-10 &&
	kim-register --as-of 2023-02-10 --name 'KIM "Suara Wanasari"' --region 99.01.01.2001 \
		--formed 2016-01-01 --notes $'baris satu\nbaris dua, dan "tiga"' &&
	kim-register --as-of 2023-03-10 --name ' KIM Spasi ' --region 99.01.01.2002 \
		--formed 2017-01-01 --status nonaktif --members 0 &&
	kim-register --as-of 2023-03-11 --name 'KIM Bubar' --region 99.01.02.1001 \
		--formed 2010-01-01 --status bubar --sectors literasi &&
	kim-register --as-of 2023-03-12 --name 'KIM Tu’a Lama' --region 99.02.02.2001 \
		--formed 2018-05-05 --sectors 'umkm;pariwisata;pertanian' --treasurer Wayan --secretary Made &&
	kim-register --as-of 2023-03-13 --name 'KIM Kota' --region 99.71 --formed 2019-01-01 &&
	kim-register --as-of 2023-03-14 --name 'KIM Provinsi' --region 99 --formed 2019-01-01 &&
	kim-register --as-of 2023-03-15 --name 'KIM Kecamatan' --region 99.71.01 \
		--formed 2019-01-01 --notes 'catatan; dengan titik koma' &&
	kim-register --as-of 2023-03-16 --name 'KIM Adat' --region 99.02.01.3001 --formed 2019-01-01 &&
	kim-register --as-of 2023-03-16 --name 'KIM Kedua' --region 99.01.01.2001 --formed 2019-01-01 &&
	kim-register --as-of 2024-01-01 --deactivate 99.71-1 &&
	kim-register --as-of 2024-02-01 --update 99.01.01.2001-2 --members 30 &&
	kim-register --as-of 2024-03-01 --dissolve 99.01.01.2001-3
}

# round_trip FMT: kim-list -f FMT of the varied register, imported into an
# empty folder with the same wilayah.csv, gives the same files byte for byte.
round_trip() {
	local fmt=$1 copy
	mkdata
	varied_register >/dev/null || fail "cannot build the register"
	run kim-check --as-of "$AS_OF"
	assert_success
	copy="$(kim_tmp)/copy"
	mkdir -p "$copy/kim" && cp wilayah.csv "$copy/" || fail "cannot make $copy"
	run --separate-stderr sh -c "kim-list --as-of $AS_OF -f $fmt | kim-register --as-of $AS_OF -d '$copy' --import -"
	assert_success
	assert_equal "$stderr" ''
	assert_equal "${#lines[@]}" 10
	run diff -r kim "$copy/kim"
	assert_success
	assert_output ''
}

@test "round trip: kim-list -f jsonl | kim-register --import - rebuilds the same files" {
	round_trip jsonl
}

@test "round trip: kim-list -f csv | kim-register --import - rebuilds the same files" {
	round_trip csv
}

@test "round trip: kim-list -f json | kim-register --import - rebuilds the same files" {
	round_trip json
}

# ---------------------------------------------------------------------------
# Found by a first-time user

@test "--verify ID --verified DATE records a field visit of another day" {
	seeded
	run reg --verify 99.01.01.2001-1 --verified 2024-06-01
	assert_success
	assert_output 99.01.01.2001-1
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,aktif,,,2024-06-01,2024-06-30,2024-06-30,'
}

@test "a name that differs only by blanks is the same name; blanks around values go" {
	seeded
	refused "--name: 'kim  maju' is already a KIM in 99.01.01.2001: 99.01.01.2001-1" \
		-- reg --name '  kim  maju ' --region 99.01.01.2001 --formed 2021-01-01
	run reg --name ' KIM Baru ' --region 99.01.01.2001 --formed 2021-01-01 --sk ' 12/2021 '
	assert_output 99.01.01.2001-2
	run record 99.01.01.2001-2
	assert_output '99.01.01.2001-2,KIM Baru,99.01.01.2001,2021-01-01,12/2021,,,,,,aktif,,,,2024-06-30,2024-06-30,'
}

@test "bad input: a header with several wrong columns names every one of them" {
	seeded
	input bad.csv 'Nmae;region;formed;statsu\nKIM X;99.01.01.2002;2022-02-30;a\n'
	import_refused bad.csv \
		"../bad.csv:1:1: unknown column 'Nmae' (the columns are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids, or the other names of kim-data(5); --ignore-columns leaves such columns out)" \
		"../bad.csv:1:4: unknown column 'statsu' (the columns are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids, or the other names of kim-data(5); --ignore-columns leaves such columns out)" \
		"../bad.csv:1: the header has no column 'name' (name, region and formed are required)"
}

@test "bad register: a NUL byte in a register file is named and nothing is written" {
	seeded
	printf '99.01.01.2002-1,KIM Dua\0tail,99.01.01.2002,2020-01-15,,,,,,,aktif,,,,2024-06-30,2024-06-30,\n' >>kim/99.01.csv
	refused "$KIM_DATA/kim/99.01.csv:3:2: contains a NUL byte (the file is not text)" \
		-- reg --update 99.01.01.2001-1 --members 8
}

@test "bad register: the lines after a quoted field with a NUL and a line break keep their numbers" {
	seeded
	printf '99.01.01.2002-1,"KIM\0\nDua",99.01.01.2002,2020-01-15,,,,,,,aktif,,,,2024-06-30,2024-06-30,\n' >>kim/99.01.csv
	sed -n 2p kim/99.01.csv >>kim/99.01.csv
	refused "$KIM_DATA/kim/99.01.csv:3:2: contains a NUL byte (the file is not text)" \
		"$KIM_DATA/kim/99.01.csv:5:1: id: 99.01.01.2001-1 is also on line 2 of $KIM_DATA/kim/99.01.csv" \
		"name: 'KIM Maju' is already a KIM in 99.01.01.2001: 99.01.01.2001-1" \
		-- reg --update 99.01.01.2001-1 --members 8
}

@test "bad register: an id twice in a register file blocks every write to it" {
	seeded
	sed -n 's/KIM Maju/KIM Lain/; 2p' kim/99.01.csv >>kim/99.01.csv
	refused "$KIM_DATA/kim/99.01.csv:3:1: id: 99.01.01.2001-1 is also on line 2 of $KIM_DATA/kim/99.01.csv" \
		-- reg --update 99.01.01.2001-1 --members 9
}

@test "bad register: a record in another kabupaten's file blocks every write to that file" {
	seeded
	sed -n 2p kim/99.02.csv >>kim/99.01.csv
	refused "$KIM_DATA/kim/99.01.csv:3:3: region: a KIM of 99.02.01.2001 belongs in kim/99.02.csv, not kim/99.01.csv" \
		-- reg --name 'KIM Baru' --region 99.01.01.2002 --formed 2021-01-01
}

@test "--update changes only the fields given: blanks kept in the others" {
	seeded
	reg --update 99.01.01.2001-1 --notes '  indented  ' >/dev/null
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,,,aktif,,,,2024-06-30,2024-06-30,indented'
	# a hand edit with blanks the register keeps (quoted, so they are data)
	sed -i 's/,indented$/," indented note  "/' kim/99.01.csv
	reg --update 99.01.01.2001-1 --members 5 >/dev/null
	run record 99.01.01.2001-1
	assert_output '99.01.01.2001-1,KIM Maju,99.01.01.2001,2020-01-15,,,,,5,,aktif,,,,2024-06-30,2024-06-30," indented note  "'
}

@test "a JSON array on one line is read object by object, positions on that line" {
	seeded
	input in.json '[{"name":"KIM Satu","region":"99.71.02.1001","formed":"2019-01-01"},{"name":"KIM Dua","region":"99.71.02.1001","formed":"2019-02-30"}]\n'
	import_refused in.json "../in.json:1:112: formed: '2019-02-30' is not a real date (expected YYYY-MM-DD)"
}

@test "a reader completes an interrupted two-file import before it reads" {
	seeded
	crash_import after-journal
	[ -f kim/.txn ] || fail "no kim/.txn after the crash"
	run kim-list --as-of "$AS_OF" -c
	assert_output 4
	[ ! -e kim/.txn ] || fail "kim/.txn is still there"
	assert_import_complete
}

@test "bad input: sectors separated by commas get a hint" {
	seeded
	refused "--sectors: 'pertanian-,-pariwisata' is not a tag: tags are separated by ';', not ',' (e.g. umkm;pariwisata)" \
		-- reg --name 'KIM Koma' --region 99.01.01.2002 --formed 2021-01-01 --sectors 'pertanian , pariwisata'
}

@test "a register file that differs in form only (BOM, CR LF, TAB, rows out of order) is rewritten in the canonical form by the next change" {
	mkdata
	local n
	for n in 1 2 3; do
		reg --name "KIM $n" --region 99.01.01.200$n --formed 2020-01-0$n --sectors 'umkm;literasi' >/dev/null
	done
	mkdir ../canonical && cp -R kim wilayah.csv ../canonical/
	# as a spreadsheet saves it: BOM, TAB, CR LF, the rows sorted the other way
	{ printf '\xef\xbb\xbf'; head -1 kim/99.01.csv; tail -n +2 kim/99.01.csv | sort -r; } |
		tr ',' '\t' | sed 's/$/\r/' >../form.csv
	mv ../form.csv kim/99.01.csv
	run -1 kim-check --as-of $AS_OF
	assert_line --partial 'records are sorted by region, then by the number of the id'
	run -0 --separate-stderr reg --update 99.01.01.2001-1 --chair Budi
	assert_output 99.01.01.2001-1
	assert_equal "$stderr" ''
	# the same change to the canonical file gives the same bytes
	run -0 reg -d ../canonical --update 99.01.01.2001-1 --chair Budi
	cmp kim/99.01.csv ../canonical/kim/99.01.csv
	run -0 kim-check --as-of $AS_OF
	assert_output ''
}

@test "a name over 200 characters is refused when written (exit 3, its place); one already in a file does not lock the record" {
	mkdata
	local long
	long="KIM $(printf 'a%.0s' {1..250})"
	run -3 kim-register --no-commit --as-of 2026-01-01 --name "$long" --region 99.01.01.2001 --formed 2020-01-01
	assert_line --index 0 'kim-register: --name: 254 characters: the limit is 200 (kim-data(5), LIMITS)'
	printf 'name,region,formed\n"%s",99.01.01.2002,2020-01-01\n' "$long" >in.csv
	run -3 kim-register --no-commit --as-of 2026-01-01 --import in.csv
	assert_line --index 0 'kim-register: in.csv:2:1: name: 254 characters: the limit is 200 (kim-data(5), LIMITS)'
	[ ! -e kim/99.01.csv ]
	printf '%s\n' id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes \
		"99.01.01.2001-1,$long,99.01.01.2001,2020-01-01,,,,,,,aktif,,,,2025-01-01,2025-01-01," >kim/99.01.csv
	run -0 kim-register --no-commit --as-of 2026-01-01 --update 99.01.01.2001-1 --sk 1/2020
	run -3 kim-register --no-commit --as-of 2026-01-01 --update 99.01.01.2001-1 --notes "$(printf 'n%.0s' {1..2001})"
	assert_line --index 0 'kim-register: --notes: 2001 characters: the limit is 2000 (kim-data(5), LIMITS)'
}

@test "a name over 200 characters already in a file: readers and kim-check warn, read it and exit 0 (issue 19 item 7)" {
	mkdata
	export KIM_DATA=.
	local long hdr warn
	long="KIM $(printf 'a%.0s' {1..250})"
	hdr=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes
	printf '%s\n' "$hdr" "99.01.01.2001-1,$long,99.01.01.2001,2020-01-01,,,,,,,aktif,,,,2025-01-01,2025-01-01," >kim/99.01.csv
	printf '%s\n' "$hdr" "99.02.01.2001-1,KIM Dua,99.02.01.2001,2020-01-01,,,,,,,aktif,,,,2025-01-01,2025-01-01," >kim/99.02.csv
	printf '{"name": "r", "criteria": [{"field": "status", "is": ["aktif"]}]}\n' >r.json
	warn='kim/99.01.csv:2:2: warning: name: 254 characters: the limit is 200 (kim-data(5), LIMITS); read as it is'
	for cmd in 'kim-list' 'kim-list -c' 'kim-eligible --rules r.json -c' 'kim-coverage' 'kim-report -f md'; do
		run --separate-stderr $cmd --as-of 2026-01-01
		assert_success
		assert_equal "$stderr" "${cmd%% *}: $warn"
	done
	run --separate-stderr kim-list -c --as-of 2026-01-01
	assert_output 2
	run --separate-stderr kim-list --fields id --as-of 2026-01-01 kim/99.01.csv
	assert_success
	assert_output $'id\n99.01.01.2001-1'
	assert_equal "$stderr" "kim-list: $warn"
	run --separate-stderr kim-list -c --as-of 2026-01-01 --lang id
	assert_equal "$stderr" 'kim-list: kim/99.01.csv:2:2: peringatan: name: 254 karakter: batasnya 200 (kim-data(5), LIMITS); dibaca apa adanya'
	run --separate-stderr kim-check --as-of 2026-01-01
	assert_success
	assert_output "$warn"
	assert_equal "$stderr" ''
}

@test "a field of 100 characters already in a file is read without a warning, one of 101 with one (the least limit, sk's)" {
	mkdata
	export KIM_DATA=.
	local hdr warn
	hdr=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes
	printf '%s\n' "$hdr" "99.01.01.2001-1,KIM Satu,99.01.01.2001,2020-01-01,$(printf '1%.0s' {1..100}),,,,,,aktif,,,,2025-01-01,2025-01-01," \
		"99.01.01.2001-2,KIM Dua,99.01.01.2001,2020-01-01,$(printf '2%.0s' {1..101}),,,,,,aktif,,,,2025-01-01,2025-01-01," >kim/99.01.csv
	warn='kim/99.01.csv:3:5: warning: sk: 101 characters: the limit is 100 (kim-data(5), LIMITS); read as it is'
	run --separate-stderr kim-list -c --as-of 2026-01-01
	assert_success
	assert_output 2
	assert_equal "$stderr" "kim-list: $warn"
	run --separate-stderr kim-check --as-of 2026-01-01
	assert_success
	assert_output "$warn"
	assert_equal "$stderr" ''
}
