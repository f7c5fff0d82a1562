#!/usr/bin/env bats
# The limits of kim-data(5), LIMITS, each just under and just over, and the
# safety promises: --excel output that no spreadsheet takes for a formula,
# no file written outside the data folder, file modes from the umask or the
# file replaced, no contact data in reports, symbolic links.

load test_helper

AS_OF=2024-06-30

reg() {
	kim-register --as-of "$AS_OF" --no-commit "$@"
}

# bytes N [CHAR]: N times CHAR (default x), no line end
bytes() {
	head -c "$1" /dev/zero | tr '\0' "${2:-x}"
}

# over FILE MESSAGE: `kim-register --import ../FILE` exits 3 with exactly
# MESSAGE and the count line on standard error, nothing on standard output,
# and changes nothing in the data folder.
over() {
	local before
	: >>"$KIM_DATA/.kim.lock"	# a writer's lock file is no change
	before=$(checksum_data "$KIM_DATA")
	run -3 --separate-stderr reg --import "../$1"
	assert_output ''
	assert_equal "$stderr" "kim-register: $2
kim-register: nothing was written: 1 problem"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

# --- a field: 65536 bytes ---------------------------------------------------

@test "a CSV field of 65536 bytes is read, one of 65537 is refused at its line and column" {
	mkdata
	{
		echo name,region,formed,notes
		echo "KIM Panjang,99.01.01.2001,2021-03-04,$(bytes 65536)"
	} >../under.csv
	# every reader takes it; written, a person's limit for notes holds
	# (2000, since issue 19)
	run -0 --separate-stderr kim-list -f csv ../under.csv
	assert_equal "$(awk -F, 'NR == 2 { print length($17) }' <<<"$output")" 65536
	run -3 --separate-stderr reg --import ../under.csv
	assert_equal "$stderr" "kim-register: ../under.csv:2:4: notes: 65536 characters: the limit is 2000 (kim-data(5), LIMITS)
kim-register: nothing was written: 1 problem"
	{
		echo name,region,formed,notes
		echo "KIM Lain,99.01.01.2001,2021-03-04,x"
		echo "KIM Panjang Sekali,99.01.01.2001,2021-03-04,\"$(bytes 65537)\""
	} >../over.csv
	over over.csv "../over.csv:3:4: a field of more than 65536 bytes: that is the limit (kim-data(5), LIMITS)"
}

@test "a JSON Lines string of 65536 bytes is read, one of 65537 is refused" {
	mkdata
	printf '{"name": "KIM Panjang", "region": "99.01.01.2001", "formed": "2021-03-04", "chair": "%s"}\n' \
		"$(bytes 65536)" >../under.jsonl
	run -0 --separate-stderr kim-list -f csv ../under.jsonl
	assert_equal "$(awk -F, 'NR == 2 { print length($6) }' <<<"$output")" 65536
	run -3 --separate-stderr reg --import ../under.jsonl
	assert_equal "$stderr" "kim-register: ../under.jsonl:1:76: chair: 65536 characters: the limit is 100 (kim-data(5), LIMITS)
kim-register: nothing was written: 1 problem"
	printf '{"name": "KIM Lain", "region": "99.01.01.2001", "formed": "2021-03-04", "chair": "%s"}\n' \
		"$(bytes 65537)" >../over.jsonl
	over over.jsonl "../over.jsonl:1:73: chair: a field of 65537 bytes: the limit is 65536 bytes (kim-data(5), LIMITS)"
}

@test "kim-list refuses a file with a field over the limit: exit 3 and the place" {
	mkdata
	printf 'name,region,formed,notes\nKIM A,99.01.01.2001,2021-03-04,%s\n' "$(bytes 65537)" >../big.csv
	run -3 --separate-stderr kim-list --as-of $AS_OF ../big.csv
	assert_equal "$stderr" "kim-list: ../big.csv:2:4: a field of more than 65536 bytes: that is the limit (kim-data(5), LIMITS)"
}

# --- a record: 1048576 bytes --------------------------------------------------

# row N: a CSV row of KIM Panjang whose text is exactly N bytes, under a
# header with 16 "desa" columns (derived: read, then ignored), each field
# at most 65536 bytes.
row() {
	local head='KIM Panjang,99.01.01.2001,2021-03-04' i
	local rest=$(($1 - ${#head} - 16))
	printf '%s' "$head"
	for i in $(seq 15); do
		printf ',%s' "$(bytes 65536)"
		rest=$((rest - 65536))
	done
	printf ',%s\n' "$(bytes $rest)"
}

csv_of_row() {
	printf 'name,region,formed%s\n' "$(printf ',desa%.0s' $(seq 16))"
	row "$1"
}

@test "a CSV record of 1048576 bytes is read, one of 1048577 is refused" {
	mkdata
	csv_of_row 1048576 >../under.csv
	assert_equal "$(sed -n 2p ../under.csv | tr -d '\n' | wc -c)" 1048576
	run -0 --separate-stderr reg --import ../under.csv
	assert_output 99.01.01.2001-1
	csv_of_row 1048577 >../over.csv
	# the columns that fill it are kim-list's desa, ignored with a note
	over over.csv "../over.csv: note: desa, derived from region, ignored
kim-register: ../over.csv:2:19: a record of more than 1048576 bytes: that is the limit (kim-data(5), LIMITS)"
}

# jline N: a JSON Lines record of exactly N bytes, blanks between its keys
jline() {
	local a='{"name": "KIM Panjang",' b=' "region": "99.01.01.2001", "formed": "2021-03-04"}'
	printf '%s%s%s\n' "$a" "$(bytes $(($1 - ${#a} - ${#b})) ' ')" "$b"
}

@test "a JSON Lines line of 1048576 bytes is read, one of 1048577 is refused" {
	mkdata
	jline 1048576 >../under.jsonl
	assert_equal "$(tr -d '\n' <../under.jsonl | wc -c)" 1048576
	run -0 --separate-stderr reg --import ../under.jsonl
	assert_output 99.01.01.2001-1
	{
		echo '{"name": "KIM A", "region": "99.01.01.2001", "formed": "2021-03-04"}'
		jline 1048577
	} >../over.jsonl
	over over.jsonl "../over.jsonl:2:1048577: a line of more than 1048576 bytes: that is the limit (kim-data(5), LIMITS)"
}

@test "a line of a JSON array over 1048576 bytes is refused, and the array is not read" {
	mkdata
	{ echo '['; jline 1048577; echo ']'; } >../over.json
	over over.json "../over.json:2:1048577: a line of more than 1048576 bytes: that is the limit (kim-data(5), LIMITS)"
}

# --- records in one file: 1000000 ---------------------------------------------

# no_checker: skip under make asan and make valgrind.  An import is held
# whole before it is written, so a million records take gigabytes and many
# minutes there; the limit is tested by make test, and the code on the
# way by the smaller imports of every other test.
no_checker() {
	[ "${KIM_VALGRIND:-0}" = 0 ] ||
		skip "an import of a million records under valgrind takes many minutes and gigabytes (make test runs it)"
	! grep -q -- -fsanitize "$KIM_TOP/.build-flags" 2>/dev/null ||
		skip "an import of a million records under sanitizers takes many minutes and gigabytes (make test runs it)"
}

@test "a file of 1000000 records is read, one of 1000001 is refused at the record past the limit" {
	no_checker
	mkdata
	awk 'BEGIN { print "name,region,formed"
		for (i = 1; i <= 1000000; i++) print "KIM " i ",99.01.01.2001,2021-03-04" }' >../under.csv
	run -0 bash -c 'kim-register --as-of "$1" --dry-run --import ../under.csv | wc -l' _ $AS_OF
	assert_output 1000000
	{ cat ../under.csv; echo 'KIM 0,99.01.01.2001,2021-03-04'; } >../over.csv
	rm ../under.csv
	over over.csv "../over.csv:1000002:1: more than 1000000 records in one file: that is the limit (kim-data(5), LIMITS)"
}

@test "a JSON Lines file of 1000001 records is refused at the record past the limit" {
	no_checker
	mkdata
	awk 'BEGIN { for (i = 1; i <= 1000001; i++)
		printf "{\"name\": \"KIM %d\", \"region\": \"99.01.01.2001\", \"formed\": \"2021-03-04\"}\n", i }' >../over.jsonl
	over over.jsonl "../over.jsonl:1000001:1: more than 1000000 records in one file: that is the limit (kim-data(5), LIMITS)"
}

# --- values given on the command line: held to what every reader holds ----------

# The options kim-register takes a value of, but --region (a code) and
# --formed (a date), which are given apart; and the value each must have
# to make a record that is otherwise good.
TEXT_OPTIONS='name sk chair secretary treasurer members sectors status website contact verified notes'

# refused_value OPTION VALUE MESSAGE: both a new KIM and --update with
# --OPTION VALUE exit 3 with "--OPTION: MESSAGE", write nothing and leave
# the data folder byte-identical.
refused_value() {
	local opt=$1 value=$2 msg=$3 before name=()
	[ "$opt" = name ] || name=(--name 'KIM Baru')
	before=$(checksum_data "$KIM_DATA")
	run -3 --separate-stderr reg "${name[@]}" --region 99.01.01.2002 \
		--formed 2021-01-01 "--$opt" "$value"
	assert_output ''
	assert_equal "$stderr" "kim-register: --$opt: $msg
kim-register: nothing was written: 1 problem"
	run -3 --separate-stderr reg --update 99.01.01.2001-1 "--$opt" "$value"
	assert_output ''
	assert_equal "$stderr" "kim-register: --$opt: $msg
kim-register: nothing was written: 1 problem"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

one_kim() {
	mkdata
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2021-01-01 >/dev/null
	: >>"$KIM_DATA/.kim.lock"	# a writer's lock file is no change
}

@test "invalid UTF-8 in any option's value is refused, naming the option; nothing is written" {
	one_kim
	local o
	for o in $TEXT_OPTIONS; do
		refused_value $o $'KIM \xff' 'invalid UTF-8 at byte 5 (text must be UTF-8)'
		refused_value $o $'\xc3' 'invalid UTF-8 at byte 1 (text must be UTF-8)'
		refused_value $o $'ab\xed\xa0\x80' 'invalid UTF-8 at byte 3 (text must be UTF-8)'
	done
	# the register is still read by all, and written to
	run -0 kim-check --as-of $AS_OF
	run -0 reg --name 'KIM B' --region 99.01.01.2001 --formed 2021-01-01
	assert_output 99.01.01.2001-2
}

@test "a value of 100000 bytes in any option is refused, naming the option; nothing is written" {
	one_kim
	local o
	for o in $TEXT_OPTIONS; do
		refused_value $o "$(bytes 100000)" \
			'a field of 100000 bytes: the limit is 65536 bytes (kim-data(5), LIMITS)'
		refused_value $o "$(bytes 65537 a)" \
			'a field of 65537 bytes: the limit is 65536 bytes (kim-data(5), LIMITS)'
	done
	run -0 kim-list --as-of $AS_OF -c
	assert_output 1
}

@test "a control character in any option's value is refused, naming the option; nothing is written" {
	one_kim
	local o c
	for o in $TEXT_OPTIONS; do
		for c in $'\x01' $'\x1b' $'\x07' $'\x7f' $'\r'; do
			refused_value $o "KIM${c}x" \
				'contains a control character (a line break is allowed only in notes)'
		done
	done
	# a line break and a tab are refused but in notes
	refused_value name $'KIM\nx' 'contains a control character (a line break is allowed only in notes)'
	refused_value chair $'Budi\tx' 'contains a control character (a line break is allowed only in notes)'
}

# same_register DIR: the register files of $KIM_DATA are those of DIR
same_register() {
	local f
	for f in "$1"/kim/*.csv; do
		cmp "$f" "$KIM_DATA/kim/${f##*/}" || fail "$KIM_DATA/kim/${f##*/} differs"
	done
	assert_equal "$(ls "$KIM_DATA/kim")" "$(ls "$1/kim")"
}

@test "whatever kim-register accepts, kim-list, kim-check and --import read back, value for value" {
	mkdata
	local at_limit multibyte emoji quoted text
	# at the limits a person's values are held to since issue 19
	at_limit=$(bytes 200 n)				# a name's limit
	multibyte=$(printf 'é%.0s' $(seq 100))		# sk's limit, 2 bytes each
	emoji="KIM $(printf '😀%.0s' $(seq 96))"		# chair's, 4 bytes each
	quoted='KIM "Maju", Jaya; =SUM(A1) '"'"'x'"'"
	text=$'baris satu\nbaris dua,\t"tiga"\n\n'"$(bytes 1970 z)"		# notes' 2000
	reg --name "$at_limit" --region 99.01.01.2001 --formed 2021-01-01 \
		--sk "$multibyte" --chair "$emoji" --secretary "$quoted" \
		--treasurer 'Ñandú Ğüş' --contact "$quoted" --website "$(bytes 300 w)" \
		--notes "$text" >/dev/null
	reg --name "$multibyte" --region 99.01.01.2001 --formed 2021-01-01 \
		--sectors "$(seq -f 'tag%05g' 5957 | paste -sd';')" >/dev/null
	reg --name "$quoted" --region 99.02.01.2001 --formed 2021-01-01 >/dev/null
	reg --update 99.02.01.2001-1 --notes "$text" --chair "$emoji" --sk "$multibyte" >/dev/null
	assert_equal "$(awk -F, 'NR == 2 { print length($2) }' kim/99.01.csv)" 200
	run -0 --separate-stderr kim-check --as-of $AS_OF
	assert_output ''
	assert_equal "$stderr" ''
	run -0 --separate-stderr kim-list --as-of $AS_OF -c
	assert_output 3
	assert_equal "$stderr" ''
	# the values read are the values given (compared by their sums: the
	# values are too long to show)
	run -0 bash -c 'kim-list --as-of "$1" -r 99.02 --fields name,chair,sk,notes -f jsonl | sha256sum' _ $AS_OF
	assert_output "$(jq -cn --arg n "$quoted" --arg c "$emoji" --arg s "$multibyte" --arg t "$text" \
		'{name: $n, chair: $c, sk: $s, notes: $t}' | sha256sum)"
	# and every format's output is input that rebuilds the same files
	local f src=$KIM_DATA
	for f in csv jsonl json; do
		mkdata copy-$f
		kim-list -d "$src" --as-of $AS_OF -f $f | reg --import - >/dev/null
		same_register "$src"
	done
	KIM_DATA=$src
	cd "$KIM_DATA"
	# and a write to the same files still works
	run -0 reg --name 'KIM Lagi' --region 99.01.01.2001 --formed 2021-01-01
	assert_output 99.01.01.2001-3
}

# --- rule files: 40,000 criteria ------------------------------------------------

# rules40k [BAD]: a rule set of 40,000 criteria, one a line from line 3 on
# (criterion N on line N + 3); with BAD, criterion 39999 has a test "mim"
rules40k() {
	awk -v bad="${1:-}" 'BEGIN {
		print "{\"name\": \"besar\", \"as_of\": \"2024-06-30\","
		print " \"criteria\": ["
		for (i = 0; i < 40000; i++)
			printf "  {\"field\": \"members\", \"%s\": %d, \"label\": \"kriteria %d\"}%s\n",
				(bad != "" && i == 39999) ? "mim" : "min", i % 50, i, i < 39999 ? "," : ""
		print "]}"
	}'
}

@test "a rule set of 40,000 criteria loads in well under a second; a problem in the last has its place" {
	mkdata
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2015-01-01 --members 60 >/dev/null
	rules40k >../big.json
	[ "$(wc -c <../big.json)" -gt 2000000 ]
	# 51 s when every criterion's place was sought from the start; under
	# valgrind or sanitizers still well within the timeout
	run -0 bash -c 'set -o pipefail
		timeout 20 kim-eligible --as-of "$1" --rules ../big.json -f csv | cut -d, -f1' _ $AS_OF
	assert_output $'id\n99.01.01.2001-1'
	rules40k bad >../bad.json
	run -3 --separate-stderr timeout 20 kim-eligible --as-of $AS_OF --rules ../bad.json
	assert_output ''
	assert_equal "$stderr" 'kim-eligible: ../bad.json:40002:24: criteria[39999]: unknown test "mim" (a criterion has a "field", one test of is, min, max, all, any, none, prefix, present, and may have a "label")'
}

# --- terminal escapes: shown as \x1b, never sent --------------------------------

@test "ESC and BEL in a region name: kim-check names the place, kim-report -f md shows \\x1b" {
	mkdata
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2021-01-01 >/dev/null
	sed -i 's/^99\.01\.01\.2001,"Sukamaju I, II"/99.01.01.2001,"Sukamaju\x1b]0;pwned\x07"/' wilayah.csv
	grep -q $'\x1b' wilayah.csv
	run -1 --separate-stderr kim-check --as-of $AS_OF
	assert_output "$KIM_DATA/wilayah.csv:10:2: the name 'Sukamaju\\x1b]0;pwned\\x07' contains a control character at byte 9 (names are text)"
	local f
	for f in md html json; do
		run -0 --separate-stderr kim-report --as-of $AS_OF -f $f
		refute_output --partial $'\x1b'
		refute_output --partial $'\x07'
	done
	# two years on, the never verified KIM is stale and listed with its village
	run -0 --separate-stderr kim-report --as-of 2026-06-30 -f md
	assert_output --partial '| Sukamaju\x1b\]0;pwned\x07 |'
	assert_output --partial "wilayah.csv:10:2: the name 'Sukamaju\\x1b]0;pwned\\x07' contains"
}

@test "a bad value quoted in a diagnostic shows its control characters as \\x1b, whatever the tool" {
	mkdata
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2021-01-01 >/dev/null
	run -3 --separate-stderr reg --update $'99.01.01.2001-9\x1b[2J' --chair Budi
	assert_equal "${stderr_lines[0]}" 'kim-register: 99.01.01.2001-9\x1b[2J: no KIM has this id'
	run -2 --separate-stderr kim-list -r $'99\x1b[31m'
	assert_equal "${stderr_lines[0]}" "kim-list: -r: '99\\x1b[31m' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)"
	printf 'name,region,formed\nKIM B,99.01.01.2001,2020\x1b[2J\n' >../esc.csv
	run -3 --separate-stderr reg --import ../esc.csv
	[[ $stderr == *"kim-register: ../esc.csv:2:3: formed: '2020\\x1b[2J' is not a real date (expected YYYY-MM-DD)"* ]]
	# and a bad byte of UTF-8 in a value is shown, not sent
	run -2 --separate-stderr kim-list -r $'99\xff'
	assert_equal "${stderr_lines[0]}" "kim-list: -r: '99\\xff' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)"
	[[ $stderr != *$'\x1b'* ]]
}

# --- file modes ---------------------------------------------------------------

# mode FILE: its permission bits, in octal
mode() {
	stat -c %a "$1"
}

@test "a new register file gets 0666 less the umask" {
	mkdata
	(umask 022 && reg --name 'KIM A' --region 99.01.01.2001 --formed 2021-01-01 >/dev/null)
	assert_equal "$(mode kim/99.01.csv)" 644
	(umask 002 && reg --name 'KIM B' --region 99.02.01.2001 --formed 2021-01-01 >/dev/null)
	assert_equal "$(mode kim/99.02.csv)" 664
	(umask 077 && reg --name 'KIM C' --region 99.71.01.1001 --formed 2021-01-01 >/dev/null)
	assert_equal "$(mode kim/99.71.csv)" 600
}

@test "a rewritten register file keeps its mode, whatever the umask" {
	mkdata
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2021-01-01 >/dev/null
	reg --name 'KIM B' --region 99.02.01.2001 --formed 2021-01-01 >/dev/null
	chmod 664 kim/99.01.csv
	chmod 640 kim/99.02.csv
	(umask 077 && reg --update 99.01.01.2001-1 --chair Wayan >/dev/null)
	assert_equal "$(mode kim/99.01.csv)" 664
	# an import over two files goes through the journal: the same
	printf 'name,region,formed\nKIM C,99.01.01.2001,2021-01-01\nKIM D,99.02.01.2001,2021-01-01\n' >../two.csv
	(umask 022 && reg --import ../two.csv >/dev/null)
	assert_equal "$(mode kim/99.01.csv)" 664
	assert_equal "$(mode kim/99.02.csv)" 640
	run grep -c KIM kim/99.02.csv
	assert_output 2
}

# --- nothing written outside the data folder ------------------------------------

# outside: a listing of everything beside the data folder, sizes and times
# (but bats's own files for run --separate-stderr)
outside() {
	find "$(kim_tmp)" -mindepth 1 -path "$KIM_DATA" -prune -o \
		! -name 'separate-stderr-*' -printf '%y %m %s %T@ %p\n' | LC_ALL=C sort
}

@test "region codes and ids like ../../etc are refused, and nothing is written outside" {
	mkdata
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2021-01-01 >/dev/null
	local before data
	before=$(outside)
	data=$(checksum_data "$KIM_DATA")
	for c in ../../etc ../x 99.01/../../x /tmp/x; do
		run -3 --separate-stderr reg --name K --region "$c" --formed 2021-01-01
		assert_output ''
		run -3 --separate-stderr reg --update "$c-1" --chair X
		assert_output ''
		printf 'name,region,formed\nK,%s,2021-01-01\n' "$c" >../in.csv
		run -3 --separate-stderr reg --import ../in.csv
		rm ../in.csv
	done
	assert_equal "$(outside)" "$before"
	assert_equal "$(checksum_data "$KIM_DATA")" "$data"
}

@test "writes, imports over several files and reports leave nothing outside the data folder" {
	mkdata
	local before
	before=$(outside)
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2021-01-01 >/dev/null
	printf 'name,region,formed\nKIM C,99.01.01.2001,2021-01-01\nKIM D,99.02.01.2001,2021-01-01\n' >"$KIM_DATA/two.csv"
	reg --import two.csv >/dev/null
	rm two.csv
	reg --update 99.02.01.2001-1 --status nonaktif >/dev/null
	kim-list --as-of $AS_OF >/dev/null
	kim-check --as-of $AS_OF >/dev/null
	kim-coverage --as-of $AS_OF >/dev/null
	kim-report --as-of $AS_OF -f json >/dev/null
	kim-report --as-of $AS_OF -f md -o report.md
	assert_equal "$(outside)" "$before"
	run ls -A kim
	assert_output $'99.01.csv\n99.02.csv'
	rm report.md
}

# --- symbolic links -------------------------------------------------------------

@test "a register file that is a link is read through it; a write replaces the link, never its target" {
	mkdata
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2021-01-01 >/dev/null
	mv kim/99.01.csv ../elsewhere.csv
	chmod 644 ../elsewhere.csv
	ln -s ../../elsewhere.csv kim/99.01.csv
	run -0 kim-list --as-of $AS_OF --fields id,name -f tsv
	assert_output $'id\tname\n99.01.01.2001-1\tKIM A'
	local target
	target=$(sha256sum <../elsewhere.csv)
	(umask 022 && reg --update 99.01.01.2001-1 --chair Wayan >/dev/null)
	assert_equal "$(sha256sum <../elsewhere.csv)" "$target"
	[ ! -L kim/99.01.csv ] && [ -f kim/99.01.csv ]
	assert_equal "$(mode kim/99.01.csv)" 644
	run -0 kim-list --as-of $AS_OF --fields id,chair -f tsv
	assert_output $'id\tchair\n99.01.01.2001-1\tWayan'
}

@test "kim/ that is a link to a folder elsewhere is the register's folder: written there, the link kept" {
	mkdata
	mkdir ../disk
	rmdir kim
	ln -s ../disk kim
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2021-01-01 >/dev/null
	printf '%s\n' name,region,formed 'KIM B,99.02.01.3001,2021-02-01' >../two.csv
	reg --import ../two.csv >/dev/null
	[ -L kim ] || fail "kim/ is no longer a link"
	run -0 ls -A ../disk
	assert_output $'99.01.csv\n99.02.csv'
	run -0 kim-list --as-of $AS_OF --fields id -f tsv
	assert_output $'id\n99.01.01.2001-1\n99.02.01.3001-1'
	run -0 kim-check --as-of $AS_OF
}

# --- --excel: no formulas ---------------------------------------------------------

@test "--excel puts a ' before a field that begins with = + - or @, in CSV and TSV" {
	mkdata
	local c
	for c in '=1+1' '+62 21 5' '-2+3' '@SUM(A1)'; do
		reg --name "KIM $c" --region 99.01.01.2001 --formed 2021-01-01 --notes "$c" >/dev/null
	done
	run -0 bash -c 'kim-list --as-of "$1" --excel --fields id,notes | od -An -c | tr -s " " | tr -d "\n"' _ $AS_OF
	assert_output "$({ printf '\xef\xbb\xbfid,notes\r\n'; printf '%s\r\n' "99.01.01.2001-1,'=1+1" \
		"99.01.01.2001-2,'+62 21 5" "99.01.01.2001-3,'-2+3" "99.01.01.2001-4,'@SUM(A1)"; } |
		od -An -c | tr -s ' ' | tr -d '\n')"
	run -0 bash -c 'kim-list --as-of "$1" --excel -f tsv --fields notes | tr -d "\r"' _ $AS_OF
	assert_output "$(printf '\xef\xbb\xbfnotes\n'; printf '%s\n' "'=1+1" "'+62 21 5" "'-2+3" "'@SUM(A1)")"
	run -0 bash -c 'kim-list --as-of "$1" -f csv --fields notes' _ $AS_OF
	assert_output "$(printf 'notes\n'; printf '%s\n' '=1+1' '+62 21 5' '-2+3' '@SUM(A1)')"
}

# --- contact: never in reports --------------------------------------------------

@test "contact is in no format of kim-report, nor in kim-eligible's reasons; kim-list shows it when asked" {
	mkdata
	reg --name 'KIM A' --region 99.01.01.2001 --formed 2015-01-01 --contact 0812-SECRET-1 >/dev/null
	reg --name 'KIM B' --region 99.02.01.2001 --formed 2015-01-01 --contact secret-b@example.org >/dev/null
	printf '%s\n' '{"name": "uji", "criteria": [{"field": "contact", "is": ["nobody"]}]}' >../rules.json
	local f
	for f in md html json; do
		run -0 kim-report --as-of $AS_OF --rules ../rules.json -f $f
		refute_output --partial SECRET
		refute_output --partial secret
	done
	for f in csv tsv json jsonl table; do
		# nothing is eligible: exit 1, the reasons all the same
		run -1 kim-eligible --as-of $AS_OF --rules ../rules.json --explain -f $f
		assert_output --partial 'given'
		refute_output --partial SECRET
		refute_output --partial secret
	done
	run -0 kim-list --as-of $AS_OF --fields contact -f csv
	assert_output $'contact\n0812-SECRET-1\nsecret-b@example.org'
}
