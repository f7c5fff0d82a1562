#!/usr/bin/env bats
# kim-coverage -f svg and --map FILE: the coverage map (libkim's kim_map).
#
# Three kinds of data:
#   * the map fixture below: tests/fixtures/wilayah.csv plus a kota without
#     villages, and tests/fixtures/boundaries-*.geojson, invented squares
#     drawn by hand for its kabupaten/kota;
#   * Bali: the national list with a register made here so that each
#     kabupaten/kota has a known percent, and the real boundaries in
#     ../shared/data/geo/kabupaten.geojson (read in place, never copied);
#   * the national map: the same list and boundaries, all 514 regions.
# The tests that need ../shared skip when it is absent.

load test_helper

ASOF=2026-11-22
FIX=$KIM_TOP/tests/fixtures
GEO=$SHARED/data/geo

need_geo() {
	need_national
	[ -f "$GEO/kabupaten.geojson" ] ||
		skip "../shared/data/geo/kabupaten.geojson not found: real boundaries need ../shared beside the project"
}

# The map fixture, by hand (tests/fixtures/wilayah.csv and Kota Kosong):
#   98.01  2 villages, 1 with an aktif KIM        50.0  #41b6c4
#   99.01  6 villages, 1 covered; target 100      16.7  #ffffcc
#   99.02  5 villages, 1 covered (a desa adat)    20.0  #a1dab4
#   99.71  6 villages, 4 covered, 1 more by a     66.7  #2c7fb8
#          nonaktif KIM (83.3 with nonaktif)            (#253494)
#   99.72  Kota Kosong: no villages at all        no data, hatched
map_fixture() {
	mkdata
	echo '99.72,Kota Kosong,kota' >>wilayah.csv
	cat >import.csv <<-'EOF'
	name,region,formed,status
	KIM Sidorejo,98.01.01.2001,2019-03-10,aktif
	KIM Maju,99.01.01.2001,2018-06-21,aktif
	KIM Adat Uji,99.02.01.3001,2021-06-01,aktif
	KIM Ujung,99.71.01.1001,2017-01-01,aktif
	KIM Pasar,99.71.01.1002,2017-01-01,aktif
	KIM Kampung,99.71.01.1003,2017-01-01,nonaktif
	KIM Pantai Indah,99.71.02.1001,2017-10-28,aktif
	KIM Pantai Indah Desa,99.71.02.2001,2022-12-05,aktif
	EOF
	printf '%s\n' region,target,due 99.01,100,2025-12-31 >targets.csv
	kim-register --as-of "$ASOF" --no-commit --import import.csv >/dev/null ||
		fail "map_fixture: the import failed"
	rm -f import.csv
	mkdir boundaries
	cp "$FIX/boundaries-uji.geojson" boundaries/kabupaten.geojson
	export KIM_DATA=.
}

# fills: "CODE FILL" for each region path of the SVG in $output
fills() {
	sed -n 's/^<path class="region" data-code="\([^"]*\)" fill="\([^"]*\)".*/\1 \2/p' <<<"$output"
}

# titles: the <title> of each region path of the SVG in $output
titles() {
	sed -n 's/^<path class="region" .*<title>\(.*\)<\/title><\/path>$/\1/p' <<<"$output"
}

# The usage error: exit 2, nothing on standard output, the message first.
assert_usage_error() {
	assert_failure 2
	assert_output ""
	assert_equal "${stderr_lines[0]}" "$1"
	assert_equal "${stderr_lines[1]%% *}" "usage:"
}

# ------------------------------------------------------------- fixture

