#!/usr/bin/env bats
# kim-report --rubric --scores: the competition's ranking as a section of
# the report (issue 21 item 4), ranked by kim-score's code, in md, html,
# json and xlsx, in English and Indonesian; the rubric's day against the
# period; bad sheets exit 3 with their place and write no report.
#
# The demo folder's KIM; a rubric of blog 40 % and fragmen 60 %, the mean
# of two judges A and B, dated 2026-12-02, inside the week of the report
# (--as-of 2026-12-07: the week 2026-11-30..12-06).  By hand:
#   T blog (85+85)/2 = 85 -> 34.00, fragmen (85+86)/2 = 85.5 -> 51.30: 85.30
#   G blog 72.5 -> 29.00, fragmen 87.5 -> 52.50: 81.50
#   B blog 92.5 -> 37.00, fragmen 67.5 -> 40.50: 77.50
#   A blog 85 -> 34.00, fragmen 72.5 -> 43.50: 77.50, B's blog 92.5 wins
#   S blog 65 -> 26.00, fragmen 80 -> 48.00: 74.00

load test_helper

A=99.01.01.2002-1	# KIM Sindang Jaya, desa Sindangjaya, formed 2013-09-14
G=99.01.02.2001-1	# KIM Giriwangi, desa Giriwangi
T=99.02.01.1001-1	# KIM Tirtasari, kelurahan Tirtasari, formed 2009-04-21
B=99.02.01.2001-1	# KIM Banyu Urip, desa Banyuurip
S=99.02.02.2001-1	# KIM Sendang Makmur, desa Sendangrejo

setup() {
	mkdemo
	mkdir -p rubrics
	rubric 2026-12-02
	cat >rubrics/nilai.csv <<-CSV
	kim,juri,blog,fragmen
	$T,A,85,85
	$T,B,85,86
	$G,A,70,90
	$G,B,75,85
	$B,A,90,70
	$B,B,95,65
	$A,A,80,70
	$A,B,90,75
	$S,A,60,80
	$S,B,70,80
	CSV
}

# rubric DATE [STAGES]: rubrics/lomba.json
rubric() {
	cat >rubrics/lomba.json <<-JSON
	{"name": "Lomba KIM 2026", "date": "$1",
	 "scale": {"min": 0, "max": 100}, "combine": "mean",
	 "components": [{"id": "blog", "weight": 40}, {"id": "fragmen", "weight": 60}],
	 "tie_break": ["blog"]${2:+, \"stages\": $2}}
	JSON
}

report() {
	kim-report --as-of 2026-12-07 --rubric rubrics/lomba.json \
	    --scores rubrics/nilai.csv "$@"
}

# the section of an md report: from its heading to the next one
section() {
	sed -n "/^## $1/,/^## /p" | sed '$d'
}

@test "md: the rubric's name and day and the ranking worked out by hand, a tie broken by blog" {
	run -0 report
	assert_equal "$(section 'Competition ranking' <<<"$output")" "## Competition ranking

The competition 'Lomba KIM 2026' (lomba.json), held on 2026-12-02: KIM ranked: 5; judges: 2; the scores of each component combined by the mean.

| rank | id | name | region | total |
|---:|:---|:---|:---|---:|
| 1 | $T | KIM Tirtasari | Tirtasari | 85.30 |
| 2 | $G | KIM Giriwangi | Giriwangi | 81.50 |
| 3 | $B | KIM Banyu Urip | Banyuurip | 77.50 |
| 4 | $A | KIM Sindang Jaya | Sindangjaya | 77.50 |
| 5 | $S | KIM Sendang Makmur | Sendangrejo | 74.00 |"
	# the section comes after the eligible KIM, before the data problems
	run -0 report --rules rules/contoh-2025.json
	assert_equal "$(grep '^## ' <<<"$output" | tail -3)" "## Eligible KIM
## Competition ranking
## Data problems"
	# without --rubric there is no such section
	run -0 kim-report --as-of 2026-12-07
	refute_output --partial 'Competition'
}

@test "json: the ranking as kim-score -f json writes it, with region_name; the rubric and its day" {
	run -0 report -f json
	assert_equal "$(jq -c '.competition | del(.ranking)' <<<"$output")" \
	    '{"rubric":"rubrics/lomba.json","name":"Lomba KIM 2026","date":"2026-12-02","in_period":true,"combine":"mean","judges":2,"scored":5,"ranked":5,"stages":null}'
	assert_equal "$(jq -r '.competition.ranking[] | [.rank, .id, .region_name, .total] | @tsv' <<<"$output")" \
	    "1	$T	Tirtasari	85.3
2	$G	Giriwangi	81.5
3	$B	Banyuurip	77.5
4	$A	Sindangjaya	77.5
5	$S	Sendangrejo	74"
	# the bytes of a row: numbers as kim-score's JSON has them
	assert_equal "$(sed -n '/"competition"/,$p' <<<"$output" |
	    sed -n "/\"id\": \"$S\"/,/}/p")" "        \"id\": \"$S\",
        \"name\": \"KIM Sendang Makmur\",
        \"region\": \"99.02.02.2001\",
        \"region_name\": \"Sendangrejo\",
        \"blog\": 26.0,
        \"fragmen\": 48.0,
        \"total\": 74.0
      }"
	run -0 kim-report --as-of 2026-12-07 -f json
	assert_equal "$(jq -c .competition <<<"$output")" null
}

