#!/usr/bin/env bats
# kim-report: period arithmetic, every section with exact figures on a
# history of commits on known dates, the same without git, HTML that parses
# and escapes, JSON whose figures are kim-coverage's, no contact data in any
# format, byte-identical runs, -o written atomically, and a browser check.

load test_helper

AS_OF=2024-06-12	# a Wednesday: the default week is 2024-06-03..09

# history: the fixture's register built by kim-register on known days:
#   2024-05-20 Ani  registers KIM Alpha (verified that day)
#   2024-05-27 Ani  registers KIM Beta
#   2024-06-04 Budi registers a KIM with a hostile name
#   2024-06-05 Budi deactivates KIM Beta
#   2024-06-07 Ani  updates KIM Alpha's chair
#   2024-06-11 Ani  registers KIM Delta (after the week)
# In a git repository each is a commit on its day (KIM_COMMIT_DATE).
history() {
	local who
	who() { [ ! -d .git ] || git config user.name "$1"; }
	r() { local d=$1; shift; KIM_COMMIT_DATE=$d kim-register -f csv --as-of "$d" "$@" >/dev/null; }
	printf 'region,target,due\n99,50,2024-12-31\n99.01,80,2024-12-31\n' >targets.csv
	printf '.kim.lock\n' >.gitignore
	if [ -d .git ]; then
		git add . && GIT_AUTHOR_DATE=2024-05-01T12:00:00Z \
			GIT_COMMITTER_DATE=2024-05-01T12:00:00Z git commit -q -m init
	fi
	who Ani
	r 2024-05-20 --name "KIM Alpha" --region 99.01.01.2001 --formed 2015-01-10 \
		--sectors 'umkm;pariwisata' --contact 0812-SECRET-1 --verified 2024-05-20
	r 2024-05-27 --name "KIM Beta" --region 99.01.01.2002 --formed 2022-03-01
	who Budi
	r 2024-06-04 --name "<script>alert(1)</script> & Co" --region 99.02.01.2001 \
		--formed 2018-07-07 --contact budi-SECRET@example.org
	r 2024-06-05 --deactivate 99.01.01.2002-1
	who Ani
	r 2024-06-07 --update 99.01.01.2001-1 --chair "Ketua Baru"
	r 2024-06-11 --name "KIM Delta" --region 99.71.01.1001 --formed 2024-01-15
	printf '%s\n' '{"name": "uji", "criteria": [' \
		'{"field": "status", "is": ["aktif"]},' \
		'{"field": "age", "min": 5, "label": "terbentuk minimal 5 tahun"},' \
		'{"field": "sectors", "all": ["umkm"]}]}' >"$BATS_FILE_TMPDIR/rules.json"
}

setup_file() {
	unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE KIM_COMMIT_DATE \
		GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
	export HOME="$BATS_FILE_TMPDIR/home" XDG_CONFIG_HOME= GIT_CONFIG_NOSYSTEM=1
	mkdir -p "$HOME"
	# without git
	mkdata plain && history
	# with git, when built with libgit2
	if [[ $(kim-register --version) == *' +git' ]]; then
		mkdata git && git init -q -b main . &&
			git config user.email data@diskominfo.example &&
			git config user.name Ani && history
	fi
}

setup() {
	GITDATA="$BATS_FILE_TMPDIR/git"
	PLAIN="$BATS_FILE_TMPDIR/plain"
	RULES="$BATS_FILE_TMPDIR/rules.json"
	export HOME="$BATS_FILE_TMPDIR/home" GIT_CONFIG_NOSYSTEM=1
}

# period AS_OF [ARGS...]: the report's period as FROM..TO
period() {
	local as_of=$1
	shift
	kim-report -d "$PLAIN" --as-of "$as_of" -f json "$@" 2>/dev/null |
		jq -r '"\(.period.kind) \(.period.from)..\(.period.to)"'
}

@test "the default period is the last full week before a Monday" {
	run period 2024-06-10
	assert_success
	assert_output 'week 2024-06-03..2024-06-09'
}

@test "on a Sunday the week is not over: the week before it" {
	run period 2024-06-09
	assert_output 'week 2024-05-27..2024-06-02'
}

@test "on 1 January: the last week, month, quarter and year of the year before" {
	run period 2027-01-01
	assert_output 'week 2026-12-21..2026-12-27'
	run period 2027-01-01 --period month
	assert_output 'month 2026-12-01..2026-12-31'
	run period 2027-01-01 --period quarter
	assert_output 'quarter 2026-10-01..2026-12-31'
	run period 2027-01-01 --period year
	assert_output 'year 2026-01-01..2026-12-31'
}

@test "in a leap year February has 29 days, and a week spans 29 February" {
	run period 2024-03-01 --period month
	assert_output 'month 2024-02-01..2024-02-29'
	run period 2024-03-04
	assert_output 'week 2024-02-26..2024-03-03'
	run period 2024-04-01 --period quarter
	assert_output 'quarter 2024-01-01..2024-03-31'
}

@test "an explicit FROM..TO is those days" {
	run period 2024-06-12 --period 2024-02-28..2024-03-01
	assert_output 'span 2024-02-28..2024-03-01'
	run period 2024-06-12 --period 2024-06-12..2024-06-12
	assert_output 'span 2024-06-12..2024-06-12'
}

@test "a bad period is a usage error, exit 2" {
	local p
	for p in fortnight 2024-02-30..2024-03-01 2024-03-01..2024-02-01 \
		2024-06-01..2024-06-13 2024-06-01 ..2024-06-01; do
		run -2 kim-report -d "$PLAIN" --as-of 2024-06-12 --period "$p"
		assert_line --index 0 --partial "kim-report: --period: '$p': "
	done
	run -2 kim-report -d "$PLAIN" --as-of 2024-06-12 --period 2024-03-01..2024-02-01
	assert_line --index 0 "kim-report: --period: '2024-03-01..2024-02-01': FROM is after TO"
	run -2 kim-report -d "$PLAIN" --as-of 2024-06-12 --period 2024-06-01..2024-06-13
	assert_line --index 0 "kim-report: --period: '2024-06-01..2024-06-13': TO is after the as-of day"
}

@test "other usage errors: format, -r, --excel, files, --stale" {
	run -2 kim-report -d "$PLAIN" -f csv
	assert_line --index 0 "kim-report: -f: 'csv' is not a report format (md, html, json or xlsx)"
	run -2 kim-report -d "$PLAIN" -r 99.01.01.2001
	assert_line --index 0 "kim-report: -r: 99.01.01.2001 is a village: give its kecamatan or a region above"
	run -2 kim-report -d "$PLAIN" -r 97
	assert_line --index 0 "kim-report: -r: 97 is not in $PLAIN/wilayah.csv"
	run -2 kim-report -d "$PLAIN" --excel
	assert_line --index 0 "kim-report: --excel is for CSV output, not for reports"
	run -2 kim-report -d "$PLAIN" kim/99.01.csv
	assert_line --index 0 "kim-report: the report is of the data folder: no files to read ('kim/99.01.csv')"
	run -2 kim-report -d "$PLAIN" --stale x
	assert_line --index 0 "kim-report: --stale: 'x' is not a whole number from 0 to 999999999"
}