@test "fixture: the whole map, byte for byte, from the folder's boundaries" {
	map_fixture
	run --separate-stderr kim-coverage --as-of "$ASOF" -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_output - <<-'EOF'
	<?xml version="1.0" encoding="UTF-8"?>
	<svg xmlns="http://www.w3.org/2000/svg" width="800" height="540" viewBox="0 0 800 540" role="img" aria-labelledby="kim-map-title">
	<title id="kim-map-title">Villages with a KIM (aktif), by kabupaten/kota</title>
	<defs><pattern id="kim-map-nodata" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#909090" stroke-width="2"/></pattern></defs>
	<rect width="800" height="540" fill="#ffffff"/>
	<g class="regions" fill-rule="evenodd" stroke="#808080" stroke-width="0.4" stroke-linejoin="round">
	<path class="region" data-code="98.01" fill="#41b6c4" d="M10 443.3l216.7 0 0 -216.6 -216.7 0zM53.3 400l0 -130 130 0 0 130z"><title>Kabupaten Contoh: 50.0% (1/2), no target</title></path>
	<path class="region" data-code="99.01" fill="#ffffcc" d="M226.7 443.3l216.6 0 0 -216.6 -216.6 0z"><title>Kabupaten Uji Satu: 16.7% (1/6), target 100.0%, overdue since 2025-12-31</title></path>
	<path class="region" data-code="99.02" fill="#a1dab4" d="M443.3 443.3l216.7 0 0 -216.6 -216.7 0zM703.3 400l86.7 0 0 -86.7 -86.7 0z"><title>Kabupaten Uji Dua: 20.0% (1/5), no target</title></path>
	<path class="region" data-code="99.71" fill="#2c7fb8" d="M10 226.7l216.7 0 0 -216.7 -216.7 0z"><title>Kota Uji: 66.7% (4/6), no target</title></path>
	<path class="region" data-code="99.72" fill="url(#kim-map-nodata)" d="M226.7 226.7l216.6 0 0 -216.7 -216.6 0z"><title>Kota Kosong: no data</title></path>
	</g>
	<g class="labels" font-family="sans-serif" font-size="10" text-anchor="middle" fill="#000000" stroke="#ffffff" stroke-width="2" stroke-linejoin="round" paint-order="stroke" pointer-events="none">
	<text x="35.4" y="255.6">Contoh</text>
	<text x="335" y="338.5">Uji Satu</text>
	<text x="551.7" y="338.5">Uji Dua</text>
	<text x="118.3" y="121.8">Kota Uji</text>
	<text x="335" y="121.8">Kota Kosong</text>
	</g>
	<g class="legend" font-family="sans-serif" font-size="12" stroke-width="0.5">
	<rect x="10" y="456" width="18" height="12" stroke="#808080" fill="#ffffcc"/><text x="34" y="467">0&#8211;19.9%</text>
	<rect x="130" y="456" width="18" height="12" stroke="#808080" fill="#a1dab4"/><text x="154" y="467">20&#8211;39.9%</text>
	<rect x="250" y="456" width="18" height="12" stroke="#808080" fill="#41b6c4"/><text x="274" y="467">40&#8211;59.9%</text>
	<rect x="370" y="456" width="18" height="12" stroke="#808080" fill="#2c7fb8"/><text x="394" y="467">60&#8211;79.9%</text>
	<rect x="490" y="456" width="18" height="12" stroke="#808080" fill="#253494"/><text x="514" y="467">80&#8211;100%</text>
	<rect x="610" y="456" width="18" height="12" stroke="#808080" fill="url(#kim-map-nodata)"/><text x="634" y="467">no data</text>
	</g>
	<g class="caption" font-family="sans-serif" font-size="12">
	<text x="10" y="488" font-size="14" font-weight="bold">Villages with a KIM (aktif), by kabupaten/kota</text>
	<text x="10" y="504">As of 2026-11-22. Boundaries: kabupaten.geojson, which names no source.</text>
	<text class="overdue" x="10" y="520">Overdue, the target not met by its due day: Kabupaten Uji Satu.</text>
	</g>
	</svg>
	EOF
}

@test "fixture: the map is well-formed XML (xmllint --noout)" {
	command -v xmllint >/dev/null || fail "xmllint is not installed (libxml2-utils, tests/deps.sh)"
	map_fixture
	kim-coverage --as-of "$ASOF" -f svg >map.svg
	run xmllint --noout map.svg
	assert_success
	assert_output ""
}

@test "fixture: the fills follow the percents; --status moves Kota Uji up a class" {
	map_fixture
	run kim-coverage --as-of "$ASOF" -f svg
	assert_success
	assert_equal "$(fills)" "98.01 #41b6c4
99.01 #ffffcc
99.02 #a1dab4
99.71 #2c7fb8
99.72 url(#kim-map-nodata)"
	run kim-coverage --as-of "$ASOF" --status aktif,nonaktif -f svg
	assert_success
	assert_equal "$(fills)" "98.01 #41b6c4
99.01 #ffffcc
99.02 #a1dab4
99.71 #253494
99.72 url(#kim-map-nodata)"
	assert_line --index 2 '<title id="kim-map-title">Villages with a KIM (aktif, nonaktif), by kabupaten/kota</title>'
	assert_equal "$(titles | sed -n 4p)" "Kota Uji: 83.3% (5/6), no target"
}

@test "fixture: --as-of counts only the KIM formed by then, and names the day" {
	map_fixture
	# KIM Pantai Indah Desa was formed on 2022-12-05
	run kim-coverage --as-of 2022-12-04 -r 99.71 -f svg
	assert_success
	assert_equal "$(titles)" "Kota Uji: 50.0% (3/6), no target"
	assert_equal "$(fills)" "99.71 #41b6c4"
	assert_line --regexp '^<text x="10" y="[0-9]+">As of 2022-12-04\. Boundaries: kabupaten\.geojson, which names no source\.</text>$'
}

@test "fixture: -r draws only the regions inside, fitted to them" {
	map_fixture
	run --separate-stderr kim-coverage --as-of "$ASOF" -r 99.02 -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 1 '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="578" viewBox="0 0 800 578" role="img" aria-labelledby="kim-map-title">'
	assert_line --index 2 '<title id="kim-map-title">Villages with a KIM (aktif), by kabupaten/kota: Kabupaten Uji Dua</title>'
	# 0.8 degrees of longitude fill 780 px; the islet is 0.2 of them
	assert_equal "$(grep -c '^<path class="region"' <<<"$output")" 1
	assert_line --partial 'data-code="99.02" fill="#a1dab4" d="M10 497.5l487.5 0 0 -487.5 -487.5 0zM595 400l195 0 0 -195 -195 0z">'
}

@test "fixture: --map FILE overrides the folder's boundaries" {
	map_fixture
	cp "$FIX/boundaries-skip.geojson" boundaries/kabupaten.geojson
	run --separate-stderr kim-coverage --as-of "$ASOF" --map "$FIX/boundaries-uji.geojson" -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(grep -c '^<path class="region"' <<<"$output")" 5
	assert_line '<text x="10" y="504">As of 2026-11-22. Boundaries: boundaries-uji.geojson, which names no source.</text>'
}

@test "fixture: --map FILE alone draws the map, as -f svg" {
	map_fixture
	rm -r boundaries
	run kim-coverage --as-of "$ASOF" --map "$FIX/boundaries-uji.geojson"
	assert_success
	assert_line --index 0 '<?xml version="1.0" encoding="UTF-8"?>'
	assert_equal "$(grep -c '^<path class="region"' <<<"$output")" 5
}

@test "fixture: two runs write the same bytes" {
	map_fixture
	kim-coverage --as-of "$ASOF" -f svg >one.svg
	kim-coverage --as-of "$ASOF" -f svg >two.svg
	run cmp one.svg two.svg
	assert_success
	assert_output ""
}

@test "fixture: --by provinsi reads boundaries/provinsi.geojson" {
	map_fixture
	cat >boundaries/provinsi.geojson <<-'EOF'
	{"type": "FeatureCollection", "features": [
	{"type": "Feature", "properties": {"code": "98"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100, 0], [100.5, 0], [100.5, 0.5], [100, 0.5], [100, 0]]]}},
	{"type": "Feature", "properties": {"code": "99"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100.5, 0], [102, 0], [102, 1], [100.5, 1], [100.5, 0]]]}}
	]}
	EOF
	run --separate-stderr kim-coverage --as-of "$ASOF" --by provinsi -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(titles)" "Provinsi Contoh: 50.0% (1/2), no target