@test "--lang id: the Indonesian heading and text, the decimal comma" {
	run -0 report --lang id
	assert_equal "$(section 'Penilaian lomba' <<<"$output" | sed -n '1,3p;7p')" "## Penilaian lomba

Lomba 'Lomba KIM 2026' (lomba.json), diadakan pada 2 Desember 2026: KIM yang diperingkat: 5; juri: 2; nilai tiap komponen digabungkan dengan rata-rata.
| 1 | $T | KIM Tirtasari | Tirtasari | 85,30 |"
	assert_line '| peringkat | id | nama | wilayah | jumlah |'
	# kim.conf's lang = id under cron gives the same
	printf 'lang = id\n' >kim.conf
	run -0 env -i PATH="$PATH" HOME="$HOME" kim-report --as-of 2026-12-07 \
	    --rubric rubrics/lomba.json --scores rubrics/nilai.csv
	assert_line '## Penilaian lomba'
}

@test "stages: the stages said, the last one each KIM reached in the table" {
	rubric 2026-12-02 '[{"name": "penyisihan", "components": ["blog"], "advance": 3},
	  {"name": "final", "components": ["fragmen"], "advance": 1}]'
	# penyisihan by blog: B 92.5, then T and A 85 (T formed earlier), G
	# 72.5, S 65; final by fragmen: T 85.5, A 72.5, B 67.5
	run --separate-stderr -0 report
	assert_equal "$(section 'Competition ranking' <<<"$output" | sed 1,4d)" "Stage penyisihan: KIM: 5; the best 3 go on.

Stage final: KIM: 3; the best 1 win.

| rank | id | name | region | total | stage |
|---:|:---|:---|:---|---:|:---|
| 1 | $T | KIM Tirtasari | Tirtasari | 85.50 | final |
| 2 | $A | KIM Sindang Jaya | Sindangjaya | 72.50 | final |
| 3 | $B | KIM Banyu Urip | Banyuurip | 67.50 | final |
| 4 | $G | KIM Giriwangi | Giriwangi | 72.50 | penyisihan |
| 5 | $S | KIM Sendang Makmur | Sendangrejo | 65.00 | penyisihan |"
	assert_equal "$stderr" "kim-report: warning: KIM $G has scores in stage final but did not advance into it: they are left out
kim-report: warning: KIM $S has scores in stage final but did not advance into it: they are left out"
	run --separate-stderr -0 report -f json
	assert_equal "$(jq -c '.competition.stages' <<<"$output")" \
	    '[{"name":"penyisihan","entrants":5,"advance":3},{"name":"final","entrants":3,"advance":1}]'
	assert_equal "$(jq -r '.competition.ranking[] | .id + " " + .stage' <<<"$output" | head -2)" "$T final
$A final"
}

@test "a rubric dated outside the period: the section still shows, with a note; without a date, it says so" {
	rubric 2026-11-28
	run -0 report
	assert_line "The competition 'Lomba KIM 2026' (lomba.json), held on 2026-11-28: KIM ranked: 5; judges: 2; the scores of each component combined by the mean."
	assert_line "Its day is before the period of this report: the ranking is of the score sheets as they are now."
	assert_line "| 1 | $T | KIM Tirtasari | Tirtasari | 85.30 |"
	run -0 report -f json
	assert_equal "$(jq -c '.competition.in_period' <<<"$output")" false
	rubric 2026-12-24
	run -0 report
	assert_line "Its day is after the period of this report: the ranking is of the score sheets as they are now."
	sed -i 's/"date": "[^"]*",//' rubrics/lomba.json
	run -0 report -f json
	assert_equal "$(jq -c '.competition | [.date, .in_period]' <<<"$output")" '[null,null]'
	run -0 report
	assert_line "The competition 'Lomba KIM 2026' (lomba.json), its rubric without a date: KIM ranked: 5; judges: 2; the scores of each component combined by the mean."
}

