#!/usr/bin/env bats
# Messages in Indonesian (GNU gettext, po/id.po compiled by make to
# share/locale/id/LC_MESSAGES/kim-tools.mo): LANG=id_ID.UTF-8 gives
# Indonesian messages and help with the same exit status; English is the
# default; data (column names, status words, CSV and JSON keys, numbers)
# never changes with the language.  The id_ID.UTF-8 locale is generated
# with localedef (Debian's locales) into the test's own folder when the
# system does not have it, and found there through LOCPATH.

load test_helper

setup_file() {
	if ! locale -a 2>/dev/null | grep -qx 'id_ID.utf8'; then
		export LOCPATH="$BATS_FILE_TMPDIR/locale"
		mkdir -p "$LOCPATH"
		localedef -i id_ID -f UTF-8 "$LOCPATH/id_ID.UTF-8" 2>"$BATS_FILE_TMPDIR/localedef.err" ||
			echo "localedef failed: $(cat "$BATS_FILE_TMPDIR/localedef.err")" >"$BATS_FILE_TMPDIR/nolocale"
	fi
}

setup() {
	[ ! -f "$BATS_FILE_TMPDIR/nolocale" ] ||
		skip "no id_ID.UTF-8 locale ($(cat "$BATS_FILE_TMPDIR/nolocale"); Debian's locales provides localedef and id_ID)"
	unset LANGUAGE LC_ALL LC_MESSAGES
	export LANG=C.UTF-8
}

@test "a bad date: the Indonesian message, the same exit status" {
	mkdata
	run -2 env LANG=id_ID.UTF-8 kim-list --formed-after 2024-02-30
	assert_line --index 0 "kim-list: --formed-after: '2024-02-30' bukan tanggal yang sah (seharusnya TTTT-BB-HH)"
	assert_line --index 1 --partial 'penggunaan: kim-list [-c] [-r PREFIX]...'
	run -2 kim-list --formed-after 2024-02-30
	assert_line --index 0 "kim-list: --formed-after: '2024-02-30' is not a real date (expected YYYY-MM-DD)"
	assert_line --index 1 --partial 'usage: kim-list [-c] [-r PREFIX]...'
}

@test "a bad date in a record: the place as always, the message in Indonesian, exit 3" {
	mkdata
	printf 'name,region,formed\nKIM Uji,98.01.01.2001,2023-02-29\n' >new.csv
	run -3 env LANG=id_ID.UTF-8 kim-register --no-commit --import new.csv
	assert_output "kim-register: new.csv:2:3: formed: '2023-02-29' bukan tanggal yang sah (seharusnya TTTT-BB-HH)
kim-register: tidak ada yang ditulis: 1 masalah"
	run -3 kim-register --no-commit --import new.csv
	assert_output "kim-register: new.csv:2:3: formed: '2023-02-29' is not a real date (expected YYYY-MM-DD)
kim-register: nothing was written: 1 problem"
}

@test "LC_ALL, LC_MESSAGES and LANGUAGE choose the language as gettext does" {
	mkdata
	run -2 env LC_ALL=id_ID.UTF-8 kim-coverage --by desa
	assert_line --index 0 "kim-coverage: --by: 'desa' bukan salah satu dari provinsi, kabupaten, kecamatan"
	run -2 env LC_MESSAGES=id_ID.UTF-8 kim-coverage --by desa
	assert_line --index 0 --partial 'bukan salah satu dari'
	# LC_ALL=C wins over LANG: English
	run -2 env LANG=id_ID.UTF-8 LC_ALL=C kim-coverage --by desa
	assert_line --index 0 "kim-coverage: --by: 'desa' is not one of provinsi, kabupaten, kecamatan"
	# LANGUAGE, GNU's list of languages, before LANG's: no English catalogue
	# is needed for English
	run -2 env LANG=id_ID.UTF-8 LANGUAGE=en kim-coverage --by desa
	assert_line --index 0 --partial 'is not one of'
	# a locale that is not installed: English, no error
	run -2 env LANG=xx_XX.UTF-8 kim-coverage --by desa
	assert_line --index 0 --partial 'is not one of'
}

@test "--help in Indonesian; the options themselves stay" {
	run -0 env LANG=id_ID.UTF-8 kim-check --help
	assert_output "penggunaan: kim-check [-d DIR] [-f FMT] [--excel[=id]] [--as-of DATE]
            kim-check --wilayah NEW.csv [--recode MAP.csv] [-d DIR] [-f FMT] [--excel[=id]]

  -d, --data DIR          folder data (jika tidak, \$KIM_DATA, jika tidak, .)
  -f, --format FMT        cetak masalah sebagai baris csv, tsv, json, jsonl
                          atau table (bawaan: BERKAS:BARIS:KOLOM: teks)
      --excel[=id]        CSV untuk spreadsheet (=id: ';', koma desimal)
      --as-of DATE        tidak boleh ada tanggal sesudahnya (bawaan hari ini)
      --wilayah NEW.csv   sebagai gantinya, cantumkan KIM yang wilayahnya
                          tidak ada di NEW.csv, daftar wilayah baru
      --recode MAP.csv    dengan --wilayah: hanya yang tidak dipindahkan
                          ke NEW.csv oleh pemetaan wilayah MAP.csv
      --lang id|en        bahasa pesan dan laporan (jika tidak,
                          lang dari folder data, jika tidak, locale)"
	local c
	for c in kim-register kim-list kim-eligible kim-coverage kim-report; do
		run -0 env LANG=id_ID.UTF-8 "$c" --help
		assert_line --index 0 --regexp "^penggunaan: $c "
		# the same options as in English, in the same order
		assert_equal "$(env LANG=id_ID.UTF-8 "$c" --help | grep -oE -- '--[a-z][a-z-]*')" \
			"$("$c" --help | grep -oE -- '--[a-z][a-z-]*')"
	done
}