Provinsi Uji: 35.3% (6/17), no target"
	assert_line --index 2 '<title id="kim-map-title">Villages with a KIM (aktif), by province</title>'
	assert_line '<text x="10" y="460">As of 2026-11-22. Boundaries: provinsi.geojson, which names no source.</text>'
}

@test "fixture: --by kecamatan with --map FILE; a region's features make one path" {
	map_fixture
	# 99.01.02 comes in two features, the second one first in the file
	cat >kec.geojson <<-'EOF'
	{"type": "FeatureCollection", "features": [
	{"type": "Feature", "properties": {"code": "99.01.02"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[101, 0], [101.5, 0], [101.5, 0.5], [101, 0.5], [101, 0]]]}},
	{"type": "Feature", "properties": {"code": "99.01.01"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100, 0], [100.5, 0], [100.5, 0.5], [100, 0.5], [100, 0]]]}},
	{"type": "Feature", "properties": {"code": "99.01.02"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100.5, 0], [101, 0], [101, 0.5], [100.5, 0.5], [100.5, 0]]]}}
	]}
	EOF
	run --separate-stderr kim-coverage --as-of "$ASOF" --by kecamatan -r 99.01 --map kec.geojson -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(titles)" "Sukamaju: 33.3% (1/3), target 100.0%, overdue since 2025-12-31
Tanjung Uji: 0.0% (0/3), target 100.0%, overdue since 2025-12-31"
	assert_line '<path class="region" data-code="99.01.02" fill="#ffffcc" d="M530 270l260 0 0 -260 -260 0zM270 270l260 0 0 -260 -260 0z"><title>Tanjung Uji: 0.0% (0/3), target 100.0%, overdue since 2025-12-31</title></path>'
}

@test "fixture: a region without villages only is drawn hatched, and the answer is 1" {
	map_fixture
	run --separate-stderr kim-coverage --as-of "$ASOF" -r 99.72 -f svg
	assert_failure 1
	assert_equal "$stderr" ""
	assert_equal "$(fills)" "99.72 url(#kim-map-nodata)"
	assert_equal "$(titles)" "Kota Kosong: no data"
}

@test "fixture: names are escaped for XML" {
	map_fixture
	sed -i 's/^99.71,Kota Uji,kota$/99.71,"Kota <Uji> \& ""Pantai""",kota/' wilayah.csv
	run kim-coverage --as-of "$ASOF" -r 99.71 -f svg
	assert_success
	assert_equal "$(titles)" "Kota &lt;Uji&gt; &amp; &quot;Pantai&quot;: 66.7% (4/6), no target"
	assert_line --index 2 '<title id="kim-map-title">Villages with a KIM (aktif), by kabupaten/kota: Kota &lt;Uji&gt; &amp; &quot;Pantai&quot;</title>'
	kim-coverage --as-of "$ASOF" -r 99.71 -f svg >map.svg
	run xmllint --noout map.svg
	assert_success
}

# ---------------------------------------------------------------- demo

@test "demo: the map from the demo folder's own invented boundaries" {
	mkdemo
	run --separate-stderr kim-coverage --as-of "$ASOF" -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(titles)" "Kabupaten Sukamaju: 46.7% (7/15), target 100.0%, overdue since 2025-12-31
Kabupaten Tirta Rahayu: 53.3% (8/15), target 90.0%
Kabupaten Danau Lestari: 33.3% (4/12), target 80.0%
Kota Bukit Permai: 50.0% (7/14), target 75.0%"
	assert_equal "$(fills)" "99.01 #41b6c4
99.02 #41b6c4
99.03 #a1dab4
99.71 #41b6c4"
	# Sukamaju has a hole for the kota, Tirta Rahayu an island, Danau
	# Lestari a lake: two rings each
	assert_equal "$(sed -n 's/^<path class="region" data-code="\([^"]*\)".* d="\([^"]*\)".*/\1 \2/p' <<<"$output" |
		awk '{ c = $1; n = gsub(/M/, ""); print c, n }')" "99.01 2
