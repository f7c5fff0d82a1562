#!/usr/bin/env bats
# kim-eligible: rule sets applied to records, every decision explained.
#
# Most cases give the records as an operand (in.csv, written by the case)
# in a mkdata folder (tests/fixtures/wilayah.csv) and a rule set written by
# the case; every case pins the day with --as-of or the rule's as_of.

load test_helper

ASOF=2023-06-21

HEADER=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes
USAGE1="usage: kim-eligible --rules FILE [--explain] [--ineligible]"

# rules FILE JSON: write a rule set
rules() {
	printf '%s\n' "$2" >"$1" || fail "rules: cannot write $1"
}

# input ROW...: in.csv with the columns of IN and these rows
IN=id,name,region,formed,sk,members,sectors,status,verified,contact,notes
input() {
	printf '%s\n' "$IN" "$@" >in.csv || fail "input: cannot write in.csv"
}

# explain RULES [OPTION...]: the id and failed columns of --explain on in.csv
explain() {
	local r=$1
	shift
	kim-eligible --rules "$r" --explain -f tsv "$@" in.csv | cut -f1,3,4
}

# assert_rule_error STATUS MESSAGE: the last run (with --separate-stderr)
# failed with STATUS, printed MESSAGE alone on stderr and nothing on stdout
assert_rule_error() {
	assert_failure "$1"
	assert_output ""
	assert_equal "$stderr" "$2"
}

setup() {
	mkdata
}

# --- usage -------------------------------------------------------------------

@test "without --rules kim-eligible is a usage error" {
	run --separate-stderr kim-eligible --as-of $ASOF
	assert_failure 2
	assert_output ""
	assert_equal "${stderr_lines[0]}" "kim-eligible: --rules FILE is required"
	assert_equal "${stderr_lines[1]}" "$USAGE1"
}

@test "an unknown option and a bad --as-of are usage errors" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	run --separate-stderr kim-eligible --rules r.json --between 1
	assert_failure 2
	assert_output ""
	assert_equal "${stderr_lines[1]}" "$USAGE1"
	run --separate-stderr kim-eligible --rules r.json --as-of 2023-02-29
	assert_failure 2
	assert_output ""
	assert_equal "${stderr_lines[0]}" "kim-eligible: --as-of: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
}

@test "--help prints the usage and the options" {
	run kim-eligible --help
	assert_success
	assert_line --index 0 "$USAGE1"
	assert_output --partial "--explain"
}

# --- output and exit status ------------------------------------------------

@test "eligible records are printed whole, as the register's columns" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,489/1/2018,12,umkm;pertanian,aktif,2023-01-10,,' \
		'99.01.01.2001-2,KIM Muda,99.01.01.2001,2019-01-01,,9,literasi,nonaktif,,,' \
		'99.71-1,"KIM Kota, Uji",99.71,2010-10-20,,28,,,,,"baris satu, dua"'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_success
	assert_output - <<EOF
$HEADER
99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,489/1/2018,,,,12,umkm;pertanian,aktif,,,2023-01-10,,,
99.71-1,"KIM Kota, Uji",99.71,2010-10-20,,,,,28,,aktif,,,,,,"baris satu, dua"
EOF
	assert_equal "$stderr" ""
}

@test "--ineligible prints the records that fail; the exit status is still about eligibility" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,12,,aktif,,,' \
		'99.01.01.2001-2,KIM Muda,99.01.01.2001,2019-01-01,,9,,nonaktif,,,'
	run kim-eligible --rules r.json --as-of $ASOF --ineligible in.csv
	assert_success
	assert_output - <<EOF
$HEADER
99.01.01.2001-2,KIM Muda,99.01.01.2001,2019-01-01,,,,,9,,nonaktif,,,,,,
EOF
	input '99.01.01.2001-2,KIM Muda,99.01.01.2001,2019-01-01,,9,,nonaktif,,,'
	run kim-eligible --rules r.json --as-of $ASOF --ineligible in.csv
	assert_failure 1
	assert_output - <<EOF
$HEADER
99.01.01.2001-2,KIM Muda,99.01.01.2001,2019-01-01,,,,,9,,nonaktif,,,,,,
EOF
}

@test "no eligible record: exit 1 and the header only" {
	rules r.json '{"criteria": [{"field": "status", "is": ["bubar"]}]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,12,,aktif,,,'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_failure 1
	assert_output "$HEADER"
	assert_equal "$stderr" ""
	run kim-eligible --rules r.json --as-of $ASOF -f json in.csv
	assert_failure 1
	assert_output "[]"
}

@test "JSON Lines output is record input again: members a number, sectors an array" {
	rules r.json '{"criteria": [{"field": "members", "min": 10}]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,12,umkm;pertanian,aktif,,,'
	run kim-eligible --rules r.json --as-of $ASOF -f jsonl in.csv
	assert_success
	assert_output '{"id":"99.01.01.2001-1","name":"KIM Maju","region":"99.01.01.2001","formed":"2018-06-21","sk":null,"chair":null,"secretary":null,"treasurer":null,"members":12,"sectors":["umkm","pertanian"],"status":"aktif","website":null,"contact":null,"verified":null,"registered":null,"updated":null,"notes":null}'
	kim-eligible --rules r.json --as-of $ASOF -f jsonl in.csv >out.jsonl
	run kim-eligible --rules r.json --as-of $ASOF out.jsonl
	assert_success
	assert_line --index 1 "99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,umkm;pertanian,aktif,,,,,,"
}

@test "without operands the register is read; - is standard input" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	kim-register --no-commit --as-of $ASOF --name 'KIM Maju' --region 99.01.01.2001 \
		--formed 2018-06-21 >/dev/null
	kim-register --no-commit --as-of $ASOF --name 'KIM Muda' --region 99.01.01.2002 \
		--formed 2019-06-21 --status nonaktif >/dev/null
	run kim-eligible --rules r.json --as-of $ASOF
	assert_success
	assert_output - <<EOF