@test "data never changes with the language: keys, columns, status words, numbers" {
	mkdemo
	local cmd
	for cmd in "kim-list --as-of 2026-11-22 -f csv --fields id,name,status,age,kabupaten" \
		"kim-list --as-of 2026-11-22 -f json" \
		"kim-coverage --as-of 2026-11-22 -f csv" \
		"kim-coverage --as-of 2026-11-22 -f table" \
		"kim-coverage --as-of 2026-11-22 -f jsonl --by kecamatan" \
		"kim-eligible --as-of 2026-11-22 --rules rules/contoh-2025.json --explain -f json" \
		"kim-check --as-of 2026-11-22 -f csv" \
		"kim-report --as-of 2026-11-23 -f json"; do
		assert_equal "$(LANG=id_ID.UTF-8 $cmd)" "$(LANG=C $cmd)"
	done
	run kim-coverage --as-of 2026-11-22 -f csv
	assert_line --index 0 region,name,villages,covered,percent,kim,target,due,gap,needed,overdue
	assert_line --index 1 '99.01,Kabupaten Sukamaju,15,7,46.7,9,100,2025-12-31,53.3,8,yes'
}

@test "--excel is byte for byte the same under any locale; only --excel=id writes ';' and a decimal comma" {
	mkdemo
	local cmd loc
	for cmd in "kim-coverage --as-of 2026-11-22 --excel" \
		"kim-coverage --as-of 2026-11-22 --excel -f opendata" \
		"kim-list --as-of 2026-11-22 --excel --fields id,name,members,age" \
		"kim-coverage --as-of 2026-11-22 --excel=id"; do
		$cmd >../c.csv
		for loc in id_ID.UTF-8 C.UTF-8; do
			LANG=$loc $cmd >../lang.csv
			LC_ALL=$loc $cmd >../all.csv
			LC_NUMERIC=id_ID.UTF-8 LANG=$loc $cmd >../numeric.csv
			run cmp ../c.csv ../lang.csv
			assert_success
			run cmp ../c.csv ../all.csv
			assert_success
			run cmp ../c.csv ../numeric.csv
			assert_success
		done
	done
	LANG=id_ID.UTF-8 kim-coverage --as-of 2026-11-22 --excel -r 99.03 >../c.csv
	assert_equal "$(sed -n 2p ../c.csv)" $'99.03,Kabupaten Danau Lestari,12,4,33.3,4,80,2026-12-31,46.7,6,\r'
	LANG=C kim-coverage --as-of 2026-11-22 --excel=id -r 99.03 >../c.csv
	assert_equal "$(sed -n 2p ../c.csv)" $'99.03;Kabupaten Danau Lestari;12;4;33,3;4;80;2026-12-31;46,7;6;\r'
}

@test "po/id.po compiles cleanly and translates every message but bare formats" {
	run msgfmt --check --statistics -o /dev/null "$KIM_TOP/po/id.po"
	assert_success
	# only "%s", "%s%s", "%s: %s" and "git: %s" are left as they are
	assert_output --regexp '^[0-9]+ translated messages, 4 untranslated messages\.$'
	[ -f "$KIM_TOP/share/locale/id/LC_MESSAGES/kim-tools.mo" ]
	[ "$KIM_TOP/share/locale/id/LC_MESSAGES/kim-tools.mo" -nt "$KIM_TOP/po/id.po" ] ||
		fail "kim-tools.mo is older than po/id.po: run make"
}

@test "the progress line of --import in Indonesian" {
	mkdata
	printf 'name,region,formed\nKIM Uji,98.01.01.2001,2020-01-01\n' |
		{
			run --separate-stderr env LANG=id_ID.UTF-8 kim-register --no-commit --import - --progress
			assert_success
			[[ $stderr =~ ^$'\r'"kim-register: masukan standar: 1 rekaman, "[0-9]+" rekaman/detik"$ ]] ||
				fail "progress: $(printf %q "$stderr")"
		}
}