99.02 2
99.03 2
99.71 1"
	kim-coverage --as-of "$ASOF" -f svg >demo.svg
	run xmllint --noout demo.svg
	assert_success
}

# ------------------------------------------------- features skipped, errors

@test "unknown codes, other levels, empty and non-polygon geometries: skipped with one warning" {
	map_fixture
	run --separate-stderr kim-coverage --as-of "$ASOF" --map "$FIX/boundaries-skip.geojson" -f svg
	assert_success
	assert_equal "${#stderr_lines[@]}" 2
	assert_equal "${stderr_lines[0]}" "kim-coverage: $FIX/boundaries-skip.geojson: warning: 6 of 7 features skipped: 2 without a code of wilayah.csv (first: feature 2 (99.98)); 1 of another level (first: feature 6 (99)); 2 with an empty geometry (first: feature 3 (99.02)); 1 whose geometry is not a Polygon or MultiPolygon (first: feature 4 (98.01): LineString)"
	assert_equal "${stderr_lines[1]}" "kim-coverage: $FIX/boundaries-skip.geojson: warning: no boundary for 3 of 4 regions (first: 98.01 Kabupaten Contoh); they are not drawn"
	assert_equal "$(fills)" "99.01 #ffffcc"
	assert_line '<text x="10" y="630">As of 2026-11-22. Boundaries: boundaries-skip.geojson, which names no source. 3 of 4 regions have no boundary and are not drawn.</text>'
}

@test "broken JSON in the boundaries exits 3 with its line and column" {
	map_fixture
	printf '%s\n' '{"type": "FeatureCollection", "features": [' \
		'{"type": "Feature", "properties": {"code": "99.01"},}' ']}' >boundaries/kabupaten.geojson
	run --separate-stderr kim-coverage --as-of "$ASOF" -f svg
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-coverage: boundaries/kabupaten.geojson:2:53: not JSON: string or '}' expected near '}'"
}

@test "boundaries that are not a FeatureCollection exit 3" {
	map_fixture
	echo '{"type": "Feature", "properties": {"code": "99.01"}, "geometry": null}' >boundaries/kabupaten.geojson
	run --separate-stderr kim-coverage --as-of "$ASOF" -f svg
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" 'kim-coverage: boundaries/kabupaten.geojson: not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})'
}

@test "bad coordinates of a region drawn exit 3, naming the feature; outside -r they are not read" {
	map_fixture
	cat >bad.geojson <<-'EOF'
	{"type": "FeatureCollection", "features": [
	{"type": "Feature", "properties": {"code": "99.01"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100, 0], [100.5, 0], [100.5, 0.5], [100, 0]]]}},
	{"type": "Feature", "properties": {"code": "99.02"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100, 0], [100.5, 0], [100.5, 0.5]]]}},
	{"type": "Feature", "properties": {"code": "99.71"}, "geometry": {"type": "MultiPolygon",
	 "coordinates": [[[[100, 0], [100.5, "0"], [100.5, 0.5], [100, 0]]]]}},
	{"type": "Feature", "properties": {"code": "98.01"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100, 0], [190.5, 0], [100.5, 0.5], [100, 0]]]}}
	]}
	EOF
	run --separate-stderr kim-coverage --as-of "$ASOF" --map bad.geojson -f svg
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" "kim-coverage: bad.geojson: feature 2 (99.02): coordinates: a ring is not an array of at least 4 positions (RFC 7946)
kim-coverage: bad.geojson: feature 3 (99.71): coordinates: a position is not [longitude, latitude]
kim-coverage: bad.geojson: feature 4 (98.01): coordinates: a position is outside longitude -180..180, latitude -90..90"
	run --separate-stderr kim-coverage --as-of "$ASOF" --map bad.geojson -r 99.01 -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(titles)" "Kabupaten Uji Satu: 16.7% (1/6), target 100.0%, overdue since 2025-12-31"
}

@test "no boundary inside the selection exits 3" {
	map_fixture
	run --separate-stderr kim-coverage --as-of "$ASOF" -r 98 --map "$FIX/boundaries-skip.geojson" -f svg
	assert_failure 3
	assert_output ""
	assert_equal "${stderr_lines[1]}" "kim-coverage: $FIX/boundaries-skip.geojson: no boundary of a kabupaten/kota inside the regions of -r"
}

@test "a boundary file that cannot be read exits 4" {
	map_fixture
	run --separate-stderr kim-coverage --as-of "$ASOF" --map nothere.geojson -f svg
	assert_failure 4
	assert_output ""
	assert_equal "$stderr" "kim-coverage: nothere.geojson: cannot open: No such file or directory"
}