@test "-r: only the entrants inside the regions are ranked, among themselves, and the report says how many are left out" {
	run -0 report -r 99.02
	assert_equal "$(section 'Competition ranking' <<<"$output" | sed 1,4d)" "KIM scored outside the regions of this report, not ranked: 2; the ranks are among the others.

| rank | id | name | region | total |
|---:|:---|:---|:---|---:|
| 1 | $T | KIM Tirtasari | Tirtasari | 85.30 |
| 2 | $B | KIM Banyu Urip | Banyuurip | 77.50 |
| 3 | $S | KIM Sendang Makmur | Sendangrejo | 74.00 |"
	# none inside: said, and no empty table; sheets of a header alone
	run -0 report -r 99.03
	assert_equal "$(section 'Competition ranking' <<<"$output" | sed 1,4d)" "None of the 5 KIM scored is inside the regions of this report."
	head -1 rubrics/nilai.csv >rubrics/kosong.csv
	run -0 kim-report --as-of 2026-12-07 --rubric rubrics/lomba.json \
	    --scores rubrics/kosong.csv --lang id
	assert_equal "$(section 'Penilaian lomba' <<<"$output" | sed 1,4d)" "Lembar nilai tidak berisi nilai."
}

@test "html and xlsx: the same ranking, in a table and in a sheet of its own with numbers typed" {
	run -0 report -f html
	assert_line '<h2>Competition ranking</h2>'
	assert_line "<tr><td class=\"num\">3</td><td>$B</td><td>KIM Banyu Urip</td><td>Banyuurip</td><td class=\"num\">77.50</td></tr>"
	run -0 report -f xlsx -o r.xlsx
	mkdir x && (cd x && unzip -q ../r.xlsx)
	sheet=$(grep -l 'Competition ranking' x/xl/workbook.xml >/dev/null &&
	    grep -o '<sheet name="[^"]*" sheetId="[0-9]*"' x/xl/workbook.xml |
	    grep -n 'Competition ranking' | cut -d: -f1)
	[ -n "$sheet" ]
	# the totals are numbers: 85.3 in a cell of type n, not a string
	grep -q '<v>85.3</v>' "x/xl/worksheets/sheet$sheet.xml"
	grep -q '<v>74</v>' "x/xl/worksheets/sheet$sheet.xml"
}

@test "--limit: the first rows in md, all in JSON; --full shows them all" {
	run -0 report --limit 2
	assert_line "| 2 | $G | KIM Giriwangi | Giriwangi | 81.50 |"
	refute_line --partial "| 3 | $B"
	assert_line "And 3 more, in the report's JSON and workbook (-f json, -f xlsx) and by kim-score."
	run -0 report --limit 2 --full
	assert_line "| 5 | $S | KIM Sendang Makmur | Sendangrejo | 74.00 |"
	run -0 report --limit 2 -f json
	assert_equal "$(jq '.competition.ranking | length' <<<"$output")" 5
}

@test "a bad sheet, a bad rubric, an unknown KIM or a missing score: exit 3 at its place, no report written" {
	sed -i "s/^$B,B,95,65/$B,B,95,165/" rubrics/nilai.csv
	run --separate-stderr -3 report -o report.md
	assert_equal "$stderr" "kim-report: rubrics/nilai.csv:7:4: score 165 is outside the scale 0.00 to 100.00"
	[ ! -e report.md ]
	sed -i "s/^$B,B,95,165/$B,B,95,65/; s/^$S,B,/99.01.01.2001-9,B,/" rubrics/nilai.csv
	run --separate-stderr -3 report -o report.md
	assert_equal "$stderr" "kim-report: rubrics/nilai.csv:11:1: KIM 99.01.01.2001-9 is not in the register"
	[ ! -e report.md ]
	sed -i '$d' rubrics/nilai.csv
	run --separate-stderr -3 report -o report.md
	assert_equal "$stderr" "kim-report: rubrics/nilai.csv:3: judge 'B' did not score 2 of the scores: $S (blog), $S (fragmen) (give --missing zero or --missing skip)"
	[ ! -e report.md ]
	# --missing zero: S's B scores are 0: blog 30 -> 12.00, fragmen 40 -> 24.00
	run -0 report --missing zero
	assert_line "| 5 | $S | KIM Sendang Makmur | Sendangrejo | 36.00 |"
	printf '{"name": "x", "combine": "average", "components": []}\n' >rubrics/lomba.json
	run --separate-stderr -3 report -o report.md
	assert_output ""
	[[ $stderr == "kim-report: rubrics/lomba.json:1:"* ]]
	[ ! -e report.md ]
}

@test "usage: --rubric and --scores go together, --missing with them" {
	run -2 kim-report --rubric rubrics/lomba.json
	assert_line -n 0 "kim-report: --rubric and --scores go together (and --missing with them)"
	run -2 kim-report --scores rubrics/nilai.csv
	assert_line -n 0 "kim-report: --rubric and --scores go together (and --missing with them)"
	run -2 kim-report --missing zero
	assert_line -n 0 "kim-report: --rubric and --scores go together (and --missing with them)"
	run -2 report --missing none
	assert_line -n 0 "kim-report: --missing: 'none' is not zero or skip"
}
