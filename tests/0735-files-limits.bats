#!/usr/bin/env bats
# Issue 15, items 2 to 5: files of the data folder that are not regular
# files (a lock that is a link, a FIFO or a device where a register file
# should be), kim-report -o on a device, a FIFO or a link, and the limits
# of kim-data(5), LIMITS, held while reading (endless input ends with an
# error, memory stays bounded, an import read before the lock is taken).
# Every tool runs under timeout: a regression fails instead of hanging.

load test_helper

AS_OF=2024-06-30

reg() {
	kim-register --as-of "$AS_OF" --no-commit "$@"
}

# --- item 2: the lock file ---------------------------------------------------

@test "a .kim.lock that is a symbolic link is refused, its target never created" {
	mkdata
	echo '{"criteria": [{"field": "status", "is": ["aktif"]}]}' >../r.json
	ln -s ../outside .kim.lock
	local add="--as-of $AS_OF --no-commit --name KIM_Satu --region 99.01.01.2001 --formed 2021-03-04"
	for tool in "kim-register $add" "kim-register -n $add" "kim-list -c" \
	    "kim-coverage" "kim-eligible --rules ../r.json"; do
		run -3 --separate-stderr timeout 10 $tool
		assert_output ''
		assert_equal "$stderr" "${tool%% *}: $KIM_DATA/.kim.lock: a symbolic link: the lock file must be a regular file (kim-data(5))"
	done
	[ ! -e ../outside ] && [ ! -L ../outside ]
	[ -L .kim.lock ]
	[ ! -e kim/99.01.csv ]
}

@test "a .kim.lock that is a FIFO or a directory is refused by readers and writers, none waits" {
	mkdata
	for kind in FIFO directory; do
		rm -rf .kim.lock
		if [ $kind = FIFO ]; then mkfifo .kim.lock; else mkdir .kim.lock; fi
		run -3 --separate-stderr timeout 10 kim-register --no-commit \
			--name 'KIM Satu' --region 99.01.01.2001 --formed 2021-03-04
		assert_equal "$stderr" "kim-register: $KIM_DATA/.kim.lock: a $kind: the lock file must be a regular file (kim-data(5))"
		run -3 --separate-stderr timeout 10 kim-list
		assert_equal "$stderr" "kim-list: $KIM_DATA/.kim.lock: a $kind: the lock file must be a regular file (kim-data(5))"
	done
	[ ! -e kim/99.01.csv ]
}

# --- item 3: kim-report -o ---------------------------------------------------

@test "kim-report -o on a character device made with mknod writes into it and leaves the device" {
	[ "$(id -u)" = 0 ] || skip "mknod needs root"
	mkdemo
	mknod ../null c 1 3
	chmod 666 ../null
	run -0 --separate-stderr timeout 10 kim-report --as-of 2026-11-23 -o ../null
	assert_output ''
	assert_equal "$stderr" ''
	[ -c ../null ] || fail "../null is no longer a character device"
	assert_equal "$(stat -c '%t,%T %a' ../null)" '1,3 666'
	ls -a .. >../list
	run grep -c kimtmp ../list
	assert_output 0
}

@test "kim-report -o on a FIFO writes the whole report to its reader; the FIFO stays" {
	mkdemo
	mkfifo ../fifo
	kim-report --as-of 2026-11-23 >../expected.md
	timeout 10 cat ../fifo >../got.md &
	run -0 timeout 10 kim-report --as-of 2026-11-23 -o ../fifo
	wait $!
	[ -p ../fifo ] || fail "../fifo was replaced"
	cmp ../expected.md ../got.md
}

@test "kim-report -o - writes standard output; -o on a regular file or a new path replaces it" {
	mkdemo
	kim-report --as-of 2026-11-23 >../expected.md
	run -0 --separate-stderr kim-report --as-of 2026-11-23 -o -
	assert_equal "$output" "$(cat ../expected.md)"
	echo old >../old.md
	chmod 640 ../old.md
	run -0 kim-report --as-of 2026-11-23 -o ../old.md
	cmp ../expected.md ../old.md
	assert_equal "$(stat -c %a ../old.md)" 640
	run -0 kim-report --as-of 2026-11-23 -o ../new.md
	cmp ../expected.md ../new.md
}