@test "usage errors of -f svg and --map exit 2" {
	map_fixture
	rm -r boundaries
	run --separate-stderr kim-coverage -f svg
	assert_usage_error "kim-coverage: -f svg: no boundaries: boundaries/kabupaten.geojson is not there; give --map FILE"
	run --separate-stderr kim-coverage --by provinsi -f svg
	assert_usage_error "kim-coverage: -f svg: no boundaries: boundaries/provinsi.geojson is not there; give --map FILE"
	run --separate-stderr kim-coverage --by kecamatan -f svg
	assert_usage_error "kim-coverage: -f svg: no boundaries: boundaries/kecamatan.geojson is not there; give --map FILE"
	run --separate-stderr kim-coverage --labels all -f svg
	assert_usage_error "kim-coverage: --labels: 'all' is not one of none, code, name"
	run --separate-stderr kim-coverage --labels code -f csv
	assert_usage_error "kim-coverage: --labels draws a map: it goes with -f svg, not with another format"
	run --separate-stderr kim-coverage --labels code --missing
	assert_usage_error "kim-coverage: -f svg draws the rows: it does not go with --missing"
	run --separate-stderr kim-coverage --map "$FIX/boundaries-uji.geojson" -f csv
	assert_usage_error "kim-coverage: --map draws a map: it goes with -f svg, not with another format"
	run --separate-stderr kim-coverage --map "$FIX/boundaries-uji.geojson" --missing
	assert_usage_error "kim-coverage: -f svg draws the rows: it does not go with --missing"
	run --separate-stderr kim-coverage -f svg --value -r 99.01
	assert_usage_error "kim-coverage: -f svg draws the rows: it does not go with --value"
	run --separate-stderr kim-coverage --map "$FIX/boundaries-uji.geojson" --excel
	assert_usage_error "kim-coverage: --excel goes with csv or tsv output"
	# the last -f counts
	run --separate-stderr kim-coverage --map "$FIX/boundaries-uji.geojson" -f table -f svg
	assert_success
}

# labels: "TEXT X Y" for each label of the SVG in $output
labels() {
	sed -n '/^<g class="labels"/,/^<\/g>/s/^<text x="\([0-9.]*\)" y="\([0-9.]*\)">\([^<]*\)<\/text>$/\3 \1 \2/p' <<<"$output"
}

@test "labels: a kabupaten with a kota in a hole is labelled at the pole of its largest polygon, outside the hole" {
	map_fixture
	# 99.01 is 100..101.2 x 0..0.5 with a hole 100.3..100.7 x 0.1..0.4 where
	# the kota 99.71 lies: its centroid (100.6, 0.25) is in the hole; the
	# pole is the middle of the part right of it, (100.95, 0.25), which is
	# x 10 + 0.95 * 650 = 627.5 px, y 10 + 0.25 * 650 = 172.5 px (+3.5 to
	# the baseline), to a pixel
	run --separate-stderr kim-coverage --as-of "$ASOF" --map "$FIX/boundaries-hole.geojson" -f svg
	assert_success
	assert_output --partial '<path class="region" data-code="99.01" fill="#ffffcc" d="M10 335l780 0 0 -325 -780 0zM205 270l0 -195 260 0 0 195z">'
	assert_equal "$(labels)" "Uji Satu 627.6 176.6
Kota Uji 335 176"
	assert_line '<g class="labels" font-family="sans-serif" font-size="10" text-anchor="middle" fill="#000000" stroke="#ffffff" stroke-width="2" stroke-linejoin="round" paint-order="stroke" pointer-events="none">'
	# the label of the kabupaten is right of the hole (x 205..465)
	local x
	x=$(labels | awk '$1 == "Uji" { print int($3) }')
	(( x > 465 && x < 790 )) || fail "the label of 99.01 is at x $x, not right of its hole"
	# the caption names the file by its base name, and its source
	assert_line '<text x="10" y="395">As of 2026-11-22. Boundaries: boundaries-hole.geojson, source: invented for the tests of kim-tools. 2 of 4 regions have no boundary and are not drawn.</text>'
	run -0 --separate-stderr kim-coverage --as-of "$ASOF" --map "$FIX/boundaries-hole.geojson" --labels code -f svg
	assert_equal "$(labels)" "99.01 627.6 176.6
99.71 335 176"
	run -0 --separate-stderr kim-coverage --as-of "$ASOF" --map "$FIX/boundaries-hole.geojson" --labels none -f svg
	assert_equal "$(labels)" ""
	refute_line --partial 'class="labels"'
	# --labels alone draws the map, as --map does
	run -0 --separate-stderr kim-coverage --as-of "$ASOF" --labels code
	assert_line --index 0 '<?xml version="1.0" encoding="UTF-8"?>'
}

