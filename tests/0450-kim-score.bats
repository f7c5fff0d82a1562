#!/usr/bin/env bats
# kim-score: a competition ranked by a weighted rubric and judges' sheets.
#
# The demo folder's KIM; a Bojonegoro-shaped rubric (LCCK KIM 2015: blog
# 20 %, writing 20 %, questions 10 %, honorary jury 10 %, fragmen 20 %,
# arts 20 %); three judges: A, B = A + 5 and C = A - 5, but for C's 10 for
# Giriwangi's blog (where the trimmed mean and the mean part).  Every
# expected total below is worked out by hand in the comments.

load test_helper

A=99.01.01.2002-1	# KIM Sindang Jaya, formed 2013-09-14
G=99.01.02.2001-1	# KIM Giriwangi, 2018-06-21
W=99.01.03.2001-1	# KIM "Suara Wanasari", 2015-11-02
L=99.01.03.2004-1	# KIM Citapen Lestari, 2011-04-18
T=99.02.01.1001-1	# KIM Tirtasari, 2009-04-21
B=99.02.01.2001-1	# KIM Banyu Urip, 2014-08-30
S=99.02.02.2001-1	# KIM Sendang Makmur, 2018-06-22
J=99.02.03.2002-1	# KIM Jatirejo, 2016-09-09

setup() {
	mkdemo
	mkdir -p rubrics
	rubric mean
	# judge A: wide, with a judge column (juri: an alias)
	cat >rubrics/a.csv <<-CSV
	kim,juri,blog,tulisan,tanya_jawab,juri_kehormatan,fragmen,seni
	$A,A,80,70,60,75,85,90
	$G,A,90,80,70,65,75,80
	$W,A,70,75,80,85,90,60
	$L,A,60,65,70,75,80,85
	$T,A,85,85,85,85,85,85
	$B,A,75,80,65,70,85,90
	$S,A,95,60,75,80,70,65
	$J,A,65,90,80,60,75,70
	CSV
	# judge B: wide without a judge column: the judge is the file's name
	awk -F, -v OFS=, 'NR == 1 { $2 = ""; sub(/,,/, ","); print; next }
	    { for (i = 3; i <= NF; i++) $i += 5; $2 = ""; sub(/,,/, ","); print }' \
	    rubrics/a.csv >rubrics/B.csv
	# judge C: long, Indonesian header names
	awk -F, 'NR == 1 { split($0, h, ","); print "id kim,penilai,komponen,nilai"; next }
	    { for (i = 3; i <= NF; i++) print $1 ",C," h[i] "," ($1 == "'"$G"'" && h[i] == "blog" ? 10 : $i - 5) }' \
	    rubrics/a.csv >rubrics/c.csv
}