$HEADER
99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,,,aktif,,,,$ASOF,$ASOF,
EOF
	run bash -c "kim-list --as-of $ASOF | kim-eligible --rules r.json --as-of $ASOF --ineligible - | cut -d, -f1"
	assert_output - <<'EOF'
id
99.01.01.2002-1
EOF
}

@test "--at reads the register as committed then; --as-of stays the rules' day" {
	need_git
	unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_AUTHOR_DATE GIT_COMMITTER_DATE
	export HOME="$BATS_TEST_TMPDIR/home" XDG_CONFIG_HOME= GIT_CONFIG_NOSYSTEM=1
	mkdir -p "$HOME"
	git init -q -b main . && git config user.name 'Petugas Data' &&
		git config user.email data@diskominfo.example &&
		printf '.kim.lock\n' >.gitignore && git add .gitignore wilayah.csv &&
		GIT_COMMITTER_DATE=2023-01-01T12:00:00+0000 git commit -q \
			--date=2023-01-01T12:00:00+0000 -m wilayah || fail "cannot set up git"
	KIM_COMMIT_DATE=2023-01-10 kim-register --as-of 2023-01-10 --name 'KIM Maju' \
		--region 99.01.01.2001 --formed 2018-06-21 >/dev/null || fail "cannot register"
	KIM_COMMIT_DATE=2023-08-01 kim-register --as-of 2023-08-01 \
		--deactivate 99.01.01.2001-1 >/dev/null || fail "cannot deactivate"
	rules r.json '{"as_of": "2023-06-21", "criteria": [{"field": "status", "is": ["aktif"]}, {"field": "age", "min": 5}]}'
	run --separate-stderr kim-eligible --rules r.json --at 2023-06-21 -f tsv
	assert_success
	assert_line --index 1 --partial "99.01.01.2001-1	KIM Maju	99.01.01.2001	2018-06-21	"
	assert_equal "$stderr" ""
	run kim-eligible --rules r.json --explain -f tsv
	assert_failure 1
	assert_output - <<'EOF'
id	name	eligible	failed
99.01.01.2001-1	KIM Maju	no	status: nonaktif, needs one of aktif
EOF
	run --separate-stderr kim-eligible --rules r.json --at 2023-06-21 in.csv
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "kim-eligible: --at reads the register as committed; it does not go with files to read"
}

@test "a bad record is reported and nothing is printed: exit 3" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,12,,aktif,,,' \
		'99.01.01.2009-1,KIM Hilang,99.01.01.2009,2018-06-21,,12,,aktif,,,'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_failure 3
	assert_output ''
	assert_equal "$stderr" "kim-eligible: in.csv:3:3: region: 99.01.01.2009 is not in $KIM_DATA/wilayah.csv"
}

@test "records dated after the as-of date are read, not refused: the rule's day is not the register's" {
	rules r.json '{"as_of": "2020-01-01", "criteria": [{"field": "status", "is": ["aktif"]}]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,12,,aktif,2023-05-01,,'
	run --separate-stderr kim-eligible --rules r.json in.csv
	assert_success
	assert_line --index 1 "99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,2023-05-01,,,"
	assert_equal "$stderr" ""
}

@test "a closed pipe is not an error" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	for i in $(seq 1 3000); do echo "99.01.01.2001-$i,KIM $i,99.01.01.2001,2018-06-21,,12,,aktif,,,"; done >rows
	{ echo "$IN"; cat rows; } >in.csv
	run bash -c "kim-eligible --rules r.json --as-of $ASOF in.csv | head -1; echo \${PIPESTATUS[0]}"
	assert_output - <<EOF
$HEADER
0
EOF
}

# --- is ------------------------------------------------------------------------

@test "is: aktif passes, nonaktif and bubar fail with the value found" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,aktif,,,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2018-06-21,,,,nonaktif,,,' \
		'99.01.01.2001-3,KIM C,99.01.01.2001,2018-06-21,,,,bubar,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	status: nonaktif, needs one of aktif
99.01.01.2001-3	no	status: bubar, needs one of aktif
EOF
}

@test "is: one of several values; text compares exactly; an empty value fails" {
	rules r.json '{"criteria": [{"field": "sk", "is": ["007/SK/2015", "489/1/2018"]}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,489/1/2018,,,,,,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2018-06-21,7/SK/2015,,,,,,' \
		'99.01.01.2001-3,KIM C,99.01.01.2001,2018-06-21,,,,,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	sk: 7/SK/2015, needs one of 007/SK/2015, 489/1/2018
99.01.01.2001-3	no	sk: empty, needs one of 007/SK/2015, 489/1/2018
EOF
}

@test "is: kabupaten and kecamatan are the codes of the region's kabupaten and kecamatan" {
	rules r.json '{"criteria": [{"field": "kecamatan", "is": ["99.01.02"]}]}'
	input '99.01.02.1001-1,KIM A,99.01.02.1001,2018-06-21,,,,,,,' \
		'99.01.01.2001-1,KIM B,99.01.01.2001,2018-06-21,,,,,,,' \
		'99.01-1,KIM C,99.01,2018-06-21,,,,,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.02.1001-1	yes	
99.01.01.2001-1	no	kecamatan: 99.01.01 (region 99.01.01.2001), needs one of 99.01.02
99.01-1	no	kecamatan: empty (region 99.01), needs one of 99.01.02
EOF
}