@test "labels: a name that does not fit gives way to the code, a code that does not fit is left out, and the caption counts it" {
	map_fixture
	# a kecamatan of 1 x 1 degree (560 px), one of 0.1 (56 px: "Tanjung Uji"
	# needs 68 px, "99.01.02" 50), one 0.02 high (11 px: nothing fits)
	cat >kec.geojson <<-'EOF'
	{"type": "FeatureCollection", "features": [
	{"type": "Feature", "properties": {"code": "99.01.01"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100, 0], [101, 0], [101, 1], [100, 1], [100, 0]]]}},
	{"type": "Feature", "properties": {"code": "99.01.02"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[101, 0], [101.1, 0], [101.1, 0.1], [101, 0.1], [101, 0]]]}},
	{"type": "Feature", "properties": {"code": "99.02.01"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[101, 0.5], [101.3, 0.5], [101.3, 0.52], [101, 0.52], [101, 0.5]]]}},
	{"type": "Feature", "properties": {"code": "99.02.02"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[101, 0.7], [101.3, 0.7], [101.3, 1], [101, 1], [101, 0.7]]]}}
	]}
	EOF
	run --separate-stderr kim-coverage --as-of "$ASOF" --by kecamatan -r 99.01 -r 99.02 --map kec.geojson -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(labels | cut -d' ' -f1-2 | sed 's/ [0-9.]*$//')" "Sukamaju
99.01.02
Bukit Uji"
	assert_line --regexp '^<text x="10" y="[0-9]+">As of 2026-11-22\. Boundaries: kec\.geojson, which names no source\. 1 of 4 labels do not fit their region and are left out\.</text>$'
	run -0 --separate-stderr kim-coverage --as-of "$ASOF" --by kecamatan -r 99.01 -r 99.02 --map kec.geojson -f svg --lang id
	assert_line --regexp '^<text x="10" y="[0-9]+">Per tanggal 2026-11-22\. Batas wilayah: kec\.geojson, yang tidak menyebut sumbernya\. 1 dari 4 label tidak muat di wilayahnya dan tidak ditampilkan\.</text>$'
	run -0 --separate-stderr kim-coverage --as-of "$ASOF" --map "$FIX/boundaries-hole.geojson" -f svg --lang id
	assert_line --regexp '^<text x="10" y="[0-9]+">Per tanggal 2026-11-22\. Batas wilayah: boundaries-hole\.geojson, sumber: invented for the tests of kim-tools\. '
}

@test "kecamatan maps of one kabupaten from the data folder's boundaries/kecamatan.geojson" {
	map_fixture
	cat >boundaries/kecamatan.geojson <<-'EOF'
	{"type": "FeatureCollection", "source": "invented", "features": [
	{"type": "Feature", "properties": {"code": "99.01.01"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100, 0], [100.5, 0], [100.5, 0.5], [100, 0.5], [100, 0]]]}},
	{"type": "Feature", "properties": {"code": "99.01.02"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[100.5, 0], [101, 0], [101, 0.5], [100.5, 0.5], [100.5, 0]]]}},
	{"type": "Feature", "properties": {"code": "99.02.01"}, "geometry": {"type": "Polygon",
	 "coordinates": [[[101, 0], [101.5, 0], [101.5, 0.5], [101, 0.5], [101, 0]]]}}
	]}
	EOF
	run --separate-stderr kim-coverage --as-of "$ASOF" --by kecamatan -r 99.01 -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(titles)" "Sukamaju: 33.3% (1/3), target 100.0%, overdue since 2025-12-31
Tanjung Uji: 0.0% (0/3), target 100.0%, overdue since 2025-12-31"
	assert_equal "$(labels | cut -d' ' -f1-2 | sed 's/ [0-9.]*$//')" "Sukamaju
Tanjung Uji"
	assert_line --regexp '^<text x="10" y="[0-9]+">As of 2026-11-22\. Boundaries: kecamatan\.geojson, source: invented\.</text>$'
	# the report of one kabupaten: its rows are its kecamatan, and so is its map
	run -0 --separate-stderr kim-report --as-of "$ASOF" -r 99.01 -f html
	assert_output --partial '<path class="region" data-code="99.01.01" '
	assert_output --partial '>Tanjung Uji</text>'
	run -0 --separate-stderr kim-report --as-of "$ASOF" -r 99.01 -f html --labels code
	assert_output --partial '>99.01.02</text>'
	refute_output --partial '>Tanjung Uji</text>'
	run -2 --separate-stderr kim-report --labels every
	assert_equal "${stderr_lines[0]}" "kim-report: --labels: 'every' is not one of none, code, name"
}

# ------------------------------------------------------- real boundaries

# Bali: each kabupaten/kota's first N villages in code order have an aktif
# KIM; with the village counts of wilayah.csv the percents are known:
#   51.01 Jembrana    0/51    0.0 #ffffcc   51.06 Bangli      14/72  19.4 #ffffcc
#   51.02 Tabanan   133/133 100.0 #253494   51.07 Karangasem  47/78  60.3 #2c7fb8
#   51.03 Badung     13/62   21.0 #a1dab4   51.08 Buleleng  119/148  80.4 #253494
#   51.04 Gianyar    28/70   40.0 #41b6c4   51.71 Denpasar    20/43  46.5 #41b6c4
#   51.05 Klungkung  47/59   79.7 #2c7fb8
# and the province's target of 100 holds for each.
bali() {
	need_geo
	mkdata_national bali
	{
		echo name,region,formed
		awk -F, '
		BEGIN {
			split("51.01 0 51.02 133 51.03 13 51.04 28 51.05 47 51.06 14 51.07 47 51.08 119 51.71 20", a, " ")
			for (i = 1; i < 18; i += 2)
				want[a[i]] = a[i + 1]
		}
		length($1) == 13 && substr($1, 1, 5) in want && ++n[substr($1, 1, 5)] <= want[substr($1, 1, 5)] {
			print "KIM " $1 "," $1 ",2020-01-01"
		}' "$WILAYAH"
	} >"$(kim_tmp)/bali.csv"
	kim-register --no-commit --as-of "$ASOF" --import "$(kim_tmp)/bali.csv" >/dev/null ||
		fail "bali: the import failed"
	printf '%s\n' region,target,due 51,100,2025-12-31 >targets.csv
	export KIM_DATA=.
}

