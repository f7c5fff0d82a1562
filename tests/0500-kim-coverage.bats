#!/usr/bin/env bats
# kim-coverage: how many villages have a KIM, against each target.
#
# Three kinds of data:
#   * the demonstration folder (mkdemo), whose figures its author worked out
#     by hand: 99.01 7/15, 99.02 8/15, 99.03 4/12, 99.71 7/14, 99 26/56;
#   * the coverage fixture below, on tests/fixtures/wilayah.csv (mkdata),
#     small enough that every cell can be checked by hand;
#   * the national list (../shared/data/wilayah/wilayah.csv), with a
#     register built once in setup_file from real village codes.

load test_helper

ASOF=2023-06-21
HEAD=region,name,villages,covered,percent,kim,target,due,gap,needed,overdue

# The coverage fixture, by hand (tests/fixtures/wilayah.csv):
#   98.01.01    2 desa; one aktif KIM; no target anywhere above it
#   99.01.01    3 desa; 2001 has two aktif KIM, 2002 a nonaktif one
#   99.01.02    1 kelurahan, 2 desa; a KIM of the kecamatan itself (counts
#               in kim, covers no village), a bubar KIM in the kelurahan
#   99.01       a KIM of the kabupaten; target 100 of its own
#   99.02.01    2 desa and a desa adat, which has an aktif KIM; target 66.7
#   99.02.02    2 desa, no KIM; target 80 from provinsi 99
#   99.71.01    3 kelurahan, no KIM; target 80 from provinsi 99
#   99.71.02    2 kelurahan and a desa; aktif KIM in 1001 and 2001;
#               target 50, which it passes
#   99          a KIM of the province; target 80
fixture() {
	mkdata
	cat >"$KIM_DATA/import.csv" <<-'EOF'
	name,region,formed,status
	KIM Sidorejo,98.01.01.2001,2019-03-10,aktif
	KIM Provinsi Uji,99,2011-01-01,aktif
	KIM Kabupaten Uji Satu,99.01,2012-05-02,aktif
	KIM Maju,99.01.01.2001,2018-06-21,aktif
	KIM Maju Muda,99.01.01.2001,2020-01-15,aktif
	KIM Sukamaju Hilir,99.01.01.2002,2016-02-29,nonaktif
	KIM Kecamatan Tanjung Uji,99.01.02,2014-08-17,aktif
	KIM Tanjung,99.01.02.1001,2015-04-01,bubar
	KIM Adat Uji,99.02.01.3001,2021-06-01,aktif
	KIM Pantai Indah,99.71.02.1001,2017-10-28,aktif
	KIM Pantai Indah Desa,99.71.02.2001,2022-12-05,aktif
	EOF
	cat >"$KIM_DATA/targets.csv" <<-'EOF'
	region,target,due
	99,80,2026-12-31
	99.01,100,2025-12-31
	99.02.01,66.7,2027-01-01
	99.71.02,50,2027-06-30
	EOF
	kim-register --as-of "$ASOF" --no-commit --import import.csv >/dev/null ||
		fail "fixture: the import failed"
	rm -f "$KIM_DATA/import.csv"
	# messages name the files as a user in the folder sees them
	export KIM_DATA=.
}

# assert_usage_error MESSAGE: exit 2, nothing on standard output, MESSAGE
# and then the usage on standard error (run with --separate-stderr).
assert_usage_error() {
	assert_failure 2
	assert_output ""
	assert_equal "${stderr_lines[0]}" "$1"
	assert_equal "${stderr_lines[1]%% *}" "usage:"
}

# The national register: Tabanan (51.02) has aktif KIM in its first 120
# villages in code order, a second KIM in five of them, a nonaktif one in
# the 121st and one of kecamatan Pupuan (51.02.10); Kab. Bandung (32.04)
# has KIM in its first 110 desa and first 3 kelurahan.  Targets: Tabanan
# 100 % by 2025.
setup_file() {
	[ -f "$WILAYAH" ] || return 0
	NAT=$BATS_FILE_TMPDIR/nat
	export NAT
	mkdir -p "$NAT/kim" && ln -s "$WILAYAH" "$NAT/wilayah.csv" || return 1
	{
		echo name,region,formed,status
		awk -F, '
		$1 ~ /^51\.02\.[0-9][0-9]\.[0-9][0-9][0-9][0-9]$/ {
			n++
			if (n <= 120)
				print "KIM " $1 "," $1 ",2020-01-01,aktif"
			if (n <= 5)
				print "KIM Muda " $1 "," $1 ",2021-01-01,aktif"
			if (n == 121)
				print "KIM " $1 "," $1 ",2019-01-01,nonaktif"
		}
		$1 ~ /^32\.04\.[0-9][0-9]\.2[0-9][0-9][0-9]$/ && ++d <= 110 {
			print "KIM " $1 "," $1 ",2020-01-01,aktif"
		}
		$1 ~ /^32\.04\.[0-9][0-9]\.1[0-9][0-9][0-9]$/ && ++k <= 3 {
			print "KIM " $1 "," $1 ",2020-01-01,aktif"
		}' "$WILAYAH"
		echo "KIM Kecamatan Pupuan,51.02.10,2018-01-01,aktif"
	} >"$BATS_FILE_TMPDIR/nat.csv"
	printf '%s\n' region,target,due 51.02,100,2025-12-31 >"$NAT/targets.csv"
	kim-register -d "$NAT" --no-commit --import "$BATS_FILE_TMPDIR/nat.csv" >/dev/null
}

national() {
	need_national
	[ -d "${NAT:-}" ] || fail "setup_file did not build the national register"
	export KIM_DATA=$NAT
	cd "$NAT" || fail "cannot cd to $NAT"
}

# ---------------------------------------------------------------- demo