@test "kabupaten_code and kecamatan_code: the names of the codes; the older kabupaten and kecamatan select the same" {
	rules new.json '{"criteria": [{"field": "kabupaten_code", "is": ["99.01"]}, {"field": "kecamatan_code", "prefix": ["99.01.02"]}]}'
	rules old.json '{"criteria": [{"field": "kabupaten", "is": ["99.01"]}, {"field": "kecamatan", "prefix": ["99.01.02"]}]}'
	input '99.01.02.1001-1,KIM A,99.01.02.1001,2018-06-21,,,,,,,' \
		'99.01.01.2001-1,KIM B,99.01.01.2001,2018-06-21,,,,,,,' \
		'99.71-1,KIM C,99.71,2018-06-21,,,,,,,'
	run explain new.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.02.1001-1	yes	
99.01.01.2001-1	no	kecamatan_code: 99.01.01 (region 99.01.01.2001), needs to be within 99.01.02
99.71-1	no	kabupaten_code: 99.71 (region 99.71), needs one of 99.01 | kecamatan_code: empty (region 99.71), needs to be within 99.01.02
EOF
	run explain old.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.02.1001-1	yes	
99.01.01.2001-1	no	kecamatan: 99.01.01 (region 99.01.01.2001), needs to be within 99.01.02
99.71-1	no	kabupaten: 99.71 (region 99.71), needs one of 99.01 | kecamatan: empty (region 99.71), needs to be within 99.01.02
EOF
	rules bad.json '{"criteria": [{"field": "kecamatan_code", "is": ["99.01"]}]}'
	run -3 kim-eligible --rules bad.json --as-of $ASOF in.csv
	assert_output --partial 'criteria[0]: is: "99.01" can never match: a kecamatan_code code is PP.KK.CC'
}

# --- min and max ---------------------------------------------------------------

@test "min and max of members: the bounds are included; empty fails both" {
	rules lo.json '{"criteria": [{"field": "members", "min": 10}]}'
	rules hi.json '{"criteria": [{"field": "members", "max": 20}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,10,,,,,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2018-06-21,,9,,,,,' \
		'99.01.01.2001-3,KIM C,99.01.01.2001,2018-06-21,,21,,,,,' \
		'99.01.01.2001-4,KIM D,99.01.01.2001,2018-06-21,,,,,,,'
	run explain lo.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	members: 9, needs at least 10
99.01.01.2001-3	yes	
99.01.01.2001-4	no	members: empty, needs at least 10
EOF
	run explain hi.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	yes	
99.01.01.2001-3	no	members: 21, needs at most 20
99.01.01.2001-4	no	members: empty, needs at most 20
EOF
}

@test "min and max of dates take ISO strings, bounds included" {
	rules r.json '{"criteria": [{"field": "formed", "min": "2015-01-01"}, {"field": "verified", "max": "2022-12-31"}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2015-01-01,,,,,2022-12-31,,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2014-12-31,,,,,2023-01-01,,' \
		'99.01.01.2001-3,KIM C,99.01.01.2001,2016-05-05,,,,,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	formed: 2014-12-31, needs 2015-01-01 or later | verified: 2023-01-01, needs 2022-12-31 or earlier
99.01.01.2001-3	no	verified: empty, needs 2022-12-31 or earlier
EOF
}

# --- age -----------------------------------------------------------------------

@test "age: formed 2018-06-21 is 5 on 2023-06-21, formed 2018-06-22 is not" {
	rules r.json '{"criteria": [{"field": "age", "min": 5}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2018-06-22,,,,,,,'
	run explain r.json --as-of 2023-06-21
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	age: formed 2018-06-22, 4 years on 2023-06-21, needs at least 5
EOF
}

@test "age: formed 2016-02-29 turns 5 on 2021-02-28, not a day earlier" {
	rules r.json '{"criteria": [{"field": "age", "min": 5}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2016-02-29,,,,,,,'
	run explain r.json --as-of 2021-02-28
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
EOF
	run explain r.json --as-of 2021-02-27
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	no	age: formed 2016-02-29, 4 years on 2021-02-27, needs at least 5
EOF
}

@test "age: an as-of date before formed gives 0, not a negative age" {
	rules r.json '{"criteria": [{"field": "age", "min": 1}]}'
	rules zero.json '{"criteria": [{"field": "age", "max": 0}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2020-06-21,,,,,,,'
	run explain r.json --as-of 2018-06-22
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	no	age: formed 2020-06-21, 0 years on 2018-06-22, needs at least 1
EOF
	run explain zero.json --as-of 2018-06-22
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
EOF
}

@test "age: max, and 1 year in the singular" {
	rules r.json '{"criteria": [{"field": "age", "max": 0}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2022-06-21,,,,,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	no	age: formed 2022-06-21, 1 year on 2023-06-21, needs at most 0
EOF
}

# --- stale_months --------------------------------------------------------------

@test "stale_months: whole months since verified; never verified fails max and passes min" {
	rules hi.json '{"criteria": [{"field": "stale_months", "max": 11}]}'
	rules lo.json '{"criteria": [{"field": "stale_months", "min": 12}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,2022-06-21,,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2018-06-21,,,,,2022-06-22,,' \
		'99.01.01.2001-3,KIM C,99.01.01.2001,2018-06-21,,,,,,,'
	run explain hi.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	no	stale_months: verified 2022-06-21, 12 months before 2023-06-21, needs at most 11
99.01.01.2001-2	yes	
99.01.01.2001-3	no	stale_months: never verified, needs at most 11
EOF
	run explain lo.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	stale_months: verified 2022-06-22, 11 months before 2023-06-21, needs at least 12
99.01.01.2001-3	yes	
EOF
}

# --- all, any, none --------------------------------------------------------------