@test "kim-report -o refuses a symbolic link and a directory: exit 4, link and target unchanged" {
	mkdemo
	echo mine >../victim
	ln -s victim ../link
	run -4 --separate-stderr timeout 10 kim-report --as-of 2026-11-23 -o ../link
	assert_output ''
	assert_equal "$stderr" "kim-report: ../link: a symbolic link: the output is written to a regular file (replaced), a character device or a FIFO"
	assert_equal "$(readlink ../link)" victim
	assert_equal "$(cat ../victim)" mine
	ln -s /dev/null ../devlink
	run -4 --separate-stderr timeout 10 kim-report --as-of 2026-11-23 -o ../devlink
	[ -L ../devlink ]
	mkdir ../dir
	run -4 --separate-stderr timeout 10 kim-report --as-of 2026-11-23 -o ../dir
	assert_equal "$stderr" "kim-report: ../dir: a directory: the output is written to a regular file (replaced), a character device or a FIFO"
	run ls -A ../dir
	assert_output ''
}

# --- item 5: a FIFO, a device or a directory where a regular file must be ----

# notreg PATH KIND: every tool refuses PATH, named with KIND, within 10 s
notreg() {
	local msg="$KIM_DATA/$1: $2: the files of the data folder must be regular files (kim-data(5))"
	run -3 --separate-stderr timeout 10 kim-list
	assert_output ''
	assert_equal "$stderr" "kim-list: $msg"
	run -3 --separate-stderr timeout 10 kim-coverage
	assert_equal "$stderr" "kim-coverage: $msg"
	run -1 --separate-stderr timeout 10 kim-check
	assert_line "$msg"
	run -3 --separate-stderr timeout 10 kim-register --no-commit \
		--name 'KIM Baru' --region 99.01.01.2002 --formed 2021-03-04
	assert_output ''
	assert_equal "$stderr" "kim-register: $msg
kim-register: nothing was written: 1 problem"
	# the lock was released: the next writer does not wait
	run -0 timeout 10 kim-register --no-commit --wait 0 \
		--name "KIM Baru, $2" --region 99.02.01.2001 --formed 2021-03-04
}

@test "a FIFO as kim/99.01.csv: kim-list, kim-check, kim-coverage and kim-register refuse it, none hangs" {
	mkdata
	reg --name 'KIM Satu' --region 99.01.01.2001 --formed 2021-03-04 >/dev/null
	mv kim/99.01.csv ../99.01.csv
	mkfifo kim/99.01.csv
	notreg kim/99.01.csv 'a FIFO'
	[ -p kim/99.01.csv ]
}

@test "a directory, or a link to a character device, as kim/99.01.csv is refused as well" {
	mkdata
	mkdir kim/99.01.csv
	notreg kim/99.01.csv 'a directory'
	rmdir kim/99.01.csv
	ln -s /dev/zero kim/99.01.csv
	notreg kim/99.01.csv 'a character device'
}