# rubric COMBINE [STAGES]: rubrics/lcck.json
rubric() {
	cat >rubrics/lcck.json <<-JSON
	{"name": "LCCK KIM 2015", "date": "2015-10-15",
	 "scale": {"min": 0, "max": 100},
	 "combine": "$1",
	 "components": [
	  {"id": "blog", "label": "Penilaian blog", "weight": 20},
	  {"id": "tulisan", "label": "Tugas menulis", "weight": 20},
	  {"id": "tanya_jawab", "label": "Tanya jawab", "weight": 10},
	  {"id": "juri_kehormatan", "label": "Pertanyaan dewan juri kehormatan", "weight": 10},
	  {"id": "fragmen", "label": "Fragmen", "weight": 20},
	  {"id": "seni", "label": "Kesenian dan yel-yel", "weight": 20}],
	 "tie_break": ["blog", "fragmen"]${2:+,
	 \"stages\": $2}}
	JSON
}

STAGES='[{"name": "penyisihan", "components": ["blog", "tulisan"], "advance": 6},
  {"name": "final", "components": ["tanya_jawab", "juri_kehormatan", "fragmen", "seni"], "advance": 1}]'

score() {
	kim-score --rubric rubrics/lcck.json --scores rubrics/a.csv \
	    --scores rubrics/B.csv --scores rubrics/c.csv "$@"
}

@test "trimmed mean: the judges' middle score; a tie on the total broken by blog" {
	rubric trimmed
	# trimmed of A-5, A, A+5 is A: the totals are judge A's weighted:
	# T 85; B 15+16+6.5+7+17+18 = 79.5; G 18+16+7+6.5+15+16 = 78.5 and
	# A 16+14+6+7.5+17+18 = 78.5 tie, G's blog 90 > A's 80; W 75.5;
	# J 74; S 73.5; L 72.5
	run -0 score -f csv
	assert_output "rank,id,name,region,blog,tulisan,tanya_jawab,juri_kehormatan,fragmen,seni,total
1,$T,KIM Tirtasari,99.02.01.1001,17.00,17.00,8.50,8.50,17.00,17.00,85.00
2,$B,KIM Banyu Urip,99.02.01.2001,15.00,16.00,6.50,7.00,17.00,18.00,79.50
3,$G,KIM Giriwangi,99.01.02.2001,18.00,16.00,7.00,6.50,15.00,16.00,78.50
4,$A,KIM Sindang Jaya,99.01.01.2002,16.00,14.00,6.00,7.50,17.00,18.00,78.50
5,$W,\"KIM \"\"Suara Wanasari\"\"\",99.01.03.2001,14.00,15.00,8.00,8.50,18.00,12.00,75.50
6,$J,KIM Jatirejo,99.02.03.2002,13.00,18.00,8.00,6.00,15.00,14.00,74.00
7,$S,KIM Sendang Makmur,99.02.02.2001,19.00,12.00,7.50,8.00,14.00,13.00,73.50
8,$L,KIM Citapen Lestari,99.01.03.2004,12.00,13.00,7.00,7.50,16.00,17.00,72.50"
}

@test "mean: C's outlier counts; G ties S at 73.50 and S's blog wins" {
	# G's blog: (90 + 95 + 10) / 3 = 65, weighted 13.00: total 78.5 - 5 = 73.5
	run -0 score -f csv
	# T 85, B 79.5, A 78.5, W 75.5, J 74, then S and G, L 72.5
	assert_line -n 6 "6,$S,KIM Sendang Makmur,99.02.02.2001,19.00,12.00,7.50,8.00,14.00,13.00,73.50"
	assert_line -n 7 "7,$G,KIM Giriwangi,99.01.02.2001,13.00,16.00,7.00,6.50,15.00,16.00,73.50"
	run -0 score -f tsv --explain
	assert_line -n 7 "7	$G	KIM Giriwangi	99.01.02.2001	13.00	16.00	7.00	6.50	15.00	16.00	73.50	blog: A 90, B 95, C 10; mean 65.00 x 20/100 = 13.00 | tulisan: A 80, B 85, C 75; mean 80.00 x 20/100 = 16.00 | tanya_jawab: A 70, B 75, C 65; mean 70.00 x 10/100 = 7.00 | juri_kehormatan: A 65, B 70, C 60; mean 65.00 x 10/100 = 6.50 | fragmen: A 75, B 80, C 70; mean 75.00 x 20/100 = 15.00 | seni: A 80, B 85, C 75; mean 80.00 x 20/100 = 16.00"
}

@test "median and the half-up rounding of a mean of thirds" {
	rubric median
	run -0 score -f csv
	assert_line -n 3 "3,$G,KIM Giriwangi,99.01.02.2001,18.00,16.00,7.00,6.50,15.00,16.00,78.50"
	# one judge's 86 for T's blog: (86 + 90 + 80) / 3 = 85.333..., 17.07 weighted
	rubric mean
	sed -i "s/^$T,A,85/$T,A,86/" rubrics/a.csv
	run -0 score -f csv
	assert_line -n 1 "1,$T,KIM Tirtasari,99.02.01.1001,17.07,17.00,8.50,8.50,17.00,17.00,85.07"
}

@test "stages: six advance from the penyisihan, one wins the final" {
	rubric trimmed "$STAGES"
	# penyisihan, weights 20 + 20 scaled to 100: (blog + tulisan) / 2:
	# G 85 and T 85 (G's blog first), S, B, J 77.5 (by blog 95, 75, 65),
	# A 75; W 72.5 and L 62.5 stay out
	run --separate-stderr -0 score --stage penyisihan -f csv
	assert_output "rank,id,name,region,blog,tulisan,total,advances
1,$G,KIM Giriwangi,99.01.02.2001,45.00,40.00,85.00,yes
2,$T,KIM Tirtasari,99.02.01.1001,42.50,42.50,85.00,yes
3,$S,KIM Sendang Makmur,99.02.02.2001,47.50,30.00,77.50,yes
4,$B,KIM Banyu Urip,99.02.01.2001,37.50,40.00,77.50,yes
5,$J,KIM Jatirejo,99.02.03.2002,32.50,45.00,77.50,yes
6,$A,KIM Sindang Jaya,99.01.01.2002,40.00,35.00,75.00,yes
7,$W,\"KIM \"\"Suara Wanasari\"\"\",99.01.03.2001,35.00,37.50,72.50,no
8,$L,KIM Citapen Lestari,99.01.03.2004,30.00,32.50,62.50,no"
	# final, weights 10 10 20 20 of 60: T 5100/60 = 85; A and B 4850/60 =
	# 80.83 tie, fragmen 85 both, A formed earlier; G 4450/60 = 74.17;
	# J 4300/60 = 71.67; S 4250/60 = 70.83
	run --separate-stderr -0 score --stage final -f csv
	assert_output "rank,id,name,region,tanya_jawab,juri_kehormatan,fragmen,seni,total,advances
1,$T,KIM Tirtasari,99.02.01.1001,14.17,14.17,28.33,28.33,85.00,yes
2,$A,KIM Sindang Jaya,99.01.01.2002,10.00,12.50,28.33,30.00,80.83,no
3,$B,KIM Banyu Urip,99.02.01.2001,10.83,11.67,28.33,30.00,80.83,no
4,$G,KIM Giriwangi,99.01.02.2001,11.67,10.83,25.00,26.67,74.17,no
5,$J,KIM Jatirejo,99.02.03.2002,13.33,10.00,25.00,23.33,71.67,no
6,$S,KIM Sendang Makmur,99.02.02.2001,12.50,13.33,23.33,21.67,70.83,no"
	assert_equal "$stderr" "kim-score: warning: KIM $W has scores in stage final but did not advance into it: they are left out
kim-score: warning: KIM $L has scores in stage final but did not advance into it: they are left out"
	# the whole competition: the finalists by the final, then the rest
	run --separate-stderr -0 score -f csv
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1,2,11,12)" "rank,id,total,stage
1,$T,85.00,final
2,$A,80.83,final
3,$B,80.83,final
4,$G,74.17,final
5,$J,71.67,final
6,$S,70.83,final
7,$W,72.50,penyisihan
8,$L,62.50,penyisihan"
}