@test "demo: by kabupaten, as a table with the total as a footer" {
	mkdemo
	run --separate-stderr kim-coverage --as-of 2026-11-22 -f table
	assert_success
	assert_output - <<-'EOF'
	region  name                     villages  covered  percent  kim  target  due          gap  needed  overdue
	99.01   Kabupaten Sukamaju             15        7     46.7    9     100  2025-12-31  53.3       8  yes
	99.02   Kabupaten Tirta Rahayu         15        8     53.3    9      90  2026-12-31  36.7       6
	99.03   Kabupaten Danau Lestari        12        4     33.3    4      80  2026-12-31  46.7       6
	99.71   Kota Bukit Permai              14        7     50.0   10      75  2027-06-30  25.0       4
	-----------------------------------------------------------------------------------------------------------
	total                                  56       26     46.4   32                                24
	EOF
	assert_equal "$stderr" ""
}

@test "demo: by provinsi and by kecamatan, as CSV" {
	mkdemo
	run kim-coverage --as-of 2026-11-22 --by provinsi
	assert_success
	assert_output - <<-EOF
	$HEAD
	99,Provinsi Contoh,56,26,46.4,33,80,2026-12-31,33.6,19,
	total,,56,26,46.4,33,,,,19,
	EOF
	run kim-coverage --as-of 2026-11-22 --by kecamatan
	assert_success
	assert_output - <<-EOF
	$HEAD
	99.01.01,Sukamaju,5,2,40.0,3,100,2025-12-31,60.0,3,yes
	99.01.02,Giriwangi,5,2,40.0,2,100,2025-12-31,60.0,3,yes
	99.01.03,Wanasari,5,3,60.0,3,100,2025-12-31,40.0,2,yes
	99.02.01,Tirta Rahayu,5,3,60.0,3,90,2026-12-31,30.0,2,
	99.02.02,Sendangrejo,6,3,50.0,3,90,2026-12-31,40.0,3,
	99.02.03,Kaliwungu,4,2,50.0,2,90,2026-12-31,40.0,2,
	99.03.01,Danau Lestari,5,2,40.0,2,80,2026-12-31,40.0,2,
	99.03.02,Sungai Jernih,3,1,33.3,1,80,2026-12-31,46.7,2,
	99.03.03,Hulu Sejuk,4,1,25.0,1,80,2026-12-31,55.0,3,
	99.71.01,Bukit Permai Utara,5,2,40.0,4,75,2027-06-30,35.0,2,
	99.71.02,Bukit Permai Selatan,4,3,75.0,3,75,2027-06-30,0.0,0,
	99.71.03,Bukit Permai Barat,5,2,40.0,2,75,2027-06-30,35.0,2,
	total,,56,26,46.4,29,,,,26,
	EOF
}

@test "demo: --value of each kabupaten and of the province" {
	mkdemo
	local r out=
	for r in 99.01 99.02 99.03 99.71 99; do
		out+="$r $(kim-coverage --as-of 2026-11-22 --value -r "$r")"$'\n'
	done
	assert_equal "$out" "99.01 46.7
99.02 53.3
99.03 33.3
99.71 50.0
99 46.4
"
}

@test "demo: --missing lists the villages without an aktif KIM" {
	mkdemo
	run --separate-stderr kim-coverage --as-of 2026-11-22 --missing -r 99.01 -r 99.03.02
	assert_success
	assert_output - <<-'EOF'
	code,name,kecamatan,kabupaten
	99.01.01.1002,Kauman,Sukamaju,Kabupaten Sukamaju
	99.01.01.2001,Mekarsari,Sukamaju,Kabupaten Sukamaju
	99.01.01.2003,Cibuntu,Sukamaju,Kabupaten Sukamaju
	99.01.02.2003,Tanjungsari,Giriwangi,Kabupaten Sukamaju
	99.01.02.2004,Pasirjambu,Giriwangi,Kabupaten Sukamaju
	99.01.02.2005,Cikadu,Giriwangi,Kabupaten Sukamaju
	99.01.03.2003,Margahayu,Wanasari,Kabupaten Sukamaju
	99.01.03.2005,Bojongloa,Wanasari,Kabupaten Sukamaju
	99.03.02.2002,Lubuk Raya,Sungai Jernih,Kabupaten Danau Lestari
	99.03.02.2003,Tanjung Harapan,Sungai Jernih,Kabupaten Danau Lestari
	EOF
	assert_equal "$stderr" ""
}