@test "a FIFO as wilayah.csv, targets.csv or rules/NAME.json is refused with its path; kim-check reports it" {
	mkdata
	mkdir rules
	echo '{"criteria": [{"field": "status", "is": ["aktif"]}]}' >rules/r.json
	mv wilayah.csv ../wilayah.csv
	mkfifo wilayah.csv
	run -3 --separate-stderr timeout 10 kim-list
	assert_equal "$stderr" "kim-list: $KIM_DATA/wilayah.csv: a FIFO: the files of the data folder must be regular files (kim-data(5))"
	run -1 --separate-stderr timeout 10 kim-check
	assert_output "$KIM_DATA/wilayah.csv: a FIFO: the files of the data folder must be regular files (kim-data(5))"
	rm wilayah.csv
	mv ../wilayah.csv .
	mkfifo targets.csv
	run -3 --separate-stderr timeout 10 kim-coverage
	assert_equal "$stderr" "kim-coverage: $KIM_DATA/targets.csv: a FIFO: the files of the data folder must be regular files (kim-data(5))"
	mv rules/r.json ../r.json
	mkfifo rules/r.json
	run -1 --separate-stderr timeout 10 kim-check
	assert_output "$KIM_DATA/targets.csv: a FIFO: the files of the data folder must be regular files (kim-data(5))
$KIM_DATA/rules/r.json: a FIFO: the files of the data folder must be regular files (kim-data(5))"
	# a file named on the command line may be a pipe
	rm targets.csv rules/r.json
	reg --name 'KIM Satu' --region 99.01.01.2001 --formed 2021-03-04 >/dev/null
	run -0 timeout 10 kim-eligible --rules <(cat ../r.json) -f csv
	assert_line --index 1 --partial '99.01.01.2001-1,KIM Satu,'
}

@test "a FIFO as boundaries/kabupaten.geojson or provinsi.geojson is refused by kim-coverage -f svg and kim-report -f html" {
	mkdata
	mkdir boundaries
	mkfifo boundaries/kabupaten.geojson
	run -3 --separate-stderr timeout 10 kim-coverage -f svg
	assert_equal "$stderr" "kim-coverage: $KIM_DATA/boundaries/kabupaten.geojson: a FIFO: the files of the data folder must be regular files (kim-data(5))"
	mkfifo boundaries/provinsi.geojson
	run -3 --separate-stderr timeout 10 kim-report -f html
	assert_equal "$stderr" "kim-report: $KIM_DATA/boundaries/provinsi.geojson: a FIFO: the files of the data folder must be regular files (kim-data(5))"
}

# --- item 4: the limits hold while reading -----------------------------------

@test "a 200 MB line under ulimit -v 100 MB: the place of the first byte past the limit, exit 3" {
	need_ulimit_v
	mkdata
	{ echo name,region,formed,notes; printf 'KIM A,99.01.01.2001,2021-03-04,'
	  head -c 200M /dev/zero | tr '\0' x; echo; } >../big.csv
	run -3 --separate-stderr bash -c 'ulimit -v 100000; exec timeout 60 kim-list ../big.csv'
	assert_output ''
	assert_equal "$stderr" "kim-list: ../big.csv:2:4: a field of more than 65536 bytes: that is the limit (kim-data(5), LIMITS)"
	run -3 --separate-stderr bash -c 'ulimit -v 100000; exec timeout 60 kim-register --no-commit --import ../big.csv'
	assert_equal "${stderr_lines[0]}" "kim-register: ../big.csv:2:4: a field of more than 65536 bytes: that is the limit (kim-data(5), LIMITS)"
	[ ! -e kim/99.01.csv ]
}

@test "a 200 MB JSON Lines line, and a JSON array's object over 1 MiB, end at the limit" {
	need_ulimit_v
	mkdata
	run -3 --separate-stderr bash -c '{ printf "{\"name\": \""; head -c 200M /dev/zero | tr "\0" x; } |
		{ ulimit -v 100000; exec timeout 60 kim-list -; }'
	assert_equal "$stderr" "kim-list: <stdin>:1:1048577: a line of more than 1048576 bytes: that is the limit (kim-data(5), LIMITS)"
	run -3 --separate-stderr bash -c '{ echo "["; echo "{\"name\": \""; head -c 200M /dev/zero | tr "\0" "\n"; } |
		{ ulimit -v 100000; exec timeout 60 kim-list -; }'
	assert_equal "$stderr" "kim-list: <stdin>:2: an object of more than 1048576 bytes: that is the limit (kim-data(5), LIMITS)"
}