@test "all: every tag needed; the reason names the missing ones" {
	rules r.json '{"criteria": [{"field": "sectors", "all": ["umkm", "pariwisata", "pertanian"]}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,pertanian;umkm;pariwisata;literasi,,,,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2018-06-21,,,umkm;pertanian,,,,' \
		'99.01.01.2001-3,KIM C,99.01.01.2001,2018-06-21,,,literasi,,,,' \
		'99.01.01.2001-4,KIM D,99.01.01.2001,2018-06-21,,,,,,,' \
		'99.01.01.2001-5,KIM E,99.01.01.2001,2018-06-21,,,pertanian-organik;umkm;pariwisata,,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	sectors: umkm;pertanian, needs all of umkm, pariwisata, pertanian (missing pariwisata)
99.01.01.2001-3	no	sectors: literasi, needs all of umkm, pariwisata, pertanian (missing umkm, pariwisata, pertanian)
99.01.01.2001-4	no	sectors: empty, needs all of umkm, pariwisata, pertanian
99.01.01.2001-5	no	sectors: pertanian-organik;umkm;pariwisata, needs all of umkm, pariwisata, pertanian (missing pertanian)
EOF
}

@test "sectors in mixed case in the input are normalised before the test" {
	rules r.json '{"criteria": [{"field": "sectors", "all": ["umkm", "pariwisata", "pertanian"]}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,UMKM; Pariwisata;PERTANIAN,,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
EOF
	run kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_success
	assert_line --index 1 "99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,umkm;pariwisata;pertanian,aktif,,,,,,"
}

@test "tags in the rule are normalised the same way" {
	rules r.json '{"criteria": [{"field": "sectors", "any": ["Ekonomi Kreatif", "UMKM"]}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,ekonomi-kreatif,,,,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2018-06-21,,,ekonomi,,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	sectors: ekonomi, needs any of ekonomi-kreatif, umkm
EOF
}

@test "any: one tag is enough; none: no tag may be there" {
	rules any.json '{"criteria": [{"field": "sectors", "any": ["literasi", "kesehatan"]}]}'
	rules none.json '{"criteria": [{"field": "sectors", "none": ["politik", "kesehatan"]}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,umkm;kesehatan,,,,' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2018-06-21,,,umkm;pertanian,,,,' \
		'99.01.01.2001-3,KIM C,99.01.01.2001,2018-06-21,,,,,,,'
	run explain any.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	sectors: umkm;pertanian, needs any of literasi, kesehatan
99.01.01.2001-3	no	sectors: empty, needs any of literasi, kesehatan
EOF
	run explain none.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	no	sectors: umkm;kesehatan, needs none of politik, kesehatan (has kesehatan)
99.01.01.2001-2	yes	
99.01.01.2001-3	yes	
EOF
}

# --- prefix ----------------------------------------------------------------------

@test "prefix: the region is the code or inside it; kabupaten too" {
	rules r.json '{"criteria": [{"field": "region", "prefix": ["99.01", "99.71"]}]}'
	rules kab.json '{"criteria": [{"field": "kabupaten", "prefix": ["99.01"]}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,' \
		'99.71-1,KIM B,99.71,2018-06-21,,,,,,,' \
		'98.01.01.2001-1,KIM C,98.01.01.2001,2018-06-21,,,,,,,' \
		'99-1,KIM D,99,2018-06-21,,,,,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.71-1	yes	
98.01.01.2001-1	no	region: 98.01.01.2001, needs to be within one of 99.01, 99.71
99-1	no	region: 99, needs to be within one of 99.01, 99.71
EOF
	run explain kab.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.71-1	no	kabupaten: 99.71 (region 99.71), needs to be within 99.01
98.01.01.2001-1	no	kabupaten: 98.01 (region 98.01.01.2001), needs to be within 99.01
99-1	no	kabupaten: empty (region 99), needs to be within 99.01
EOF
}

# --- present ---------------------------------------------------------------------

@test "present: true fails an empty optional field, false fails a filled one" {
	rules yes.json '{"criteria": [{"field": "sk", "present": true}]}'
	rules no.json '{"criteria": [{"field": "notes", "present": false}, {"field": "contact", "present": false}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,489/1/2018,,,,,0812-0000-0001,Rapat tiap Senin' \
		'99.01.01.2001-2,KIM B,99.01.01.2001,2018-06-21,,,,,,,'
	run explain yes.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01.01.2001-2	no	sk: empty, needs a value
EOF
	# contact is personal data: a reason never shows it
	run explain no.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	no	notes: Rapat tiap Senin, needs to be empty | contact: given, needs to be empty
99.01.01.2001-2	yes	
EOF
}

@test "present on derived fields: members, stale_months and kecamatan" {
	rules r.json '{"criteria": [{"field": "members", "present": true}, {"field": "stale_months", "present": true}, {"field": "kecamatan", "present": true}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,5,,,2023-01-01,,' \
		'99.01-1,KIM B,99.01,2018-06-21,,,,,,,'
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
99.01-1	no	members: empty, needs a value | stale_months: never verified, needs a value | kecamatan: empty (region 99.01), needs a value
EOF
}

# --- explanations ---------------------------------------------------------------

@test "--explain in CSV: every failed criterion, by its label when it has one, joined with ' | '" {
	rules r.json '{
  "name": "Uji",
  "as_of": "2023-06-21",
  "criteria": [
    {"field": "status",  "is": ["aktif"], "label": "masih aktif"},
    {"field": "age",     "min": 5, "label": "terbentuk minimal 5 tahun"},
    {"field": "sectors", "all": ["umkm", "pariwisata", "pertanian"]},
    {"field": "sk",      "present": true}
  ]
}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,489/1/2018,,umkm;pariwisata;pertanian,aktif,,,' \
		'99.01.01.2001-2,"KIM Muda, Baru",99.01.01.2001,2021-03-01,,,umkm;pertanian,nonaktif,,,'
	run --separate-stderr kim-eligible --rules r.json --explain in.csv
	assert_success
	assert_output - <<'EOF'