@test "KIM on standard input limit the ranking (kim-eligible | kim-score -)" {
	rubric trimmed
	export -f score
	run -0 bash -c "kim-list -r 99.02 | score -f csv - | cut -d, -f1,2,11"
	assert_output "rank,id,total
1,$T,85.00
2,$B,79.50
3,$J,74.00
4,$S,73.50"
}

@test "a judge who did not score every KIM: an error, or --missing zero|skip" {
	rubric trimmed
	sed -i "/^$J,/d" rubrics/B.csv
	run --separate-stderr -3 score -o out.csv
	assert_equal "$stderr" "kim-score: rubrics/B.csv:2: judge 'B' did not score 6 of the scores: $J (blog), $J (tulisan), $J (tanya_jawab), $J (juri_kehormatan), $J (fragmen), $J (seni) (give --missing zero or --missing skip)"
	[ ! -e out.csv ]
	# zero: trimmed of 0, 60, 70 for J's blog is 60 (12.00)
	run --separate-stderr -0 score --missing zero -f csv
	assert_line -n 8 "8,$J,KIM Jatirejo,99.02.03.2002,12.00,17.00,7.50,5.50,14.00,13.00,69.00"
	# never in silence
	assert_equal "$stderr" "kim-score: rubrics/B.csv:2: warning: judge 'B' did not score 6 of the scores: $J (blog), $J (tulisan), $J (tanya_jawab), $J (juri_kehormatan), $J (fragmen), $J (seni), each counted as 0 (--missing zero)"
	# skip: the mean of A's and C's (trimmed needs three): A - 2.5
	run --separate-stderr -0 score --missing skip -f csv
	assert_line -n 8 "8,$J,KIM Jatirejo,99.02.03.2002,12.50,17.50,7.75,5.75,14.50,13.50,71.50"
	assert_line -n 0 --partial "rank,id"
	[[ $stderr == "kim-score: warning: KIM $J has 2 judges' scores in blog, others 3"* ]]
	assert_equal "${stderr_lines[-1]}" "kim-score: rubrics/B.csv:2: warning: judge 'B' did not score 6 of the scores: $J (blog), $J (tulisan), $J (tanya_jawab), $J (juri_kehormatan), $J (fragmen), $J (seni), left out (--missing skip)"
}