@test "head -c 300M /dev/zero | kim-list - ends with the limit error, memory bounded" {
	need_ulimit_v
	mkdata
	run -3 --separate-stderr bash -c 'head -c 300M /dev/zero | { ulimit -v 100000; exec timeout 60 kim-list -; }'
	assert_output ''
	assert_equal "$stderr" "kim-list: <stdin>:1:1: a field of more than 65536 bytes: that is the limit (kim-data(5), LIMITS)"
}

@test "endless yes streams end: a header of y, and a million and one records" {
	need_ulimit_v
	mkdata
	run -3 --separate-stderr bash -c 'yes | timeout 60 kim-list -c -'
	assert_equal "${stderr_lines[0]}" "kim-list: <stdin>:1:1: unknown column 'y' (the columns are id, name, region, formed, sk, chair, secretary, treasurer, members, sectors, status, website, contact, verified, registered, updated, notes, former_ids)"
	run -3 --separate-stderr bash -c '{ echo name,region,formed; yes "KIM Ya,99.01.01.2001,2021-03-04"; } |
		{ ulimit -v 200000; exec timeout 60 kim-list -c -; }'
	assert_output ''
	assert_equal "$stderr" "kim-list: <stdin>:1000002:1: more than 1000000 records in one file: that is the limit (kim-data(5), LIMITS)"
	run -3 --separate-stderr bash -c 'yes "{\"name\": \"KIM Ya\", \"region\": \"99.01.01.2001\", \"formed\": \"2021-03-04\"}" |
		timeout 60 kim-list -c -'
	assert_equal "$stderr" "kim-list: <stdin>:1000001:1: more than 1000000 records in one file: that is the limit (kim-data(5), LIMITS)"
}

@test "a rule set over 16 MiB is refused at the limit, even endless" {
	mkdata
	run -3 --separate-stderr bash -c '{ echo "{\"criteria\": ["; yes "{\"field\": \"status\", \"is\": [\"aktif\"]},"; } |
		timeout 60 kim-eligible --rules /dev/stdin'
	assert_equal "$stderr" "kim-eligible: /dev/stdin: a rule set of more than 16777216 bytes: that is the limit (kim-data(5), LIMITS)"
}

@test "out of memory is reported as such (exit 4), never as malformed quoting, at any ulimit -v" {
	need_ulimit_v
	mkdata
	{ echo name,region,formed,notes; printf 'KIM A,99.01.01.2001,2021-03-04,'
	  head -c 20M /dev/zero | tr '\0' x; echo; } >../big.csv
	local v rc err seen=0
	for v in $(seq 8000 250 20000); do
		rc=0
		err=$(ulimit -v $v; timeout 60 kim-list ../big.csv 2>&1 >/dev/null) || rc=$?
		case $rc:$err in
		127:*'error while loading shared libraries'*) ;;
		4:'kim-list: ../big.csv:2: out of memory' | 4:'kim-list: out of memory') seen=$((seen + 1)) ;;
		3:'kim-list: ../big.csv:2:4: a field of more than 65536 bytes: that is the limit (kim-data(5), LIMITS)') ;;
		*) fail "ulimit -v $v: exit $rc: $err" ;;
		esac
	done
	echo "# out of memory at $seen of the limits tried" >&3
}

@test "kim-register --import - reads its input before the lock: a reader meanwhile is not blocked" {
	mkdata
	reg --name 'KIM Satu' --region 99.01.01.2001 --formed 2021-03-04 >/dev/null
	mkfifo ../slow
	{ echo name,region,formed; sleep 4; echo 'KIM Dua,99.01.01.2002,2021-03-04'; } >../slow &
	timeout 30 kim-register --no-commit --as-of $AS_OF --import - <../slow >../ids &
	local writer=$!
	sleep 1
	# a reader waits up to 10 s for the lock: 2 s tell that it did not wait
	run -0 timeout 2 kim-list -c
	assert_output 1
	run -0 timeout 2 kim-coverage --value -r 99.01
	wait $writer
	assert_equal "$(cat ../ids)" 99.01.01.2002-1
	run -0 kim-list -c
	assert_output 2
}
