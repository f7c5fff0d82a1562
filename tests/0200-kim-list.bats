#!/usr/bin/env bats
# kim-list: selecting and printing KIM records.
#
# Most cases read the listing register built by setup: nine KIM written in
# canonical form into a mkdata folder (tests/fixtures/wilayah.csv), at every
# level from province to village, so every answer below can be worked out by
# hand. Every case pins the day with --as-of.

load test_helper

ASOF=2023-06-21

HEADER=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes

# The listing register, in register order (kim/98.01.csv, kim/99.csv,
# kim/99.01.csv, kim/99.02.csv, kim/99.71.csv).
SIDOREJO='98.01.01.2001-1,KIM Sidorejo,98.01.01.2001,2019-03-10,,,,,15,literasi,aktif,,,2023-06-01,2022-01-03,2023-06-01,'
PROV='99-1,KIM Provinsi Uji,99,2011-01-01,489/1/2011,,,,40,literasi;pendidikan,aktif,https://provuji.kim.id,,2022-06-21,2022-01-03,2022-06-21,'
KAB='99.01-1,KIM Kabupaten Uji Satu,99.01,2012-05-02,,,,,30,literasi;umkm,aktif,,,2022-06-22,2022-01-03,2022-06-22,'
MAJU='99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,Ani,,,12,umkm;pertanian,aktif,,0812-0000-0001,2023-05-01,2022-01-03,2023-05-01,'
MUDA='99.01.01.2001-2,KIM Maju Muda,99.01.01.2001,2020-01-15,,,,,9,literasi,nonaktif,,,,2022-01-03,2022-01-03,-'
HILIR='99.01.01.2002-1,KIM Sukamaju Hilir,99.01.01.2002,2016-02-29,,,,,12,umkm;pariwisata;pertanian,aktif,,,2022-01-03,2022-01-03,2022-01-03,=1+1'
TANJUNG='99.01.02.1001-1,Komunitas Informasi Masyarakat Tanjung,99.01.02.1001,2015-04-01,,,,,100,pertanian-organik,bubar,,,2022-01-03,2022-01-03,2022-03-01,"Dibubarkan, anggota pindah"'
TUA='99.02.02.2001-1,KIM Tu’a Lama,99.02.02.2001,2018-06-22,,,,,7,umkm;pariwisata,aktif,,,,2022-01-03,2022-01-03,@kimtualama'
KOTA='99.71-1,KIM Kota Uji,99.71,2010-10-20,,,,,28,literasi;umkm,nonaktif,,+62 21 0000 0009,2023-01-10,2022-01-03,2023-01-10,'

# regfile FILE ROW...: write FILE of the data folder as the register would:
# its header, then the ROWs.
regfile() {
	local file=$1
	shift
	printf '%s\n' "$HEADER" "$@" >"$KIM_DATA/$file" || fail "regfile: cannot write $file"
}

# assert_usage_error MESSAGE: the last run (with --separate-stderr) was a
# usage error: exit 2, nothing on stdout, MESSAGE then the usage on stderr.
assert_usage_error() {
	assert_failure 2
	assert_output ""
	assert_equal "${stderr_lines[0]}" "$1"
	assert_equal "${stderr_lines[1]}" "usage: kim-list [-c] [-r PREFIX]... [--id ID]... [--status LIST] [--sector TAG]..."
}

# assert_same_bytes GOT WANT: the files GOT and WANT hold the same bytes
# (shown with od -c when not).
assert_same_bytes() {
	assert_equal "$(od -An -c <"$1")" "$(od -An -c <"$2")"
}

setup() {
	mkdata
	regfile kim/98.01.csv "$SIDOREJO"
	regfile kim/99.csv "$PROV"
	regfile kim/99.01.csv "$KAB" "$MAJU" "$MUDA" "$HILIR" "$TANJUNG"
	regfile kim/99.02.csv "$TUA"
	regfile kim/99.71.csv "$KOTA"
}

# --- the whole register ----------------------------------------------------

@test "without options kim-list prints every record in register order" {
	run --separate-stderr kim-list --as-of $ASOF
	assert_success
	assert_output - <<EOF
$HEADER
$SIDOREJO
$PROV
$KAB
$MAJU
$MUDA
$HILIR
$TANJUNG
$TUA
$KOTA
EOF
	assert_equal "$stderr" ""
}