@test "a judge id mistyped in a row: the error asks whether it is the other judge, not only for --missing; --missing zero says it" {
	rubric trimmed
	# one row of C's long sheet typed with the judge 'c'
	sed -i "2s/,C,/,c,/" rubrics/c.csv
	run --separate-stderr -3 score
	assert_output ""
	assert_equal "$stderr" "kim-score: rubrics/c.csv:2: judge 'c' did not score 7 of the scores: $G (blog), $W (blog), $L (blog), $T (blog), $B (blog), $S (blog), $J (blog) (is 'c' the judge 'C' mistyped? If not, give --missing zero or --missing skip)
kim-score: rubrics/c.csv:3: judge 'C' did not score 1 of the scores: $A (blog) (is 'C' the judge 'c' mistyped? If not, give --missing zero or --missing skip)"
	run --separate-stderr -0 score --missing zero
	assert_equal "${stderr_lines[0]}" "kim-score: rubrics/c.csv:2: warning: judge 'c' did not score 7 of the scores: $G (blog), $W (blog), $L (blog), $T (blog), $B (blog), $S (blog), $J (blog), each counted as 0 (--missing zero); is 'c' the judge 'C' mistyped?"
}

@test "the formats of the other tools" {
	rubric trimmed
	run -0 score -f jsonl
	assert_line -n 0 "{\"rank\":1,\"id\":\"$T\",\"name\":\"KIM Tirtasari\",\"region\":\"99.02.01.1001\",\"blog\":17.0,\"tulisan\":17.0,\"tanya_jawab\":8.5,\"juri_kehormatan\":8.5,\"fragmen\":17.0,\"seni\":17.0,\"total\":85.0}"
	run -0 score -f xlsx -o out.xlsx
	[ -s out.xlsx ]
	run -0 score -f table
	assert_line -n 0 --regexp '^rank +id +name'
}

@test "json: scores and totals are numbers of their two-decimal values, no binary tail; an empty component null, advances a boolean" {
	rubric trimmed "$STAGES"
	run --separate-stderr -0 score --stage final -f jsonl
	assert_line -n 0 "{\"rank\":1,\"id\":\"$T\",\"name\":\"KIM Tirtasari\",\"region\":\"99.02.01.1001\",\"tanya_jawab\":14.17,\"juri_kehormatan\":14.17,\"fragmen\":28.33,\"seni\":28.33,\"total\":85.0,\"advances\":true}"
	assert_line -n 1 "{\"rank\":2,\"id\":\"$A\",\"name\":\"KIM Sindang Jaya\",\"region\":\"99.01.01.2002\",\"tanya_jawab\":10.0,\"juri_kehormatan\":12.5,\"fragmen\":28.33,\"seni\":30.0,\"total\":80.83,\"advances\":false}"
	# the whole competition: a KIM that stayed in the penyisihan has no
	# final scores
	run --separate-stderr -0 score -f json
	assert_equal "$(jq -c ".[] | select(.id == \"$L\")" <<<"$output")" \
	    "{\"rank\":8,\"id\":\"$L\",\"name\":\"KIM Citapen Lestari\",\"region\":\"99.01.03.2004\",\"blog\":30,\"tulisan\":32.5,\"tanya_jawab\":null,\"juri_kehormatan\":null,\"fragmen\":null,\"seni\":null,\"total\":62.5,\"stage\":\"penyisihan\"}"
	# the bytes, not only the values: 62.5 as written, 30.0 not 30
	assert_line --partial "\"id\":\"$L\",\"name\":\"KIM Citapen Lestari\",\"region\":\"99.01.03.2004\",\"blog\":30.0,\"tulisan\":32.5,\"tanya_jawab\":null"
}

@test "--at recomputes the ranking as committed" {
	need_git
	git_isolate
	git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm one
	# the mean of 10, 90 and 80 is 60: T is no longer first
	sed -i "s/^$T,A,.*/$T,A,10,10,10,10,10,10/" rubrics/a.csv
	run -0 score -f csv
	refute_line -n 1 --partial "$T"
	run -0 score --at HEAD -f csv
	assert_line -n 1 "1,$T,KIM Tirtasari,99.02.01.1001,17.00,17.00,8.50,8.50,17.00,17.00,85.00"
}

# bad FILE TEXT STATUS MESSAGE: with FILE replaced by TEXT, kim-score fails
# with STATUS and MESSAGE alone on stderr, and writes nothing
bad() {
	printf '%s\n' "$2" >"$1"
	local sum
	sum=$(checksum_data .)
	run --separate-stderr score -o out.csv
	assert_failure "$3"
	assert_equal "$stderr" "$4"
	assert_output ""
	[ ! -e out.csv ]
	assert_equal "$(checksum_data .)" "$sum"
}

@test "every mistake of a rubric: its JSON path, line and column, exit 3" {
	bad rubrics/lcck.json '{"components": [{"id": "blog", "weight": 20}]}' 3 \
	    "kim-score: rubrics/lcck.json:1:16: components: the weights add up to 20.00, not 100 (give \"normalize\": true to scale them to 100)"
	bad rubrics/lcck.json '{"components": [{"id": "blog", "weight": 100, "bobot": 1}]}' 3 \
	    "kim-score: rubrics/lcck.json:1:47: components[0].bobot: unknown key \"bobot\" (a component has id, label and weight)"
	bad rubrics/lcck.json '{"combine": "max", "components": [{"id": "blog", "weight": 100}]}' 3 \
	    "kim-score: rubrics/lcck.json:1:13: combine: expected \"mean\", \"median\" or \"trimmed\", not \"max\""
	bad rubrics/lcck.json '{"components": [{"id": "blog", "weight": 100}],
 "tie_break": ["blogg"]}' 3 \
	    "kim-score: rubrics/lcck.json:2:16: tie_break[0]: \"blogg\" is not a component (the rubric's: blog)"
	bad rubrics/lcck.json '{"components": [{"id": "blog", "weight": 50}, {"id": "seni", "weight": 50}],
 "stages": [{"name": "a", "components": ["blog"], "advance": 2}]}' 3 \
	    "kim-score: rubrics/lcck.json:2:12: stages: component seni is judged in no stage"
	bad rubrics/lcck.json '{"scale": {"min": 0, "max": 10.125}, "components": [{"id": "blog", "weight": 100}]}' 3 \
	    "kim-score: rubrics/lcck.json:1:29: scale.max: expected a number from 0 to 1000 with at most two decimals, not 10.125"
	bad rubrics/lcck.json '{"components": [{"id": "blog", "weight": 100}' 3 \
	    "kim-score: rubrics/lcck.json:2: not JSON: ']' expected near end of file"
}

