#!/usr/bin/env bats
# make install DESTDIR=... PREFIX=/usr lays the files out as a Debian
# package would; make uninstall removes exactly those; man -M on the
# installed tree finds and renders every page.  The test installs what the
# suite is testing: `make -o all` never rebuilds the binaries (make asan's
# stay asan's).

load test_helper

setup() {
	DEST="$(kim_tmp)/dest"
	mkdir -p "$DEST"
}

inst() {
	make --no-print-directory -s -C "$KIM_TOP" -o all "$@" DESTDIR="$DEST" PREFIX=/usr
}

# every file and link under DEST as "MODE PATH[ -> TARGET]", sorted
tree() {
	(cd "$DEST" && find . ! -type d -printf '%m %P%l\n' |
		sed 's/^777 \(.*\)kim-tools$/link \1 -> kim-tools/' | LC_ALL=C sort -k2)
}

# what the source tree's share/kim holds (what running the demo in place
# leaves there is not installed)
share_kim() {
	(cd "$KIM_TOP/share" && find kim \( -name .kim.lock -o -name .txn -o -name '*.tmp' \) \
		-prune -o -type f -printf '%m usr/share/%p\n' |
		sed 's/^[0-9]*7[0-9][0-9] /755 /; s/^6[0-9][0-9] /644 /')
}

expected() {
	{
		local c
		for c in activity check coverage eligible list merge register report score; do
			echo "755 usr/bin/kim-$c"
			echo "644 usr/share/man/man1/kim-$c.1"
			echo "link usr/share/bash-completion/completions/kim-$c -> kim-tools"
		done
		echo "644 usr/share/bash-completion/completions/kim-tools"
		echo "644 usr/share/man/man5/kim-data.5"
		echo "644 usr/share/man/man7/kim.7"
		echo "644 usr/share/man/id/man7/kim.7"
		echo "644 usr/share/locale/id/LC_MESSAGES/kim-tools.mo"
		share_kim
	} | LC_ALL=C sort -k2
}

@test "make install DESTDIR PREFIX=/usr: the exact list of files and modes" {
	run inst install
	assert_success
	run tree
	assert_output "$(expected)"
	# the completion links resolve
	[ -f "$DEST/usr/share/bash-completion/completions/kim-list" ]
}

@test "the installed commands run and find nothing of the build tree" {
	inst install
	run env -i PATH=/usr/bin:/bin "$DEST/usr/bin/kim-list" --version
	assert_success
	assert_output --regexp '^kim-list \(kim-tools\) [0-9.]+( \+git)?$'
	# their messages are the installed kim-tools.mo's (../share/locale)
	if locale -a | grep -qx 'id_ID.utf8'; then
		run env -i LANG=id_ID.UTF-8 "$DEST/usr/bin/kim-list" --as-of 2024-02-30
		assert_failure 2
		assert_line --index 0 "kim-list: --as-of: '2024-02-30' bukan tanggal yang sah (seharusnya TTTT-BB-HH)"
	fi
	run "$DEST/usr/bin/kim-check" -d "$DEST/usr/share/kim/demo" --as-of 2026-11-22
	assert_success
}

@test "man -M on the installed tree shows every page" {
	inst install
	local m name sec
	for m in "$KIM_TOP"/man/*.[1-8]; do
		name=${m##*/}; sec=${name##*.}; name=${name%.*}
		run man -M "$DEST/usr/share/man" -w "$sec" "$name"
		assert_success
		assert_output "$DEST/usr/share/man/man$sec/$name.$sec"
		run env MANPAGER=cat MANWIDTH=80 man -M "$DEST/usr/share/man" "$sec" "$name"
		assert_success
		assert_line --index 0 --regexp "^${name^^}\($sec\) "
	done
	# the Indonesian kim(7), as man finds it for LANG=id_ID.UTF-8 (man-db
	# looks in LANG/ of MANPATH's folders, not of -M's)
	run env MANPATH="$DEST/usr/share/man" man -L id -w 7 kim
	assert_output "$DEST/usr/share/man/id/man7/kim.7"
	run env MANPATH="$DEST/usr/share/man" MANPAGER=cat MANWIDTH=80 man -L id 7 kim
	assert_success
	assert_line --index 1 'NAME'
	assert_line --index 2 --regexp '^ +kim . perangkat register Kelompok Informasi Masyarakat$'
}

@test "make uninstall removes exactly what make install put there" {
	mkdir -p "$DEST/usr/bin" "$DEST/usr/share/kim"
	echo keep >"$DEST/usr/bin/other-tool"
	echo keep >"$DEST/usr/share/kim/mine.json"
	inst install
	run inst uninstall
	assert_success
	run tree
	assert_output $'644 usr/bin/other-tool\n644 usr/share/kim/mine.json'
	# the folders of share/kim it made are gone, standard ones stay
	[ ! -e "$DEST/usr/share/kim/demo" ]
	[ -d "$DEST/usr/share/man/man1" ]
}

@test "PREFIX=/usr/local and BINDIR override" {
	run make --no-print-directory -s -C "$KIM_TOP" -o all install DESTDIR="$DEST" \
		PREFIX=/usr/local BINDIR=/opt/kim/bin
	assert_success
	[ -x "$DEST/opt/kim/bin/kim-report" ]
	[ -f "$DEST/usr/local/share/man/man7/kim.7" ]
	[ -f "$DEST/usr/local/share/bash-completion/completions/kim-tools" ]
	[ ! -e "$DEST/usr/bin" ]
}