@test "kim-list changes nothing in the data folder (but may create an empty .kim.lock)" {
	local before
	before=$(checksum_data "$KIM_DATA")
	run kim-list --as-of $ASOF -f json
	assert_success
	if [ -e .kim.lock ]; then
		assert [ ! -s .kim.lock ]
		rm .kim.lock
	fi
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "a bad record in the register is reported, nothing is printed, and exit 3" {
	regfile kim/99.02.csv "$TUA" '99.02.02.2002-1,KIM Bukit,99.02.02.2002,2023-02-29,,,,,5,,aktif,,,,2022-01-03,2022-01-03,'
	run --separate-stderr kim-list --as-of $ASOF -r 99.02 --fields id,name
	assert_failure 3
	assert_output ''
	assert_equal "$stderr" "kim-list: $KIM_DATA/kim/99.02.csv:3:4: formed: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
}

@test "a problem in wilayah.csv is exit 3" {
	echo '99.01.01.2001,Sukamaju Lagi,desa' >>wilayah.csv
	run --separate-stderr kim-list --as-of $ASOF -c
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-list: $KIM_DATA/wilayah.csv:34:1: region 99.01.01.2001 is listed twice"
}

# --- -r/--region -------------------------------------------------------------

@test "-r PREFIX selects the region itself and everything inside it" {
	run kim-list --as-of $ASOF -r 99.01 --fields id
	assert_success
	assert_output - <<'EOF'
id
99.01-1
99.01.01.2001-1
99.01.01.2001-2
99.01.01.2002-1
99.01.02.1001-1
EOF
}

@test "-r with a province code selects the whole province and no other" {
	run kim-list --as-of $ASOF -r 98 --fields id
	assert_success
	assert_output - <<'EOF'
id
98.01.01.2001-1
EOF
}

@test "--region with a village code selects that village's KIM only" {
	run kim-list --as-of $ASOF --region 99.01.01.2001 --fields id
	assert_success
	assert_output - <<'EOF'
id
99.01.01.2001-1
99.01.01.2001-2
EOF
}

@test "-r given twice selects KIM in any of the regions" {
	run kim-list --as-of $ASOF -r 99.71 -r 99.01.02 --fields id
	assert_success
	assert_output - <<'EOF'
id
99.01.02.1001-1
99.71-1
EOF
}

# One office's broken file stops no other (issue 18 item 7): with -r only the
# register files that can hold the regions are read.
BUKIT='99.02.02.2002-1,KIM Bukit,99.02.02.2002,2023-02-29,,,,,5,,aktif,,,,2022-01-03,2022-01-03,'
PROVBAD='99-1,KIM Provinsi Uji,99,2011-13-01,489/1/2011,,,,40,literasi,aktif,,,2022-06-21,2022-01-03,2022-06-21,'

@test "-r reads only the files that can hold its regions: a bad record in another kabupaten's file or the province's stops nothing" {
	regfile kim/99.02.csv "$TUA" "$BUKIT"
	regfile kim/99.csv "$PROVBAD"
	run --separate-stderr kim-list --as-of $ASOF -r 99.01 -r 98 --fields id
	assert_success
	assert_output - <<'EOF'
id
98.01.01.2001-1
99.01-1
99.01.01.2001-1
99.01.01.2001-2
99.01.01.2002-1
99.01.02.1001-1
EOF
	assert_equal "$stderr" ""
	# counted on the reading threads, the same files
	run --separate-stderr kim-list --as-of $ASOF -r 99.01.01.2001 -c
	assert_success
	assert_output 2
	assert_equal "$stderr" ""
	# a region of the broken kabupaten reads its file, not the province's
	run --separate-stderr kim-list --as-of $ASOF -r 99.02.01 --fields id
	assert_failure 3
	assert_output ''
	assert_equal "$stderr" "kim-list: $KIM_DATA/kim/99.02.csv:3:4: formed: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
	# the province reads both, and so does the whole register
	for r in '-r 99' ''; do
		run --separate-stderr kim-list --as-of $ASOF $r -c
		assert_failure 3
		assert_equal "${#stderr_lines[@]}" 2
		assert_equal "${stderr_lines[0]}" "kim-list: $KIM_DATA/kim/99.csv:2:4: formed: '2011-13-01' is not a real date (expected YYYY-MM-DD)"
		assert_equal "${stderr_lines[1]}" "kim-list: $KIM_DATA/kim/99.02.csv:3:4: formed: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
	done
}

@test "-r with --at reads only the committed files that can hold its regions" {
	need_git
	git_isolate
	regfile kim/99.02.csv "$TUA" "$BUKIT"
	{ git init -q -b main . && git config user.name Uji &&
		git config user.email uji@example.org && git add . &&
		git commit -q -m register; } || fail "cannot commit the register"
	run --separate-stderr kim-list --as-of $ASOF --at HEAD -r 99.01.02 --fields id
	assert_success
	assert_output - <<'EOF'
id
99.01.02.1001-1
EOF
	assert_equal "$stderr" ""
	run --separate-stderr kim-list --as-of $ASOF --at HEAD -r 99.02 --fields id
	assert_failure 3
	assert_equal "$stderr" "kim-list: HEAD:kim/99.02.csv:3:4: formed: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
}

@test "-r 99.0, a part of a code, is a usage error: prefixes are whole codes" {
	run --separate-stderr kim-list --as-of $ASOF -r 99.0 --fields id
	assert_usage_error "kim-list: -r: '99.0' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)"
}

@test "-r with a code of a bad shape is a usage error" {
	run --separate-stderr kim-list --as-of $ASOF -r 99.01.01.20011
	assert_usage_error "kim-list: -r: '99.01.01.20011' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)"
}

# --- --status ----------------------------------------------------------------

@test "--status selects one status" {
	run kim-list --as-of $ASOF --status bubar --fields id,status
	assert_success
	assert_output - <<'EOF'
id,status
99.01.02.1001-1,bubar
EOF
}

@test "--status takes a comma-separated list" {
	run kim-list --as-of $ASOF --status nonaktif,bubar --fields id,status
	assert_success
	assert_output - <<'EOF'
id,status
99.01.01.2001-2,nonaktif
99.01.02.1001-1,bubar
99.71-1,nonaktif
EOF
}

@test "--status given twice: the lists add up" {
	run kim-list --as-of $ASOF --status bubar --status nonaktif --fields id
	assert_success
	assert_output - <<'EOF'
id
99.01.01.2001-2
99.01.02.1001-1
99.71-1
EOF
}

@test "--status with a word that is not a status is a usage error" {
	run --separate-stderr kim-list --as-of $ASOF --status aktif,foo
	assert_usage_error "kim-list: --status: 'foo' is not one of aktif, nonaktif, bubar"
}

# --- --sector ----------------------------------------------------------------

@test "--sector selects KIM working in that sector" {
	run kim-list --as-of $ASOF --sector pendidikan --fields id,sectors
	assert_success
	assert_output - <<'EOF'
id,sectors
99-1,literasi;pendidikan
EOF
}

@test "--sector given twice selects KIM working in all of them" {
	run kim-list --as-of $ASOF --sector umkm --sector pertanian --fields id,sectors
	assert_success
	assert_output - <<'EOF'
id,sectors
99.01.01.2001-1,umkm;pertanian
99.01.01.2002-1,umkm;pariwisata;pertanian
EOF
}

@test "--sector matches whole tags: pertanian is not pertanian-organik" {
	run kim-list --as-of $ASOF --sector pertanian --fields id
	assert_success
	assert_output - <<'EOF'
id
99.01.01.2001-1
99.01.01.2002-1
EOF
}

# --- --formed-before, --formed-after -----------------------------------------

@test "--formed-before is strict: a KIM formed on that day is left out" {
	run kim-list --as-of $ASOF --formed-before 2015-04-01 --fields id,formed
	assert_success
	assert_output - <<'EOF'
id,formed
99-1,2011-01-01
99.01-1,2012-05-02
99.71-1,2010-10-20
EOF
}

@test "--formed-after is strict: a KIM formed on that day is left out" {
	run kim-list --as-of $ASOF --formed-after 2018-06-21 --fields id,formed
	assert_success
	assert_output - <<'EOF'
id,formed
98.01.01.2001-1,2019-03-10
99.01.01.2001-2,2020-01-15
99.02.02.2001-1,2018-06-22
EOF
}

@test "--formed-after and --formed-before together select the days between" {
	run kim-list --as-of $ASOF --formed-after 2015-04-01 --formed-before 2018-06-22 --fields id,formed
	assert_success
	assert_output - <<'EOF'
id,formed
99.01.01.2001-1,2018-06-21
99.01.01.2002-1,2016-02-29
EOF
}

@test "--formed-before with a day that does not exist is a usage error" {
	run --separate-stderr kim-list --as-of $ASOF --formed-before 2023-02-29
	assert_usage_error "kim-list: --formed-before: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
}

# --- --name ------------------------------------------------------------------

@test "--name selects names containing the text, case ignored" {
	run kim-list --as-of $ASOF --name mAJu --fields id,name
	assert_success
	assert_output - <<'EOF'
id,name
99.01.01.2001-1,KIM Maju
99.01.01.2001-2,KIM Maju Muda
99.01.01.2002-1,KIM Sukamaju Hilir
EOF
}

@test "--name matches a UTF-8 name" {
	run kim-list --as-of $ASOF --name 'tu’a' --fields id,name
	assert_success
	assert_output - <<'EOF'
id,name
99.02.02.2001-1,KIM Tu’a Lama
EOF
}

# --- --stale -----------------------------------------------------------------

@test "--stale MONTHS: never verified, or verified MONTHS or more before --as-of" {
	# 99-1 was verified exactly 12 months before; 99.01-1 one day less.
	run kim-list --as-of $ASOF --stale 12 --fields id,verified
	assert_success
	assert_output - <<'EOF'
id,verified
99-1,2022-06-21
99.01.01.2001-2,
99.01.01.2002-1,2022-01-03
99.01.02.1001-1,2022-01-03
99.02.02.2001-1,
EOF
}

@test "--stale MONTHS: a KIM never verified is stale only once registered (else formed) MONTHS before" {
	# registered last week, or registered a day short of a year: not stale
	run -0 kim-list --as-of $ASOF --stale 12 --fields name,registered,formed - <<-'EOF'
	name,region,formed,registered,verified
	KIM Baru,99.01.01.2001,2023-01-05,2023-06-14,
	KIM Setahun,99.01.01.2002,2020-01-05,2022-06-21,
	KIM Hampir Setahun,99.01.01.2002,2020-01-05,2022-06-22,
	KIM Tanpa Tanggal,99.01.02.1001,2021-03-01,,
	KIM Muda Tanpa Tanggal,99.02.01.2001,2023-03-01,,
	KIM Diverifikasi,99.02.02.2001,2015-01-01,2015-02-01,2023-06-01
	EOF
	assert_output - <<-'EOF'
	name,registered,formed
	KIM Setahun,2022-06-21,2020-01-05
	KIM Tanpa Tanggal,,2021-03-01
	EOF
}

@test "--stale counts from --as-of" {
	run kim-list --as-of 2023-06-20 --stale 12 --fields id
	assert_success
	assert_output - <<'EOF'
id
99.01.01.2001-2
99.01.01.2002-1
99.01.02.1001-1
99.02.02.2001-1
EOF
}

@test "--stale with a number that is not whole is a usage error" {
	run --separate-stderr kim-list --as-of $ASOF --stale x
	assert_usage_error "kim-list: --stale: 'x' is not a whole number from 0 to 999999999"
}

# --- --fields ----------------------------------------------------------------

@test "--fields prints the columns asked for, in that order" {
	run kim-list --as-of $ASOF -r 99.71 --fields status,name,id
	assert_success
	assert_output - <<'EOF'
status,name,id
nonaktif,KIM Kota Uji,99.71-1
EOF
}

@test "values of 254, 255, 256, 300 and 1500 bytes come through the register's reader whole" {
	local w254 w255 w256 w300 n1500
	w254=https://$(printf '%246s' '' | tr ' ' a)
	w255=https://$(printf '%247s' '' | tr ' ' b)
	w256=https://$(printf '%248s' '' | tr ' ' c)
	w300=https://$(printf '%292s' '' | tr ' ' d)
	n1500=$(printf '%1500s' '' | tr ' ' e)
	regfile kim/99.01.csv \
		"99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,Ani,,,12,umkm,aktif,$w254,0812-0000-0001,,2022-01-03,2022-01-03,$n1500" \
		"99.01.01.2001-2,KIM Maju Muda,99.01.01.2001,2020-01-15,,,,,9,literasi,aktif,$w255,0812-0000-0002,,2022-01-03,2022-01-03,"
	regfile kim/99.02.csv \
		"99.02.02.2001-1,KIM Tua,99.02.02.2001,2018-06-22,,,,,7,umkm,aktif,$w256,0812-0000-0003,,2022-01-03,2022-01-03,x" \
		"99.02.02.2001-2,KIM Muda,99.02.02.2001,2018-06-22,,,,,7,umkm,aktif,$w300,0812-0000-0004,,2022-01-03,2022-01-03,y"
	run --separate-stderr kim-list --as-of $ASOF -r 99.01 -r 99.02 --fields id,website,contact,notes
	assert_success
	assert_output "id,website,contact,notes
99.01.01.2001-1,$w254,0812-0000-0001,$n1500
99.01.01.2001-2,$w255,0812-0000-0002,
99.02.02.2001-1,$w256,0812-0000-0003,x
99.02.02.2001-2,$w300,0812-0000-0004,y"
	assert_equal "$stderr" ""
}

@test "--fields desa,kecamatan,kabupaten,provinsi names the regions of every level" {
	run kim-list --as-of $ASOF --fields id,desa,kecamatan,kabupaten,provinsi
	assert_success
	assert_output - <<'EOF'
id,desa,kecamatan,kabupaten,provinsi
98.01.01.2001-1,Sidorejo,Contoh Barat,Kabupaten Contoh,Provinsi Contoh
99-1,,,,Provinsi Uji
99.01-1,,,Kabupaten Uji Satu,Provinsi Uji
99.01.01.2001-1,"Sukamaju I, II",Sukamaju,Kabupaten Uji Satu,Provinsi Uji
99.01.01.2001-2,"Sukamaju I, II",Sukamaju,Kabupaten Uji Satu,Provinsi Uji
99.01.01.2002-1,Sukamaju Hilir,Sukamaju,Kabupaten Uji Satu,Provinsi Uji
99.01.02.1001-1,Tanjung Uji,Tanjung Uji,Kabupaten Uji Satu,Provinsi Uji
99.02.02.2001-1,Tu’a Lama,Bukit Uji,Kabupaten Uji Dua,Provinsi Uji
99.71-1,,,Kota Uji,Provinsi Uji
EOF
}

@test "--fields age: a KIM formed 2018-06-21 is 5 on 2023-06-21" {
	run kim-list --as-of 2023-06-21 -r 99.01.01.2001 --fields id,formed,age
	assert_success
	assert_output - <<'EOF'
id,formed,age
99.01.01.2001-1,2018-06-21,5
99.01.01.2001-2,2020-01-15,3
EOF
}

@test "--fields age: a KIM formed 2018-06-21 is 4 on 2023-06-20" {
	run kim-list --as-of 2023-06-20 -r 99.01.01.2001 --fields id,formed,age
	assert_success
	assert_output - <<'EOF'
id,formed,age
99.01.01.2001-1,2018-06-21,4
99.01.01.2001-2,2020-01-15,3
EOF
}

@test "--fields age: a KIM formed on 29 February 2016 is 1 on 28 February 2017" {
	printf 'name,region,formed\nKIM Kabisat,99.01.01.2003,2016-02-29\n' >kabisat.csv
	run kim-list --as-of 2017-02-28 --fields name,formed,age kabisat.csv
	assert_success
	assert_output - <<'EOF'
name,formed,age
KIM Kabisat,2016-02-29,1
EOF
	run kim-list --as-of 2017-02-27 --fields name,age kabisat.csv
	assert_success
	assert_output - <<'EOF'
name,age
KIM Kabisat,0
EOF
}

@test "--fields with an unknown column is a usage error" {
	run --separate-stderr kim-list --as-of $ASOF --fields id,bogus
	assert_usage_error "kim-list: --fields: unknown column 'bogus' (the columns are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids, desa, kecamatan, kabupaten, provinsi, age, last_activity, activities_90d)"
}

# --- --sort ------------------------------------------------------------------

@test "--sort members sorts numerically, ties in register order" {
	run kim-list --as-of $ASOF --sort members --fields id,members
	assert_success
	assert_output - <<'EOF'
id,members
99.02.02.2001-1,7
99.01.01.2001-2,9
99.01.01.2001-1,12
99.01.01.2002-1,12
98.01.01.2001-1,15
99.71-1,28
99.01-1,30
99-1,40
99.01.02.1001-1,100
EOF
}

@test "--sort -members sorts descending, ties still in register order" {
	run kim-list --as-of $ASOF --sort -members --fields id,members
	assert_success
	assert_output - <<'EOF'
id,members
99.01.02.1001-1,100
99-1,40
99.01-1,30
99.71-1,28
98.01.01.2001-1,15
99.01.01.2001-1,12
99.01.01.2002-1,12
99.01.01.2001-2,9
99.02.02.2001-1,7
EOF
}

@test "--sort -members: a KIM without members comes last" {
	printf 'name,region,formed,members\nKIM A,99.71.01.1001,2020-01-01,\nKIM B,99.71.01.1002,2020-01-01,3\nKIM C,99.71.01.1003,2020-01-01,20\n' >some.csv
	run kim-list --as-of $ASOF --sort -members --fields name,members some.csv
	assert_success
	assert_output - <<'EOF'
name,members
KIM C,20
KIM B,3
KIM A,
EOF
}

@test "--sort name sorts text" {
	run kim-list --as-of $ASOF --sort name --fields name
	assert_success
	assert_output - <<'EOF'
name
KIM Kabupaten Uji Satu
KIM Kota Uji
KIM Maju
KIM Maju Muda
KIM Provinsi Uji
KIM Sidorejo
KIM Sukamaju Hilir
KIM Tu’a Lama
Komunitas Informasi Masyarakat Tanjung
EOF
}

@test "--sort -formed sorts dates newest first" {
	run kim-list --as-of $ASOF -r 99.01 --sort -formed --fields id,formed
	assert_success
	assert_output - <<'EOF'
id,formed
99.01.01.2001-2,2020-01-15
99.01.01.2001-1,2018-06-21
99.01.01.2002-1,2016-02-29
99.01.02.1001-1,2015-04-01
99.01-1,2012-05-02
EOF
}

@test "--sort by a derived column: age" {
	run kim-list --as-of $ASOF -r 99.01 --sort age --fields id,age
	assert_success
	assert_output - <<'EOF'
id,age
99.01.01.2001-2,3
99.01.01.2001-1,5
99.01.01.2002-1,7
99.01.02.1001-1,8
99.01-1,11
EOF
}

@test "--sort with an unknown column is a usage error" {
	run --separate-stderr kim-list --as-of $ASOF --sort bogus
	assert_usage_error "kim-list: --sort: unknown column 'bogus'"
}

# --- -c/--count --------------------------------------------------------------

@test "-c prints the number of records" {
	run --separate-stderr kim-list --as-of $ASOF -c
	assert_success
	assert_output 9
	assert_equal "$stderr" ""
}

@test "--count counts the records selected" {
	run kim-list --as-of $ASOF --count -r 99.01 --status aktif
	assert_success
	assert_output 3
}

@test "-c prints only the number whatever the format" {
	run kim-list --as-of $ASOF -c -f json -r 99.01.01
	assert_success
	assert_output 3
}

@test "-c prints 0 and exits 1 when nothing matches" {
	run -1 kim-list --as-of $ASOF -c --name zzz
	assert_output 0
}

# --- nothing matches ---------------------------------------------------------

@test "nothing matching is exit 1 with only the header" {
	run --separate-stderr kim-list --as-of $ASOF --name zzz
	assert_failure 1
	assert_output "$HEADER"
	assert_equal "$stderr" ""
}

@test "nothing matching in json is [] and exit 1" {
	run -1 kim-list --as-of $ASOF --name zzz -f json
	assert_output "[]"
}

@test "nothing matching in jsonl prints nothing and exits 1" {
	run -1 kim-list --as-of $ASOF --name zzz -f jsonl
	assert_output ""
}

# --- formats -----------------------------------------------------------------

@test "the default format in a pipe is csv" {
	run bash -c 'kim-list --as-of "$1" -r 99.71 --fields id,name,contact | cat' _ $ASOF
	assert_success
	assert_output - <<'EOF'
id,name,contact
99.71-1,KIM Kota Uji,+62 21 0000 0009
EOF
}

@test "-f csv quotes a field with a comma" {
	run kim-list --as-of $ASOF -f csv -r 99.01.02 --fields id,notes
	assert_success
	assert_output - <<'EOF'
id,notes
99.01.02.1001-1,"Dibubarkan, anggota pindah"
EOF
}

@test "-f tsv separates the fields with tabs" {
	run kim-list --as-of $ASOF -f tsv -r 99.01.02 --fields id,name,members,notes
	assert_success
	assert_output "$(printf 'id\tname\tmembers\tnotes\n99.01.02.1001-1\tKomunitas Informasi Masyarakat Tanjung\t100\tDibubarkan, anggota pindah')"
}

@test "-f json: an array, empty fields null, members a number, sectors an array" {
	run kim-list --as-of $ASOF -f json -r 99.01.02 -r 99.71
	assert_success
	assert_output - <<'EOF'
[
{"id":"99.01.02.1001-1","name":"Komunitas Informasi Masyarakat Tanjung","region":"99.01.02.1001","formed":"2015-04-01","sk":null,"chair":null,"secretary":null,"treasurer":null,"members":100,"sectors":["pertanian-organik"],"status":"bubar","website":null,"contact":null,"verified":"2022-01-03","registered":"2022-01-03","updated":"2022-03-01","notes":"Dibubarkan, anggota pindah"},
{"id":"99.71-1","name":"KIM Kota Uji","region":"99.71","formed":"2010-10-20","sk":null,"chair":null,"secretary":null,"treasurer":null,"members":28,"sectors":["literasi","umkm"],"status":"nonaktif","website":null,"contact":"+62 21 0000 0009","verified":"2023-01-10","registered":"2022-01-03","updated":"2023-01-10","notes":null}
]
EOF
}

@test "-f jsonl: one object per line with the fields asked for" {
	run kim-list --as-of $ASOF -f jsonl -r 99.01.01.2001 --fields id,members,sectors,website,verified,age
	assert_success
	assert_output - <<'EOF'
{"id":"99.01.01.2001-1","members":12,"sectors":["umkm","pertanian"],"website":null,"verified":"2023-05-01","age":5}
{"id":"99.01.01.2001-2","members":9,"sectors":["literasi"],"website":null,"verified":null,"age":3}
EOF
}

@test "-f jsonl: each row's values its own, whatever the row before held" {
	run kim-list --as-of $ASOF -f jsonl --fields id,sk,chair,sectors,verified,notes
	assert_success
	assert_output - <<'EOF'
{"id":"98.01.01.2001-1","sk":null,"chair":null,"sectors":["literasi"],"verified":"2023-06-01","notes":null}
{"id":"99-1","sk":"489/1/2011","chair":null,"sectors":["literasi","pendidikan"],"verified":"2022-06-21","notes":null}
{"id":"99.01-1","sk":null,"chair":null,"sectors":["literasi","umkm"],"verified":"2022-06-22","notes":null}
{"id":"99.01.01.2001-1","sk":null,"chair":"Ani","sectors":["umkm","pertanian"],"verified":"2023-05-01","notes":null}
{"id":"99.01.01.2001-2","sk":null,"chair":null,"sectors":["literasi"],"verified":null,"notes":"-"}
{"id":"99.01.01.2002-1","sk":null,"chair":null,"sectors":["umkm","pariwisata","pertanian"],"verified":"2022-01-03","notes":"=1+1"}
{"id":"99.01.02.1001-1","sk":null,"chair":null,"sectors":["pertanian-organik"],"verified":"2022-01-03","notes":"Dibubarkan, anggota pindah"}
{"id":"99.02.02.2001-1","sk":null,"chair":null,"sectors":["umkm","pariwisata"],"verified":null,"notes":"@kimtualama"}
{"id":"99.71-1","sk":null,"chair":null,"sectors":["literasi","umkm"],"verified":"2023-01-10","notes":null}
EOF
}

@test "-f table aligns columns by display width, numbers to the right" {
	run kim-list --as-of $ASOF -f table -r 99.02 -r 99.01.01.2001 --fields id,name,desa,members,age
	assert_success
	assert_output - <<'EOF'
id               name           desa            members  age
99.01.01.2001-1  KIM Maju       Sukamaju I, II       12    5
99.01.01.2001-2  KIM Maju Muda  Sukamaju I, II        9    3
99.02.02.2001-1  KIM Tu’a Lama  Tu’a Lama             7    4
EOF
}

@test "-f with an unknown format is a usage error" {
	run --separate-stderr kim-list --as-of $ASOF -f xml
	assert_usage_error "kim-list: -f: 'xml' is not a format (csv, tsv, json, jsonl, table or xlsx)"
}

# --- --excel -----------------------------------------------------------------

@test "--excel writes a BOM, CRLF line ends and a ' before = + - @" {
	run bash -c 'kim-list --as-of "$1" --excel --with-personal -r 99.01.01 -r 99.02 -r 99.71 --fields id,contact,notes >out.csv' _ $ASOF
	assert_success
	printf '%s\r\n' $'\xef\xbb\xbfid,contact,notes' \
		'99.01.01.2001-1,0812-0000-0001,' \
		"99.01.01.2001-2,,'-" \
		"99.01.01.2002-1,,'=1+1" \
		"99.02.02.2001-1,,'@kimtualama" \
		"99.71-1,'+62 21 0000 0009," >want.csv
	assert_same_bytes out.csv want.csv
}

@test "--excel with -f json is a usage error" {
	run --separate-stderr kim-list --as-of $ASOF --excel -f json
	assert_usage_error "kim-list: --excel goes with csv or tsv output"
}

# --- operands ----------------------------------------------------------------

@test "an operand CSV may have a subset of the columns in another order" {
	printf 'formed,members,region,name\n2020-02-02,5,99.02.01.2001,KIM Lembah\n2019-09-09,,99.71.01.1002,KIM Pasar Lama\n' >some.csv
	run --separate-stderr kim-list --as-of $ASOF some.csv
	assert_success
	assert_output - <<EOF
$HEADER
,KIM Lembah,99.02.01.2001,2020-02-02,,,,,5,,aktif,,,,,,
,KIM Pasar Lama,99.71.01.1002,2019-09-09,,,,,,,aktif,,,,,,
EOF
	assert_equal "$stderr" ""
}

@test "an operand is filtered like the register" {
	printf 'formed,members,region,name\n2020-02-02,5,99.02.01.2001,KIM Lembah\n2019-09-09,,99.71.01.1002,KIM Pasar Lama\n' >some.csv
	run kim-list --as-of $ASOF -r 99.71 --fields name,kabupaten some.csv
	assert_success
	assert_output - <<'EOF'
name,kabupaten
KIM Pasar Lama,Kota Uji
EOF
}

@test "a JSON Lines operand is read: members a number or digits, sectors an array or a list" {
	cat >some.jsonl <<'EOF'
{"name":"KIM Lembah","region":"99.02.01.2001","formed":"2020-02-02","members":5,"sectors":["umkm","literasi"]}

{"name":"KIM Pasar Lama","region":"99.71.01.1002","formed":"2019-09-09","members":"7","sectors":"kesehatan","status":"bubar","notes":null}
EOF
	run kim-list --as-of $ASOF --fields name,region,members,sectors,status,notes some.jsonl
	assert_success
	assert_output - <<'EOF'
name,region,members,sectors,status,notes
KIM Lembah,99.02.01.2001,5,umkm;literasi,aktif,
KIM Pasar Lama,99.71.01.1002,7,kesehatan,bubar,
EOF
}

@test "a JSON array operand is read" {
	cat >some.json <<'EOF'
[
  {"name":"KIM Lembah","region":"99.02.01.2001","formed":"2020-02-02","members":5},
  {"name":"KIM Pasar Lama","region":"99.71.01.1002","formed":"2019-09-09"}
]
EOF
	run kim-list --as-of $ASOF --fields name,region,members some.json
	assert_success
	assert_output - <<'EOF'
name,region,members
KIM Lembah,99.02.01.2001,5
KIM Pasar Lama,99.71.01.1002,
EOF
}

@test "- reads the records from standard input" {
	run bash -c 'printf "name,region,formed\nKIM Lembah,99.02.01.2001,2020-02-02\n" | kim-list --as-of "$1" --fields name,desa,kecamatan -' _ $ASOF
	assert_success
	assert_output - <<'EOF'
name,desa,kecamatan
KIM Lembah,Lembah Hijau,Lembah Uji
EOF
}

@test "a ';' CSV with a BOM and CRLF line ends, as Indonesian Excel saves it, is read" {
	printf '\xef\xbb\xbfname;region;formed;sectors\r\nKIM Lembah;99.02.01.2001;2020-02-02;"umkm;literasi"\r\nKIM Pasar Lama;99.71.01.1002;2019-09-09;kesehatan\r\n' >excel.csv
	run kim-list --as-of $ASOF --fields name,region,formed,sectors excel.csv
	assert_success
	assert_output - <<'EOF'
name,region,formed,sectors
KIM Lembah,99.02.01.2001,2020-02-02,umkm;literasi
KIM Pasar Lama,99.71.01.1002,2019-09-09,kesehatan
EOF
}

@test "several operands are read one after the other" {
	printf 'name,region,formed\nKIM Lembah,99.02.01.2001,2020-02-02\n' >one.csv
	printf '%s\n' '{"name":"KIM Pasar Lama","region":"99.71.01.1002","formed":"2019-09-09"}' >two.jsonl
	run kim-list --as-of $ASOF --fields name one.csv two.jsonl
	assert_success
	assert_output - <<'EOF'
name
KIM Lembah
KIM Pasar Lama
EOF
}

@test "derived columns in the input are ignored, so kim-list reads its own output" {
	run bash -c 'set -o pipefail; kim-list --as-of "$1" --fields id,name,region,formed,status,desa | kim-list --as-of "$1" -' _ $ASOF
	assert_success
	assert_output - <<EOF
$HEADER
98.01.01.2001-1,KIM Sidorejo,98.01.01.2001,2019-03-10,,,,,,,aktif,,,,,,
99-1,KIM Provinsi Uji,99,2011-01-01,,,,,,,aktif,,,,,,
99.01-1,KIM Kabupaten Uji Satu,99.01,2012-05-02,,,,,,,aktif,,,,,,
99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,,,aktif,,,,,,
99.01.01.2001-2,KIM Maju Muda,99.01.01.2001,2020-01-15,,,,,,,nonaktif,,,,,,
99.01.01.2002-1,KIM Sukamaju Hilir,99.01.01.2002,2016-02-29,,,,,,,aktif,,,,,,
99.01.02.1001-1,Komunitas Informasi Masyarakat Tanjung,99.01.02.1001,2015-04-01,,,,,,,bubar,,,,,,
99.02.02.2001-1,KIM Tu’a Lama,99.02.02.2001,2018-06-22,,,,,,,aktif,,,,,,
99.71-1,KIM Kota Uji,99.71,2010-10-20,,,,,,,nonaktif,,,,,,
EOF
}

@test "json and jsonl output read back give the same records" {
	kim-list --as-of $ASOF >want.csv
	run bash -c 'set -o pipefail; kim-list --as-of "$1" -f json | kim-list --as-of "$1" -' _ $ASOF
	assert_success
	assert_output "$(cat want.csv)"
	run bash -c 'set -o pipefail; kim-list --as-of "$1" -f jsonl | kim-list --as-of "$1" -' _ $ASOF
	assert_success
	assert_output "$(cat want.csv)"
}

# --- bad input ---------------------------------------------------------------

@test "bad records in a CSV operand: exit 3, each as FILE:LINE:COLUMN on stderr, nothing on stdout" {
	printf 'name,region,formed\nKIM Baik,99.01.01.2003,2020-01-01\nKIM Kabisat,99.01.01.2003,2023-02-29\nKIM Entah,99.01.09.2001,2020-01-01\n' >bad.csv
	run --separate-stderr kim-list --as-of $ASOF --fields name bad.csv
	assert_failure 3
	assert_output ''
	assert_equal "$stderr" "kim-list: bad.csv:3:3: formed: '2023-02-29' is not a real date (expected YYYY-MM-DD)
kim-list: bad.csv:4:2: region: 99.01.09.2001 is not in $KIM_DATA/wilayah.csv"
}

@test "an unknown column in an operand is exit 3 with its position" {
	printf 'name,region,formed,statsu\nKIM Baik,99.01.01.2003,2020-01-01,aktif\n' >typo.csv
	run --separate-stderr kim-list --as-of $ASOF typo.csv
	assert_failure 3
	assert_output ''
	assert_equal "$stderr" "kim-list: typo.csv:1:4: unknown column 'statsu' (the columns are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids)"
}

@test "bad lines in a JSON Lines operand: exit 3 with line and column" {
	printf '%s\n' '{"name":"KIM Baik","region":"99.01.01.2003","formed":"2020-01-01"}' \
		'{"name":"KIM Dua","region":"99.01.01.2003","formed":"2020-13-01"}' '{"name": "x",' >bad.jsonl
	run --separate-stderr kim-list --as-of $ASOF --fields name bad.jsonl
	assert_failure 3
	assert_output ''
	assert_equal "$stderr" "kim-list: bad.jsonl:2:44: formed: '2020-13-01' is not a real date (expected YYYY-MM-DD)
kim-list: bad.jsonl:3:13: not JSON: string or '}' expected near end of file"
}

@test "a bad record in a JSON array is named by the line it starts on" {
	cat >bad.json <<'EOF'
[
  {"name":"KIM Lembah","region":"99.02.01.2001","formed":"2020-02-02"},
  {"name":"KIM Pasar Lama","region":"99.71.01.1002","formed":"2019-02-29"}
]
EOF
	run --separate-stderr kim-list --as-of $ASOF --fields name bad.json
	assert_failure 3
	assert_output ''
	assert_equal "$stderr" "kim-list: bad.json:3:53: formed: '2019-02-29' is not a real date (expected YYYY-MM-DD)"
}

@test "a missing operand is exit 4" {
	run --separate-stderr kim-list --as-of $ASOF nosuch.csv
	assert_failure 4
	assert_equal "$stderr" "kim-list: nosuch.csv: cannot open: No such file or directory"
}

# --- output into a closed pipe -----------------------------------------------

@test "a closed pipe is quiet and exit 0" {
	mkdata big
	awk 'BEGIN { print "name,region,formed"
		for (i = 1; i <= 3000; i++) printf "KIM Nomor %d,99.01.01.2003,2020-01-01\n", i }' >many.csv
	run kim-register --as-of $ASOF --import many.csv
	assert_success
	assert_line --index 2999 99.01.01.2003-3000
	run bash -c 'set -o pipefail; kim-list --as-of "$1" 2>err | head -n 1; echo "kim-list: ${PIPESTATUS[0]}"' _ $ASOF
	assert_output - <<EOF
$HEADER
kim-list: 0
EOF
	assert_equal "$(cat err)" ""
}