@test "demo: reading the register changes nothing" {
	mkdemo
	local before
	before=$(checksum_data "$KIM_DATA")
	kim-coverage --as-of 2026-11-22 >/dev/null
	kim-coverage --as-of 2026-11-22 --missing >/dev/null
	kim-coverage --as-of 2026-11-22 --value -r 99 >/dev/null
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

# ------------------------------------------------------------- fixture

@test "by kabupaten: inherited and own targets, no target, what counts" {
	fixture
	run --separate-stderr kim-coverage --as-of "$ASOF"
	assert_success
	assert_output - <<-EOF
	$HEAD
	98.01,Kabupaten Contoh,2,1,50.0,1,,,,,
	99.01,Kabupaten Uji Satu,6,1,16.7,4,100,2025-12-31,83.3,5,
	99.02,Kabupaten Uji Dua,5,1,20.0,1,80,2026-12-31,60.0,3,
	99.71,Kota Uji,6,2,33.3,2,80,2026-12-31,46.7,3,
	total,,19,5,26.3,8,,,,11,
	EOF
	assert_equal "$stderr" ""
}

@test "by provinsi: the province's own KIM counts in kim and in the total" {
	fixture
	run kim-coverage --as-of "$ASOF" --by provinsi
	assert_success
	assert_output - <<-EOF
	$HEAD
	98,Provinsi Contoh,2,1,50.0,1,,,,,
	99,Provinsi Uji,17,4,23.5,8,80,2026-12-31,56.5,10,
	total,,19,5,26.3,9,,,,10,
	EOF
}

@test "by kecamatan: nearest target, decimal target, target passed, no KIM" {
	fixture
	run kim-coverage --as-of "$ASOF" --by kecamatan
	assert_success
	assert_output - <<-EOF
	$HEAD
	98.01.01,Contoh Barat,2,1,50.0,1,,,,,
	99.01.01,Sukamaju,3,1,33.3,2,100,2025-12-31,66.7,2,
	99.01.02,Tanjung Uji,3,0,0.0,1,100,2025-12-31,100.0,3,
	99.02.01,Lembah Uji,3,1,33.3,1,66.7,2027-01-01,33.4,2,
	99.02.02,Bukit Uji,2,0,0.0,0,80,2026-12-31,80.0,2,
	99.71.01,Uji Kota,3,0,0.0,0,80,2026-12-31,80.0,3,
	99.71.02,Uji Pantai,3,2,66.7,2,50,2027-06-30,-16.7,0,
	total,,19,5,26.3,7,,,,12,
	EOF
}

@test "-r reads only the register files that can hold its regions: a bad record in another kabupaten's file stops nothing" {
	fixture
	run -0 kim-coverage --as-of "$ASOF" -r 99.01 -r 98
	local before=$output
	echo '99.71.01.1001-9,KIM Rusak,99.71.01.1001,2023-02-29,,,,,5,,aktif,,,,2022-01-03,2022-01-03,' >>kim/99.71.csv
	run --separate-stderr kim-coverage --as-of "$ASOF" -r 99.01 -r 98
	assert_success
	assert_output "$before"
	assert_equal "$stderr" ""
	run --separate-stderr kim-coverage --as-of "$ASOF" -r 99
	assert_failure 3
	assert_output ""
	assert_equal "${stderr_lines[0]}" "kim-coverage: kim/99.71.csv:4:4: formed: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
}

@test "-r selects the rows, repeated and overlapping regions count once" {
	fixture
	run kim-coverage --as-of "$ASOF" -r 99.71 -r 99 -r 99.71 -r 98.01
	assert_success
	assert_output - <<-EOF
	$HEAD
	98.01,Kabupaten Contoh,2,1,50.0,1,,,,,
	99.01,Kabupaten Uji Satu,6,1,16.7,4,100,2025-12-31,83.3,5,
	99.02,Kabupaten Uji Dua,5,1,20.0,1,80,2026-12-31,60.0,3,
	99.71,Kota Uji,6,2,33.3,2,80,2026-12-31,46.7,3,
	total,,19,5,26.3,8,,,,11,
	EOF
	run kim-coverage --as-of "$ASOF" --by kecamatan -r 99.01.02 -r 99.71
	assert_success
	assert_output - <<-EOF
	$HEAD
	99.01.02,Tanjung Uji,3,0,0.0,1,100,2025-12-31,100.0,3,
	99.71.01,Uji Kota,3,0,0.0,0,80,2026-12-31,80.0,3,
	99.71.02,Uji Pantai,3,2,66.7,2,50,2027-06-30,-16.7,0,
	total,,9,2,22.2,3,,,,6,
	EOF
}

@test "--value: a village, a kecamatan, a kabupaten; nothing else printed" {
	fixture
	run --separate-stderr kim-coverage --as-of "$ASOF" --value -r 99.01.01.2001
	assert_success
	assert_output "100.0"
	assert_equal "$stderr" ""
	run kim-coverage --as-of "$ASOF" --value -r 99.01.01.2002
	assert_output "0.0"
	run kim-coverage --as-of "$ASOF" --value -r 99.71.02 -f json
	assert_output "66.7"
	run kim-coverage --as-of "$ASOF" --value -r 99.01
	assert_output "16.7"
}

@test "--status counts other statuses: nonaktif and bubar cover then" {
	fixture
	run kim-coverage --as-of "$ASOF" --status aktif,nonaktif,bubar -r 99.01
	assert_success
	assert_output - <<-EOF
	$HEAD
	99.01,Kabupaten Uji Satu,6,3,50.0,6,100,2025-12-31,50.0,3,
	total,,6,3,50.0,6,,,,3,
	EOF
	run kim-coverage --as-of "$ASOF" --status aktif,nonaktif --status bubar --value -r 99.01
	assert_output "50.0"
	run kim-coverage --as-of "$ASOF" --status bubar --by kecamatan -r 99.01
	assert_output - <<-EOF
	$HEAD
	99.01.01,Sukamaju,3,0,0.0,0,100,2025-12-31,100.0,3,
	99.01.02,Tanjung Uji,3,1,33.3,1,100,2025-12-31,66.7,2,
	total,,6,1,16.7,1,,,,5,
	EOF
}

@test "--missing: the villages without a KIM, and exit 1 when there are none" {
	fixture
	run kim-coverage --as-of "$ASOF" --missing -r 99.01 -r 99.71.02
	assert_success
	assert_output - <<-'EOF'
	code,name,kecamatan,kabupaten
	99.01.01.2002,Sukamaju Hilir,Sukamaju,Kabupaten Uji Satu
	99.01.01.2003,Karang Anyar,Sukamaju,Kabupaten Uji Satu
	99.01.02.1001,Tanjung Uji,Tanjung Uji,Kabupaten Uji Satu
	99.01.02.2001,Pematang Baru,Tanjung Uji,Kabupaten Uji Satu
	99.01.02.2002,Sungai Rambai,Tanjung Uji,Kabupaten Uji Satu
	99.71.02.1002,Tanjung Harapan,Uji Pantai,Kota Uji
	EOF
	run kim-coverage --as-of "$ASOF" --missing -r 99.01.01.2001 -f table
	assert_failure 1
	assert_output "code  name  kecamatan  kabupaten"
}

@test "percent and needed are rounded from integers: half up, and up" {
	mkdata
	# one kecamatan of 16 desa, and one without villages
	{
		echo code,name
		echo 97,Provinsi Bulat
		echo 97.01,Kabupaten Bulat
		echo 97.01.01,Enam Belas
		for i in $(seq 1 16); do printf '97.01.01.%04d,Desa %d\n' $((2000 + i)) "$i"; done
		echo 97.01.02,Tanpa Desa
	} >wilayah.csv
	printf '%s\n' region,target,due 97.01,12.5,2025-12-31 97.01.01,12.6,2025-12-31 >targets.csv
	printf '%s\n' name,region,formed 'KIM Satu,97.01.01.2001,2020-01-01' >one.csv
	# 1/16 = 6.25 %: 6.3, where printf("%.1f") would give 6.2; 12.5 % of 16
	# villages is 2, 12.6 % is 2.016, so 3
	run kim-coverage --as-of "$ASOF" --by kecamatan one.csv
	assert_success
	assert_output - <<-EOF
	$HEAD
	97.01.01,Enam Belas,16,1,6.3,1,12.6,2025-12-31,6.3,2,
	total,,16,1,6.3,1,,,,2,
	EOF
	run kim-coverage --as-of "$ASOF" one.csv
	assert_output - <<-EOF
	$HEAD
	97.01,Kabupaten Bulat,16,1,6.3,1,12.5,2025-12-31,6.2,1,
	total,,16,1,6.3,1,,,,1,
	EOF
	# 5/16 = 31.25 %: 31.3
	for i in 2 3 4 5; do echo "KIM $i,97.01.01.200$i,2020-01-01"; done >>one.csv
	run kim-coverage --as-of "$ASOF" --value -r 97.01 one.csv
	assert_output "31.3"
	# a region without villages is left out; asked for alone, exit 1
	run --separate-stderr kim-coverage --as-of "$ASOF" --by kecamatan -r 97.01.02 one.csv
	assert_failure 1
	assert_output "$HEAD"
	run --separate-stderr kim-coverage --as-of "$ASOF" --value -r 97.01.02 one.csv
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "kim-coverage: 97.01.02: Tanpa Desa has no villages in wilayah.csv"
}

@test "every format carries the total row, marked total in region" {
	fixture
	run kim-coverage --as-of "$ASOF" -r 99.71 -f tsv
	assert_output - <<-EOF
	${HEAD//,/$'\t'}
	99.71	Kota Uji	6	2	33.3	2	80	2026-12-31	46.7	3	
	total		6	2	33.3	2				3	
	EOF
	run kim-coverage --as-of "$ASOF" -r 99.71 -f jsonl
	assert_output - <<-'EOF'
	{"region":"99.71","name":"Kota Uji","villages":6,"covered":2,"percent":33.3,"kim":2,"target":80,"due":"2026-12-31","gap":46.7,"needed":3,"overdue":null}
	{"region":"total","name":null,"villages":6,"covered":2,"percent":33.3,"kim":2,"target":null,"due":null,"gap":null,"needed":3,"overdue":null}
	EOF
	run kim-coverage --as-of "$ASOF" -r 98 -f json
	assert_output - <<-'EOF'
	[
	{"region":"98.01","name":"Kabupaten Contoh","villages":2,"covered":1,"percent":50.0,"kim":1,"target":null,"due":null,"gap":null,"needed":null,"overdue":null},
	{"region":"total","name":null,"villages":2,"covered":1,"percent":50.0,"kim":1,"target":null,"due":null,"gap":null,"needed":null,"overdue":null}
	]
	EOF
	run kim-coverage --as-of "$ASOF" --by kecamatan -r 99.71 -f table
	assert_output - <<-'EOF'
	region    name        villages  covered  percent  kim  target  due           gap  needed  overdue
	99.71.01  Uji Kota           3        0      0.0    0      80  2026-12-31   80.0       3
	99.71.02  Uji Pantai         3        2     66.7    2      50  2027-06-30  -16.7       0
	-------------------------------------------------------------------------------------------------
	total                        6        2     33.3    2                                  3
	EOF
	# scripts drop it by its mark
	run bash -c 'kim-coverage --as-of '"$ASOF"' | grep -v "^total," | wc -l'
	assert_output "5"
}

@test "overdue: yes once the due day has passed with villages still needed; not on the due day, not when met" {
	fixture
	run -0 kim-coverage --as-of 2025-12-31 --by kecamatan -r 99.01
	assert_output - <<-EOF
	$HEAD
	99.01.01,Sukamaju,3,1,33.3,2,100,2025-12-31,66.7,2,
	99.01.02,Tanjung Uji,3,0,0.0,1,100,2025-12-31,100.0,3,
	total,,6,1,16.7,3,,,,5,
	EOF
	run -0 kim-coverage --as-of 2026-01-01 --by kecamatan -r 99.01
	assert_output - <<-EOF
	$HEAD
	99.01.01,Sukamaju,3,1,33.3,2,100,2025-12-31,66.7,2,yes
	99.01.02,Tanjung Uji,3,0,0.0,1,100,2025-12-31,100.0,3,yes
	total,,6,1,16.7,3,,,,5,
	EOF
	# 99.71.02 is past its due day too, but has met its target of 50
	run -0 kim-coverage --as-of 2027-07-01 --by kecamatan -r 99.71
	assert_output - <<-EOF
	$HEAD
	99.71.01,Uji Kota,3,0,0.0,0,80,2026-12-31,80.0,3,yes
	99.71.02,Uji Pantai,3,2,66.7,2,50,2027-06-30,-16.7,0,
	total,,6,2,33.3,2,,,,3,
	EOF
	run -0 kim-coverage --as-of 2026-01-01 -r 99.01 -f jsonl
	assert_output - <<-'EOF'
	{"region":"99.01","name":"Kabupaten Uji Satu","villages":6,"covered":1,"percent":16.7,"kim":4,"target":100,"due":"2025-12-31","gap":83.3,"needed":5,"overdue":true}
	{"region":"total","name":null,"villages":6,"covered":1,"percent":16.7,"kim":4,"target":null,"due":null,"gap":null,"needed":5,"overdue":null}
	EOF
}

@test "overdue in the map: the region's title and a line of the caption" {
	mkdemo
	run -0 kim-coverage --as-of 2026-11-22 -f svg
	assert_line --partial '<title>Kabupaten Sukamaju: 46.7% (7/15), target 100.0%, overdue since 2025-12-31</title>'
	assert_line '<text class="overdue" x="10" y="545">Overdue, the target not met by its due day: Kabupaten Sukamaju.</text>'
	# a day when no region is overdue: no such line, and a shorter map
	run -0 kim-coverage --as-of 2025-12-31 -f svg
	refute_output --partial 'overdue'
	assert_line --index 1 --partial 'height="549"'
}

@test "--missing -c: the number of villages without a KIM; 0 and exit 1 when there is none" {
	fixture
	run -0 kim-coverage --as-of "$ASOF" --missing -c -r 99.01
	assert_output 5
	run -0 kim-coverage --as-of "$ASOF" --missing --count
	assert_output "$(kim-coverage --as-of "$ASOF" --missing | sed 1d | wc -l)"
	run -1 kim-coverage --as-of "$ASOF" --missing -c -r 99.71.02.1001
	assert_output 0
	run --separate-stderr kim-coverage --as-of "$ASOF" -c
	assert_usage_error "kim-coverage: -c counts the villages without a KIM: it goes with --missing"
}

@test "--unit kecamatan: a kecamatan is covered by an aktif KIM of the kecamatan itself; rows, --missing, --value, targets" {
	fixture
	# only 99.01.02 has a KIM of its own; the villages' KIM cover no kecamatan
	run -0 kim-coverage --as-of "$ASOF" --unit kecamatan
	assert_output - <<-'EOF'
	region,name,kecamatan,covered,percent,kim,target,due,gap,needed,overdue
	98.01,Kabupaten Contoh,1,0,0.0,1,,,,,
	99.01,Kabupaten Uji Satu,2,1,50.0,4,100,2025-12-31,50.0,1,
	99.02,Kabupaten Uji Dua,2,0,0.0,1,80,2026-12-31,80.0,2,
	99.71,Kota Uji,2,0,0.0,2,80,2026-12-31,80.0,2,
	total,,7,1,14.3,8,,,,5,
	EOF
	run -0 kim-coverage --as-of "$ASOF" --unit kecamatan --value -r 99.01
	assert_output 50.0
	run -0 kim-coverage --as-of "$ASOF" --unit kecamatan --missing -r 99.01 -r 99.02.01
	assert_output - <<-'EOF'
	code,name,kecamatan,kabupaten
	99.01.01,Sukamaju,Sukamaju,Kabupaten Uji Satu
	99.02.01,Lembah Uji,Lembah Uji,Kabupaten Uji Dua
	EOF
	run -0 kim-coverage --as-of "$ASOF" --unit kecamatan --missing -c
	assert_output 6
	# village is the default, and today's answer
	assert_equal "$(kim-coverage --as-of "$ASOF" --unit village)" "$(kim-coverage --as-of "$ASOF")"
	run --separate-stderr kim-coverage --as-of "$ASOF" --unit desa
	assert_usage_error "kim-coverage: --unit: 'desa' is not one of village, kecamatan"
}

@test "--unit kecamatan on the map: the caption says what is counted" {
	fixture
	mkdir -p boundaries
	cp "$KIM_TOP/tests/fixtures/boundaries-uji.geojson" boundaries/kabupaten.geojson ||
		fail "cannot copy the fixture boundaries"
	run -0 kim-coverage --as-of "$ASOF" --unit kecamatan -f svg
	assert_line '<title id="kim-map-title">Kecamatan with a KIM of their own (aktif), by kabupaten/kota</title>'
	assert_line --partial '<title>Kabupaten Uji Satu: 50.0% (1/2), target 100.0%</title>'
}

@test "national: Kabupaten Tuban, 10 of its 20 kecamatan with a kecamatan-level KIM, is 50.0 (kim-coverage(1))" {
	mkdata_national tuban
	# the first ten kecamatan of 35.23 in the national list have a KIM of
	# their own, and one desa a KIM, which covers no kecamatan
	{
		echo name,region,formed
		grep -o '^35\.23\.[0-9][0-9],' "$WILAYAH" | tr -d , | head -10 |
			awk '{ print "KIM Kecamatan " NR "," $1 ",2021-01-04" }'
		echo "KIM Desa,35.23.01.2001,2020-01-01"
	} >t.csv
	[ "$(grep -c '^35\.23\.[0-9][0-9],' "$WILAYAH")" -eq 20 ] || fail "Tuban has not 20 kecamatan"
	kim-register --no-commit --as-of 2021-12-31 --import t.csv >/dev/null
	run -0 kim-coverage --as-of 2021-12-31 --unit kecamatan -r 35.23 --value
	assert_output 50.0
	run -0 kim-coverage --as-of 2021-12-31 --unit kecamatan -r 35.23 --missing -c
	assert_output 10
	run -0 kim-coverage --as-of 2021-12-31 --unit kecamatan -r 35.23 --by kecamatan
	assert_line --index 1 '35.23.01,Kenduruan,1,1,100.0,2,,,,,'
	assert_equal "${#lines[@]}" 22
}

@test "-f opendata: the open-data portals' table, codes without dots, satuan KIM, tahun of the as-of day" {
	mkdemo
	run -0 kim-coverage --as-of 2026-11-22 -f opendata
	assert_output - <<-'EOF'
	kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,jumlah_kim,jumlah_desa_kelurahan,desa_kelurahan_ber_kim,persentase,satuan,tahun
	99,Provinsi Contoh,9901,Kabupaten Sukamaju,9,15,7,46.7,KIM,2026
	99,Provinsi Contoh,9902,Kabupaten Tirta Rahayu,9,15,8,53.3,KIM,2026
	99,Provinsi Contoh,9903,Kabupaten Danau Lestari,4,12,4,33.3,KIM,2026
	99,Provinsi Contoh,9971,Kota Bukit Permai,10,14,7,50.0,KIM,2026
	EOF
	run -0 kim-coverage --as-of 2027-01-02 -f opendata --by kecamatan -r 99.71
	assert_output - <<-'EOF'
	kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,kode_kecamatan,nama_kecamatan,jumlah_kim,jumlah_desa_kelurahan,desa_kelurahan_ber_kim,persentase,satuan,tahun
	99,Provinsi Contoh,9971,Kota Bukit Permai,997101,Bukit Permai Utara,4,5,2,40.0,KIM,2027
	99,Provinsi Contoh,9971,Kota Bukit Permai,997102,Bukit Permai Selatan,3,4,3,75.0,KIM,2027
	99,Provinsi Contoh,9971,Kota Bukit Permai,997103,Bukit Permai Barat,2,5,2,40.0,KIM,2027
	EOF
	run -0 kim-coverage --as-of 2026-11-22 -f opendata --by provinsi --unit kecamatan
	assert_output - <<-'EOF'
	kode_provinsi,nama_provinsi,jumlah_kim,jumlah_kecamatan,kecamatan_ber_kim,persentase,satuan,tahun
	99,Provinsi Contoh,33,12,2,16.7,KIM,2026
	EOF
	# the same figures as the rows, for spreadsheets with --excel
	run -0 bash -c "kim-coverage --as-of 2026-11-22 -f opendata --excel -r 99.03 | od -An -c | tr -s ' ' | tr -d '\n'"
	assert_output --partial ' 357 273 277 k o d e _ p r o v i n s i'
	assert_output --partial ', 4 , 1 2 , 4 , 3 3 . 3 , K I M , 2 0 2 6 \r \n'
	# no personal data: no contact, no chair, whatever the register holds
	run -0 kim-coverage --as-of 2026-11-22 -f opendata --by kecamatan
	refute_output --regexp '08[0-9]{2}-|@|Ketua'
	run --separate-stderr kim-coverage --as-of 2026-11-22 -f opendata --missing
	assert_usage_error "kim-coverage: -f opendata is a table of the rows: it does not go with --missing, --value or --map"
}

@test "--excel: BOM, CRLF, and a negative gap is not a formula" {
	fixture
	run bash -c "kim-coverage --as-of $ASOF --by kecamatan -r 99.71.02 --excel | od -An -c | tr -s ' ' | tr -d '\n'"
	assert_output --partial '357 273 277 r e g i o n'
	assert_output --partial "6 6 . 7 , 2 , 5 0 , 2 0 2 7 - 0 6 - 3 0 , ' - 1 6 . 7 , 0 , \\r \\n"
}

@test "records from files and standard input; kim-list output composes" {
	fixture
	kim-list --as-of "$ASOF" -r 99.01 >sel.csv
	run kim-coverage --as-of "$ASOF" --by kecamatan -r 99.01 sel.csv
	assert_success
	assert_output - <<-EOF
	$HEAD
	99.01.01,Sukamaju,3,1,33.3,2,100,2025-12-31,66.7,2,
	99.01.02,Tanjung Uji,3,0,0.0,1,100,2025-12-31,100.0,3,
	total,,6,1,16.7,3,,,,5,
	EOF
	run bash -c "kim-list --as-of $ASOF -f jsonl --name maju | kim-coverage --as-of $ASOF --value -r 99.01 -"
	assert_success
	assert_output "16.7"
	# only the records read count: the register is not read as well
	run bash -c "kim-list --as-of $ASOF --status nonaktif | kim-coverage --as-of $ASOF -r 99 --by provinsi --status nonaktif -"
	assert_output - <<-EOF
	$HEAD
	99,Provinsi Uji,17,1,5.9,1,80,2026-12-31,74.1,13,
	total,,17,1,5.9,1,,,,13,
	EOF
}

@test "--at: the coverage as committed at a revision" {
	[[ $(kim-coverage --version) == *+git ]] || skip "built without libgit2 (make WITH_GIT=0)"
	fixture
	export HOME="$BATS_TEST_TMPDIR/home" GIT_CONFIG_NOSYSTEM=1
	mkdir -p "$HOME"
	git init -q -b main . && git config user.name Petugas &&
		git config user.email data@diskominfo.example &&
		printf '.kim.lock\n' >.gitignore && git add . &&
		git commit -q -m fixture || fail "cannot set up the repository"
	kim-register --as-of "$ASOF" --name 'KIM Karang Anyar' \
		--region 99.01.01.2003 --formed 2022-01-01 >/dev/null
	run kim-coverage --as-of "$ASOF" --value -r 99.01
	assert_output "33.3"
	run kim-coverage --as-of "$ASOF" --at HEAD~1 --value -r 99.01
	assert_success
	assert_output "16.7"
	run kim-coverage --as-of "$ASOF" --at HEAD~1 --by kecamatan -r 99.01.01
	assert_output - <<-EOF
	$HEAD
	99.01.01,Sukamaju,3,1,33.3,2,100,2025-12-31,66.7,2,
	total,,3,1,33.3,2,,,,2,
	EOF
}

@test "--at: the region list as committed then, so that a new list changes no past coverage (issue 20 item 4)" {
	[[ $(kim-coverage --version) == *+git ]] || skip "built without libgit2 (make WITH_GIT=0)"
	local before
	fixture
	export HOME="$BATS_TEST_TMPDIR/home" GIT_CONFIG_NOSYSTEM=1
	mkdir -p "$HOME"
	git init -q -b main . && git config user.name Petugas &&
		git config user.email data@diskominfo.example &&
		printf '.kim.lock\n' >.gitignore && git add . &&
		git commit -q -m fixture || fail "cannot set up the repository"
	before=$(kim-coverage --as-of "$ASOF" -r 99 --by kabupaten)
	# a decree's list, committed: Kabupaten Uji Dua is 97.01 now, so the
	# records of 99.02 as they were committed are of no region of it
	cp "$KIM_TOP/tests/fixtures/wilayah-amended.csv" wilayah.csv
	git commit -q -am "wilayah.csv: the amended list" || fail "cannot commit"
	run --separate-stderr kim-coverage --as-of "$ASOF" -r 99 --by kabupaten --at HEAD~1
	assert_success
	assert_output "$before"
	# a list at that commit that is not valid is named by the commit
	echo '99.01.01.20x1,Salah,desa' >>wilayah.csv
	git commit -q -am "a bad list" || fail "cannot commit"
	run --separate-stderr kim-coverage --as-of "$ASOF" -r 99 --at HEAD
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-coverage: HEAD:wilayah.csv:36:1: '99.01.01.20x1' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)"
}

@test "--at: a commit without wilayah.csv reads the folder's list" {
	[[ $(kim-coverage --version) == *+git ]] || skip "built without libgit2 (make WITH_GIT=0)"
	fixture
	export HOME="$BATS_TEST_TMPDIR/home" GIT_CONFIG_NOSYSTEM=1
	mkdir -p "$HOME"
	git init -q -b main . && git config user.name Petugas &&
		git config user.email data@diskominfo.example &&
		printf '.kim.lock\nwilayah.csv\n' >.gitignore && git add . &&
		git commit -q -m fixture || fail "cannot set up the repository"
	run --separate-stderr kim-coverage --as-of "$ASOF" --at HEAD --value -r 99.01
	assert_success
	assert_output "16.7"
}

@test "a record whose region is not in wilayah.csv: exit 3, file and line, no figures" {
	fixture
	printf '%s\n' name,region,formed 'KIM A,99.01.01.2001,2020-01-01' \
		'KIM B,99.01.01.2099,2020-01-01' >bad.csv
	run --separate-stderr kim-coverage --as-of "$ASOF" bad.csv
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-coverage: bad.csv:3:2: region: 99.01.01.2099 is not in wilayah.csv"
	run --separate-stderr kim-coverage --as-of "$ASOF" --value -r 99.01 - <bad.csv
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-coverage: <stdin>:3:2: region: 99.01.01.2099 is not in wilayah.csv"
	# the same in the register
	sed -i 's/^99\.02\.01\.3001-1,KIM Adat Uji,99\.02\.01\.3001,/99.02.01.3009-1,KIM Adat Uji,99.02.01.3009,/' kim/99.02.csv
	run --separate-stderr kim-coverage --as-of "$ASOF" --missing
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-coverage: kim/99.02.csv:2:3: region: 99.02.01.3009 is not in wilayah.csv"
}

@test "targets.csv: problems are exit 3 with positions, as kim-check reports them" {
	fixture
	cat >targets.csv <<-'EOF'
	due,region,target
	2026-12-31,99,80
	2025-12-31,99.01,100.5
	2025-02-30,99.02,33.33
	2025-01-01,12.34,50
	2026-01-01,99.71,92.5
	2026-01-01,99.71,9
	EOF
	run --separate-stderr kim-coverage --as-of "$ASOF"
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-coverage: targets.csv:3:3: target: '100.5' is not a percent from 0 to 100 (a whole number or one decimal, e.g. 100 or 92.5)
kim-coverage: targets.csv:4:1: due: '2025-02-30' is not a real date (expected YYYY-MM-DD)
kim-coverage: targets.csv:4:3: target: '33.33' is not a percent from 0 to 100 (a whole number or one decimal, e.g. 100 or 92.5)
kim-coverage: targets.csv:5:2: region: '12.34' is not a region of wilayah.csv
kim-coverage: targets.csv:7:2: a target for 99.71 is also on line 6"
	run kim-check --as-of "$ASOF"
	assert_failure 1
	assert_output "targets.csv:3:3: target: '100.5' is not a percent from 0 to 100 (a whole number or one decimal, e.g. 100 or 92.5)
targets.csv:4:1: due: '2025-02-30' is not a real date (expected YYYY-MM-DD)
targets.csv:4:3: target: '33.33' is not a percent from 0 to 100 (a whole number or one decimal, e.g. 100 or 92.5)
targets.csv:5:2: region: '12.34' is not a region of wilayah.csv
targets.csv:7:2: a target for 99.71 is also on line 6"
	# --missing and --value need no targets
	run kim-coverage --as-of "$ASOF" --value -r 99
	assert_success
	assert_output "23.5"
	printf 'region,target\n99,80\n' >targets.csv
	run --separate-stderr kim-coverage --as-of "$ASOF"
	assert_failure 3
	assert_equal "$stderr" "kim-coverage: targets.csv:1: the header has no column 'due'"
}

@test "no targets.csv: no targets, empty columns" {
	fixture
	rm targets.csv
	run kim-coverage --as-of "$ASOF" --by provinsi
	assert_success
	assert_output - <<-EOF
	$HEAD
	98,Provinsi Contoh,2,1,50.0,1,,,,,
	99,Provinsi Uji,17,4,23.5,8,,,,,
	total,,19,5,26.3,9,,,,,
	EOF
}

@test "usage errors: exit 2, a message, the usage" {
	fixture
	run --separate-stderr kim-coverage --by desa
	assert_usage_error "kim-coverage: --by: 'desa' is not one of provinsi, kabupaten, kecamatan"
	run --separate-stderr kim-coverage -r 99.1
	assert_usage_error "kim-coverage: -r: '99.1' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)"
	run --separate-stderr kim-coverage -r 99.03
	assert_usage_error "kim-coverage: -r: 99.03 is not in wilayah.csv"
	run --separate-stderr kim-coverage -r 99.01.01
	assert_usage_error "kim-coverage: -r: 99.01.01 is a kecamatan, below the rows of --by kabupaten (give --by kecamatan, or --value)"
	run --separate-stderr kim-coverage --by kecamatan -r 99.01.01.2001
	assert_usage_error "kim-coverage: -r: 99.01.01.2001 is a desa: no rows are inside a village (give --value or --missing)"
	run --separate-stderr kim-coverage --value
	assert_usage_error "kim-coverage: --value prints the percent of one region: give exactly one -r (0 given)"
	run --separate-stderr kim-coverage --value -r 99.01 -r 99.02
	assert_usage_error "kim-coverage: --value prints the percent of one region: give exactly one -r (2 given)"
	run --separate-stderr kim-coverage --value --missing -r 99
	assert_usage_error "kim-coverage: --missing and --value do not go together"
	run --separate-stderr kim-coverage --status aktif,tidur
	assert_usage_error "kim-coverage: --status: 'tidur' is not one of aktif, nonaktif, bubar"
	run --separate-stderr kim-coverage -f xml
	assert_usage_error "kim-coverage: -f: 'xml' is not a format (csv, tsv, json, jsonl, table or xlsx)"
}

# ------------------------------------------------------------ national

@test "national: Tabanan, Musi Banyuasin, Kab. Bandung, Kota Mataram" {
	national
	run kim-coverage -r 51.02 -r 16.06 -r 32.04 -r 52.71
	assert_success
	assert_output - <<-EOF
	$HEAD
	16.06,Kabupaten Musi Banyuasin,242,0,0.0,0,,,,,
	32.04,Kabupaten Bandung,280,113,40.4,113,,,,,
	51.02,Kabupaten Tabanan,133,120,90.2,126,100,2025-12-31,9.8,13,yes
	52.71,Kota Mataram,50,0,0.0,0,,,,,
	total,,705,233,33.0,239,,,,13,
	EOF
	# Kota Mataram's 50 villages are all kelurahan
	run bash -c 'kim-coverage --missing -r 52.71 | grep -c "^52\.71\.[0-9][0-9]\.1[0-9][0-9][0-9],"'
	assert_output "50"
}

@test "national: Bali's 716 villages, the sum of its kabupaten/kota" {
	national
	run kim-coverage -r 51
	assert_success
	assert_line --index 0 "$HEAD"
	assert_equal "${#lines[@]}" 11
	assert_line --index 10 "total,,716,120,16.8,126,,,,13,"
	run bash -c 'kim-coverage -r 51 | sed "1d;\$d" | awk -F, "{ n += \$3 } END { print n }"'
	assert_output "716"
	run kim-coverage -r 51 --by provinsi
	assert_line --index 1 "51,Bali,716,120,16.8,126,,,,,"
}

@test "national: 83,762 villages; 7,285 kecamatan, 514 kabupaten/kota, 38 provinsi rows" {
	national
	run kim-coverage --by provinsi
	assert_success
	assert_equal "${#lines[@]}" $((1 + 38 + 1))
	assert_line --index -1 "total,,83762,233,0.3,239,,,,,"
	run kim-coverage
	assert_equal "${#lines[@]}" $((1 + 514 + 1))
	assert_line --index -1 "total,,83762,233,0.3,239,,,,13,"
	run kim-coverage --by kecamatan
	assert_equal "${#lines[@]}" $((1 + 7285 + 1))
	assert_line --index -1 "total,,83762,233,0.3,239,,,,13,"
	# JSON Lines: one object per row and the total
	run bash -c 'kim-coverage --by kecamatan -f jsonl | wc -l'
	assert_output "7286"
}

@test "national: --missing -r 51.02 lists exactly the 13 uncovered desa" {
	national
	run --separate-stderr kim-coverage --missing -r 51.02
	assert_success
	assert_output - <<-'EOF'
	code,name,kecamatan,kabupaten
	51.02.10.2002,Sanda,Pupuan,Kabupaten Tabanan
	51.02.10.2003,Batungsel,Pupuan,Kabupaten Tabanan
	51.02.10.2004,Kebon Padangan,Pupuan,Kabupaten Tabanan
	51.02.10.2005,Munduktemu,Pupuan,Kabupaten Tabanan
	51.02.10.2006,Pujungan,Pupuan,Kabupaten Tabanan
	51.02.10.2007,Pupuan,Pupuan,Kabupaten Tabanan
	51.02.10.2008,Bantiran,Pupuan,Kabupaten Tabanan
	51.02.10.2009,Padangan,Pupuan,Kabupaten Tabanan
	51.02.10.2010,Jelijih Punggang,Pupuan,Kabupaten Tabanan
	51.02.10.2011,Belatungan,Pupuan,Kabupaten Tabanan
	51.02.10.2012,Pajahan,Pupuan,Kabupaten Tabanan
	51.02.10.2013,Karyasari,Pupuan,Kabupaten Tabanan
	51.02.10.2014,Sai,Pupuan,Kabupaten Tabanan
	EOF
	assert_equal "$stderr" ""
}

@test "national: --value in an if, and the CSV into sort" {
	national
	run bash -c '
		if kim-coverage --value -r 51.02 | awk "{ exit !(\$1 >= 90) }"; then
			echo "Tabanan: $(kim-coverage --value -r 51.02) %, on track"
		fi
		if [ "$(kim-coverage --value -r 32.04)" = 40.4 ]; then
			echo "Kab. Bandung: 113 of 280"
		fi'
	assert_success
	assert_output "Tabanan: 90.2 %, on track
Kab. Bandung: 113 of 280"
	run bash -c 'kim-coverage -r 51 -r 32 | grep -v "^total," | sed 1d |
		sort -t, -k5,5nr | head -n 2 | cut -d, -f1,5'
	assert_output "51.02,90.2
32.04,40.4"
}

@test "national: a closed pipe is not an error" {
	national
	run bash -c 'kim-coverage --by kecamatan | head -n 1; echo "${PIPESTATUS[0]}"'
	assert_output "$HEAD
0"
}

@test "--as-of: a KIM formed after the day is not counted" {
	fixture
	run kim-coverage --as-of 2021-06-01 --value -r 99.02.01.3001
	assert_success
	assert_output 100.0
	run kim-coverage --as-of 2021-05-31 --value -r 99.02.01.3001
	assert_success
	assert_output 0.0
}

@test "bad records in two register files: both messages, in the files' order" {
	fixture
	sed -i 's/^99\.01\.01\.2002-1,KIM Sukamaju Hilir,99\.01\.01\.2002,/99.01.01.2009-1,KIM Sukamaju Hilir,99.01.01.2009,/' kim/99.01.csv
	sed -i 's/^99\.02\.01\.3001-1,KIM Adat Uji,99\.02\.01\.3001,/99.02.01.3009-1,KIM Adat Uji,99.02.01.3009,/' kim/99.02.csv
	for i in 1 2 3 4 5; do
		run --separate-stderr kim-coverage --as-of "$ASOF"
		assert_failure 3
		assert_output ""
		assert_equal "$stderr" "kim-coverage: kim/99.01.csv:5:3: region: 99.01.01.2009 is not in wilayah.csv
kim-coverage: kim/99.02.csv:2:3: region: 99.02.01.3009 is not in wilayah.csv"
	done
}

@test "national: 100,000 KIM counted on every core equal their files read one by one" {
	mkgen
	# operands are read by one thread, in order; the register on every core
	kim-coverage -d . --as-of "$ASOF" --by kecamatan kim/*.csv >../one.csv
	[ "$(wc -l <../one.csv)" -eq 7287 ] || fail "$(wc -l <../one.csv) rows"
	run -0 kim-coverage -d . --as-of "$ASOF" --by kecamatan
	assert_output "$(cat ../one.csv)"
	run -0 kim-coverage -d . --as-of "$ASOF" --status nonaktif,bubar -r 51 -r 32.04 --by kecamatan
	assert_output "$(kim-coverage -d . --as-of "$ASOF" --status nonaktif,bubar -r 51 -r 32.04 --by kecamatan kim/*.csv)"
}