@test "every mistake of a score sheet: FILE:LINE:COLUMN, exit 3" {
	bad rubrics/c.csv "kim,judge,component,score
$A,C,blog,101" 3 "kim-score: rubrics/c.csv:2:4: score 101 is outside the scale 0.00 to 100.00"
	bad rubrics/c.csv "kim,judge,component,score
$A,C,blogg,80" 3 "kim-score: rubrics/c.csv:2:3: unknown component 'blogg' (the rubric's: blog, tulisan, tanya_jawab, juri_kehormatan, fragmen, seni)"
	bad rubrics/c.csv "kim,judge,component,score
$A,C,blog,8o" 3 "kim-score: rubrics/c.csv:2:4: score '8o' is not a number (at most two decimals, e.g. 85 or 85.5)"
	bad rubrics/c.csv "kim,judge,component,score
$A,C,blog,80
$A,C,blog,85" 3 "kim-score: rubrics/c.csv:3:4: judge 'C' scored $A in blog twice (the first score: 80.00)"
	bad rubrics/c.csv "kim,judge,component,score
99.01.01.2002-9,C,blog,80" 3 "kim-score: rubrics/c.csv:2:1: KIM 99.01.01.2002-9 is not in the register"
	bad rubrics/c.csv "kim,judge,komponen,nilai,catatan
$A,C,blog,80," 3 "kim-score: rubrics/c.csv:1:5: unknown column 'catatan' (a score sheet has kim, judge and either component and score, or a column for each component: blog, tulisan, tanya_jawab, juri_kehormatan, fragmen, seni)"
}

@test "a sheet may give a KIM's former id (former_ids): it is ranked by its id now" {
	rubric trimmed
	printf 'id,name,region,formed,former_ids\n%s,KIM Tirtasari,99.02.01.1001,2009-04-21,99.02.01.1001-7\n' "$T" >in.csv
	sed -i "s/^$T,/99.02.01.1001-7,/" rubrics/a.csv rubrics/B.csv rubrics/c.csv
	run -0 score -f csv in.csv
	assert_output "rank,id,name,region,blog,tulisan,tanya_jawab,juri_kehormatan,fragmen,seni,total
1,$T,KIM Tirtasari,99.02.01.1001,17.00,17.00,8.50,8.50,17.00,17.00,85.00"
	# scored under both ids: an error at the second
	printf 'kim,judge,blog\n%s,D,80\n' "$T" >rubrics/d.csv
	run --separate-stderr -3 score --scores rubrics/d.csv -f csv in.csv
	assert_output ""
	assert_equal "$stderr" "kim-score: rubrics/a.csv:6:1: KIM $T is scored under two of its ids, $T and 99.02.01.1001-7 (former_ids): give one"
}

# xlsx CSV BOOK: the CSV file as the first sheet, Nilai, of the workbook
# BOOK (.xlsx), a judge's workbook as a spreadsheet saves it: numbers in
# number cells, text in shared strings (the header) or inline strings
xlsx() {
	local dir=$BATS_TEST_TMPDIR/book
	rm -rf "$dir" && mkdir -p "$dir/_rels" "$dir/xl/_rels" "$dir/xl/worksheets"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>' >"$dir/[Content_Types].xml"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>' >"$dir/_rels/.rels"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Nilai" sheetId="1" r:id="rId1"/></sheets></workbook>' >"$dir/xl/workbook.xml"
	printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' >"$dir/xl/_rels/workbook.xml.rels"
	awk -F, 'NR == 1 {
		printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
		for (i = 1; i <= NF; i++) printf "<si><t>%s</t></si>", $i
		print "</sst>" }' "$1" >"$dir/xl/sharedStrings.xml"
	awk -F, 'BEGIN { printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" }
	{ printf "<row r=\"%d\">", NR
	  for (i = 1; i <= NF; i++) {
		ref = substr("ABCDEFGH", i, 1) NR
		if (NR == 1) printf "<c r=\"%s\" t=\"s\"><v>%d</v></c>", ref, i - 1
		else if ($i ~ /^[0-9.]+$/) printf "<c r=\"%s\"><v>%s</v></c>", ref, $i
		else printf "<c r=\"%s\" t=\"inlineStr\"><is><t>%s</t></is></c>", ref, $i
	  }
	  printf "</row>" }
	END { print "</sheetData></worksheet>" }' "$1" >"$dir/xl/worksheets/sheet1.xml"
	(cd "$dir" && zip -q -X -r book.xlsx '[Content_Types].xml' _rels xl) &&
		mv "$dir/book.xlsx" "$2"
}