# --- the data folder ---------------------------------------------------------

@test "-d DIR and --data DIR choose the data folder" {
	local dir=$KIM_DATA
	unset KIM_DATA
	cd "$BATS_TEST_TMPDIR"
	run kim-list -d "$dir" --as-of $ASOF -c
	assert_success
	assert_output 9
	run kim-list --data "$dir" --as-of $ASOF -c -r 99.02
	assert_success
	assert_output 1
}

@test "\$KIM_DATA chooses the data folder when -d is not given" {
	cd "$BATS_TEST_TMPDIR"
	run kim-list --as-of $ASOF -c
	assert_success
	assert_output 9
}

@test "-d wins over \$KIM_DATA" {
	local dir=$KIM_DATA
	cd "$BATS_TEST_TMPDIR"
	KIM_DATA=$BATS_TEST_TMPDIR/nosuch run kim-list -d "$dir" --as-of $ASOF -c
	assert_success
	assert_output 9
}

@test "without -d and \$KIM_DATA the current directory is the data folder" {
	unset KIM_DATA
	run kim-list --as-of $ASOF -c -r 98
	assert_success
	assert_output 1
}

@test "a data folder without wilayah.csv is exit 4" {
	mkdir empty
	run --separate-stderr kim-list -d empty --as-of $ASOF
	assert_failure 4
	assert_output ""
	assert_equal "$stderr" "kim-list: empty/wilayah.csv: cannot open: No such file or directory"
}