id,name,eligible,failed
99.01.01.2001-1,KIM Maju,yes,
99.01.01.2001-2,"KIM Muda, Baru",no,"masih aktif: nonaktif, needs one of aktif | terbentuk minimal 5 tahun: formed 2021-03-01, 2 years on 2023-06-21, needs at least 5 | sectors: umkm;pertanian, needs all of umkm, pariwisata, pertanian (missing pariwisata) | sk: empty, needs a value"
EOF
	assert_equal "$stderr" ""
	run kim-eligible --rules r.json --explain --ineligible in.csv
	assert_success
	assert_output - <<'EOF'
id,name,eligible,failed
99.01.01.2001-2,"KIM Muda, Baru",no,"masih aktif: nonaktif, needs one of aktif | terbentuk minimal 5 tahun: formed 2021-03-01, 2 years on 2023-06-21, needs at least 5 | sectors: umkm;pertanian, needs all of umkm, pariwisata, pertanian (missing pariwisata) | sk: empty, needs a value"
EOF
}

@test "--explain in JSON: eligible a boolean, failed an array of objects" {
	rules r.json '{"as_of": "2023-06-21", "criteria": [
    {"field": "status",  "is": ["aktif"], "label": "masih aktif"},
    {"field": "age",     "min": 5},
    {"field": "members", "min": 1}
  ]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,3,,aktif,,,' \
		'99.01.01.2001-2,KIM Muda,99.01.01.2001,2021-03-01,,,,bubar,,,'
	run kim-eligible --rules r.json --explain -f json in.csv
	assert_success
	assert_output - <<'EOF'
[
{"id":"99.01.01.2001-1","name":"KIM Maju","eligible":true,"failed":[]},
{"id":"99.01.01.2001-2","name":"KIM Muda","eligible":false,"failed":[{"criterion":0,"field":"status","test":"is","label":"masih aktif","reason":"status: bubar, needs one of aktif"},{"criterion":1,"field":"age","test":"min","label":null,"reason":"age: formed 2021-03-01, 2 years on 2023-06-21, needs at least 5"},{"criterion":2,"field":"members","test":"min","label":null,"reason":"members: empty, needs at least 1"}]}
]
EOF
}

@test "--explain as a table and as JSON Lines" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,aktif,,,' \
		'99.01.01.2001-2,KIM Muda,99.01.01.2001,2021-03-01,,,,nonaktif,,,'
	run kim-eligible --rules r.json --as-of $ASOF --explain -f table in.csv
	assert_success
	assert_output - <<'EOF'
id               name      eligible  failed
99.01.01.2001-1  KIM Maju  yes
99.01.01.2001-2  KIM Muda  no        status: nonaktif, needs one of aktif
EOF
	run kim-eligible --rules r.json --as-of $ASOF --explain -f jsonl in.csv
	assert_success
	assert_output - <<'EOF'
{"id":"99.01.01.2001-1","name":"KIM Maju","eligible":true,"failed":[]}
{"id":"99.01.01.2001-2","name":"KIM Muda","eligible":false,"failed":[{"criterion":0,"field":"status","test":"is","label":null,"reason":"status: nonaktif, needs one of aktif"}]}
EOF
}

# --- the as-of date ------------------------------------------------------------

@test "the rule's as_of applies without --as-of, and --as-of overrides it" {
	rules r.json '{"as_of": "2023-06-21", "criteria": [{"field": "age", "min": 5}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-22,,,,,,,'
	run explain r.json
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	no	age: formed 2018-06-22, 4 years on 2023-06-21, needs at least 5
EOF
	run explain r.json --as-of 2023-06-22
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
EOF
}

@test "without as_of and --as-of the rules apply today" {
	rules r.json '{"criteria": [{"field": "age", "max": 0}]}'
	input "99.01.01.2001-1,KIM A,99.01.01.2001,$(TZ=Asia/Jakarta date +%F),,,,,,,"
	run explain r.json
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
EOF
}

@test "--rules-as-of is a synonym of --as-of, named in its own usage error" {
	rules r.json '{"as_of": "2023-06-21", "criteria": [{"field": "age", "min": 5}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-22,,,,,,,'
	run explain r.json --rules-as-of 2023-06-22
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
EOF
	run --separate-stderr kim-eligible --rules r.json --rules-as-of 2023-02-29 in.csv
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "kim-eligible: --rules-as-of: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
}

@test "on a terminal kim-eligible says on stderr which day the rules are applied on, and why that day" {
	rules r.json '{"as_of": "2023-06-21", "criteria": [{"field": "age", "min": 5}]}'
	rules today.json '{"criteria": [{"field": "age", "min": 5}]}'
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	tty() { SHELL=/bin/sh script -qec "$1" /dev/null | tr -d '\r'; }
	run tty "kim-eligible --rules r.json -c in.csv"
	assert_output "$(printf '%s\n' "kim-eligible: the rules are applied on 2023-06-21 (the rule set's as-of date)" 1)"
	run tty "kim-eligible --rules r.json --as-of 2023-06-20 -c in.csv"
	assert_output "$(printf '%s\n' "kim-eligible: the rules are applied on 2023-06-20 (--as-of)" 0)"
	run tty "kim-eligible --rules today.json -c in.csv"
	assert_output "$(printf '%s\n' "kim-eligible: the rules are applied on $(TZ=Asia/Jakarta date +%F) (today)" 1)"
	# not on a terminal: nothing but the answer, as before
	run --separate-stderr kim-eligible --rules r.json -c in.csv
	assert_output 1
	assert_equal "$stderr" ""
}

@test "-r PREFIX (repeatable) and -c, as in kim-list" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,12,,aktif,,,' \
		'99.01.01.2002-1,KIM Muda,99.01.01.2002,2019-01-01,,9,,nonaktif,,,' \
		'99.02.01.2001-1,KIM Tirta,99.02.01.2001,2019-01-01,,9,,aktif,,,' \
		'99.71-1,KIM Kota,99.71,2010-10-20,,28,,aktif,,,'
	run kim-eligible --rules r.json --as-of $ASOF -r 99.01 in.csv
	assert_success
	assert_output - <<EOF
$HEADER
99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,,aktif,,,,,,
EOF
	run kim-eligible --rules r.json --as-of $ASOF -r 99.01 -r 99.71 -c in.csv
	assert_success
	assert_output 2
	run kim-eligible --rules r.json --as-of $ASOF --region 99.01 --ineligible --count in.csv
	assert_success
	assert_output 1
	run kim-eligible --rules r.json --as-of $ASOF -r 99.01.01.2002 -c in.csv
	assert_failure 1
	assert_output 0
	run kim-eligible --rules r.json --as-of $ASOF -r 99.01 --explain -f tsv in.csv
	assert_output - <<'EOF'
id	name	eligible	failed
99.01.01.2001-1	KIM Maju	yes	
99.01.01.2002-1	KIM Muda	no	status: nonaktif, needs one of aktif
EOF
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF -r 99.09 in.csv
	assert_failure 2
	assert_output ""
	assert_equal "${stderr_lines[0]}" "kim-eligible: -r: 99.09 is not in $KIM_DATA/wilayah.csv"
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF -c --explain in.csv
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "kim-eligible: -c counts the KIM; --explain explains them: give one of the two"
}

