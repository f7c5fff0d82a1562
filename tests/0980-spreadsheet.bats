#!/usr/bin/env bats
# The spreadsheet round trip with LibreOffice Calc (Debian's
# libreoffice-calc-nogui), headless: kim-list's CSV is opened as an
# Indonesian office would (locale id-ID, where ',' is the decimal mark;
# every column imported as Text), saved as xlsx, and saved again as CSV the
# way Indonesian Excel writes it (';', a BOM, CRLF); kim-register --import
# of that file in an empty folder gives the same register, byte for byte.
# Names with a decimal comma, SK numbers with leading zeros and values that
# look like formulas stay text all the way.

load test_helper

AS_OF=2024-01-01

setup_file() {
	export SOFFICE_PROFILE="$BATS_FILE_TMPDIR/lo-profile"
}

setup() {
	command -v soffice >/dev/null ||
		skip "soffice not found: the spreadsheet round trip needs Debian's libreoffice-calc-nogui (tests/deps.sh installs it)"
	mkdata
	cat >in.csv <<-'CSV'
	name,region,formed,sk,chair,secretary,treasurer,members,sectors,notes,contact
	"KIM RT 2,5",98.01.01.2001,2019-03-04,0042,"=HYPERLINK(""http://x.example"")",-Ani,@budi,15,umkm;pertanian,"+62 812 3,75",0812-0001
	"2,5",98.01.01.2001,2018-01-02,007/12/2018,Budi,,,20,,"1,5",
	KIM Sidorejo,98.01.01.2002,2015-06-30,00123,Siti,Wati,Joko,8,literasi,0001,+628120002
	CSV
	kim-register --no-commit --as-of $AS_OF --import in.csv >/dev/null ||
		fail "cannot register the fixture's KIM"
}

# Calc's CSV import options: ',' or ';', '"', UTF-8 (76), from line 1,
# every one of the 17 columns as Text (2), language id-ID (1057).
import_opts() {
	local sep=$1 i types=
	for ((i = 1; i <= 17; i++)); do
		types+="${types:+/}$i/2"
	done
	printf 'CSV:%s,34,76,1,%s,1057' "$sep" "$types"
}

# soffice IN FILTER OUTDIR: a headless conversion; fails unless it wrote
# the file
soffice_convert() {
	local in=$1 to=$2 outdir=$3 infilter=${4:-}
	local out="$outdir/$(basename "${in%.*}").${to%%:*}"
	mkdir -p "$outdir" && rm -f "$out"
	soffice -env:UserInstallation="file://$SOFFICE_PROFILE" --headless \
		${infilter:+--infilter="$infilter"} --convert-to "$to" --outdir "$outdir" "$in" \
		>"$outdir/soffice.log" 2>&1
	[ -s "$out" ] || fail "soffice did not write $out: $(cat "$outdir/soffice.log")"
}

# the cells of sheet 1 of an xlsx: "REF TYPE" a line, and the shared strings
xlsx_cells() {
	unzip -p "$1" xl/worksheets/sheet1.xml | grep -o '<c r="[A-Z]*[0-9]*"[^>]*t="[a-z]*"' |
		sed 's/<c r="\([A-Z0-9]*\)".* t="\([a-z]*\)"/\1 \2/'
}

@test "kim-list --excel opens in Calc: every field is text, no formula, zeros and commas kept" {
	mkdir calc
	kim-list --excel --with-personal --as-of $AS_OF >calc/list.csv
	soffice_convert calc/list.csv xlsx calc "$(import_opts 44)"
	# no cell is a formula or a number: all are strings
	run bash -c "unzip -p calc/list.xlsx xl/worksheets/sheet1.xml | grep -c '<f>'"
	assert_output 0
	assert_equal "$(xlsx_cells calc/list.xlsx | awk '{ print $2 }' | sort -u)" s
	assert_equal "$(xlsx_cells calc/list.xlsx | grep -c '^E4 s')" 1
	# and back to CSV as Calc shows them: --excel's quote before = + - @ stays
	soffice_convert calc/list.xlsx 'csv:Text - txt - csv (StarCalc):44,34,76,1' calc/back
	run sed -n '2p;4p' calc/back/list.csv
	assert_line --index 0 '"98.01.01.2001-1","KIM RT 2,5","98.01.01.2001","2019-03-04","0042","'"'"'=HYPERLINK(""http://x.example"")","'"'"'-Ani","'"'"'@budi","15","umkm;pertanian","aktif",,"0812-0001",,"2024-01-01","2024-01-01","'"'"'+62 812 3,75"'
	assert_line --index 1 '"98.01.01.2002-1","KIM Sidorejo","98.01.01.2002","2015-06-30","00123","Siti","Wati","Joko","8","literasi","aktif",,"'"'"'+628120002",,"2024-01-01","2024-01-01","0001"'
}

@test "xlsx to an Excel-style CSV (';', BOM, CRLF) imports to the same register" {
	mkdir calc
	kim-list -f csv --as-of $AS_OF >calc/register.csv
	soffice_convert calc/register.csv xlsx calc "$(import_opts 44)"
	soffice_convert calc/register.xlsx 'csv:Text - txt - csv (StarCalc):59,34,76,1' calc/excel
	# as Excel's "CSV UTF-8" writes it in an Indonesian locale
	{ printf '\357\273\277'; sed 's/$/\r/' calc/excel/register.csv; } >excel.csv
	run head -n 1 excel.csv
	assert_output $'\357\273\277"id";"name";"region";"formed";"sk";"chair";"secretary";"treasurer";"members";"sectors";"status";"website";"contact";"verified";"registered";"updated";"notes"\r'
	run grep -c $'\r$' excel.csv
	assert_output 4
	run grep -F '"2,5";"98.01.01.2001";"2018-01-02";"007/12/2018"' excel.csv
	assert_success

	mkdata copy
	run kim-register --no-commit --as-of 2024-02-01 --import ../data/excel.csv
	assert_success
	assert_output $'98.01.01.2001-1\n98.01.01.2001-2\n98.01.01.2002-1'
	# the same files, byte for byte: ids, dates, zeros, commas, formulas
	run diff -r "$(kim_tmp)/data/kim" "$(kim_tmp)/copy/kim"
	assert_success
	assert_output ''
	run kim-list --as-of 2024-02-01 --fields sk,name,chair,notes -f tsv
	assert_output "$(printf '%s\t%s\t%s\t%s\n' sk name chair notes \
		0042 'KIM RT 2,5' '"=HYPERLINK(""http://x.example"")"' '+62 812 3,75' \
		007/12/2018 '2,5' Budi '1,5' 00123 'KIM Sidorejo' Siti 0001)"
}
