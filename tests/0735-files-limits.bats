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