# The sections after the intro, the same with and without git but for the
# authors of the changes.
# With git the headline is exact; from the dates, KIM Beta is taken to have
# been nonaktif all along (the records do not say what it was before), and
# its deactivation is an update.
expect_sections() {
	local author=$1 budi=${1:+ Budi |} ani=${1:+ Ani |} head=${1:+ author |} rule=${1:+:---|}
	local beta=${1:+deactivated}
	cat <<EOT
## Headline

|  | 2024-06-02 | 2024-06-09 | change |
|:---|---:|---:|---:|
| KIM | 2 | 3 | +1 |
EOT
	if [ -n "$author" ]; then
		cat <<EOT
| aktif | 2 | 2 | 0 |
| nonaktif | 0 | 1 | +1 |
| bubar | 0 | 0 | 0 |
| villages covered | 2 of 19 | 2 of 19 | 0 |
| percent covered | 10.5 % | 10.5 % | 0.0 |
EOT
	else
		cat <<EOT
| aktif | 1 | 2 | +1 |
| nonaktif | 1 | 1 | 0 |
| bubar | 0 | 0 | 0 |
| villages covered | 1 of 19 | 2 of 19 | +1 |
| percent covered | 5.3 % | 10.5 % | +5.2 |
EOT
	fi
	cat <<EOT

## Coverage against targets

By provinsi, on 2024-06-09, the furthest behind their target first. A village is covered when an aktif KIM has it as its region; gap is the target minus the percent, needed the villages still to cover.

| region | name | coverage | percent | covered | villages | target | due | gap | needed | kim |
|:---|:---|:---|---:|---:|---:|---:|:---|---:|---:|---:|
| 99 | Provinsi Uji | \`██░░░░░░░░┃░░░░░░░░░░\` | 11.8 | 2 | 17 | 50 | 2024-12-31 | 38.2 | 7 | 2 |
| 98 | Provinsi Contoh | \`░░░░░░░░░░░░░░░░░░░░\` | 0.0 | 0 | 2 |  |  |  |  | 0 |
| **total** |  | \`██░░░░░░░░░░░░░░░░░░\` | 10.5 | 2 | 19 |  |  |  | 7 | 2 |

## Changes in the period

EOT
	if [ -n "$author" ]; then
		echo '3 changes to the register, from its git history.'
	else
		echo "3 changes to the register, from the records' registered and updated dates."
	fi
	cat <<EOT

| date | change | id | name | region |$head
|:---|:---|:---|:---|:---|$rule
| 2024-06-04 | registered | 99.02.01.2001-1 | \\<script\\>alert(1)\\</script\\> & Co | Lembah Hijau |$budi
| 2024-06-05 | ${beta:-updated} | 99.01.01.2002-1 | KIM Beta | Sukamaju Hilir |$budi
| 2024-06-07 | updated | 99.01.01.2001-1 | KIM Alpha | Sukamaju I, II |$ani

## Stale records

Every aktif and nonaktif KIM was verified, or registered, in the last 12 months.

## Eligible KIM

1 of 4 KIM meet the rules 'uji' (rules.json), applied on 2024-06-12 (the day of the report).

| id | name | region | formed |
|:---|:---|:---|:---|
| 99.01.01.2001-1 | KIM Alpha | Sukamaju I, II | 2015-01-10 |

The most common reasons for failing:

| criterion | KIM failing |
|:---|---:|
| sectors all | 3 |
| terbentuk minimal 5 tahun | 2 |
| status is | 1 |

## Data problems

None: the checks of kim-check find no problem in the data folder.
EOT
}

@test "every section with its figures, from git history with authors" {
	need_git
	cd "$GITDATA"
	run -0 kim-report --as-of $AS_OF --rules "$RULES"
	local start end
	start=$(git rev-parse --short=7 'HEAD~4') end=$(git rev-parse --short=7 'HEAD~1')
	assert_line --index 0 '# KIM report: all regions, 2024-06-03 to 2024-06-09'
	assert_line --index 1 'The week 2024-06-03 to 2024-06-09, as of 2024-06-12.'
	assert_line --index 2 "Figures at the start and the end of the period: the register as committed on 2024-06-02 (commit $start) and on 2024-06-09 (commit $end), from the git history."
	diff -u <(expect_sections git) <(printf '%s\n' "$output" | sed '1,6d')
}

@test "without git the figures come from the records' dates, and it says so" {
	cd "$PLAIN"
	run -0 kim-report --as-of $AS_OF --rules "$RULES"
	assert_line --index 2 "Figures at the start and the end of the period are estimated from the records' registered dates, as there is no git history: each KIM is taken to have had its status of now."
	diff -u <(expect_sections) <(printf '%s\n' "$output" | sed '1,6d')
	run kim-report --as-of $AS_OF -f json
	assert_equal "$(jq -c '[.method, .headline.start.commit, .history, .changes[0].author]' <<<"$output")" '["dates",null,null,null]'
}

@test "a selection: coverage one level below it, the lists inside it" {
	cd "$PLAIN"
	run -0 kim-report --as-of $AS_OF -r 99.01 -f json
	assert_equal "$(jq -c '[.regions, .coverage.by, [.coverage.rows[].region], .headline.villages, .headline.end.kim, [.stale.records[].id]]' <<<"$output")" \
		'[["99.01"],"kecamatan",["99.01.02","99.01.01"],6,2,[]]'
}

@test "regions furthest behind their target come first" {
	cd "$PLAIN"
	run -0 kim-report --as-of $AS_OF --period week-to-date -r 99 -f json
	# 99.01 inherits 80, the others 50 from 99
	assert_equal "$(jq -c '[.coverage.by, [.coverage.rows[] | [.region, .target, .gap]]]' <<<"$output")" \
		'["kabupaten",[["99.01",80,63.3],["99.71",50,33.3],["99.02",50,30]]]'
}

@test "JSON validates with jq and its coverage equals kim-coverage's" {
	cd "$PLAIN"
	# the table is of the period's last day: here the as-of day
	for r in '' 99 99.01; do
		run -0 kim-report --as-of $AS_OF --period week-to-date ${r:+-r $r} -f json
		jq -e . <<<"$output" >/dev/null
		local by
		by=$(jq -r .coverage.by <<<"$output")
		diff <(jq -S '.coverage.rows + [.coverage.total] | sort_by(.region)' <<<"$output") \
			<(kim-coverage --as-of $AS_OF ${r:+-r $r} --by "$by" -f json | jq -S 'sort_by(.region)')
	done
}

@test "one meaning of the figures: the coverage table and map are of the headline's last day, not of the as-of day" {
	local d
	# KIM Delta, registered on 2024-06-11, is after the week 2024-06-03..09
	for d in "$PLAIN" "$GITDATA"; do
		[ -d "$d" ] || continue
		run -0 kim-report -d "$d" --as-of $AS_OF -f json
		assert_equal "$(jq -c '[.headline.end.covered, .coverage.total.covered, .headline.end.aktif, .coverage.total.kim, .headline.end.percent, .coverage.total.percent]' <<<"$output")" \
			'[2,2,2,2,10.5,10.5]'
		run -0 kim-report -d "$d" --as-of $AS_OF
		assert_line 'By provinsi, on 2024-06-09, the furthest behind their target first. A village is covered when an aktif KIM has it as its region; gap is the target minus the percent, needed the villages still to cover.'
		# the headline's end (the start differs: without git, statuses of now)
		assert_line --regexp '^\| villages covered \| [0-9]+ of 19 \| 2 of 19 \| '
		assert_line --regexp '^\| percent covered \| [0-9.]+ % \| 10\.5 % \| '
		assert_line '| **total** |  | `██░░░░░░░░░░░░░░░░░░` | 10.5 | 2 | 19 |  |  |  | 7 | 2 |'
		# this week so far: Delta counted in both
		run -0 kim-report -d "$d" --as-of $AS_OF --period week-to-date -f json
		assert_equal "$(jq -c '[.headline.end.covered, .coverage.total.covered]' <<<"$output")" '[3,3]'
	done
	[ -d "$GITDATA" ] || skip "built without libgit2"
	# from git: the register as committed then, as kim-coverage --at says
	run -0 kim-report -d "$GITDATA" --as-of $AS_OF -r 99 -f json
	diff <(jq -S '.coverage.rows + [.coverage.total] | sort_by(.region)' <<<"$output") \
		<(kim-coverage -d "$GITDATA" --as-of $AS_OF --at 2024-06-09 -r 99 -f json | jq -S 'sort_by(.region)')
}

@test "JSON: the headline, changes and history from git, in a stable key order" {
	need_git
	cd "$GITDATA"
	run -0 kim-report --as-of $AS_OF -f json
	assert_equal "$(jq -c 'keys_unsorted' <<<"$output")" \
		'["as_of","period","regions","method","headline","coverage","changes","stale","activity","eligible","competition","problems","history"]'
	assert_equal "$(jq -c '.headline.change' <<<"$output")" \
		'{"kim":1,"aktif":0,"nonaktif":1,"bubar":0,"covered":0,"percent":0}'
	assert_equal "$(jq -c '[.changes[] | [.date, .change, .id, .region, .author]]' <<<"$output")" \
		'[["2024-06-04","registered","99.02.01.2001-1","99.02.01.2001","Budi"],["2024-06-05","deactivated","99.01.01.2002-1","99.01.01.2002","Budi"],["2024-06-07","updated","99.01.01.2001-1","99.01.01.2001","Ani"]]'
	# the 12 weeks up to the report's, from the first that ends after the
	# first commit (2024-05-01, an empty register): covered villages at each end
	assert_equal "$(jq -c '[.history[] | "\(.to):\(.covered)"]' <<<"$output")" \
		'["2024-05-05:0","2024-05-12:0","2024-05-19:0","2024-05-26:1","2024-06-02:2","2024-06-09:2"]'
	assert_equal "$(jq -r .headline.start.commit <<<"$output")" "$(git rev-parse 'HEAD~4')"
}

@test "git: reactivated, dissolved and removed records in a period" {
	need_git
	cp -R "$GITDATA" "$BATS_TEST_TMPDIR/g" && cd "$BATS_TEST_TMPDIR/g"
	KIM_COMMIT_DATE=2024-06-18 run -0 kim-register --as-of 2024-06-18 --activate 99.01.01.2002-1
	KIM_COMMIT_DATE=2024-06-19 run -0 kim-register --as-of 2024-06-19 --dissolve 99.02.01.2001-1
	# a record deleted by hand, committed on the 20th
	sed -i '/KIM Delta/d' kim/99.71.csv
	git add kim/99.71.csv && GIT_AUTHOR_DATE=2024-06-20T12:00:00Z \
		GIT_COMMITTER_DATE=2024-06-20T12:00:00Z git commit -q -m 'remove Delta'
	run -0 kim-report --as-of 2024-06-24 -f json
	assert_equal "$(jq -c '[.changes[] | [.date, .change, .id]]' <<<"$output")" \
		'[["2024-06-18","reactivated","99.01.01.2002-1"],["2024-06-19","dissolved","99.02.01.2001-1"],["2024-06-20","removed","99.71.01.1001-1"]]'
	assert_equal "$(jq -c '[.headline.start.kim, .headline.end.kim, .headline.end.bubar, .headline.change.covered]' <<<"$output")" '[4,3,1,-1]'
}

@test "-r reads only the register files that can hold its regions: a problem in another kabupaten's file is not in its report" {
	mkdemo
	run -0 kim-report --as-of 2026-11-22 -r 99.01 -f json
	local before=$output
	echo '99.71.01.1001-9,KIM Rusak,99.71.01.1001,2023-02-29,,,,,5,,aktif,,,,2022-01-03,2022-01-03,' >>kim/99.71.csv
	run -0 --separate-stderr kim-report --as-of 2026-11-22 -r 99.01 -f json
	assert_equal "$output" "$before"
	assert_equal "$(jq .problems.count <<<"$output")" 0
	assert_equal "$stderr" ""
	run -0 --separate-stderr kim-report --as-of 2026-11-22 -r 99 -f json
	assert_equal "$(jq -r '.problems.list[] | "\(.file):\(.line):\(.column): \(.message)"' <<<"$output")" \
		"$KIM_DATA/kim/99.71.csv:13:4: formed: '2023-02-29' is not a real date (expected YYYY-MM-DD)
$KIM_DATA/kim/99.71.csv:13:1: id: 99.71.01.1001-9 comes after 99.71.03.2001-1: records are sorted by region, then by the number of the id"
}

@test "data problems are kim-check's findings, counted and listed" {
	mkdemo
	printf 'region,target,due\n99,150,2025-12-31\n' >targets.csv
	run -1 kim-check --as-of 2026-11-22
	local check=$output
	run -0 --separate-stderr kim-report --as-of 2026-11-22 -f json
	assert_equal "$(jq -r '.problems.list[] | "\(.file):\(.line):\(.column): \(.message)"' <<<"$output")" "${check//kim-check: /}"
	assert_equal "$(jq .problems.count <<<"$output")" 1
	assert_equal "$stderr" "kim-report: warning: 1 problem in $KIM_DATA: the report lists it (kim-check shows it too)"
	run -0 --separate-stderr kim-report --as-of 2026-11-22
	assert_output --partial "$(printf '1 problem found by the checks of kim-check:\n\n```\n%s\n```' "${check//kim-check: /}")"
}

@test "HTML is well-formed, with escaped names and its charts inline" {
	need_git
	cd "$GITDATA"
	kim-report --as-of $AS_OF --rules "$RULES" -f html -o report.html
	run -0 xmllint --html --noout report.html
	assert_output ''
	run grep -c '<script' report.html
	assert_output 0
	run grep -c '&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co' report.html
	assert_output 1
	# two charts, each a whole SVG document with nothing to fetch
	run grep -o 'src="data:image/svg+xml;base64,[^"]*"' report.html
	assert_equal "${#lines[@]}" 2
	local i
	for i in 0 1; do
		local b64=${lines[$i]#src=\"data:image/svg+xml;base64,}
		base64 -d <<<"${b64%\"}" >chart$i.svg
		xmllint --noout chart$i.svg
	done
	run grep -c '<title>Provinsi Uji: 11.8 % of 17 villages, target 50.0 %</title>' chart1.svg
	assert_output 1
	run grep -Ec 'https?:|@import|url\(' report.html
	assert_output 0
	run grep -c '@media print' report.html
	assert_output 1
	rm report.html chart0.svg chart1.svg
}

@test "no contact data in any format" {
	local d f
	for d in "$PLAIN" "$GITDATA"; do
		[ -d "$d" ] || continue
		for f in md html json; do
			run -0 kim-report -d "$d" --as-of $AS_OF --rules "$RULES" -f $f
			refute_output --partial SECRET
			[ "$f" = html ] || refute_output --partial 'base64'
		done
	done
	run -0 kim-list -d "$PLAIN" --fields contact -f csv
	assert_output --partial SECRET
}

@test "the same data and --as-of give byte-identical output" {
	local d f
	for d in "$PLAIN" "$GITDATA"; do
		[ -d "$d" ] || continue
		for f in md html json; do
			kim-report -d "$d" --as-of $AS_OF --rules "$RULES" -f $f >"$BATS_TEST_TMPDIR/a"
			kim-report -d "$d" --as-of $AS_OF --rules "$RULES" -f $f >"$BATS_TEST_TMPDIR/b"
			cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
		done
		# a workbook too: made on the day of the report, not at the second
		# it was written
		kim-report -d "$d" --as-of $AS_OF --rules "$RULES" -f xlsx -o "$BATS_TEST_TMPDIR/a.xlsx"
		sleep 1.1
		kim-report -d "$d" --as-of $AS_OF --rules "$RULES" -f xlsx -o "$BATS_TEST_TMPDIR/b.xlsx"
		cmp "$BATS_TEST_TMPDIR/a.xlsx" "$BATS_TEST_TMPDIR/b.xlsx"
		run -0 bash -c "unzip -p '$BATS_TEST_TMPDIR/a.xlsx' docProps/core.xml | grep -o '<dcterms:created [^>]*>[^<]*'"
		assert_output '<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-12T00:00:00Z'
	done
}

@test "-o writes the file whole, and the data folder does not change" {
	cd "$PLAIN"
	local before
	before=$(checksum_data "$PLAIN")
	run -0 kim-report --as-of $AS_OF -o "$BATS_TEST_TMPDIR/r.md"
	assert_output ''
	assert_equal "$(checksum_data "$PLAIN")" "$before"
	cmp "$BATS_TEST_TMPDIR/r.md" <(kim-report --as-of $AS_OF)
	run ls -a "$BATS_TEST_TMPDIR"
	refute_output --partial kimtmp
	run -4 kim-report --as-of $AS_OF -o "$BATS_TEST_TMPDIR/no/such/r.md"
	assert_output --partial "kim-report: $BATS_TEST_TMPDIR/no/such/"
}

@test "--limit cuts the lists in md and html, never in JSON, and says the command that lists them all; --full adds an appendix" {
	cd "$PLAIN"
	# a year on, three KIM are stale: two never verified, one verified a year ago
	local W="--as-of 2025-06-10 --period 2024-06-03..2024-06-09"
	run -0 kim-report -d . $W --limit 1 --rules "$RULES" -r 99
	assert_output --partial "$(printf '| 99.01.01.2002-1 | KIM Beta | Sukamaju Hilir | never |  |\n\nAnd 2 more: `kim-list --as-of 2025-06-10 --stale 12 --status aktif,nonaktif -r 99`')"
	assert_line "And 2 more: \`kim-report --as-of 2025-06-10 --period 2024-06-03..2024-06-09 -r 99 --full\`"
	# each command prints them all
	run -0 kim-list --as-of 2025-06-10 --stale 12 --status aktif,nonaktif -r 99 -c
	assert_output 3
	run -0 kim-report -d . $W --limit 1 -f html
	assert_output --partial "<p>And 2 more: <code>kim-list --as-of 2025-06-10 --stale 12 --status aktif,nonaktif</code></p>"
	run -0 kim-report -d . $W --limit 1 -f json
	assert_equal "$(jq '.stale.records | length' <<<"$output")" 3
	# a data folder named with a blank and a quote is quoted for the shell
	cp -R "$PLAIN" "$BATS_TEST_TMPDIR/it's here"
	run -0 kim-report -d "$BATS_TEST_TMPDIR/it's here" $W --limit 1
	assert_line "And 2 more: \`kim-list -d '$BATS_TEST_TMPDIR/it'\\''s here' --as-of 2025-06-10 --stale 12 --status aktif,nonaktif\`"
	run -0 bash -c "eval \"\$(kim-report -d \"$BATS_TEST_TMPDIR/it's here\" $W --limit 1 | sed -n 's/^And 2 more: \`\(kim-list .*\)\`$/\1/p') -c\""
	assert_output 3
	# --full: the others in an appendix, in md and html
	run -0 kim-report -d . $W --limit 1 --full
	assert_line 'And 2 more, in the appendix.'
	assert_line '## Appendix: the lists in full'
	assert_line '### Stale records'
	assert_line '### Changes in the period'
	[ "$(grep -c '^| 99\.' <<<"$output")" -eq "$(kim-report -d . $W --limit 0 | grep -c '^| 99\.')" ]
	run -0 kim-report -d . $W --limit 1 --full -f html
	assert_output --partial '<h2>Appendix: the lists in full</h2>'
}

@test "--period week-to-date and month-to-date: up to the as-of day, said in the first line" {
	cd "$PLAIN"
	# a Saturday: the week so far, Monday to Saturday; the month from the 1st
	run -0 --separate-stderr kim-report -d . --as-of 2024-06-08 --period week-to-date
	assert_line --index 0 '# KIM report: all regions, 2024-06-03 to 2024-06-08'
	assert_line --index 1 'This week so far, 2024-06-03 to 2024-06-08, as of 2024-06-08.'
	# the registration of the 4th and the deactivation of the 5th are in it
	assert_equal "$(kim-report -d . --as-of 2024-06-08 --period week-to-date -f json | jq -c '[.period, [.changes[].date]]')" \
		'[{"kind":"week-to-date","from":"2024-06-03","to":"2024-06-08"},["2024-06-04","2024-06-05","2024-06-07"]]'
	run -0 kim-report -d . --as-of 2024-06-12 --period month-to-date
	assert_line --index 0 '# KIM report: all regions, 2024-06-01 to 2024-06-12'
	assert_line --index 1 'This month so far, 2024-06-01 to 2024-06-12, as of 2024-06-12.'
	# on a Monday, the week so far is that day
	assert_equal "$(period 2024-06-10 --period week-to-date)" 'week-to-date 2024-06-10..2024-06-10'
	assert_equal "$(period 2024-06-01 --period month-to-date)" 'month-to-date 2024-06-01..2024-06-01'
	run -0 --separate-stderr kim-report -d . --lang id --as-of 2024-06-08 --period week-to-date
	assert_line --index 0 '# Laporan KIM: semua wilayah, 3 Juni 2024 sampai 8 Juni 2024'
	assert_line --index 1 'Minggu berjalan, 3 Juni 2024 sampai 8 Juni 2024, per tanggal 8 Juni 2024.'
}

@test "--stale MONTHS: verified within that many months is not stale" {
	cd "$PLAIN"
	# never verified: stale once registered that long ago (KIM Beta on
	# 2024-05-27), not the KIM registered on 2024-06-04 and 2024-06-11
	run -0 kim-report --as-of 2025-06-27 --stale 13 -f json
	assert_equal "$(jq -c '[.stale.months, .stale.count, [.stale.records[].id]]' <<<"$output")" \
		'[13,2,["99.01.01.2002-1","99.01.01.2001-1"]]'
	run -0 kim-report --as-of 2025-06-20 --stale 12 -f json
	assert_equal "$(jq -c '[.stale.count, (.stale.records[3] | .id, .verified, .months)]' <<<"$output")" \
		'[4,"99.01.01.2001-1","2024-05-20",13]'
}

@test "a browser renders the demo report: a screenshot that is not blank" {
	command -v chromium >/dev/null || skip "chromium not installed (Debian package chromium; make deps installs it)"
	command -v pngtopnm >/dev/null || skip "netpbm not installed (make deps installs it)"
	mkdemo
	kim-report --as-of 2026-11-23 -r 99 --rules rules/contoh-2025.json -f html -o "$BATS_TEST_TMPDIR/demo.html"
	grep -q 'aria-label="A map of the regions' "$BATS_TEST_TMPDIR/demo.html"
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$BATS_TEST_TMPDIR/chromium" \
		--window-size=800,1400 --screenshot="$BATS_TEST_TMPDIR/demo.png" \
		"file://$BATS_TEST_TMPDIR/demo.html" 2>/dev/null
	[ -s "$BATS_TEST_TMPDIR/demo.png" ]
	# a blank page has one colour; the report has text, tables and bars
	run sh -c "pngtopnm '$BATS_TEST_TMPDIR/demo.png' | ppmhist -noheader | wc -l"
	[ "$output" -gt 20 ]
	mkdir -p "$KIM_TOP/tests/artifacts"
	cp "$BATS_TEST_TMPDIR/demo.png" "$KIM_TOP/tests/artifacts/kim-report-demo.png"
}

# charts FILE: decode the charts of the HTML report FILE into FILE.0.svg,
# FILE.1.svg, ..., then the map, which is inline; prints their number
charts() {
	local n=0 src
	while read -r src; do
		src=${src#src=\"data:image/svg+xml;base64,}
		base64 -d <<<"${src%\"}" >"$1.$n.svg" || return 1
		n=$((n + 1))
	done < <(grep -o 'src="data:image/svg+xml;base64,[^"]*"' "$1")
	if grep -q '^<div class="figure" role="figure"' "$1"; then
		sed -n '/^<div class="figure" role="figure"/,/^<\/svg>$/p' "$1" | sed 1d >"$1.$n.svg"
		n=$((n + 1))
	fi
	echo $n
}

@test "HTML: the coverage map from the data folder's boundaries, one level below the selection" {
	cp -R "$PLAIN" "$BATS_TEST_TMPDIR/p" && cd "$BATS_TEST_TMPDIR/p"
	mkdir boundaries
	cp "$KIM_TOP/tests/fixtures/boundaries-uji.geojson" boundaries/kabupaten.geojson
	kim-report --as-of $AS_OF --period week-to-date -r 99 -f html -o r.html
	run -0 xmllint --html --noout r.html
	run charts r.html
	assert_output 2
	xmllint --noout r.html.1.svg
	run sed -n 's/^<path class="region" data-code="\([^"]*\)".*<title>\(.*\)<\/title><\/path>$/\1 \2/p' r.html.1.svg
	assert_output - <<-'EOT'
	99.01 Kabupaten Uji Satu: 16.7% (1/6), target 80.0%
	99.02 Kabupaten Uji Dua: 20.0% (1/5), target 50.0%
	99.71 Kota Uji: 16.7% (1/6), target 50.0%
	EOT
	grep -q 'Villages with an aktif KIM, by kabupaten and kota' r.html.1.svg
	# by provinsi there are no provinsi boundaries in the folder: no map
	kim-report --as-of $AS_OF -f html -o all.html
	run charts all.html
	assert_output 1
}

@test "HTML: --map FILE overrides the folder's boundaries; broken boundaries exit 3" {
	cd "$PLAIN"
	kim-report --as-of $AS_OF -r 99 --map "$KIM_TOP/tests/fixtures/boundaries-uji.geojson" -f html -o "$BATS_TEST_TMPDIR/r.html"
	run charts "$BATS_TEST_TMPDIR/r.html"
	assert_output 2
	printf '{"type": "FeatureCollection",\n "features": [}\n' >"$BATS_TEST_TMPDIR/broken.geojson"
	run -3 kim-report --as-of $AS_OF -r 99 --map "$BATS_TEST_TMPDIR/broken.geojson" -f html
	assert_output --regexp "^kim-report: $BATS_TEST_TMPDIR/broken.geojson:2:[0-9]+: "
	run -4 kim-report --as-of $AS_OF -r 99 --map "$BATS_TEST_TMPDIR/none.geojson" -f html
	assert_output --partial "$BATS_TEST_TMPDIR/none.geojson"
}

@test "HTML on the national list: Bali's map has its 9 kabupaten and kota" {
	need_national
	[ -f "$SHARED/data/geo/kabupaten.geojson" ] ||
		skip "../shared/data/geo/kabupaten.geojson not found: real boundaries need ../shared beside the project"
	mkdata_national
	mkdir boundaries
	ln -s "$SHARED/data/geo/kabupaten.geojson" boundaries/kabupaten.geojson
	kim-register --as-of 2026-11-20 --no-commit --name 'KIM Tabanan' --region 51.02.01.2001 --formed 2015-01-01 >/dev/null
	kim-report --as-of 2026-11-23 -r 51 -f html -o "$BATS_TEST_TMPDIR/bali.html"
	xmllint --html --noout "$BATS_TEST_TMPDIR/bali.html"
	run charts "$BATS_TEST_TMPDIR/bali.html"
	assert_output 2
	run grep -c '^<path class="region"' "$BATS_TEST_TMPDIR/bali.html.1.svg"
	assert_output 9
	run grep -c '<title>Kabupaten Tabanan: 0.8% (1/133), no target</title>' "$BATS_TEST_TMPDIR/bali.html.1.svg"
	assert_output 1
}

@test "a data folder in a git work tree whose register was never committed: the dates, and a warning" {
	need_git
	mkdir "$BATS_TEST_TMPDIR/outer" && cd "$BATS_TEST_TMPDIR/outer"
	git init -q -b main . && git config user.name X && git config user.email x@example.org
	echo x >dotfile && git add dotfile && git commit -q -m dotfile
	cp -R "$PLAIN" data
	run -0 --separate-stderr kim-report -d data --as-of $AS_OF -f json
	assert_equal "$(jq -c '[.method, .headline.end.kim]' <<<"$output")" '["dates",3]'
	assert_equal "$stderr" "kim-report: data is in a git work tree, but its register was never committed: the headline and the changes come from the records' dates"
}

@test "records with problems still count; only those that cannot be placed are left out" {
	cd "$PLAIN"
	# on 2024-06-10 KIM Delta (registered 06-11) is a problem: a day to come;
	# it is listed, but not in the coverage of the period's last day, on
	# which it was not yet registered
	run -0 --separate-stderr kim-report --as-of 2024-06-10 -f json
	assert_equal "$(jq -c '[.coverage.total.covered, .coverage.total.kim, .problems.count]' <<<"$output")" '[2,2,2]'
	assert_equal "$(jq -r '.problems.list[].message' <<<"$output")" "$(printf '%s\n' \
		'registered: 2024-06-11 is after the as-of date 2024-06-10' \
		'updated: 2024-06-11 is after the as-of date 2024-06-10')"
}

@test "a closed pipe is not an error, in every format" {
	cd "$PLAIN"
	local f i
	for f in md html json; do
		for i in 1 2 3; do
			run bash -c "kim-report --as-of $AS_OF -f $f | head -c1 >/dev/null; echo \${PIPESTATUS[0]}"
			assert_output 0
		done
	done
}

@test "--as-of is the report's day; the rules apply on --rules-as-of, else their as_of, else that day; the report says which, and kim-eligible agrees" {
	cd "$PLAIN"
	printf '%s\n' '{"as_of": "2021-01-01", "criteria": [{"field": "age", "min": 5}]}' >"$BATS_TEST_TMPDIR/r.json"
	printf '%s\n' '{"criteria": [{"field": "age", "min": 5}]}' >"$BATS_TEST_TMPDIR/nodate.json"
	# on 2021-01-01 only KIM Alpha (2015) is 5 years old, whatever the report's day
	run -0 kim-report --as-of $AS_OF --rules "$BATS_TEST_TMPDIR/r.json" -f json
	assert_equal "$(jq -c '[.eligible.as_of, [.eligible.records[].id]]' <<<"$output")" '["2021-01-01",["99.01.01.2001-1"]]'
	assert_equal "$(kim-eligible --rules "$BATS_TEST_TMPDIR/r.json" -f csv | cut -d, -f1 | tail -n +2 | paste -sd,)" \
		'99.01.01.2001-1'
	run -0 kim-report --as-of $AS_OF --rules "$BATS_TEST_TMPDIR/r.json"
	assert_line "1 of 4 KIM meet the rules (r.json), applied on 2021-01-01 (the rule set's as-of date)."
	# --rules-as-of: on 2024-06-12 the 2018 KIM is 5 too, as kim-eligible --as-of says
	run -0 kim-report --as-of $AS_OF --rules "$BATS_TEST_TMPDIR/r.json" --rules-as-of $AS_OF -f json
	assert_equal "$(jq -c '[.eligible.as_of, [.eligible.records[].id]]' <<<"$output")" '["2024-06-12",["99.01.01.2001-1","99.02.01.2001-1"]]'
	assert_equal "$(kim-eligible --as-of $AS_OF --rules "$BATS_TEST_TMPDIR/r.json" -f csv | cut -d, -f1 | tail -n +2 | paste -sd,)" \
		'99.01.01.2001-1,99.02.01.2001-1'
	run -0 kim-report --as-of $AS_OF --rules "$BATS_TEST_TMPDIR/r.json" --rules-as-of $AS_OF
	assert_line "2 of 4 KIM meet the rules (r.json), applied on 2024-06-12 (--rules-as-of)."
	# a rule set without as_of: the day of the report
	run -0 kim-report --as-of $AS_OF --rules "$BATS_TEST_TMPDIR/nodate.json"
	assert_line "2 of 4 KIM meet the rules (nodate.json), applied on 2024-06-12 (the day of the report)."
	run -2 kim-report --as-of $AS_OF --rules-as-of $AS_OF
	assert_line --index 0 "kim-report: --rules-as-of is the day of --rules: give both"
	run -2 kim-report --as-of $AS_OF --rules "$BATS_TEST_TMPDIR/r.json" --rules-as-of 2021-02-29
	assert_line --index 0 "kim-report: --rules-as-of: '2021-02-29' is not a real date (expected YYYY-MM-DD)"
}

@test "the rule file is named by its base name, as the map's boundary file: the officer's own folders are not in the report; the command that lists them all keeps its path" {
	demo_git
	local rules=$PWD/rules/contoh-2025.json f
	kim-report --lang id --as-of 2026-11-23 --rules "$rules" --limit 2 -f md >../id.md
	kim-report --as-of 2026-11-23 --rules "$rules" --limit 2 -f html -o ../en.html
	kim-report --as-of 2026-11-23 --rules "$rules" -f xlsx -o ../en.xlsx
	run -0 grep -F 'contoh-2025.json)' ../id.md
	assert_output "9 dari 41 KIM memenuhi aturan seleksi 'Seleksi KIM Teladan - Provinsi Contoh 2025' (contoh-2025.json), diterapkan pada tanggal 30 Juni 2025 (tanggal acuan aturan seleksi)."
	# the full path only in the command a reader runs
	run -0 grep -cF "$rules" ../id.md
	assert_output 1
	run -0 grep -F "$rules" ../id.md
	assert_output "Dan 7 lagi: \`kim-eligible -d $PWD --rules $rules --as-of 2025-06-30\`"
	run -1 bash -c "sed 's/<code>[^<]*<\/code>//g' ../en.html | grep -cF '$PWD'"
	assert_output 0
	run -1 bash -c "unzip -p ../en.xlsx 'xl/worksheets/*.xml' | grep -cF '$PWD'"
	assert_output 0
	# JSON, for scripts, keeps the path it was given
	run -0 kim-report --as-of 2026-11-23 --rules "$rules" -f json
	assert_equal "$(jq -r .eligible.rules <<<"$output")" "$rules"
}

@test "a --verify shows as verified, not updated: from git and from the dates" {
	cp -R "$PLAIN" "$BATS_TEST_TMPDIR/p" && cd "$BATS_TEST_TMPDIR/p"
	kim-register -f csv --as-of 2024-06-18 --verify 99.01.01.2001-1 >/dev/null
	kim-register -f csv --as-of 2024-06-19 --update 99.02.01.2001-1 --members 9 >/dev/null
	run -0 kim-report --as-of 2024-06-24 -f json
	assert_equal "$(jq -c '[.changes[] | [.date, .change, .id]]' <<<"$output")" \
		'[["2024-06-18","verified","99.01.01.2001-1"],["2024-06-19","updated","99.02.01.2001-1"]]'
	need_git
	cp -R "$GITDATA" "$BATS_TEST_TMPDIR/g" && cd "$BATS_TEST_TMPDIR/g"
	KIM_COMMIT_DATE=2024-06-18 run -0 kim-register --as-of 2024-06-18 --verify 99.01.01.2001-1
	KIM_COMMIT_DATE=2024-06-19 run -0 kim-register --as-of 2024-06-19 --verify 99.02.01.2001-1 --members 9
	run -0 kim-report --as-of 2024-06-24 -f json
	assert_equal "$(jq -c '[.changes[] | [.date, .change, .id]]' <<<"$output")" \
		'[["2024-06-18","verified","99.01.01.2001-1"],["2024-06-19","updated","99.02.01.2001-1"]]'
	run -0 kim-report --as-of 2024-06-24
	assert_line '| 2024-06-18 | verified | 99.01.01.2001-1 | KIM Alpha | Sukamaju I, II | Ani |'
}

@test "a legacy import with earlier registered dates: imported, not registered, not new and not stale" {
	need_git
	cp -R "$GITDATA" "$BATS_TEST_TMPDIR/g" && cd "$BATS_TEST_TMPDIR/g"
	# 50 KIM kept on paper since the spring, brought in on 2024-06-11, in
	# the week KIM Delta was registered
	{
		echo name,region,formed,registered
		awk -F, '$1 ~ /^99\.[0-9][0-9]\.[0-9][0-9]\.[0-9][0-9][0-9][0-9]$/ { print $1 }' wilayah.csv |
			awk '{ v[n++] = $1 } END { for (i = 0; i < 50; i++)
				printf "KIM Lama %d,%s,2010-01-01,2024-0%d-01\n", i, v[i % n], 1 + i % 5 }'
	} >legacy.csv
	KIM_COMMIT_DATE=2024-06-11 run -0 kim-register --as-of 2024-06-11 --import legacy.csv
	run -0 kim-report --as-of 2024-06-17 -f json
	assert_equal "$(jq -c '[(.changes | map(.change) | group_by(.) | map([.[0], length])), .stale.count, .headline.end.kim - .headline.start.kim]' <<<"$output")" \
		'[[["imported",50],["registered",1]],0,51]'
	run -0 kim-report --as-of 2024-06-17
	assert_line --partial '| 2024-06-11 | imported | 99.'
	# the registered one is the week's one new KIM
	[ "$(grep -c '| registered |' <<<"$output")" -eq 1 ] || fail "not one registered"
	# years later, never verified, they are stale like any other
	run -0 kim-report --as-of 2025-06-12 -f json
	assert_equal "$(jq .stale.count <<<"$output")" 54
}

@test "the report marks a region whose target is overdue: in the table, a sentence and the map" {
	mkdemo
	run -0 kim-report --as-of 2026-11-23 -r 99
	assert_line 'Overdue, the due day passed with the target not met: 1 of 4 regions.'
	assert_line --partial '| 99.01 | Kabupaten Sukamaju | '
	assert_line --partial ' | 100 | 2025-12-31, overdue | 53.3 | 8 | 9 |'
	run -0 kim-report --as-of 2026-11-23 -r 99 -f json
	assert_equal "$(jq -c '[.coverage.rows[] | select(.overdue) | .region]' <<<"$output")" '["99.01"]'
	run -0 kim-report --as-of 2026-11-23 -r 99 -f html
	run grep -o '<text class="overdue"[^<]*' <<<"$output"
	assert_output '<text class="overdue" x="10" y="545">Overdue, the target not met by its due day: Kabupaten Sukamaju.'
	run -0 kim-report --lang id --as-of 2026-11-23 -r 99
	assert_line 'Lewat tenggat, tenggatnya lewat tanpa target tercapai: 1 dari 4 wilayah.'
	assert_line --partial ' | 2025-12-31, lewat tenggat | '
}

@test "a period with a date that is not real says which" {
	run -2 kim-report -d "$PLAIN" --as-of $AS_OF --period 2023-02-29..2023-03-01
	assert_line --index 0 "kim-report: --period: '2023-02-29..2023-03-01': FROM is not a real date (YYYY-MM-DD)"
	run -2 kim-report -d "$PLAIN" --as-of $AS_OF --period 2023-02-01..2023-02-29
	assert_line --index 0 "kim-report: --period: '2023-02-01..2023-02-29': TO is not a real date (YYYY-MM-DD)"
}

@test "an author name git holds in Latin-1, with an ESC: JSON has it with U+FFFD, md shows the ESC as \\x1b" {
	need_git
	cp -R "$GITDATA" "$BATS_TEST_TMPDIR/g" && cd "$BATS_TEST_TMPDIR/g"
	git config user.name $'Jos\xe9 \x1b[31mMerah'
	KIM_COMMIT_DATE=2024-06-18 run -0 kim-register --as-of 2024-06-18 --update 99.01.01.2001-1 --chair 'Ketua Lain'
	# the commit holds the name's bytes as given: Latin-1 é, not UTF-8
	git cat-file commit HEAD | LC_ALL=C grep -q $'^author Jos\xe9 \x1b\[31mMerah <'
	run -0 kim-report --as-of 2024-06-24 -f json
	assert_equal "$(jq -c '[.changes[] | [.id, .author]]' <<<"$output")" \
		'[["99.01.01.2001-1","Jos� \u001b[31mMerah"]]'
	run -0 kim-report --as-of 2024-06-24 -f md
	assert_output --partial '| Jos� \x1b\[31mMerah |'
	refute_output --partial $'\x1b'
}

# --- the report in Indonesian (issue 19) ------------------------------------------

# The English words of the report's vocabulary: none may show in the
# Indonesian report.  ("data", "rules", "boundaries", "target" and "KIM" are
# Indonesian too, or parts of paths.)
ENGLISH='villages?|covered|coverage|needed|gap|never|registered|imported|overdue|updated|verified|deactivated|dissolved|reactivated|removed|nothing|committed|percent|regions?|name|date|author|months?|formed|criterion|failing|bar|line|province|report|week|month|period|headline|changes?|stale|eligible|problems?|total|more|and|of|the|with|by|from|to|as|per cent|due|map|chart|each|last|shown|none|records?|found|applied|day|yes|no|start|end|kabupaten and kota'

# visible FILE.html: the text a reader sees in an HTML report, the text and
# titles of its SVG charts and the alt texts of its images
visible() {
	sed '/<style>/,/<\/style>/d; s/<code>[^<]*<\/code>//g; s/data:image[^"]*"/"/g; s/<[^>]*alt="\([^"]*\)"[^>]*>/ \1 /g; s/<[^>]*aria-label="\([^"]*\)"[^>]*>/ \1 /g; s/<[^>]*>/ /g' "$1"
	grep -o 'data:image/svg+xml;base64,[^"]*' "$1" | while read -r u; do
		printf '%s' "${u#*,}" | base64 -d | sed 's/<style>.*<\/style>//; s/<[^>]*>/ /g'
		echo
	done
}

# a demo folder with git history: its register committed on 2026-11-10, then
# a KIM registered and one verified in the week of the report
demo_git() {
	mkdemo
	git init -q -b main . && git config user.name 'Petugas Data' &&
		git config user.email data@diskominfo.example &&
		printf '.kim.lock\n' >.gitignore && git add . &&
		GIT_AUTHOR_DATE=2026-11-10T12:00:00Z GIT_COMMITTER_DATE=2026-11-10T12:00:00Z \
			git commit -q -m demo || fail "demo_git: cannot commit"
	KIM_COMMIT_DATE=2026-11-18 kim-register --as-of 2026-11-18 --name 'KIM Anggrek' \
		--region 99.71.01.1004 --formed 2026-11-01 >/dev/null
	KIM_COMMIT_DATE=2026-11-19 kim-register --as-of 2026-11-19 --verify 99.01.01.1001-1 >/dev/null
	KIM_COMMIT_DATE=2026-11-20 kim-register --as-of 2026-11-20 --deactivate 99.71.01.1003-1 >/dev/null
}

@test "--lang id without any locale (as under cron): no English word of the report in md, html or svg" {
	demo_git
	env -i PATH="$PATH" HOME="$HOME" kim-report --lang id --as-of 2026-11-23 -r 99 \
		--rules rules/contoh-2025.json --limit 2 -f md >id.md
	env -i PATH="$PATH" HOME="$HOME" kim-report --lang id --as-of 2026-11-23 -r 99 \
		--rules rules/contoh-2025.json --limit 2 -f html -o id.html
	kim-coverage --lang id --as-of 2026-11-23 -r 99 --map boundaries/kabupaten.geojson -f svg >id.svg
	grep -q '^## Ringkasan$' id.md && grep -q '<html lang="id">' id.html &&
		grep -q 'class="region"' id.svg || fail "not the reports expected"
	# the figures, chart and map are there to be read
	[ "$(grep -o 'data:image/svg+xml' id.html | wc -l)" -eq 2 ] &&
		grep -q '^<div class="figure" role="figure"' id.html || fail "not two charts and the map"
	# the commands that list a list whole are code, not words
	run bash -c "sed 's/\`[^\`]*\`//g' id.md | grep -owiE '$ENGLISH'"
	assert_output ''
	run bash -c "$(declare -f visible); visible id.html | grep -owiE '$ENGLISH'"
	assert_output ''
	run bash -c "sed 's/<[^>]*>/ /g' id.svg | grep -owiE '$ENGLISH'"
	assert_output ''
	# dates in words, the decimal comma in md and html, never in JSON
	grep -qF 'Minggu 16 November 2026 sampai 22 November 2026, per tanggal 23 November 2026.' id.md
	grep -qF 'diterapkan pada tanggal 30 Juni 2025' id.md
	grep -qF '| persen tercakup | 46,4 % |' id.md
	grep -qF '| 2026-11-18 | terdaftar | 99.71.01.1004-1 | KIM Anggrek |' id.md
	grep -qF '| 2026-11-19 | diverifikasi | 99.01.01.1001-1 |' id.md
	run -0 kim-report --lang id --as-of 2026-11-23 -r 99 -f json
	assert_equal "$(jq -c '[.headline.end.percent, .changes[0].change, (.coverage.rows[0] | keys | length)]' <<<"$output")" \
		'[48.2,"registered",11]'
	# the English report is as it was
	run -0 kim-report --lang en --as-of 2026-11-23 -r 99 --limit 2
	assert_line '| 2026-11-19 | verified | 99.01.01.1001-1 | KIM Pasar Sukamaju | Pasar Sukamaju | Petugas Data |'
	assert_line 'The week 2026-11-16 to 2026-11-22, as of 2026-11-23.'
}

# xlsx_sheets FILE: the names of a workbook's sheets, one a line
xlsx_sheets() {
	unzip -p "$1" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//'
}

# xlsx_header FILE N: the text cells of the first row of sheet N, '|' between
xlsx_header() {
	unzip -p "$1" "xl/worksheets/sheet$2.xml" | grep -o '<row r="1"[^>]*>.*' |
		sed 's|</row>.*||' | grep -o '<t[^>]*>[^<]*</t>' | sed 's/<[^>]*>//g' | paste -sd '|'
}

@test "-f xlsx: a sheet per section, named and headed as the md report's tables in Indonesian and in English, numbers and dates typed" {
	demo_git
	env -i PATH="$PATH" HOME="$HOME" kim-report --lang id --as-of 2026-11-23 -r 99 \
		--rules rules/contoh-2025.json -f xlsx -o ../id.xlsx
	kim-report --lang en --as-of 2026-11-23 -r 99 --rules rules/contoh-2025.json -f xlsx -o ../en.xlsx
	assert_equal "$(xlsx_sheets ../id.xlsx)" "$(printf '%s\n' Ringkasan 'Cakupan dibandingkan target' \
		'Perubahan dalam periode ini' 'Data lama belum diverifikasi' 'KIM yang memenuhi syarat' 'Masalah data')"
	assert_equal "$(xlsx_sheets ../en.xlsx)" "$(printf '%s\n' Headline 'Coverage against targets' \
		'Changes in the period' 'Stale records' 'Eligible KIM' 'Data problems')"
	assert_equal "$(for n in 1 2 3 4 5 6; do xlsx_header ../id.xlsx $n; done)" \
'15 November 2026|22 November 2026|perubahan
wilayah|nama|persen|tercakup|desa/kelurahan|target|tenggat|selisih|kekurangan|KIM|lewat tenggat
tanggal|perubahan|id|nama|wilayah|pembuat
id|nama|wilayah|diverifikasi|bulan
id|nama|wilayah|dibentuk
berkas|baris|kolom|pesan'
	assert_equal "$(for n in 1 2 3 4 5 6; do xlsx_header ../en.xlsx $n; done)" \
'2026-11-15|2026-11-22|change
region|name|percent|covered|villages|target|due|gap|needed|kim|overdue
date|change|id|name|region|author
id|name|region|verified|months
id|name|region|formed
file|line|column|message'
	# the md report's headings are the sheets' names
	run -0 kim-report --lang id --as-of 2026-11-23 -r 99 --rules rules/contoh-2025.json
	assert_equal "$(sed -n 's/^## //p' <<<"$output")" "$(xlsx_sheets ../id.xlsx)"
	# not a word of the report's English vocabulary in any cell or sheet name
	run bash -c "unzip -p ../id.xlsx 'xl/worksheets/*.xml' xl/workbook.xml |
		grep -o '<t[^>]*>[^<]*</t>\|<sheet name=\"[^\"]*\"' | sed 's/<[^>]*>//g; s/<sheet name=\"//' |
		grep -owiE '$ENGLISH'"
	assert_output ''
	# numbers are numbers (no decimal comma), dates dates: no text in them
	run -0 bash -c "unzip -p ../id.xlsx xl/worksheets/sheet2.xml | grep -o '<row r=\"2\".*' | sed 's|</row>.*||'"
	assert_output --regexp '<c r="C2" s="[0-9]+"><v>46.7</v></c><c r="D2"><v>7</v></c><c r="E2"><v>15</v></c>'
	# 2025-12-31, overdue: a date, and the mark in a column of its own
	assert_output --regexp '<c r="G2" s="[0-9]+"><v>46022</v></c>'
	assert_output --partial '<c r="K2" t="inlineStr"><is><t>ya</t></is></c>'
	run -2 --separate-stderr script -qec "kim-report -f xlsx" /dev/null
	assert_equal "$(printf '%s' "$output" | tr -d '\r' | head -1)" "kim-report: -f xlsx writes a workbook, not text for a terminal: give -o FILE"
	command -v soffice >/dev/null ||
		skip "soffice not found: needs Debian's libreoffice-calc-nogui (tests/deps.sh installs it)"
	# LibreOffice Calc reads it: each sheet saved as CSV
	soffice -env:UserInstallation="file://$BATS_TEST_TMPDIR/lo-profile" --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir ../lo ../id.xlsx >../lo.log 2>&1 || fail "soffice: $(cat ../lo.log)"
	assert_equal "$(head -n 3 '../lo/id-Cakupan dibandingkan target.csv')" \
'wilayah,nama,persen,tercakup,desa/kelurahan,target,tenggat,selisih,kekurangan,KIM,lewat tenggat
99.01,Kabupaten Sukamaju,46.7,7,15,100,2025-12-31,53.3,8,9,ya
99.03,Kabupaten Danau Lestari,33.3,4,12,80,2026-12-31,46.7,6,4,'
	assert_equal "$(head -n 7 ../lo/id-Ringkasan.csv)" \
',15 November 2026,22 November 2026,perubahan
KIM,40,41,1
aktif,33,34,1
nonaktif,4,4,0
bubar,3,3,0
desa/kelurahan tercakup,26,27,1
persen tercakup,46.4,48.2,1.8'
	# the history chart of html, as a table below the headline's notes
	assert_equal "$(tail -n 4 ../lo/id-Ringkasan.csv)" \
',,,
tanggal,desa/kelurahan tercakup,,
2026-11-15,26,,
2026-11-22,27,,'
	run -0 head -n 2 '../lo/id-Perubahan dalam periode ini.csv'
	assert_line --index 1 '2026-11-18,terdaftar,99.71.01.1004-1,KIM Anggrek,Anggrek,Petugas Data'
}

# chart_labels FILE.html: the axis labels of the history chart, '|' between
chart_labels() {
	grep -o 'data:image/svg+xml;base64,[^"]*' "$1" | head -n 1 | cut -d, -f2 | base64 -d |
		sed -n 's/.*<text class="note" x="[0-9]*" y="170" text-anchor="middle">\([^<]*\)<\/text>.*/\1/p' |
		paste -sd '|'
}

@test "the history chart starts at the register's first commit, its days as a reader writes them: '6 Des' in Indonesian" {
	demo_git	# its first commit on 2026-11-10
	kim-report --lang id --as-of 2026-12-07 -f html -o ../id.html
	kim-report --lang en --as-of 2026-12-07 -f html -o ../en.html
	# four weeks, not twelve: no zeros before the register was kept here
	assert_equal "$(chart_labels ../id.html)" '15 Nov|22 Nov|29 Nov|6 Des'
	assert_equal "$(chart_labels ../en.html)" '15 Nov|22 Nov|29 Nov|6 Dec'
	run -0 kim-report --as-of 2026-12-07 -f json
	assert_equal "$(jq -c '[.history[] | "\(.from)..\(.to):\(.covered)"]' <<<"$output")" \
		'["2026-11-09..2026-11-15:26","2026-11-16..2026-11-22:27","2026-11-23..2026-11-29:27","2026-11-30..2026-12-06:27"]'
	# a month report: the months since the first commit
	kim-report --lang id --as-of 2026-12-07 --period month -f html -o ../m.html
	assert_equal "$(chart_labels ../m.html)" '30 Nov'
	# a period that ends before the first commit: no chart, history null
	run -0 --separate-stderr kim-report --as-of 2026-11-09 -f json
	assert_equal "$(jq -c .history <<<"$output")" null
	kim-report --as-of 2026-11-09 -f html -o ../none.html 2>/dev/null
	# the coverage chart only
	run -0 grep -o 'data:image/svg+xml' ../none.html
	assert_output 'data:image/svg+xml'
}

@test "the data folder's kim.conf lang chooses the language when --lang is not given; --lang wins; a bad lang is a warning" {
	mkdemo
	printf '# settings of this data folder\nlang = id\n' >kim.conf
	run -0 env -i PATH="$PATH" kim-report --as-of 2026-11-23 -r 99.03
	assert_line --index 0 '# Laporan KIM: Kabupaten Danau Lestari (99.03), 16 November 2026 sampai 22 November 2026'
	run -0 env -i PATH="$PATH" kim-report --lang en --as-of 2026-11-23 -r 99.03
	assert_line --index 0 '# KIM report: Kabupaten Danau Lestari (99.03), 2026-11-16 to 2026-11-22'
	# under cron (no locale) kim.conf's lang gives the Indonesian report of
	# --lang id in every format, byte for byte: md, html, xlsx and the svg map
	local f args=(--as-of 2026-11-23 -r 99 --rules rules/contoh-2025.json --limit 2)
	for f in md html xlsx; do
		env -i PATH="$PATH" kim-report "${args[@]}" -f $f -o ../conf.$f
		env -i PATH="$PATH" kim-report --lang id "${args[@]}" -f $f -o ../lang.$f
		cmp ../conf.$f ../lang.$f || fail "-f $f: kim.conf's lang id is not --lang id"
	done
	env -i PATH="$PATH" kim-coverage --as-of 2026-11-23 -r 99 -f svg >../conf.svg
	env -i PATH="$PATH" kim-coverage --lang id --as-of 2026-11-23 -r 99 -f svg >../lang.svg
	cmp ../conf.svg ../lang.svg || fail "-f svg: kim.conf's lang id is not --lang id"
	run bash -c "sed 's/\`[^\`]*\`//g' ../conf.md | grep -owiE '$ENGLISH'"
	assert_output ''
	run bash -c "sed 's/<[^>]*>/ /g' ../conf.svg | grep -owiE '$ENGLISH'"
	assert_output ''
	# every command, once it knows its data folder: messages in its language
	run -2 env -i PATH="$PATH" kim-list -r 99.09
	assert_line --index 0 "kim-list: -r: 99.09 tidak ditemukan di wilayah.csv"
	run -2 kim-list --lang fr
	assert_line --index 0 "kim-list: --lang: 'fr' is not one of id, en (or its messages cannot be read)"
	printf 'lang = jv\nnot a setting\n' >kim.conf
	run -0 --separate-stderr env -i PATH="$PATH" kim-report --as-of 2026-11-23 -r 99.03
	assert_line --index 0 '# KIM report: Kabupaten Danau Lestari (99.03), 2026-11-16 to 2026-11-22'
	assert_equal "$stderr" "$(printf '%s\n' 'kim-report: kim.conf:2:1: not KEY = VALUE: left out' "kim-report: warning: kim.conf: lang 'jv' is not one of id, en: left out")"
}

@test "a browser renders the Indonesian report: Chromium exits 0, and its DOM holds the translated headings" {
	command -v chromium >/dev/null || skip "chromium not installed (Debian package chromium; make deps installs it)"
	mkdemo
	kim-report --lang id --as-of 2026-11-23 -r 99 --rules rules/contoh-2025.json -f html -o "$BATS_TEST_TMPDIR/id.html"
	local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
		--disable-background-networking --disable-component-update --disable-sync
		--user-data-dir="$BATS_TEST_TMPDIR/chromium")
	run -0 timeout 120 chromium "${flags[@]}" --window-size=800,1400 \
		--screenshot="$BATS_TEST_TMPDIR/id.png" "file://$BATS_TEST_TMPDIR/id.html"
	[ -s "$BATS_TEST_TMPDIR/id.png" ]
	timeout 120 chromium "${flags[@]}" --dump-dom "file://$BATS_TEST_TMPDIR/id.html" \
		>"$BATS_TEST_TMPDIR/dom.html" 2>/dev/null
	run grep -oE '<h[12]>[^<]*</h[12]>' "$BATS_TEST_TMPDIR/dom.html"
	assert_output - <<'EOF'
<h1>Laporan KIM: Provinsi Contoh (99), 16 November 2026 sampai 22 November 2026</h1>
<h2>Ringkasan</h2>
<h2>Cakupan dibandingkan target</h2>
<h2>Perubahan dalam periode ini</h2>
<h2>Data lama belum diverifikasi</h2>
<h2>KIM yang memenuhi syarat</h2>
<h2>Masalah data</h2>
EOF
	grep -qF '<html lang="id">' "$BATS_TEST_TMPDIR/dom.html"
	grep -qF 'aria-label="Peta wilayah, masing-masing diwarnai menurut persen desa/kelurahannya yang tercakup"' "$BATS_TEST_TMPDIR/dom.html"
	# the map is inline: its labels are in the DOM, and its caption Indonesian
	run grep -oE '<text x="[0-9.]+" y="[0-9.]+">[^<]*</text>' "$BATS_TEST_TMPDIR/dom.html"
	assert_output --partial '>Sukamaju</text>'
	assert_output --partial '>Tirta Rahayu</text>'
	assert_output --partial '>Danau Lestari</text>'
	assert_output --partial '>99.71</text>'
	grep -qF 'Batas wilayah: kabupaten.geojson, sumber: rekaan untuk demonstrasi kim-tools, lihat README.md.' "$BATS_TEST_TMPDIR/dom.html"
	grep -qF '<th class="num">kekurangan</th>' "$BATS_TEST_TMPDIR/dom.html"
	mkdir -p "$KIM_TOP/tests/artifacts"
	cp "$BATS_TEST_TMPDIR/id.png" "$KIM_TOP/tests/artifacts/kim-report-demo-id.png"
}
