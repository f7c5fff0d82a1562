#!/usr/bin/env bats
# Bash completion (share/bash-completion/completions): the completion
# function is called as bash calls it, with COMP_WORDS and COMP_CWORD, and
# COMPREPLY is compared whole.  The demo folder gives region codes, ids and
# a rule file.

load test_helper

COMPLETIONS="$KIM_TOP/share/bash-completion/completions"

setup() {
	# shellcheck source=/dev/null
	source "$COMPLETIONS/kim-tools"
	mkdemo
}

# comp WORD...: complete the last WORD (may be empty) of the command line;
# prints COMPREPLY one a line, sorted.
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_kim_tools "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" ||
		return 1
	((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

@test "every command has its file named after it, all the same script" {
	for c in kim-register kim-list kim-check kim-eligible kim-coverage kim-report kim-merge kim-activity kim-score; do
		[ -r "$COMPLETIONS/$c" ] || fail "no $COMPLETIONS/$c"
		cmp "$COMPLETIONS/$c" "$COMPLETIONS/kim-tools" || fail "$c differs"
	done
	run complete -p kim-report
	assert_success
	assert_output "complete -F _kim_tools kim-report"
}

@test "options of kim-list and kim-register by prefix" {
	run comp kim-list --f
	assert_output $'--fields\n--format\n--formed-after\n--formed-before'
	run comp kim-register --de
	assert_output $'--deactivate'
	run comp kim-register --d
	assert_output $'--data\n--date-format\n--deactivate\n--dissolve\n--dry-run'
	run comp kim-check -
	assert_output $'--as-of\n--data\n--excel\n--excel=id\n--format\n--help\n--lang\n--recode\n--version\n--wilayah\n-d\n-f\n-h'
}

@test "--excel=id: its value after '=', and nothing taken for it after a blank" {
	run comp kim-coverage --excel=
	assert_output id
	run comp kim-list --excel = ''
	assert_output id
	run comp kim-list --excel = i
	assert_output id
	run comp kim-list --ex
	assert_output $'--excel\n--excel=id'
	# --excel then a blank: the next word is an option of its own
	run comp kim-list --excel --with
	assert_output --with-personal
}

@test "every long option of each command's --help is completed" {
	local c o
	for c in kim-register kim-list kim-check kim-eligible kim-coverage kim-report kim-merge kim-activity kim-score; do
		run comp "$c" --
		for o in $("$c" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
			[[ $'\n'$output$'\n' == *$'\n'"$o"$'\n'* ]] ||
				fail "$c: $o is in --help but not completed"
		done
	done
}

@test "kim-score and kim-report: --missing's values, and rubrics" {
	run comp kim-score --missing ''
	assert_output $'skip\nzero'
	mkdir -p rubrics && printf '{}\n' >rubrics/lomba.json
	run comp kim-score --rubric ''
	assert_line --partial /rubrics/lomba.json
	run comp kim-report --missing ''
	assert_output $'skip\nzero'
	run comp kim-report --rubric ''
	assert_line --partial /rubrics/lomba.json
	run comp kim-report --sco
	assert_output --scores
}

@test "values of --format, --by, --status and --period" {
	run comp kim-list -f j
	assert_output $'json\njsonl'
	run comp kim-coverage --format s
	assert_output svg
	run comp kim-report -f ''
	assert_output $'html\njson\nmd\nxlsx'
	run comp kim-list -f x
	assert_output xlsx
	run comp kim-coverage --by k
	assert_output $'kabupaten\nkecamatan'
	run comp kim-list --status ''
	assert_output $'aktif\nbubar\nnonaktif'
	run comp kim-list --status aktif,n
	assert_output 'aktif,nonaktif'
	run comp kim-register --status b
	assert_output bubar
	run comp kim-report --period q
	assert_output quarter
	run comp kim-report --period=m
	assert_output $'month\nmonth-to-date'
	run comp kim-report --period w
	assert_output $'week\nweek-to-date'
	run comp kim-list --lang ''
	assert_output $'en\nid'
	run comp kim-report --period = y
	assert_output year
	run comp kim-coverage --labels ''
	assert_output $'code\nname\nnone'
	run comp kim-report --labels n
	assert_output $'name\nnone'
}

@test "--fields completes the last of a list, --sort a field with its '-'" {
	run comp kim-list --fields id,na
	assert_output id,name
	run comp kim-list --fields ke
	assert_output kecamatan
	run comp kim-list --sort -fo
	assert_output '-formed
-former_ids'
	run comp kim-list --fields id,formed,forme
	assert_output 'id,formed,formed
id,formed,former_ids'
}

@test "region codes from the data folder's wilayah.csv, a level at a time" {
	run comp kim-list -r ''
	assert_output 99
	run comp kim-list -r 99
	assert_output $'99\n99.01\n99.02\n99.03\n99.71'
	run comp kim-coverage --region 99.0
	assert_output $'99.01\n99.02\n99.03'
	run comp kim-list -r 99.01.03.200
	assert_output $'99.01.03.2001\n99.01.03.2002\n99.01.03.2003\n99.01.03.2004\n99.01.03.2005'
	run comp kim-register --region 99.02.01
	assert_output $'99.02.01\n99.02.01.1001\n99.02.01.1002\n99.02.01.2001\n99.02.01.2002\n99.02.01.2003'
	# -r of an import: the region its names of places are looked up in
	run comp kim-register --import list.csv -r 99.0
	assert_output $'99.01\n99.02\n99.03'
	run comp kim-register --import list.csv -
	assert_line -r
}

@test "regions come from -d, --data=, else KIM_DATA; a spreadsheet's file is read" {
	local other
	other="$(kim_tmp)/other"
	mkdir -p "$other"
	printf '\357\273\277code;name\r\n"12";Sumatera Utara\r\n12.01;Kab. Nias\r\n' >"$other/wilayah.csv"
	run comp kim-list -d "$other" -r 1
	assert_output 12
	run comp kim-list --data="$other" -r 12.
	assert_output 12.01
	cd /
	run comp kim-list -r 99.7
	assert_output 99.71
	KIM_DATA="$other" run comp kim-coverage -r 12
	assert_output $'12\n12.01'
	KIM_DATA=/nonexistent run comp kim-coverage -r ''
	assert_success
	assert_output ''
}

@test "KIM ids from the register for --update, --deactivate and the others" {
	run comp kim-register --update 99.71.01.100
	assert_output $'99.71.01.1001-1\n99.71.01.1001-2\n99.71.01.1002-1\n99.71.01.1003-1'
	run comp kim-register --deactivate 99.03.0
	assert_output $'99.03.01.2001-1\n99.03.01.3001-1\n99.03.02.2001-1\n99.03.02.2002-1\n99.03.03.2001-1'
	for o in --dissolve --activate --verify; do
		run comp kim-register "$o" 99.71.02
		assert_output $'99.71.02.1001-1\n99.71.02.1002-1\n99.71.02.1003-1'
	done
}

@test "rule files: *.json here and the data folder's rules/" {
	mkdata
	mkdir sub rules
	: >sub/x.txt
	: >a.json
	: >rules/bali.json
	: >rules/notes.txt
	run comp kim-eligible --rules ''
	assert_output "$KIM_DATA/rules/bali.json"$'\na.json\nkim\nrules\nsub'
	run comp kim-report --rules rules/
	assert_output rules/bali.json
	run comp kim-eligible -d "$KIM_TOP/share/kim/demo" --rules ''
	assert_line "$KIM_TOP/share/kim/demo/rules/contoh-2025.json"
}

@test "folders for -d, files for --import and operands, nothing for free text" {
	run comp kim-list -d k
	assert_output kim
	run comp kim-register --import wil
	assert_output wilayah.csv
	run comp kim-check --wilayah wil
	assert_output wilayah.csv
	run comp kim-check --wilayah wilayah.csv --recode tar
	assert_output targets.csv
	run comp kim-list tar
	assert_output targets.csv
	run comp kim-register --name ''
	assert_output ''
	run comp kim-register --as-of ''
	assert_output ''
}