@test "Bali: 9 paths, each with its name and percent, filled by its percent" {
	bali
	run --separate-stderr kim-coverage --as-of "$ASOF" -r 51 --by kabupaten --map "$GEO/kabupaten.geojson" -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(grep -c '<path' <<<"$output")" 9
	assert_equal "$(titles)" "Kabupaten Jembrana: 0.0% (0/51), target 100.0%, overdue since 2025-12-31
Kabupaten Tabanan: 100.0% (133/133), target 100.0%
Kabupaten Badung: 21.0% (13/62), target 100.0%, overdue since 2025-12-31
Kabupaten Gianyar: 40.0% (28/70), target 100.0%, overdue since 2025-12-31
Kabupaten Klungkung: 79.7% (47/59), target 100.0%, overdue since 2025-12-31
Kabupaten Bangli: 19.4% (14/72), target 100.0%, overdue since 2025-12-31
Kabupaten Karangasem: 60.3% (47/78), target 100.0%, overdue since 2025-12-31
Kabupaten Buleleng: 80.4% (119/148), target 100.0%, overdue since 2025-12-31
Kota Denpasar: 46.5% (20/43), target 100.0%, overdue since 2025-12-31"
	assert_equal "$(fills)" "51.01 #ffffcc
51.02 #253494
51.03 #a1dab4
51.04 #41b6c4
51.05 #2c7fb8
51.06 #ffffcc
51.07 #2c7fb8
51.08 #253494
51.71 #41b6c4"
	assert_line --index 2 '<title id="kim-map-title">Villages with a KIM (aktif), by kabupaten/kota: Bali</title>'
}

@test "Bali: well-formed, the same bytes twice, and the same from the folder's boundaries" {
	bali
	command -v xmllint >/dev/null || fail "xmllint is not installed (libxml2-utils, tests/deps.sh)"
	kim-coverage --as-of "$ASOF" -r 51 --map "$GEO/kabupaten.geojson" -f svg >one.svg
	kim-coverage --as-of "$ASOF" -r 51 --map "$GEO/kabupaten.geojson" -f svg >two.svg
	run xmllint --noout one.svg
	assert_success
	assert_output ""
	run cmp one.svg two.svg
	assert_success
	mkdir boundaries
	ln -s "$GEO/kabupaten.geojson" boundaries/kabupaten.geojson
	kim-coverage --as-of "$ASOF" -r 51 -f svg >folder.svg
	# the caption names the file by its base name: the same bytes
	run cmp one.svg folder.svg
	assert_success
	run grep -c "$GEO" one.svg
	assert_output 0
}

@test "Bali: every kabupaten and kota is labelled, and the report's HTML holds the same labels" {
	bali
	run -0 --separate-stderr kim-coverage --as-of "$ASOF" -r 51 --map "$GEO/kabupaten.geojson" -f svg
	assert_equal "$(labels | cut -d' ' -f1)" "Jembrana
Tabanan
Badung
Gianyar
Klungkung
Bangli
Karangasem
Buleleng
51.71"
	refute_output --partial 'do not fit'
	refute_output --partial "$GEO"
	assert_line --regexp '^<text x="10" y="[0-9]+">As of 2026-11-22\. Boundaries: kabupaten\.geojson, which names no source\.</text>$'
	mkdir boundaries
	ln -s "$GEO/kabupaten.geojson" boundaries/kabupaten.geojson
	run -0 --separate-stderr kim-report --as-of "$ASOF" -r 51 -f html --lang id
	for l in Jembrana Tabanan Badung Gianyar Klungkung Bangli Karangasem Buleleng 51.71; do
		assert_output --partial ">$l</text>"
	done
	assert_output --partial 'Batas wilayah: kabupaten.geojson, yang tidak menyebut sumbernya.'
}

@test "browser: the DOM of the Indonesian Bali report, as headless Chromium builds it, shows every kabupaten labelled" {
	command -v chromium >/dev/null || skip "chromium not installed (Debian package chromium; make deps installs it)"
	bali
	mkdir boundaries
	ln -s "$GEO/kabupaten.geojson" boundaries/kabupaten.geojson
	kim-report --as-of "$ASOF" -r 51 -f html --lang id -o "$(kim_tmp)/bali.html"
	run -0 timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(kim_tmp)/chromium" \
		--dump-dom "file://$(kim_tmp)/bali.html"
	assert_output --partial '<html lang="id">'
	# the texts of the labels' group, as the DOM holds them
	assert_equal "$(sed -n '/<g class="labels"/,/<\/g>/p' <<<"$output" | grep -oE '<text x="[0-9.]+" y="[0-9.]+">[^<]*</text>' | sed 's/<[^>]*>//g' | paste -sd' ')" \
		"Jembrana Tabanan Badung Gianyar Klungkung Bangli Karangasem Buleleng 51.71"
}

