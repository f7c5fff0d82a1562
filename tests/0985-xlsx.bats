#!/usr/bin/env bats
# Spreadsheets in and out (issue 17): kim-register --import of lists as
# Dinas Kominfo offices keep them (Indonesian headers, day-first dates,
# status words in any case, empty rows, other encodings), migrations that
# keep their registered dates, updates by re-import, and .xlsx workbooks.
# Every fixture is made here.

load test_helper

AS_OF=2024-06-30
HEADER=id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes

setup() {
	mkdata
	: >.kim.lock	# what any run of kim-register leaves
}

reg() {
	kim-register --no-commit --as-of $AS_OF "$@"
}

# refused_import FILE MESSAGE... -- OPTIONS: --import FILE exits 3 with
# exactly the messages (and the closing one), prints nothing on standard
# output and leaves the folder byte-identical
refused_import() {
	local file=$1 before expected=() opts=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		expected+=("kim-register: $1")
		shift
	done
	[ "${1:-}" = -- ] && shift
	opts=("$@")
	before=$(checksum_data "$KIM_DATA")
	run -3 --separate-stderr reg --import "$file" "${opts[@]}"
	assert_output ''
	local n=${#expected[@]}
	expected+=("kim-register: nothing was written: $n problem$([ "$n" = 1 ] || echo s)")
	assert_equal "$stderr" "$(printf '%s\n' "${expected[@]}")"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

# the Excel export of a kecamatan: BOM, CRLF, ';', Indonesian headers,
# day-first dates, status words as people write them, sectors with ',',
# and the rows of separators Excel leaves at the end
excel_list() {
	printf '\xef\xbb\xbf'
	printf '%s\r\n' \
		'Nama KIM;Kode Desa;Tgl. Dibentuk;Nomor SK;Ketua;Jumlah Anggota;Bidang;Status;No. HP' \
		'KIM Maju;98.01.01.2001;10/08/2019;489/07/2019;Wayan;12;UMKM, Pertanian;Aktif;0812' \
		'KIM Tegal;98.01.01.2002;1/2/2015;;;;literasi;TIDAK AKTIF;' \
		'KIM Lama;98.01.01.2002;2010;;;;;Dibubarkan;' \
		'KIM Pasif;98.01.01.2001;31-12-2018;;;5;;Non-Aktif;' \
		';;;;;;;;' \
		';;;;;;;;'
}

@test "an Excel list with Indonesian headers, day-first dates and status words imports as meant" {
	excel_list >../list.csv
	run --separate-stderr reg --import ../list.csv
	assert_success
	assert_output "98.01.01.2001-1
98.01.01.2002-1
98.01.01.2002-2
98.01.01.2001-2"
	assert_equal "$stderr" "kim-register: import: 6 rows read, 4 added, 0 updated, 0 unchanged, 0 skipped, 2 empty; 1 date from a bare year (1 January); registered: the day of the import (the file has no registered column)"
	run cat kim/98.01.csv
	assert_output "$HEADER
98.01.01.2001-1,KIM Maju,98.01.01.2001,2019-08-10,489/07/2019,Wayan,,,12,umkm;pertanian,aktif,,0812,,2024-06-30,2024-06-30,
98.01.01.2001-2,KIM Pasif,98.01.01.2001,2018-12-31,,,,,5,,nonaktif,,,,2024-06-30,2024-06-30,
98.01.01.2002-1,KIM Tegal,98.01.01.2002,2015-02-01,,,,,,literasi,nonaktif,,,,2024-06-30,2024-06-30,
98.01.01.2002-2,KIM Lama,98.01.01.2002,2010-01-01,,,,,,,bubar,,,,2024-06-30,2024-06-30,"
}

@test "Vakum, the word for a dormant KIM, is nonaktif" {
	printf 'Nama KIM;Kode Desa;Tgl. Dibentuk;Status\nKIM Sepi;98.01.01.2001;2019;VAKUM\n' >../v.csv
	run -0 --separate-stderr reg --import ../v.csv
	run -0 kim-list -r 98.01.01.2001 --fields name,status
	assert_output $'name,status\nKIM Sepi,nonaktif'
}

@test "header names: every alias of the field table, any case, blanks, '_', '-' and '.' alike" {
	printf '%s\n' \
		'NAMA;kode_wilayah;Tanggal-Pembentukan;No.SK;ketua;Sekretaris;BENDAHARA;anggota;Sektor;Keterangan Status;Situs;Email;Tanggal Verifikasi;Terdaftar;Diperbarui;Catatan' \
		'KIM A;98.01.01.2001;2019-08-10;1/2019;Ani;Budi;Citra;7;umkm;aktif;https://a.kim.id;a@x.id;2024-01-02;2020-01-01;2021-01-01;ok' >../all.csv
	run --separate-stderr reg --import ../all.csv
	assert_success
	assert_equal "$stderr" "kim-register: import: 1 row read, 1 added, 0 updated, 0 unchanged, 0 skipped, 0 empty"
	run cat kim/98.01.csv
	assert_output "$HEADER
98.01.01.2001-1,KIM A,98.01.01.2001,2019-08-10,1/2019,Ani,Budi,Citra,7,umkm,aktif,https://a.kim.id,a@x.id,2024-01-02,2020-01-01,2021-01-01,ok"
	# the other names of the rest, one file each
	for h in 'nama kim;kode desa;tgl dibentuk;sk pengukuhan;no hp;blog;bidang;keterangan' \
		'Nama;Kode Kelurahan;Tahun Berdiri;nomor sk;kontak;diverifikasi;Tanggal Terdaftar;status' \
		'nama;kode;tahun berdiri;sekretaris;jumlah anggota;telepon;website'; do
		mkdata "d$RANDOM"
		: >.kim.lock
		n=$(tr -cd ';' <<<"$h" | wc -c)
		{ echo "$h"; printf 'KIM B;98.01.01.2002;2019'; for ((i = 3; i <= n; i++)); do printf ';'; done; echo; } >../h.csv
		run --separate-stderr reg --import ../h.csv
		assert_success
		assert_output 98.01.01.2002-1
	done
	# two names of one field: the second is named with the field
	printf '%s\n' 'nama,kode,tgl dibentuk,Telepon,Email' 'KIM C,98.01.01.2001,2019,1,2' >../two.csv
	refused_import ../two.csv "../two.csv:1:5: column 'Email' is given twice (as contact)"
}

@test "an unknown column is refused with the names; --ignore-columns leaves it out with one warning" {
	printf '%s\n' 'No;Nama KIM;Kode Desa;Tgl Dibentuk;Paraf' '1;KIM A;98.01.01.2001;2019-08-10;x' >../extra.csv
	refused_import ../extra.csv \
		"../extra.csv:1:1: unknown column 'No' (the columns are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids, or the other names of kim-data(5); --ignore-columns leaves such columns out)" \
		"../extra.csv:1:5: unknown column 'Paraf' (the columns are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids, or the other names of kim-data(5); --ignore-columns leaves such columns out)"
	run --separate-stderr reg --import ../extra.csv --ignore-columns
	assert_success
	assert_output 98.01.01.2001-1
	assert_equal "$stderr" "kim-register: ../extra.csv: 2 columns left out (--ignore-columns): 'No', 'Paraf'
kim-register: import: 1 row read, 1 added, 0 updated, 0 unchanged, 0 skipped, 0 empty; registered: the day of the import (the file has no registered column)"
	run cat kim/98.01.csv
	assert_output "$HEADER
98.01.01.2001-1,KIM A,98.01.01.2001,2019-08-10,,,,,,,aktif,,,,2024-06-30,2024-06-30,"
}

@test "derived columns (desa, kecamatan) are ignored with one note" {
	printf '%s\n' 'name,region,formed,desa,Kecamatan' 'KIM A,98.01.01.2001,2019-08-10,Sidorejo,Contoh Barat' >../d.csv
	run --separate-stderr reg --import ../d.csv
	assert_success
	assert_equal "$stderr" "kim-register: ../d.csv: note: desa, Kecamatan, derived from region, ignored
kim-register: import: 1 row read, 1 added, 0 updated, 0 unchanged, 0 skipped, 0 empty; registered: the day of the import (the file has no registered column)"
}

@test "a date that cannot be day-first is refused with the fix, never guessed; --date-format mdy reads it" {
	printf '%s\n' 'nama;kode desa;tgl dibentuk' 'KIM A;98.01.01.2001;08/25/2019' 'KIM B;98.01.01.2001;31/02/2019' 'KIM C;98.01.01.2002;3.4.2019' >../us.csv
	refused_import ../us.csv \
		"../us.csv:2:3: formed: '08/25/2019' is not day/month/year (there is no month 25): write it as 25/08/2019, or give --date-format mdy if every date of the file is month first" \
		"../us.csv:3:3: formed: '31/02/2019' is not a real date (read as day 31, month 2, year 2019)"
	printf '%s\n' 'nama;kode desa;tgl dibentuk' 'KIM A;98.01.01.2001;08/25/2019' 'KIM B;98.01.01.2001;2/3/2019' >../us.csv
	run --separate-stderr reg --import ../us.csv --date-format MDY
	assert_success
	run cut -d, -f2,4 kim/98.01.csv
	assert_output 'name,formed
KIM A,2019-08-25
KIM B,2019-02-03'
}

@test "--date-format ymd reads year-first dates only; a bad order is a usage error" {
	printf '%s\n' 'name,region,formed' 'KIM A,98.01.01.2001,2019/8/1' 'KIM B,98.01.01.2001,01-08-2019' >../y.csv
	refused_import ../y.csv \
		"../y.csv:3:3: formed: '01-08-2019' is not year-month-day (--date-format ymd): write it as YYYY-MM-DD" -- --date-format ymd
	run -2 --separate-stderr reg --import ../y.csv --date-format ddmmyy
	assert_equal "${stderr_lines[0]}" "kim-register: --date-format ddmmyy: expected dmy, mdy or ymd"
	run -2 --separate-stderr reg --name X --region 98.01.01.2001 --formed 2019-01-01 --date-format dmy
	assert_equal "${stderr_lines[0]}" "kim-register: --date-format goes with --import only"
	run -2 --separate-stderr reg --update 98.01.01.2001-1 --members 2 --ignore-columns
	assert_equal "${stderr_lines[0]}" "kim-register: --ignore-columns goes with --import only"
}

@test "an unknown status word is still an error at its position" {
	printf '%s\n' 'name,region,formed,status' 'KIM A,98.01.01.2001,2019-08-10,Tidur' >../s.csv
	refused_import ../s.csv "../s.csv:2:4: status: 'Tidur' is not one of aktif, nonaktif, bubar"
}

@test "a CP1252 file is refused with the fix; --encoding CP1252 reads it" {
	printf 'name;region;formed;notes\r\nKIM Caf\xe9;98.01.01.2001;10/08/2019;\x93ok\x94\r\n' >../w.csv
	refused_import ../w.csv \
		"../w.csv:2:1: invalid UTF-8 at byte 8 of the field (the file must be UTF-8: convert it with iconv -f CP1252 -t UTF-8, or import it with --encoding CP1252)"
	run --separate-stderr reg --import ../w.csv --encoding CP1252
	assert_success
	assert_output 98.01.01.2001-1
	run sed -n 2p kim/98.01.csv
	assert_output '98.01.01.2001-1,KIM Café,98.01.01.2001,2019-08-10,,,,,,,aktif,,,,2024-06-30,2024-06-30,“ok”'
	# from standard input too
	mkdata other
	: >.kim.lock
	run --separate-stderr reg --import - --encoding cp1252 <../w.csv
	assert_success
	assert_output 98.01.01.2001-1
}

@test "--encoding: a byte the encoding has not is refused at its position; an unknown one is a usage error" {
	printf 'name,region,formed\nKIM A,98.01.01.2001,2019-08-10\nKIM \x81,98.01.01.2001,2019-08-10\n' >../b.csv
	refused_import ../b.csv "../b.csv:3:5: byte 0x81 is not CP1252 text (--encoding CP1252)" -- --encoding CP1252
	run -2 --separate-stderr reg --import ../b.csv --encoding NO-SUCH-CODE
	assert_equal "${stderr_lines[0]}" "kim-register: --encoding NO-SUCH-CODE: not an encoding this system knows (iconv -l lists them)"
}

@test "an import keeps the registered and updated dates it is given (a migration)" {
	printf '%s\n' 'nama,kode desa,tgl dibentuk,terdaftar,diperbarui' \
		'KIM Lama,98.01.01.2001,01/03/2012,15/03/2012,02/01/2020' \
		'KIM Baru,98.01.01.2002,01/03/2012,,' >../old.csv
	run --separate-stderr reg --import ../old.csv
	assert_success
	assert_equal "$stderr" "kim-register: import: 2 rows read, 2 added, 0 updated, 0 unchanged, 0 skipped, 0 empty"
	run cut -d, -f1,15,16 kim/98.01.csv
	assert_output 'id,registered,updated
98.01.01.2001-1,2012-03-15,2020-01-02
98.01.01.2002-1,2024-06-30,2024-06-30'
	# checked as every date: not after the as-of day, not before formed
	printf '%s\n' 'name,region,formed,registered' 'KIM X,98.01.01.2001,2012-03-01,2030-01-01' >../future.csv
	refused_import ../future.csv "../future.csv:2:4: registered: 2030-01-01 is after the as-of date 2024-06-30"
	printf '%s\n' 'name,region,formed,registered' 'KIM X,98.01.01.2001,2012-03-01,2011-01-01' >../early.csv
	refused_import ../early.csv "../early.csv:2:3: formed: 2012-03-01 is after the day it was registered, 2011-01-01"
}

# three KIM registered, listed as an office would send them back
seeded() {
	printf '%s\n' 'name,region,formed,members,status,contact' \
		'KIM Maju,98.01.01.2001,2019-08-10,12,aktif,+62812' \
		'KIM Tegal,98.01.01.2002,2015-02-01,,nonaktif,' \
		'KIM Sari,98.01.01.2002,2016-03-01,4,aktif,' >../seed.csv
	kim-register --no-commit --as-of 2024-01-01 --import ../seed.csv >/dev/null ||
		fail "cannot seed"
}

@test "--import FILE --update: a row with an id changes that KIM, a column absent stays, a row without one is new" {
	seeded
	printf '%s\n' 'ID;Nama KIM;Jumlah Anggota;Status;No HP' \
		"98.01.01.2001-1;KIM Maju;20;Aktif;" \
		"98.01.01.2002-1;KIM Tegal;;;" \
		"98.01.01.2002-2;KIM Sari;4;aktif;" >../upd.csv
	run --separate-stderr reg --import ../upd.csv --update
	assert_success
	assert_output '98.01.01.2001-1
98.01.01.2002-1
98.01.01.2002-2'
	assert_equal "$stderr" "kim-register: import: 3 rows read, 0 added, 1 updated, 2 unchanged, 0 skipped, 0 empty"
	# members 20, contact cleared, updated today; the others as they were
	run cat kim/98.01.csv
	assert_output "$HEADER
98.01.01.2001-1,KIM Maju,98.01.01.2001,2019-08-10,,,,,20,,aktif,,,,2024-01-01,2024-06-30,
98.01.01.2002-1,KIM Tegal,98.01.01.2002,2015-02-01,,,,,,,nonaktif,,,,2024-01-01,2024-01-01,
98.01.01.2002-2,KIM Sari,98.01.01.2002,2016-03-01,,,,,4,,aktif,,,,2024-01-01,2024-01-01,"
	# a new row among them, with the required columns
	printf '%s\n' 'id,name,region,formed,members' ',KIM Baru,98.01.01.2001,2020,3' '98.01.01.2002-2,KIM Sari,98.01.01.2002,2016-03-01,5' >../mix.csv
	run --separate-stderr reg --import ../mix.csv --update
	assert_success
	assert_output '98.01.01.2001-2
98.01.01.2002-2'
	assert_equal "$stderr" "kim-register: import: 2 rows read, 1 added, 1 updated, 0 unchanged, 0 skipped, 0 empty; 1 date from a bare year (1 January); registered: the day of the import (the file has no registered column)"
}

@test "--import --update: an id not in the register, a region that changes, an empty required cell" {
	seeded
	printf '%s\n' 'id,name,region,members' '98.01.01.2001-9,KIM X,98.01.01.2001,1' '98.01.01.2002-1,KIM Tegal,98.01.01.2001,1' '98.01.01.2002-2,,98.01.01.2002,7' >../bad.csv
	refused_import ../bad.csv \
		"../bad.csv:2:1: id: 98.01.01.2001-9: no KIM has this id (with --update a row with an id changes that KIM; leave the id empty for a new one)" \
		"../bad.csv:3:3: region: 98.01.01.2001: the region of 98.01.01.2002-1 cannot change: its id is made of it (dissolve it and register it anew)" -- --update
	# without --update an id that is taken is refused, as before
	printf '%s\n' 'id,name,region,formed' '98.01.01.2001-1,KIM Maju,98.01.01.2001,2019-08-10' >../again.csv
	refused_import ../again.csv "../again.csv:2:1: id: 98.01.01.2001-1 is taken (an imported record keeps its id only when it is new to the register; --update changes that KIM from the row, --skip-existing leaves it)"
	run -2 --separate-stderr reg --import ../again.csv --update --skip-existing
	assert_equal "${stderr_lines[0]}" "kim-register: --update and --skip-existing do not go together: a row of a KIM in the register either changes it or is skipped"
}

@test "kim-list --excel re-imports unchanged with --update, and the commit counts the rows" {
	need_git
	git init -q . && git config user.name T && git config user.email t@x.id
	seeded
	git add -A && git commit -qm seed
	kim-list --excel --with-personal --as-of $AS_OF >../export.csv
	before=$(checksum_data "$KIM_DATA")
	run --separate-stderr kim-register --as-of $AS_OF --import ../export.csv --update
	assert_success
	assert_equal "$stderr" "kim-register: import: 3 rows read, 0 added, 0 updated, 3 unchanged, 0 skipped, 0 empty"
	assert_equal "$(git log --format=%s | head -1)" seed
	# an edit in the spreadsheet and a new row: one commit that counts them
	sed -i 's/^\(98.01.01.2002-2,KIM Sari,98.01.01.2002,2016-03-01,,,,\),4,/\1,9,/' ../export.csv
	printf '%s\r\n' ',KIM Baru,98.01.01.2001,2021-01-01,,,,,,,,,,,,,' >>../export.csv
	run --separate-stderr kim-register --as-of $AS_OF --import ../export.csv --update
	assert_success
	assert_equal "$(git log -1 --format=%s)" "import 1 added, 1 updated, 2 unchanged, 0 skipped into kim/98.01.csv"
	run kim-list -f csv --fields id,members --as-of $AS_OF
	assert_output 'id,members
98.01.01.2001-1,12
98.01.01.2001-2,
98.01.01.2002-1,
98.01.01.2002-2,9'
}

@test "--skip-existing skips the rows whose id or name in the village is in the register, and says so" {
	seeded
	printf '%s\n' 'id,name,region,formed' '98.01.01.2001-1,KIM Maju,98.01.01.2001,2019-08-10' ',kim  TEGAL,98.01.01.2002,2015-02-01' ',KIM Tegal,98.01.01.2001,2015-02-01' >../skip.csv
	run --separate-stderr reg --import ../skip.csv --skip-existing
	assert_success
	assert_output 98.01.01.2001-2
	assert_equal "$stderr" "kim-register: ../skip.csv:2: skipped: 98.01.01.2001-1 is in the register (--skip-existing)
kim-register: ../skip.csv:3: skipped: kim  TEGAL is already a KIM in 98.01.01.2002 (--skip-existing)
kim-register: import: 3 rows read, 1 added, 0 updated, 0 unchanged, 2 skipped, 0 empty; registered: the day of the import (the file has no registered column)"
}

# book DIR [1904]: the parts of a workbook of two sheets, Data and Lain,
# around DIR/xl/worksheets/sheet1.xml and sheet2.xml, the caller's; zipped
# to DIR.xlsx
book() {
	local dir=$1 pr=${2:+<workbookPr date1904=\"1\"/>}
	mkdir -p "$dir/_rels" "$dir/xl/_rels" "$dir/xl/worksheets"
	cat >"$dir/[Content_Types].xml" <<-'XML'
	<?xml version="1.0" encoding="UTF-8"?>
	<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
	XML
	cat >"$dir/_rels/.rels" <<-'XML'
	<?xml version="1.0" encoding="UTF-8"?>
	<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
	XML
	cat >"$dir/xl/workbook.xml" <<-XML
	<?xml version="1.0" encoding="UTF-8"?>
	<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">$pr<sheets><sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Lain" sheetId="2" r:id="rId2"/></sheets></workbook>
	XML
	cat >"$dir/xl/_rels/workbook.xml.rels" <<-'XML'
	<?xml version="1.0" encoding="UTF-8"?>
	<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>
	XML
	cat >"$dir/xl/styles.xml" <<-'XML'
	<?xml version="1.0" encoding="UTF-8"?>
	<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>
	XML
	(cd "$dir" && rm -f "../$(basename "$dir").xlsx" &&
		zip -q -X -r "../$(basename "$dir").xlsx" '[Content_Types].xml' _rels xl) ||
		fail "cannot zip $dir"
}

sheet_xml() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>\n' "$1"
}

@test ".xlsx: shared and inline strings, numbers, dates as serials with a date format or in a date column, an empty row, --sheet" {
	mkdir -p ../wb/xl/worksheets
	cat >../wb/xl/sharedStrings.xml <<-'XML'
	<?xml version="1.0" encoding="UTF-8"?>
	<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Nama KIM</t></si><si><t>Kode Desa</t></si><si><t>Tgl Dibentuk</t></si><si><r><t>KIM </t></r><r><t>Maju</t></r><rPh><t>X</t></rPh></si><si><t>Anggota</t></si><si><t>Status</t></si></sst>
	XML
	sheet_xml '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>4</v></c><c r="E1" t="s"><v>5</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="inlineStr"><is><t>98.01.01.2001</t></is></c><c r="C2" s="1"><v>43687</v></c><c r="D2"><v>12</v></c><c r="E2" t="str"><f>"Aktif"</f><v>Aktif</v></c></row><row r="3"><c r="A3" s="0"/></row><row r="5"><c r="A5" t="inlineStr"><is><t>KIM Dua</t></is></c><c r="B5" t="inlineStr"><is><t>98.01.01.2002</t></is></c><c r="C5"><v>42036</v></c><c r="E5" t="inlineStr"><is><t>Pasif</t></is></c></row>' >../wb/xl/worksheets/sheet1.xml
	sheet_xml '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>region</t></is></c><c r="C1" t="inlineStr"><is><t>formed</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>KIM Lain</t></is></c><c r="B2" t="inlineStr"><is><t>98.01.01.2002</t></is></c><c r="C2" s="2"><v>41000</v></c></row>' >../wb/xl/worksheets/sheet2.xml
	book ../wb
	run --separate-stderr reg --import ../wb.xlsx
	assert_success
	assert_output '98.01.01.2001-1
98.01.01.2002-1'
	assert_equal "$stderr" "kim-register: import: 3 rows read, 2 added, 0 updated, 0 unchanged, 0 skipped, 1 empty; registered: the day of the import (the file has no registered column)"
	run cat kim/98.01.csv
	assert_output "$HEADER
98.01.01.2001-1,KIM Maju,98.01.01.2001,2019-08-10,,,,,12,,aktif,,,,2024-06-30,2024-06-30,
98.01.01.2002-1,KIM Dua,98.01.01.2002,2015-02-01,,,,,,,nonaktif,,,,2024-06-30,2024-06-30,"
	# the second sheet, in the 1904 date system: 41000 is 2016-04-02
	mkdata other
	: >.kim.lock
	book ../wb 1904
	run --separate-stderr reg --import ../wb.xlsx --sheet Lain
	assert_success
	run cut -d, -f2,4 kim/98.01.csv
	assert_output 'name,formed
KIM Lain,2016-04-02'
	run -3 --separate-stderr reg --import ../wb.xlsx --sheet Nope
	assert_equal "$stderr" "kim-register: ../wb.xlsx: the workbook has no sheet named 'Nope'
kim-register: nothing was written: 1 problem"
}

@test ".xlsx: problems are named by their cell, BOOK.xlsx:Sheet!C7" {
	mkdir -p ../bad/xl/worksheets
	sheet_xml '<row r="1"><c r="A1" t="inlineStr"><is><t>nama</t></is></c><c r="B1" t="inlineStr"><is><t>kode</t></is></c><c r="C1" t="inlineStr"><is><t>tgl dibentuk</t></is></c></row><row r="7"><c r="A7" t="inlineStr"><is><t>KIM X</t></is></c><c r="B7" t="inlineStr"><is><t>98.01.01.2009</t></is></c><c r="C7" t="inlineStr"><is><t>08/25/2019</t></is></c></row><row r="8"><c r="A8" t="inlineStr"><is><t>KIM Y</t></is></c><c r="E8"><v>1</v></c></row>' >../bad/xl/worksheets/sheet1.xml
	sheet_xml '' >../bad/xl/worksheets/sheet2.xml
	book ../bad
	refused_import ../bad.xlsx \
		"../bad.xlsx:Data!C7: formed: '08/25/2019' is not day/month/year (there is no month 25): write it as 25/08/2019, or give --date-format mdy if every date of the file is month first" \
		"../bad.xlsx:Data!E8: a value in column E, which has no name in the header"
	refused_import ../bad.xlsx "../bad.xlsx: the sheet is empty: expected a header row (name, region, formed, ...)" -- --sheet Lain
}

@test ".xlsx: the notes of columns left out or derived name the sheet's header row, BOOK.xlsx:Sheet!1" {
	mkdir -p ../ig/xl/worksheets
	sheet_xml '<row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c><c r="B1" t="inlineStr"><is><t>Nama KIM</t></is></c><c r="C1" t="inlineStr"><is><t>Kode Desa</t></is></c><c r="D1" t="inlineStr"><is><t>Tahun Berdiri</t></is></c><c r="E1" t="inlineStr"><is><t>Desa</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>KIM Maju</t></is></c><c r="C2" t="inlineStr"><is><t>98.01.01.2001</t></is></c><c r="D2"><v>2019</v></c><c r="E2" t="inlineStr"><is><t>Sidorejo</t></is></c></row>' >../ig/xl/worksheets/sheet1.xml
	sheet_xml '' >../ig/xl/worksheets/sheet2.xml
	book ../ig
	run --separate-stderr reg --import ../ig.xlsx --ignore-columns
	assert_success
	assert_output 98.01.01.2001-1
	assert_equal "$stderr" "kim-register: ../ig.xlsx:Data!1: note: Desa, derived from region, ignored
kim-register: ../ig.xlsx:Data!1: 1 column left out (--ignore-columns): 'No'
kim-register: import: 1 row read, 1 added, 0 updated, 0 unchanged, 0 skipped, 0 empty; 1 date from a bare year (1 January); registered: the day of the import (the file has no registered column)"
}

@test ".xlsx: a broken, encrypted or bomb workbook and a sheet of a million rows are refused, nothing written" {
	echo 'name,region,formed' >../text.xlsx
	refused_import ../text.xlsx "../text.xlsx: not a workbook: not a zip archive (the file is broken, or not .xlsx)"
	printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest' >../locked.xlsx
	refused_import ../locked.xlsx "../locked.xlsx: the workbook is encrypted, or an old .xls (save it as .xlsx without a password)"
	mkdir -p ../nobook && echo x >../nobook/a.txt && (cd ../nobook && zip -q ../nobook.xlsx a.txt)
	refused_import ../nobook.xlsx "../nobook.xlsx: not a workbook: it has no xl/workbook.xml (save it again as an Excel workbook, .xlsx)"
	# a sheet that inflates to 257 MiB from a few hundred KiB
	mkdir -p ../bomb/xl/worksheets
	sheet_xml '' >../bomb/xl/worksheets/sheet2.xml
	head -c $((257 * 1024 * 1024)) /dev/zero >../bomb/xl/worksheets/sheet1.xml
	book ../bomb
	rm -r ../bomb
	[ "$(stat -c %s ../bomb.xlsx)" -lt 2000000 ] || fail "the bomb is not small"
	refused_import ../bomb.xlsx "../bomb.xlsx: xl/worksheets/sheet1.xml inflates to 269484032 bytes: more than the limit of 256 MiB a part (kim-data(5), LIMITS)"
	rm ../bomb.xlsx
	# a header and a million and one rows
	mkdir -p ../big/xl/worksheets
	sheet_xml '' >../big/xl/worksheets/sheet2.xml
	{
		printf '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>name</t></is></c><c t="inlineStr"><is><t>region</t></is></c><c t="inlineStr"><is><t>formed</t></is></c></row>'
		awk 'BEGIN { for (i = 2; i <= 1000002; i++) printf "<row r=\"%d\"/>", i }'
		printf '</sheetData></worksheet>'
	} >../big/xl/worksheets/sheet1.xml
	book ../big
	rm -r ../big
	refused_import ../big.xlsx "../big.xlsx:Data!1000002: more than 1000000 records in one sheet: that is the limit (kim-data(5), LIMITS)"
}

@test ".xlsx written by LibreOffice Calc from an Indonesian list, dates typed as dates, imports as the CSV does" {
	command -v soffice >/dev/null ||
		skip "soffice not found: needs Debian's libreoffice-calc-nogui (tests/deps.sh installs it)"
	excel_list | tr -d '\r' | sed '1s/^\xef\xbb\xbf//' >../lo.csv
	# Calc's CSV import: ';', '"', UTF-8, from line 1; column 3 a date
	# (4: DMY), the others text (2); language id-ID
	mkdir -p ../lo
	soffice -env:UserInstallation="file://$BATS_TEST_TMPDIR/lo-profile" --headless \
		--infilter='CSV:59,34,76,1,1/2/2/2/3/4/4/2/5/2/6/2/7/2/8/2/9/2,1057' \
		--convert-to xlsx --outdir ../lo ../lo.csv >../lo/log 2>&1
	[ -s ../lo/lo.xlsx ] || fail "soffice did not write lo.xlsx: $(cat ../lo/log)"
	# the date is a number in a date format, as Excel keeps dates
	unzip -p ../lo/lo.xlsx xl/worksheets/sheet1.xml | grep -q '<c r="C2" s="[0-9]*" t="n"><v>43687</v>' ||
		fail "C2 is not the serial 43687: $(unzip -p ../lo/lo.xlsx xl/worksheets/sheet1.xml | grep -o '<c r="C2"[^/]*')"
	run --separate-stderr reg --import ../lo/lo.xlsx
	assert_success
	assert_output "98.01.01.2001-1
98.01.01.2002-1
98.01.01.2002-2
98.01.01.2001-2"
	excel_list >../list.csv
	mkdata csv
	: >.kim.lock
	reg --import ../list.csv >/dev/null 2>&1
	assert_equal "$(cat kim/98.01.csv)" "$(cat ../data/kim/98.01.csv)"
}

# -f xlsx -o FILE (item 5): workbooks written with libxlsxwriter

# lo_csv BOOK...: each workbook as LibreOffice Calc reads it, converted
# back to CSV (UTF-8) in ../lo-out
lo_csv() {
	command -v soffice >/dev/null ||
		skip "soffice not found: needs Debian's libreoffice-calc-nogui (tests/deps.sh installs it)"
	mkdir -p ../lo-out
	soffice -env:UserInstallation="file://$BATS_TEST_TMPDIR/lo-profile" --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir ../lo-out "$@" >../lo-out/log 2>&1 ||
		fail "soffice failed: $(cat ../lo-out/log)"
}

@test "-f xlsx: kim-list's workbook imported into an empty folder gives the same register" {
	mkdemo
	run kim-list -f xlsx --with-personal -o ../demo.xlsx
	assert_success
	assert_output ''
	mkdata new
	cp ../demo/wilayah.csv .
	: >.kim.lock
	run --separate-stderr kim-register --no-commit --as-of 2026-11-22 --import ../demo.xlsx
	assert_success
	assert_equal "$stderr" ""
	assert_equal "${#lines[@]}" 40
	assert_equal "$output" "$(kim-list -d ../demo --fields id | tail -n +2)"
	for f in ../demo/kim/*.csv; do
		assert_equal "$(cat "kim/${f##*/}")" "$(cat "$f")"
	done
	assert_equal "$(ls kim)" "$(ls ../demo/kim)"
	# imported again, a problem found once the rows are read is named by
	# its cell too
	run -3 --separate-stderr kim-register --no-commit --as-of 2026-11-22 --import ../demo.xlsx
	assert_equal "${stderr_lines[0]}" "kim-register: ../demo.xlsx:kim-list!A2: id: 99-1 is taken (an imported record keeps its id only when it is new to the register; --update changes that KIM from the row, --skip-existing leaves it)"
}

@test "-f xlsx: LibreOffice Calc reads back what kim-list, kim-eligible (--explain), kim-coverage (--missing) write" {
	mkdemo
	local asof=--as-of=2026-11-22 rules=rules/contoh-2025.json
	kim-list $asof -f xlsx --with-personal -o ../list.xlsx
	kim-list $asof >../list.csv
	kim-eligible $asof --rules $rules -f xlsx --with-personal -o ../eligible.xlsx
	kim-eligible $asof --rules $rules >../eligible.csv
	kim-eligible $asof --rules $rules --explain -f xlsx -o ../explain.xlsx
	kim-eligible $asof --rules $rules --explain >../explain.csv
	kim-coverage $asof -f xlsx -o ../coverage.xlsx
	kim-coverage $asof >../coverage.csv
	run kim-coverage $asof --missing -f xlsx -o ../missing.xlsx
	assert_success
	kim-coverage $asof --missing >../missing.csv
	lo_csv ../list.xlsx ../eligible.xlsx ../explain.xlsx ../coverage.xlsx ../missing.xlsx
	for n in list eligible explain coverage missing; do
		assert_equal "$(cat ../lo-out/$n.csv)" "$(cat ../$n.csv)"
	done
}

@test "-f xlsx: a bold frozen header, numbers as numbers with their decimals, dates as dates, widths that fit" {
	mkdemo
	kim-coverage --as-of 2026-11-22 -r 99.01 -f xlsx -o ../c.xlsx
	unzip -p ../c.xlsx xl/worksheets/sheet1.xml >../sheet.xml
	unzip -p ../c.xlsx xl/styles.xml >../styles.xml
	unzip -p ../c.xlsx xl/workbook.xml >../book.xml
	grep -q '<sheet name="kim-coverage" ' ../book.xml || fail "$(cat ../book.xml)"
	grep -q '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' ../sheet.xml || fail "not frozen"
	grep -q '<c r="A1" s="1" t="inlineStr"><is><t>region</t></is></c>' ../sheet.xml || fail "header"
	grep -q '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' ../styles.xml || fail "style 1 not bold"
	grep -q '<font><b/>' ../styles.xml || fail "no bold font"
	# style 2: one decimal (percent, gap); 3: a date (due)
	grep -q '<numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/>' ../styles.xml || fail "formats: $(cat ../styles.xml)"
	grep -q '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" ' ../styles.xml || fail "styles: $(cat ../styles.xml)"
	# 15 villages, 7 covered: 46.7 %, due 2025-12-31 (the serial 46022),
	# overdue as the word it is in CSV
	assert_equal "$(grep -o '<row r="2".*</row>' ../sheet.xml | sed 's,</row>.*,</row>,')" \
		'<row r="2"><c r="A2" t="inlineStr"><is><t>99.01</t></is></c><c r="B2" t="inlineStr"><is><t>Kabupaten Sukamaju</t></is></c><c r="C2"><v>15</v></c><c r="D2"><v>7</v></c><c r="E2" s="2"><v>46.7</v></c><c r="F2"><v>9</v></c><c r="G2"><v>100</v></c><c r="H2" s="3"><v>46022</v></c><c r="I2" s="2"><v>53.3</v></c><c r="J2"><v>8</v></c><c r="K2" t="inlineStr"><is><t>yes</t></is></c></row>'
	grep -q '<col min="2" max="2" width="' ../sheet.xml || fail "no widths"
}

@test "-f xlsx: a name '=1+1' or '@SUM(A1)' is stored as text, never as a formula" {
	mkdata
	: >.kim.lock
	reg --name '=1+1' --region 98.01.01.2001 --formed 2020-01-01 --notes '@SUM(A1)' >/dev/null
	reg --name '+HYPERLINK("http://x")' --region 98.01.01.2001 --formed 2020-01-01 --sk '-2' >/dev/null
	kim-list --as-of $AS_OF --fields id,name,sk,notes -f xlsx -o ../f.xlsx
	unzip -p ../f.xlsx xl/worksheets/sheet1.xml >../sheet.xml
	run grep -c '<f>' ../sheet.xml
	assert_output 0
	grep -q '<t>=1+1</t>' ../sheet.xml || fail "=1+1 is not text"
	grep -q '<t>@SUM(A1)</t>' ../sheet.xml || fail "@SUM(A1) is not text"
	grep -q '<t>-2</t>' ../sheet.xml || fail "the SK -2 is not text"
	lo_csv ../f.xlsx
	assert_equal "$(cat ../lo-out/f.csv)" 'id,name,sk,notes
98.01.01.2001-1,=1+1,,@SUM(A1)
98.01.01.2001-2,"+HYPERLINK(""http://x"")",-2,'
}

@test "-f xlsx: refused to a terminal, with -c, --value or --excel (exit 2); bad input leaves -o FILE as it was" {
	mkdemo
	run -2 --separate-stderr script -qec "kim-list -f xlsx" /dev/null
	assert_equal "$(printf '%s' "$output" | tr -d '\r' | head -1)" "kim-list: -f xlsx writes a workbook, not text for a terminal: give -o FILE"
	run -2 --separate-stderr kim-list -c -f xlsx -o ../x.xlsx
	assert_equal "${stderr_lines[0]}" "kim-list: -c prints a number, not a workbook"
	run -2 --separate-stderr kim-eligible --rules rules/contoh-2025.json -c -f xlsx -o ../x.xlsx
	assert_equal "${stderr_lines[0]}" "kim-eligible: -c prints a number, not a workbook"
	run -2 --separate-stderr kim-coverage --value -r 99.01 -f xlsx -o ../x.xlsx
	assert_equal "${stderr_lines[0]}" "kim-coverage: --value prints a number, not a workbook"
	run -2 --separate-stderr kim-list --excel -f xlsx -o ../x.xlsx
	assert_equal "${stderr_lines[0]}" "kim-list: --excel goes with csv or tsv output"
	[ ! -e ../x.xlsx ] || fail "../x.xlsx was written"
	echo old >../x.xlsx
	printf 'name,region,formed\nKIM X,99.01.01.2001,2020-99-01\n' >../bad.csv
	run -3 kim-list -f xlsx -o ../x.xlsx ../bad.csv
	assert_equal "$(cat ../x.xlsx)" old
	run ls -a ..
	refute_output --partial kimtmp
}

@test "-f xlsx gives the same bytes for the same data: the workbook holds no time of writing" {
	mkdemo
	kim-list --as-of 2026-11-22 -f xlsx -o ../a.xlsx
	sleep 1.1
	kim-list --as-of 2026-11-22 -f xlsx -o ../b.xlsx
	cmp ../a.xlsx ../b.xlsx
	run -0 bash -c "unzip -p ../a.xlsx docProps/core.xml | grep -o '<dcterms:created [^>]*>[^<]*'"
	assert_output '<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z'
}

@test "personal columns (chair, secretary, treasurer, contact) are left out of -f xlsx and --excel unless --with-personal; plain CSV keeps them" {
	mkdemo
	run kim-list --excel -r 99.01.01
	assert_line --index 0 $'\xef\xbb\xbfid,name,region,formed,sk,members,sectors,status,website,verified,registered,updated,notes\r'
	run kim-list --excel --with-personal -r 99.01.01
	assert_line --index 0 $'\xef\xbb\xbfid,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes\r'
	run kim-list -f csv -r 99.01.01
	assert_line --index 0 'id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes'
	run kim-list -f json -r 99.01.01
	assert_output --partial '"contact":'
	run kim-eligible --rules rules/contoh-2025.json --excel
	assert_line --index 0 $'\xef\xbb\xbfid,name,region,formed,sk,members,sectors,status,website,verified,registered,updated,notes\r'
	kim-list -f xlsx -o ../p.xlsx
	run unzip -p ../p.xlsx xl/worksheets/sheet1.xml
	refute_output --partial '<t>chair</t>'
	refute_output --partial '<t>contact</t>'
	assert_output --partial '<t>notes</t>'
	kim-list -f xlsx --with-personal -o ../p.xlsx
	run unzip -p ../p.xlsx xl/worksheets/sheet1.xml
	assert_output --partial '<t>chair</t>'
	assert_output --partial '<t>contact</t>'
}

@test "--excel=id: ';' between fields, a decimal comma in numbers, the formula guard and quotes kept" {
	mkdemo
	run -0 kim-coverage --as-of 2026-11-22 --excel=id --by kecamatan -r 99.71
	assert_output $'\xef\xbb\xbfregion;name;villages;covered;percent;kim;target;due;gap;needed;overdue\r
99.71.01;Bukit Permai Utara;5;2;40,0;4;75;2027-06-30;35,0;2;\r
99.71.02;Bukit Permai Selatan;4;3;75,0;3;75;2027-06-30;0,0;0;\r
99.71.03;Bukit Permai Barat;5;2;40,0;2;75;2027-06-30;35,0;2;\r
total;;14;7;50,0;9;;;;4;\r'
	# plain --excel: ',' and a decimal point, as always
	run -0 kim-coverage --as-of 2026-11-22 --excel -r 99.03
	assert_line --index 1 $'99.03,Kabupaten Danau Lestari,12,4,33.3,4,80,2026-12-31,46.7,6,\r'
	run -0 kim-coverage --as-of 2026-11-22 --excel=id -r 99.03 -f opendata
	assert_line --index 1 $'99;Provinsi Contoh;9903;Kabupaten Danau Lestari;4;12;4;33,3;KIM;2026\r'
	# a tab stays the separator of TSV
	run -0 kim-coverage --as-of 2026-11-22 --excel=id -r 99.03 -f tsv
	assert_line --index 1 $'99.03\tKabupaten Danau Lestari\t12\t4\t33,3\t4\t80\t2026-12-31\t46,7\t6\t\r'
	mkdata
	printf '%s\n' 'name,region,formed,members,sectors,notes' \
		'"KIM 2,5",98.01.01.2001,2019-08-10,12,umkm;pertanian,=1+1' \
		'KIM Tegal; Sari,98.01.01.2002,2015-02-01,,,3.5' >../in.csv
	reg --import ../in.csv >/dev/null
	run -0 kim-list --as-of $AS_OF --excel=id --fields id,name,members,sectors,notes,age
	assert_output $'\xef\xbb\xbfid;name;members;sectors;notes;age\r
98.01.01.2001-1;KIM 2,5;12;"umkm;pertanian";\'=1+1;4\r
98.01.01.2002-1;"KIM Tegal; Sari";;;3.5;9\r'
	run -0 kim-register --no-commit --as-of $AS_OF --name 'KIM Baru' --region 98.01.01.2001 --formed 2020-01-01 --excel=id
	assert_output $'\xef\xbb\xbfid\r\n98.01.01.2001-2\r'
}

@test "--excel=VALUE other than id is a usage error; kim-report refuses --excel=id" {
	run -2 --separate-stderr kim-list --excel=ID
	assert_equal "${stderr_lines[0]}" "kim-list: --excel=ID: expected --excel, or --excel=id for Excel in an Indonesian locale"
	run -2 --separate-stderr kim-coverage --excel= -r 98
	assert_equal "${stderr_lines[0]}" "kim-coverage: --excel=: expected --excel, or --excel=id for Excel in an Indonesian locale"
	run -2 --separate-stderr kim-list --excel=id -f json
	assert_equal "${stderr_lines[0]}" "kim-list: --excel goes with csv or tsv output"
	run -2 --separate-stderr kim-report --excel=id
	assert_equal "${stderr_lines[0]}" "kim-report: --excel is for CSV output, not for reports"
}

@test "kim-list --excel=id re-imports: into an empty folder the same register, with --update unchanged" {
	seeded
	printf '%s\n' 'name,region,formed,sk,sectors,notes' \
		'"KIM 2,5",98.01.01.2001,2018-01-02,007/12/2018,umkm;pertanian,"-x; 1,5"' >../more.csv
	reg --import ../more.csv >/dev/null
	kim-list --excel=id --with-personal --as-of $AS_OF >../export.csv
	run grep -F 'KIM 2,5' ../export.csv
	assert_output $'98.01.01.2001-2;KIM 2,5;98.01.01.2001;2018-01-02;007/12/2018;;;;;"umkm;pertanian";aktif;;;;2024-06-30;2024-06-30;"\'-x; 1,5"\r'
	mkdata copy
	: >.kim.lock
	run -0 --separate-stderr reg --import ../export.csv
	assert_output $'98.01.01.2001-1\n98.01.01.2001-2\n98.01.01.2002-1\n98.01.01.2002-2'
	run diff -r "$(kim_tmp)/data" "$(kim_tmp)/copy"
	assert_success
	before=$(checksum_data "$KIM_DATA")
	run -0 --separate-stderr reg --import ../export.csv --update
	assert_equal "$stderr" "kim-register: import: 4 rows read, 0 added, 0 updated, 4 unchanged, 0 skipped, 0 empty"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

# --- rows that name places instead of codes (-r) ---------------------------

@test "-r: rows naming their desa and kecamatan take the code inside the region; words Desa, Kel., Kec., case and blanks ignored; the summary counts them" {
	printf '%s\n' 'Nama KIM;Desa;Kecamatan;Tgl Dibentuk;Kode Desa' \
		'KIM A;Desa  SUKAMAJU hilir;Kec. Sukamaju;10/08/2019;' \
		'KIM B;Kel. tanjung uji;;2019;' \
		'KIM C;;Kecamatan Tanjung Uji;2019;' \
		'KIM D;Desa Sukamaju Hilir, Kec. Sukamaju;;2019;' \
		'KIM E;Pematang Baru;Tanjung Uji;2019;' \
		'KIM F;Lembah Hijau;Lembah Uji;2019;99.01.01.2003' >../names.csv
	run --separate-stderr reg --import ../names.csv -r 99.01
	assert_success
	assert_output $'99.01.01.2002-1\n99.01.02.1001-1\n99.01.02-1\n99.01.01.2002-2\n99.01.02.2001-1\n99.01.01.2003-1'
	assert_equal "$stderr" "kim-register: ../names.csv: note: Desa, Kecamatan, derived from region, ignored
kim-register: import: 6 rows read, 6 added, 0 updated, 0 unchanged, 0 skipped, 0 empty; 5 dates from a bare year (1 January); 5 region codes found by the names of desa and kecamatan (-r 99.01); registered: the day of the import (the file has no registered column)"
	run kim-list -f csv --fields name,region,desa,kecamatan --as-of $AS_OF
	assert_output 'name,region,desa,kecamatan
KIM A,99.01.01.2002,Sukamaju Hilir,Sukamaju
KIM D,99.01.01.2002,Sukamaju Hilir,Sukamaju
KIM F,99.01.01.2003,Karang Anyar,Sukamaju
KIM C,99.01.02,,Tanjung Uji
KIM B,99.01.02.1001,Tanjung Uji,Tanjung Uji
KIM E,99.01.02.2001,Pematang Baru,Tanjung Uji'
	# no region column at all: the other names, and no note for them
	printf '%s\n' 'nama;nama kelurahan;kec;tahun berdiri;kabupaten' \
		'KIM G;Pasar Lama;Uji Kota;2020;Kota Uji' >../kel.csv
	run --separate-stderr reg --import ../kel.csv -r 99.71
	assert_success
	assert_output 99.71.01.1002-1
	assert_equal "$stderr" "kim-register: ../kel.csv: note: kabupaten, derived from region, ignored
kim-register: import: 1 row read, 1 added, 0 updated, 0 unchanged, 0 skipped, 0 empty; 1 date from a bare year (1 January); 1 region code found by the names of desa and kecamatan (-r 99.71); registered: the day of the import (the file has no registered column)"
}

@test "-r: a name of no place, or of more than one, is refused at its position with the candidates; nothing written" {
	printf '%s\n' 'name;desa;kecamatan;formed' \
		'KIM A;Pantai Indah;;2019' \
		'KIM B;Sidorejo;;2019' \
		'KIM C;Pematang Baru;Kec. Sukamaju;2019' \
		'KIM D;Pantai Indah;Kec. Uji Pantai;2019' \
		'KIM E;;Kec. Uji Laut;2019' \
		'KIM F;Pasar Lama;;2019' >../bad.csv
	refused_import ../bad.csv \
		"../bad.csv:2:2: desa: 'Pantai Indah' names 2 places in -r 99 (Provinsi Uji): 99.71.02.1001 (kecamatan Uji Pantai), 99.71.02.2001 (kecamatan Uji Pantai); give the kecamatan, or the code in a region column" \
		"../bad.csv:3:2: desa: no village 'Sidorejo' in -r 99 (Provinsi Uji)" \
		"../bad.csv:4:2: desa: no village 'Pematang Baru' in kecamatan 'Kec. Sukamaju' of -r 99 (Provinsi Uji); of that name: 99.01.02.2001 (kecamatan Tanjung Uji)" \
		"../bad.csv:5:2: desa: 'Pantai Indah' in 'Kec. Uji Pantai' names 2 places in -r 99 (Provinsi Uji): 99.71.02.1001 (kecamatan Uji Pantai), 99.71.02.2001 (kecamatan Uji Pantai); give the kecamatan, or the code in a region column" \
		"../bad.csv:6:3: kecamatan: no kecamatan 'Kec. Uji Laut' in -r 99 (Provinsi Uji)" -- -r 99
	# no region column and no -r: the header says what to give
	refused_import ../bad.csv "../bad.csv:1: the header has no column 'region': give -r REGION to find the codes by the names of its desa and kecamatan columns"
	# -r that is not in the list, or without --import: usage errors
	before=$(checksum_data "$KIM_DATA")
	run -2 --separate-stderr reg --import ../bad.csv -r 97
	assert_equal "${stderr_lines[0]}" "kim-register: -r: 97 is not in $KIM_DATA/wilayah.csv"
	run -2 --separate-stderr reg --import ../bad.csv -r 99.x
	assert_equal "${stderr_lines[0]}" "kim-register: -r: '99.x' is not a region code (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.VVVV)"
	run -2 --separate-stderr reg -r 99 --name 'KIM X' --region 99.01.01.2001 --formed 2020-01-01
	assert_equal "${stderr_lines[0]}" "kim-register: -r goes with --import only"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
}

@test "-r: a row with a region code keeps it, the names ignored as before; a row with an id and --update keeps its KIM's region" {
	seeded
	kim-list -f csv --fields id,name,region,formed,desa,kecamatan --as-of $AS_OF >../export.csv
	before=$(checksum_data "$KIM_DATA")
	run --separate-stderr reg --import ../export.csv --update -r 98
	assert_success
	assert_equal "$stderr" "kim-register: ../export.csv: note: desa, kecamatan, derived from region, ignored
kim-register: import: 3 rows read, 0 added, 0 updated, 3 unchanged, 0 skipped, 0 empty"
	assert_equal "$(checksum_data "$KIM_DATA")" "$before"
	# names of another village beside a code: the code wins
	printf '%s\n' 'name,region,formed,desa' 'KIM Baru,98.01.01.2001,2020-01-01,Tegal Sari' >../code.csv
	run --separate-stderr reg --import ../code.csv -r 98
	assert_success
	assert_output 98.01.01.2001-2
}

@test "-r .xlsx: a workbook of names without codes imports; a name of two villages is named by its cell" {
	mkdemo
	# the KIM of the kecamatan and villages of Kota Bukit Permai, by name
	kim-list -f xlsx --fields name,desa,kecamatan,formed,status -r 99.71.01 -r 99.71.02 -r 99.71.03 -o ../names.xlsx
	mkdata new
	cp ../demo/wilayah.csv .
	: >.kim.lock
	run --separate-stderr kim-register --no-commit --as-of 2026-11-22 --import ../names.xlsx -r 99.71
	assert_success
	assert_equal "${#lines[@]}" 10
	assert_equal "$stderr" "kim-register: import: 10 rows read, 10 added, 0 updated, 0 unchanged, 0 skipped, 0 empty; 10 region codes found by the names of desa and kecamatan (-r 99.71); registered: the day of the import (the file has no registered column)"
	assert_equal "$(kim-list -f csv --fields name,region,formed,status --as-of 2026-11-22)" \
		"$(kim-list -d ../demo -r 99.71.01 -r 99.71.02 -r 99.71.03 -f csv --fields name,region,formed,status --as-of 2026-11-22)"
	# a kelurahan and a desa of one name in one kecamatan: two places
	mkdata two
	printf '%s\n' 'name,region,formed' 'KIM P,99.71.02.1001,2020-01-01' >../p.csv
	reg --import ../p.csv >/dev/null
	kim-list -f xlsx --fields name,desa,formed -o ../p.xlsx
	mkdata three
	: >.kim.lock
	refused_import ../p.xlsx "../p.xlsx:kim-list!B2: desa: 'Pantai Indah' names 2 places in -r 99.71 (Kota Uji): 99.71.02.1001 (kecamatan Uji Pantai), 99.71.02.2001 (kecamatan Uji Pantai); give the kecamatan, or the code in a region column" -- -r 99.71
}

@test "-r on the national list: Desa Wanagiri, Kec. Selemadeg in Tabanan; Kuta Baro, three villages of Aceh Selatan, by its kecamatan" {
	mkdata_national national
	: >.kim.lock
	printf '%s\n' 'Nama KIM;Desa;Kecamatan;Tgl Dibentuk' \
		'KIM Wanagiri;Desa Wanagiri;Kec. Selemadeg;2019' \
		'KIM Wanagiri Kauh;Desa Wanagiri Kauh, Kec. Selemadeg;;2019' >../tabanan.csv
	run --separate-stderr reg --import ../tabanan.csv -r 51.02
	assert_success
	assert_output $'51.02.01.2002-1\n51.02.01.2008-1'
	printf '%s\n' 'name,desa,kecamatan,formed' 'KIM Kuta Baro,Kuta Baro,,2019' >../aceh.csv
	refused_import ../aceh.csv "../aceh.csv:2:2: desa: 'Kuta Baro' names 3 places in -r 11.01 (Kabupaten Aceh Selatan): 11.01.05.2017 (kecamatan Meukek), 11.01.07.2011 (kecamatan Sawang), 11.01.09.2006 (kecamatan Trumon); give the kecamatan, or the code in a region column" -- -r 11.01
	printf '%s\n' 'name,desa,kecamatan,formed' 'KIM Kuta Baro,Kuta Baro,Sawang,2019' >../aceh.csv
	run --separate-stderr reg --import ../aceh.csv -r 11.01
	assert_success
	assert_output 11.01.07.2011-1
}
