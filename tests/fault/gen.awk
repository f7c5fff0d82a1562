# gen.awk: N deterministic KIM records over the villages of a wilayah.csv,
# as CSV for kim-register --import (name,region,formed,members,sectors).
#
#   awk -v n=100000 -v seed=1 -v tag=A -f tests/fault/gen.awk wilayah.csv
#
# The same n, seed and tag give the same records with any awk: the random
# numbers are a Park-Miller generator in whole numbers below 2^53, not
# rand().  Names are "KIM <tag> <i>", unique, so that batches with other
# tags can be imported on top.
BEGIN {
	FS = ","
	if (n == "") n = 1000
	if (seed == "") seed = 1
	if (tag == "") tag = "A"
	x = seed % 2147483647
	if (x <= 0) x = 1
	split("umkm pariwisata pertanian kesehatan lingkungan literasi", tags, " ")
}
function rnd(m) {	# a whole number from 0 to m - 1
	x = (x * 48271) % 2147483647
	return x % m
}
NR > 1 && $1 ~ /^[0-9][0-9]\.[0-9][0-9]\.[0-9][0-9]\.[0-9][0-9][0-9][0-9]$/ {
	v[nv++] = $1
}
END {
	if (nv == 0) { print "gen.awk: no villages in " FILENAME > "/dev/stderr"; exit 1 }
	print "name,region,formed,members,sectors"
	for (i = 1; i <= n; i++) {
		a = rnd(6) + 1
		b = rnd(6) + 1
		s = tags[a] (rnd(2) && b != a ? ";" tags[b] : "")
		printf "KIM %s %d,%s,%04d-%02d-%02d,%d,\"%s\"\n", tag, i, v[rnd(nv)],
			2000 + rnd(24), rnd(12) + 1, rnd(28) + 1, rnd(60), s
	}
}