@test "Malang: Kota Malang is a hole of Kabupaten Malang, whose label is not put on it" {
	need_geo
	mkdata_national malang
	export KIM_DATA=.
	run -0 --separate-stderr kim-coverage --as-of "$ASOF" -r 35.07 -r 35.73 --map "$GEO/kabupaten.geojson" -f svg
	assert_equal "$(labels)" "Malang 427.6 393.3
35.73 421.2 197"
	# Kota Malang's box, from its path: absolute M, then relative l steps
	local box
	box=$(sed -n 's/^<path class="region" data-code="35.73" [^>]* d="M\([^"]*\)z".*/\1/p' <<<"$output" |
		tr 'l' ' ' | awk '{ x = $1; y = $2; a = b = x; c = d = y
			for (i = 3; i < NF; i += 2) { x += $i; y += $(i + 1)
				if (x < a) a = x; if (x > b) b = x; if (y < c) c = y; if (y > d) d = y }
			printf "%d %d %d %d", a, b, c, d }')
	read -r x0 x1 y0 y1 <<<"$box"
	(( x1 > x0 && y1 > y0 )) || fail "no box for Kota Malang: '$box'"
	# the label of Kabupaten Malang (427.6, 393.3) is outside that box
	(( 427 < x0 || 427 > x1 || 393 < y0 || 393 > y1 )) ||
		fail "Kabupaten Malang is labelled inside Kota Malang ($box)"
}

@test "national: 514 paths, well-formed, the same bytes twice" {
	need_geo
	mkdata_national
	command -v xmllint >/dev/null || fail "xmllint is not installed (libxml2-utils, tests/deps.sh)"
	run --separate-stderr kim-coverage --as-of "$ASOF" --map "$GEO/kabupaten.geojson" -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(grep -c '^<path class="region"' <<<"$output")" 514
	assert_equal "$(grep -c '<title>[^<]*: 0.0% (0/[0-9]*), no target</title></path>$' <<<"$output")" 514
	kim-coverage --as-of "$ASOF" --map "$GEO/kabupaten.geojson" -f svg >one.svg
	kim-coverage --as-of "$ASOF" --map "$GEO/kabupaten.geojson" -f svg >two.svg
	run xmllint --noout one.svg
	assert_success
	assert_output ""
	run cmp one.svg two.svg
	assert_success
}

@test "national: the provinces from provinsi.geojson, 38 paths" {
	need_geo
	mkdata_national
	run --separate-stderr kim-coverage --as-of "$ASOF" --by provinsi --map "$GEO/provinsi.geojson" -f svg
	assert_success
	assert_equal "$stderr" ""
	assert_equal "$(grep -c '^<path class="region"' <<<"$output")" 38
	assert_line --partial '<path class="region" data-code="51" fill="#ffffcc" d="M'
}

# ------------------------------------------------------------ browser

# pixels PNG: "R G B LUMINANCE COUNT" for each colour of the image, most
# used first (netpbm's ppmhist)
pixels() {
	pngtopnm "$1" | ppmhist -noheader | awk '{ print $1, $2, $3, $4, $5 }'
}

@test "browser: headless Chromium renders the Bali map with its five fills, darker by class" {
	command -v chromium >/dev/null || skip "chromium not installed (Debian package chromium; make deps installs it)"
	command -v pngtopnm >/dev/null || skip "netpbm not installed (make deps installs it)"
	bali
	kim-coverage --as-of "$ASOF" -r 51 --map "$GEO/kabupaten.geojson" -f svg >bali.svg
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(kim_tmp)/chromium" --hide-scrollbars \
		--window-size=800,600 --screenshot="$(kim_tmp)/bali.png" \
		"file://$PWD/bali.svg" >/dev/null 2>&1 || true
	[ -s "$(kim_tmp)/bali.png" ] || fail "chromium wrote no screenshot"
	mkdir -p "$KIM_TOP/tests/artifacts"
	cp "$(kim_tmp)/bali.png" "$KIM_TOP/tests/artifacts/kim-coverage-bali.png"
	pixels "$(kim_tmp)/bali.png" >"$(kim_tmp)/pixels"
	# not blank: white is the most used colour, and each class is drawn
	# by a region over far more than its legend swatch (18 x 12 px) ...
	run head -1 "$(kim_tmp)/pixels"
	assert_output --regexp '^255 255 255 255 [0-9]+$'
	run awk '
		$1 " " $2 " " $3 == "255 255 204" && $5 > 1000 { print "#ffffcc", $4 }
		$1 " " $2 " " $3 == "161 218 180" && $5 > 1000 { print "#a1dab4", $4 }
		$1 " " $2 " " $3 == "65 182 196" && $5 > 1000 { print "#41b6c4", $4 }
		$1 " " $2 " " $3 == "44 127 184" && $5 > 1000 { print "#2c7fb8", $4 }
		$1 " " $2 " " $3 == "37 52 148" && $5 > 1000 { print "#253494", $4 }' "$(kim_tmp)/pixels"
	# ... and in grey (ppmhist's luminance) each class is darker
	assert_equal "$(sort -k2,2nr <<<"$output")" "#ffffcc 249
#a1dab4 197
#41b6c4 149
#2c7fb8 109
#253494 59"
}