@test "a score sheet as an .xlsx workbook: the same ranking as its CSV; a bad cell named by its place" {
	rubric trimmed
	run -0 score -f csv
	local want=$output
	# judge C's long sheet, and judge B's wide one with a decimal score
	xlsx rubrics/c.csv rubrics/c.xlsx
	xlsx rubrics/B.csv rubrics/B.xlsx
	run -0 kim-score --rubric rubrics/lcck.json --scores rubrics/a.csv \
	    --scores rubrics/B.xlsx --scores rubrics/c.xlsx -f csv
	assert_equal "$output" "$want"
	# 92.5 for T's blog: trimmed of 85, 92.5, 80 is 85 still; of 85, 92.5
	# and 95 (C's 90 + 5) 92.5: 18.50 weighted, T's total 86.50
	sed -i "s/^$T,C,blog,80$/$T,C,blog,95/" rubrics/c.csv
	sed -i "s/^$T,90,/$T,92.5,/" rubrics/B.csv
	xlsx rubrics/c.csv rubrics/c.xlsx
	xlsx rubrics/B.csv rubrics/B.xlsx
	run -0 kim-score --rubric rubrics/lcck.json --scores rubrics/a.csv \
	    --scores rubrics/B.xlsx --scores rubrics/c.xlsx -f csv
	assert_line -n 1 "1,$T,KIM Tirtasari,99.02.01.1001,18.50,17.00,8.50,8.50,17.00,17.00,86.50"
	# a score outside the scale, in row 3 of C's workbook
	sed -i "3s/,[0-9.]*$/,101/" rubrics/c.csv
	xlsx rubrics/c.csv rubrics/c.xlsx
	run --separate-stderr -3 kim-score --rubric rubrics/lcck.json \
	    --scores rubrics/a.csv --scores rubrics/c.xlsx -o out.csv
	assert_equal "$stderr" "kim-score: rubrics/c.xlsx:Nilai!D3: score 101 is outside the scale 0.00 to 100.00"
	[ ! -e out.csv ]
}