# --- help and version --------------------------------------------------------

@test "--help prints the usage and every option, exit 0" {
	run --separate-stderr kim-list --help
	assert_success
	assert_line --index 0 "usage: kim-list [-c] [-r PREFIX]... [--id ID]... [--status LIST] [--sector TAG]..."
	local opt
	for opt in '-r, --region PREFIX' '--id ID' '--status LIST' '--sector TAG' '--formed-before DATE' \
		'--formed-after DATE' '--name TEXT' '--stale MONTHS' '--fields LIST' '--sort [-]FIELD' \
		'-c, --count' '-d, --data DIR' '-f, --format FMT' '--excel' '--as-of DATE'; do
		assert_output --partial -- "$opt"
	done
	assert_equal "$stderr" ""
}

@test "an unknown option is a usage error" {
	run --separate-stderr kim-list --bogus
	assert_usage_error "kim-list: unrecognized option '--bogus'"
}

@test "--version prints the name and version" {
	run --separate-stderr kim-list --version
	assert_success
	assert_output --regexp '^kim-list \(kim-tools\) [0-9]+\.[0-9]+'
	assert_equal "${#lines[@]}" 1
}

# --- the national list -------------------------------------------------------

@test "national: Tabanan villages get the names of their kecamatan, kabupaten and provinsi" {
	mkdata_national national
	run grep -E '^(51|51\.02|51\.02\.01|51\.02\.01\.2001|51\.02\.01\.2002),' "$WILAYAH"
	assert_output - <<'EOF'
51,Bali,provinsi
51.02,Kabupaten Tabanan,kabupaten
51.02.01,Selemadeg,kecamatan
51.02.01.2001,Bajera,desa
51.02.01.2002,Wanagiri,desa
EOF
	run kim-register --as-of $ASOF --name 'KIM Bajera Sejahtera' --region 51.02.01.2001 --formed 2015-01-01
	assert_success
	assert_output 51.02.01.2001-1
	run kim-register --as-of $ASOF --name 'KIM Wanagiri' --region 51.02.01.2002 --formed 2016-01-01
	assert_success
	assert_output 51.02.01.2002-1
	run --separate-stderr kim-list --as-of $ASOF -r 51.02 --fields id,desa,kecamatan,kabupaten,provinsi
	assert_success
	assert_output - <<'EOF'
id,desa,kecamatan,kabupaten,provinsi
51.02.01.2001-1,Bajera,Selemadeg,Kabupaten Tabanan,Bali
51.02.01.2002-1,Wanagiri,Selemadeg,Kabupaten Tabanan,Bali
EOF
	assert_equal "$stderr" ""
}