@test "-r reads only the register files that can hold its regions: a bad record in another kabupaten's file stops nothing" {
	rules r.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	input '99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,12,,aktif,2023-01-01,,'
	kim-register --no-commit --as-of $ASOF --import in.csv >/dev/null || fail "cannot register"
	printf '%s\n' "$HEADER" '99.02.02.2002-1,KIM Bukit,99.02.02.2002,2023-02-29,,,,,5,,aktif,,,,2022-01-03,2022-01-03,' >kim/99.02.csv
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF -r 99.01 -c
	assert_success
	assert_output 1
	assert_equal "$stderr" ""
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF -r 99 -c
	assert_failure 3
	assert_equal "$stderr" "kim-eligible: $KIM_DATA/kim/99.02.csv:2:4: formed: '2023-02-29' is not a real date (expected YYYY-MM-DD)"
}

# --- malformed rule files ---------------------------------------------------------

@test "broken JSON is reported with Jansson's line and column" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	rules r.json '{
  "criteria": [
    {"field": "status", "is": ["aktif"]},
    {"field": "age" "min": 5}
  ]
}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 "kim-eligible: r.json:4:25: not JSON: '}' expected near '\"min\"'"
}

@test "an unknown test is reported at its key, with the criterion's index" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	rules r.json '{
  "criteria": [
    {"field": "status", "is": ["aktif"]},
    {"field": "age", "min": 5},
    {"field": "members", "between": [1, 5]}
  ]
}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:5:26: criteria[2]: unknown test "between" (a criterion has a "field", one test of is, min, max, all, any, none, prefix, present, and may have a "label")'
}

@test "an unknown field is reported at its value" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	rules r.json '{"criteria": [{"field": "umur", "min": 5}]}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:1:25: criteria[0]: unknown field "umur" (the fields are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids, age, kabupaten, kecamatan, stale_months, last_activity, activities_90d)'
}

@test "min given as a string that is not a number, or not a date, is an error" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	rules r.json '{"criteria": [{"field": "age", "min": "five"}]}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:1:39: criteria[0]: min: age takes a number, not "five"'
	rules r.json '{"criteria": [{"field": "age", "min": "5"}]}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:1:39: criteria[0]: min: age takes a number, not "5"'
	rules r.json '{"criteria": [{"field": "formed", "min": "2018-02-30"}]}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:1:42: criteria[0]: min: formed takes a real date as "YYYY-MM-DD", not "2018-02-30"'
	rules r.json '{"criteria": [{"field": "formed", "max": 2018}]}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:1:42: criteria[0]: max: formed takes a real date as "YYYY-MM-DD", not 2018'
}

@test "an empty criteria list is an error: it would make every KIM eligible" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	rules r.json '{"name": "Kosong", "criteria": []}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:1:32: criteria: the array is empty (a rule set needs at least one criterion; one that lets every KIM through is {"field": "id", "present": true})'
}

@test "a missing rule file cannot be read: exit 4" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	run --separate-stderr kim-eligible --rules nowhere.json --as-of $ASOF in.csv
	assert_rule_error 4 "kim-eligible: nowhere.json: cannot open: No such file or directory"
}

@test "every problem of a rule file is reported, each at its place" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	rules r.json '{
  "title": "x",
  "as_of": "2023-02-29",
  "criteria": [
    {"field": "status", "min": 3},
    {"field": "status", "is": ["aktf"]},
    {"field": "sectors", "all": ["umkm", "a;b"]},
    {"field": "kabupaten", "is": ["99"]},
    {"field": "region", "prefix": []},
    {"field": "region", "prefix": ["99.0"]},
    {"field": "sk", "present": "yes"},
    {"field": "sk"},
    {"is": ["x"]},
    {"field": "members", "min": 1, "max": 5},
    "status",
    {"field": "sk", "present": true, "label": 5},
    {"field": 7, "present": true}
  ]
}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" 'kim-eligible: r.json:2:3: unknown key "title" (the keys are name, comment, as_of, criteria)
kim-eligible: r.json:3:12: as_of: expected a real date as "YYYY-MM-DD", not "2023-02-29"
kim-eligible: r.json:5:25: criteria[0]: test "min" does not apply to status (it takes is, present)
kim-eligible: r.json:6:31: criteria[1]: is: "aktf" is not a status (aktif, nonaktif or bubar)
kim-eligible: r.json:7:33: criteria[2]: all: "a;b" is not a tag (letters a-z, digits and '"'"'-'"'"', e.g. umkm)
kim-eligible: r.json:8:34: criteria[3]: is: "99" can never match: a kabupaten code is PP.KK
kim-eligible: r.json:9:35: criteria[4]: prefix: the array is empty (give at least one value)
kim-eligible: r.json:10:35: criteria[5]: prefix: "99.0" is not a region code (PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)
kim-eligible: r.json:11:32: criteria[6]: present: expected true or false, not "yes"
kim-eligible: r.json:12:5: criteria[7]: no test (one of is, min, max, all, any, none, prefix, present)
kim-eligible: r.json:13:5: criteria[8]: no "field" (the field the test is about, e.g. "status")
kim-eligible: r.json:14:36: criteria[9]: more than one test ("min" and "max"): give each test its own criterion
kim-eligible: r.json:15:5: criteria[10]: expected an object such as {"field": "status", "is": ["aktif"]}, not "status"
kim-eligible: r.json:16:47: criteria[11]: label: expected a string, not 5
kim-eligible: r.json:17:15: criteria[12]: field: expected the name of a field, not 7'
}