@test "a spreadsheet import in Indonesian: its problems, the columns left out and the summary line" {
	mkdata
	printf 'Nama KIM;Kode Desa;Tgl. Dibentuk;No;Xyz\nKIM Uji;98.01.01.2001;31/02/2019;1;a\n' >a.csv
	run -3 --separate-stderr kim-register --lang id --no-commit --import a.csv --ignore-columns
	assert_equal "$stderr" "kim-register: a.csv: 2 kolom dilewatkan (--ignore-columns): 'No', 'Xyz'
kim-register: a.csv:2:3: formed: '31/02/2019' bukan tanggal yang sah (dibaca sebagai hari 31, bulan 2, tahun 2019)
kim-register: tidak ada yang ditulis: 1 masalah"
	printf 'Nama KIM;Kode Desa;Tgl. Dibentuk\nKIM Uji;98.01.01.2001;2019\n;;\n' >b.csv
	run -0 --separate-stderr kim-register --lang id --no-commit --import b.csv
	assert_output 98.01.01.2001-1
	assert_equal "$stderr" "kim-register: impor: 2 baris dibaca, 1 ditambahkan, 0 diubah, 0 tidak berubah, 0 dilewati, 1 kosong; 1 tanggal dari tahun saja (1 Januari); registered: hari impor (berkas tidak memiliki kolom registered)"
}

@test "kim-report's headings and text in Indonesian; its JSON the same in both" {
	mkdemo
	run -0 env LANG=id_ID.UTF-8 kim-report --as-of 2026-11-23 --rules rules/contoh-2025.json -f md
	assert_line --index 0 '# Laporan KIM: semua wilayah, 16 November 2026 sampai 22 November 2026'
	assert_line 'Minggu 16 November 2026 sampai 22 November 2026, per tanggal 23 November 2026.'
	assert_line '## Ringkasan'
	assert_line --regexp '^\|  \| 15 November 2026 \| 22 November 2026 \| perubahan \|$'
	assert_line --regexp '^\| desa/kelurahan tercakup \| [0-9]+ dari 56 \| [0-9]+ dari 56 \| '
	assert_line --regexp '^\| persen tercakup \| [0-9]+,[0-9] % \| '
	assert_line '## Cakupan dibandingkan target'
	assert_line '## Perubahan dalam periode ini'
	assert_line '## Data lama belum diverifikasi'
	assert_line '## KIM yang memenuhi syarat'
	assert_line '## Masalah data'
	assert_line --regexp "^[0-9]+ dari 40 KIM memenuhi aturan seleksi 'Seleksi KIM Teladan - Provinsi Contoh 2025' \\(contoh-2025\\.json\\), diterapkan pada tanggal 30 Juni 2025 \\(tanggal acuan aturan seleksi\\)\\.$"
	run -0 env LANG=id_ID.UTF-8 kim-report --as-of 2026-11-23 -f html
	assert_output --partial '<h2>Cakupan dibandingkan target</h2>'
	run -0 kim-report --as-of 2026-11-23 -f md
	assert_line --index 0 '# KIM report: all regions, 2026-11-16 to 2026-11-22'
	assert_line '## Coverage against targets'
}

@test "kim-activity in Indonesian: 'aktivitas' for an activity, 'kegiatan' only the kind; a kecamatan's sheet imports" {
	mkdata
	printf '%s\n' 'id,name,region,formed,sk,chair,secretary,treasurer,members,sectors,status,website,contact,verified,registered,updated,notes' \
		'99.01.01.2001-1,KIM Maju,99.01.01.2001,2018-06-21,,,,,12,umkm,aktif,,,,2022-01-03,2022-01-03,' >kim/99.01.csv
	mkdir activity
	printf '%s\n' 'No;KIM;Tanggal;Jenis;Judul;URL;Catatan' '1;99.01.01.2001-1;02/12/2022;Kegiatan;Kerja bakti;;RT 2' >../kec.csv
	run -0 --separate-stderr env LANG=id_ID.UTF-8 kim-activity -d . --as-of 2023-06-21 --no-commit --import ../kec.csv --ignore-columns
	assert_equal "$stderr" "kim-activity: ../kec.csv: 1 kolom dilewatkan (--ignore-columns): 'No'
kim-activity: 1 ditambahkan, 0 sudah tercatat"
	run -1 --separate-stderr env LANG=id_ID.UTF-8 kim-activity -d . --as-of 2023-06-21 --no-commit \
		--kim 99.01.01.2001-1 --date 2022-12-02 --kind kegiatan --title 'Kerja bakti'
	assert_equal "$stderr" "kim-activity: aktivitas 99.01.01.2001-1 pada 2022-12-02 sudah tercatat: tidak ada yang ditulis"
	run -3 --separate-stderr env LANG=id_ID.UTF-8 kim-activity -d . --as-of 2023-06-21 --no-commit \
		--kim 99.01.01.2001-1 --date 2022-12-03 --kind rapat --title Rapat
	assert_equal "$stderr" "kim-activity: --kind: 'rapat' bukan jenis aktivitas (berita, kegiatan, pelatihan, pertemuan, lomba, lainnya)
kim-activity: tidak ada yang ditulis: 1 masalah"
}