@test "--sort id orders ids as the register does: -2 before -10" {
	mkdata ids
	for n in 1 2 3 4 5 6 7 8 9 10; do
		echo "KIM Nomor $n,99.01.01.2001,2020-01-01"
	done | { echo name,region,formed; cat; } >in.csv
	kim-register --as-of $ASOF --no-commit --import in.csv >/dev/null
	run kim-list --as-of $ASOF --sort id --fields id
	assert_output "$(printf 'id\n'; for n in 1 2 3 4 5 6 7 8 9 10; do echo "99.01.01.2001-$n"; done)"
	run kim-list --as-of $ASOF --sort -id --fields id -r 99.01.01.2001
	assert_line --index 1 99.01.01.2001-10
	assert_line --index 10 99.01.01.2001-1
}

@test "-r with a code that is not in wilayah.csv is a usage error" {
	run --separate-stderr kim-list --as-of $ASOF -r 99.99 -c
	assert_usage_error "kim-list: -r: 99.99 is not in $KIM_DATA/wilayah.csv"
}

@test "national: -c, counted on every reading thread, is the number of records listed" {
	mkgen
	run -0 kim-list -d . --as-of 2026-11-22 -c
	assert_output 100000
	for args in "-r 51" "--status nonaktif -r 32 -r 35.07" "--sector umkm --formed-after 2020-01-01"; do
		# shellcheck disable=SC2086 # args is a list of options
		n=$(kim-list -d . --as-of 2026-11-22 $args -f jsonl | wc -l)
		# shellcheck disable=SC2086
		run -0 kim-list -d . --as-of 2026-11-22 $args -c
		assert_output "$n"
		[ "$n" -gt 100 ] || fail "$args: only $n records"
	done
}