@test "a rule set that is not an object, or has no criteria, is an error" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	rules r.json '[{"field": "status", "is": ["aktif"]}]'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:1:1: a rule set is a JSON object with "criteria", not [{"field":"status","is":["aktif"]}]'
	rules r.json '{"name": "x"}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:1:1: no "criteria" (an array of criteria, all of which a KIM must meet)'
	rules r.json '{"criteria": {"field": "status"}}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 'kim-eligible: r.json:1:14: criteria: expected an array of criteria, not {"field":"status"}'
}

@test "a region code of a rule that is not in wilayah.csv is an error" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	rules r.json '{"criteria": [{"field": "region", "prefix": ["99.01", "51"]}]}'
	run --separate-stderr kim-eligible --rules r.json --as-of $ASOF in.csv
	assert_rule_error 3 "kim-eligible: r.json:1:45: criteria[0]: prefix: \"51\" is not in $KIM_DATA/wilayah.csv"
}

@test "a UTF-8 BOM before the rule set is allowed" {
	input '99.01.01.2001-1,KIM A,99.01.01.2001,2018-06-21,,,,,,,'
	printf '\357\273\277{"criteria": [{"field": "status", "is": ["aktif"]}]}\n' >r.json
	run explain r.json --as-of $ASOF
	assert_output - <<'EOF'
id	eligible	failed
99.01.01.2001-1	yes	
EOF
}

@test "kim-check reports the problems of rules/*.json with their positions" {
	mkdir rules
	rules rules/a.json '{"criteria": [{"field": "status", "is": ["aktif"]}]}'
	rules rules/b.json '{"criteria": [
  {"field": "age", "between": [1, 5]}
]}'
	rules rules/c.json '{"criteria": [{"field": "region", "prefix": ["51"]}]}'
	run kim-check -d . --as-of $ASOF
	assert_failure 1
	assert_output - <<'EOF'
rules/b.json:2:20: criteria[0]: unknown test "between" (a criterion has a "field", one test of is, min, max, all, any, none, prefix, present, and may have a "label")
rules/c.json:1:45: criteria[0]: prefix: "51" is not in wilayah.csv
EOF
	rm rules/b.json rules/c.json
	run kim-check --as-of $ASOF
	assert_success
}

# --- the shipped rule sets and the demo ---------------------------------------------

@test "share/kim/rules: every rule set loads, has a comment, and bali-2023 is the rule of kim-data(5)" {
	need_national
	mkdata_national national
	mkdir rules
	cp "$KIM_TOP"/share/kim/rules/*.json rules/
	run kim-check --as-of $ASOF
	assert_success
	assert_output ""
	for f in rules/*.json; do
		grep -q '^  "comment": "' "$f" || fail "$f has no comment"
	done
	run grep -c '"any"' rules/kompetisi-2025.json
	assert_output 1
	run sed -n '/^  "criteria"/,$p' rules/bali-2023.json
	assert_output - <<'EOF'
  "criteria": [
    {"field": "status",  "is": ["aktif"]},
    {"field": "age",     "min": 5, "label": "terbentuk minimal 5 tahun"},
    {"field": "sectors", "all": ["umkm", "pariwisata", "pertanian"]},
    {"field": "region",  "prefix": ["51"]},
    {"field": "members", "min": 1},
    {"field": "sk",      "present": true}
  ]
}
EOF
}

@test "demo: the eligible KIM of rules/contoh-2025.json on 2025-06-30" {
	mkdemo
	run --separate-stderr kim-eligible --rules rules/contoh-2025.json -f jsonl
	assert_success
	assert_equal "$stderr" ""
	run bash -c "kim-eligible --rules rules/contoh-2025.json | cut -d, -f1"
	assert_output - <<'EOF'
id
99-1
99.01-1
99.01.01.1001-1
99.01.03.2001-1
99.02.01.1002-1
99.02.03.2001-1
99.71-1
99.71.01-1
99.71.01.1001-1
EOF
	run bash -c "kim-eligible --rules rules/contoh-2025.json --explain -f tsv | cut -f3 | sort | uniq -c"
	assert_output - <<'EOF'
      1 eligible
     31 no
      9 yes
EOF
	run bash -c "kim-eligible --rules rules/contoh-2025.json --explain -f tsv | grep -e '^99.03.03.2001-1' -e '^99.02.02.2005-1'"
	assert_output - <<'EOF'
99.02.02.2005-1	KIM Krajan Sejahtera	no	terbentuk minimal 5 tahun: formed 2025-07-17, 0 years on 2025-06-30, needs at least 5
99.03.03.2001-1	KIM Hulu Sejuk	no	bergerak di bidang literasi atau kesehatan: empty, needs any of literasi, kesehatan | anggota minimal 10 orang: empty, needs at least 10 | memiliki SK pengukuhan: empty, needs a value
EOF
}

@test "composition: kim-list -r | kim-eligible - | kim-list -c -" {
	mkdemo
	run bash -c "kim-list -r 99.71 | kim-eligible --rules rules/contoh-2025.json - | kim-list -c -"
	assert_success
	assert_output 3
	run bash -c "kim-list -r 99.71 --status aktif | kim-eligible --rules rules/contoh-2025.json --ineligible - | kim-list --fields id -"
	assert_output - <<'EOF'
id
99.71.01.1001-2
99.71.01.1002-1
99.71.02.1001-1
99.71.02.1002-1
99.71.02.1003-1
99.71.03.1001-1
99.71.03.2001-1
EOF
}

@test "kim-eligible does not change the data folder" {
	mkdemo
	local before
	before=$(checksum_data "$KIM_DATA")
	run kim-eligible --rules rules/contoh-2025.json --explain -f json
	assert_success
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

# --- the national list: Bali 2023 ---------------------------------------------------

# Bali KIM of mixed dates, statuses and sectors, registered on 2023-06-21.
bali() {
	cat >bali.csv <<'EOF'
name,region,formed,sk,members,sectors,status
KIM Sumberklampok,51.08.01.2001,2015-03-01,489/1/2015,20,umkm;pariwisata;pertanian,aktif
KIM Seririt,51.08.02.1015,2018-06-21,489/2/2018,15,literasi;umkm;pariwisata;pertanian,aktif
KIM Sanggalangit,51.08.01.2008,2018-06-22,489/3/2018,15,umkm;pariwisata;pertanian,aktif
KIM Tuban,51.03.01.1001,2012-01-01,489/4/2012,25,UMKM;Pariwisata;Pertanian,aktif
KIM Sembung,51.03.02.2007,2010-05-05,489/5/2010,18,umkm;pariwisata;pertanian,nonaktif
KIM Abianbase,51.03.02.1014,2016-02-29,489/6/2016,11,umkm;pariwisata,aktif
KIM Serangan,51.71.01.1001,2017-08-17,489/7/2017,0,umkm;pariwisata;pertanian,aktif
KIM Dangin Puri Kelod,51.71.02.2001,2014-04-04,,12,umkm;pariwisata;pertanian,aktif
KIM Kota Denpasar,51.71,2011-11-11,489/9/2011,40,umkm;pariwisata;pertanian;literasi,aktif
KIM Bajera,51.02.01.2001,2016-02-29,489/10/2016,10,pertanian;umkm;pariwisata,aktif
KIM Megati,51.02.02.2005,2013-01-01,489/11/2013,9,umkm;pariwisata;pertanian,bubar
KIM Kecamatan Tabanan,51.02.05,2019-01-01,489/12/2019,30,umkm;pariwisata;pertanian,aktif
KIM Pagesangan,52.71.02.1001,2010-01-01,489/13/2010,30,umkm;pariwisata;pertanian,aktif
EOF
	kim-register --no-commit --as-of 2023-06-21 --import bali.csv >/dev/null ||
		fail "cannot import bali.csv"
}

@test "national: the Bali 2023 rule picks exactly the eligible KIM of Buleleng, Badung, Denpasar and Tabanan" {
	mkdata_national national
	bali
	run --separate-stderr kim-eligible --rules "$KIM_TOP/share/kim/rules/bali-2023.json" -f tsv
	assert_success
	assert_equal "$stderr" ""
	run bash -c "kim-eligible --rules '$KIM_TOP/share/kim/rules/bali-2023.json' | cut -d, -f1,2"
	assert_output - <<'EOF'
id,name
51.02.01.2001-1,KIM Bajera
51.03.01.1001-1,KIM Tuban
51.08.01.2001-1,KIM Sumberklampok
51.08.02.1015-1,KIM Seririt
51.71-1,KIM Kota Denpasar
EOF
	run bash -c "kim-eligible --rules '$KIM_TOP/share/kim/rules/bali-2023.json' --explain --ineligible -f tsv | cut -f1,4"
	assert_output - <<'EOF'
id	failed
51.02.02.2005-1	status: bubar, needs one of aktif
51.02.05-1	terbentuk minimal 5 tahun: formed 2019-01-01, 4 years on 2023-06-21, needs at least 5
51.03.02.1014-1	sectors: umkm;pariwisata, needs all of umkm, pariwisata, pertanian (missing pertanian)
51.03.02.2007-1	status: nonaktif, needs one of aktif
51.08.01.2008-1	terbentuk minimal 5 tahun: formed 2018-06-22, 4 years on 2023-06-21, needs at least 5
51.71.01.1001-1	members: 0, needs at least 1
51.71.02.2001-1	sk: empty, needs a value
52.71.02.1001-1	region: 52.71.02.1001, needs to be within 51
EOF
}

@test "national: kim-list -r 51 | kim-eligible --rules bali-2023.json - | kim-list -c - counts 5" {
	mkdata_national national
	bali
	run bash -c "kim-list -r 51 | kim-eligible --rules '$KIM_TOP/share/kim/rules/bali-2023.json' - | kim-list -c -"
	assert_success
	assert_output 5
	run bash -c "kim-list -r 51.71 | kim-eligible --rules '$KIM_TOP/share/kim/rules/bali-2023.json' - | kim-list -c -"
	assert_success
	assert_output 1
}

@test "national: kabupaten and kecamatan criteria on real codes" {
	mkdata_national national
	bali
	rules r.json '{"as_of": "2023-06-21", "criteria": [{"field": "kabupaten", "is": ["51.08", "51.71"]}, {"field": "kecamatan", "prefix": ["51.08.01", "51.71.01"]}]}'
	run bash -c "kim-eligible --rules r.json | cut -d, -f1"
	assert_output - <<'EOF'
id
51.08.01.2001-1
51.08.01.2008-1
51.71.01.1001-1
EOF
}
