#!/usr/bin/env bats
# The EXAMPLES of the man pages, run as tests; and mandoc -Tlint on every page.
#
# In the EXAMPLES section of each man/*.1 page, every `.Bd -literal` block
# is an example, and must begin with a command line:
#
#   * a line starting with "$ " is a command (the rest of the line);
#   * lines starting with "> " right after it continue the command, as the
#     shell's PS2 prompt shows them (a line ending in a backslash, or the
#     lines of a here-document);
#   * every other line is the output that the command must print: standard
#     output and standard error merged, in order, exactly.
#
# Inside the block the mdoc escapes \e (backslash), \& (nothing), \(aq (')
# and \- (-) are undone; any other escape, a request line (starting with "."
# or "'") and a .Dl display in EXAMPLES are errors, so that nothing in an
# EXAMPLES section is left untested by mistake.  Exit statuses are not
# compared: an example shows one only by printing it (`|| echo ...`).
#
# State: the commands of one page run in page order in ONE fresh copy of
# share/kim/demo, the current directory, with the tools on PATH and
# KIM_DATA unset, so a later example sees the changes of the earlier ones.
# The copy must not be inside a git work tree (kim-register would commit
# to it); an example that wants git runs `git init` in the copy.  An
# example that mentions KIM_SHARED reads the national data from there (it
# is set to ../shared), and is skipped when that is absent.
# Each block has its own @test below ("PAGE(1) example N"); it starts from
# a fresh copy, replays the commands of blocks 1..N-1 of the page without
# looking at their output (their own tests do), then checks block N.
#
# Adding or removing an example block means adding or removing its @test
# line here: the test "every example block of man/*.1 has its @test" says
# which.  A page without examples fails that test too.

load test_helper

# examples PAGE DIR: extract the examples of man page PAGE into DIR:
#   DIR/NNN.cmd    command NNN (1-based, in page order), as bash reads it
#   DIR/NNN.out    the output it must print
#   DIR/NNN.where  PAGE:LINE of its "$ " line
#   DIR/blocks     one line per command: BLOCK NNN
# Fails, with a message on standard error, when PAGE has no examples or an
# EXAMPLES section that cannot be run as it is written.
examples() {
	local page=$1 dir=$2
	rm -rf "$dir" && mkdir -p "$dir" || return 1
	awk -v dir="$dir" -v page="${page#"$KIM_TOP"/}" '
	function die(msg) {
		printf "%s:%d: %s\n", page, NR, msg > "/dev/stderr"
		failed = 1
		exit 1
	}
	function unescape(s,    out, c, i, n) {
		out = ""
		n = length(s)
		for (i = 1; i <= n; i++) {
			c = substr(s, i, 1)
			if (c != "\\") {
				out = out c
				continue
			}
			c = substr(s, i + 1, 1)
			if (c == "e")
				out = out "\\"
			else if (c == "-")
				out = out "-"
			else if (c == "&")
				;
			else if (substr(s, i + 1, 3) == "(aq") {
				out = out "\047"
				i += 2
			} else
				die("escape \\" c " in an example (only \\e \\& \\(aq \\- are undone)")
			i++
		}
		return out
	}
	function finish() {
		if (cmd != "") {
			close(cmd)
			close(out)
		}
		cmd = ""
	}
	/^\.Sh / {
		if (inbd)
			die("unclosed .Bd in EXAMPLES")
		inex = $0 == ".Sh EXAMPLES"
		next
	}
	!inex { next }
	/^\.Bd -literal/ {
		inbd = 1
		nb++
		first = 1
		next
	}
	/^\.Dl/ && !inbd { die(".Dl in EXAMPLES is not run: use .Bd -literal with a \"$ \" line") }
	!inbd { next }
	/^\.Ed/ {
		if (first)
			die("empty example block")
		finish()
		inbd = 0
		next
	}
	/^[.\047]/ { die("a request line inside an example block (write \\&. for a literal dot)") }
	{
		line = unescape($0)
		if (substr(line, 1, 2) == "$ ") {
			finish()
			nc++
			cmd = sprintf("%s/%03d.cmd", dir, nc)
			out = sprintf("%s/%03d.out", dir, nc)
			printf "%s\n", substr(line, 3) > cmd
			printf "" > out
			printf "%s:%d\n", page, NR > sprintf("%s/%03d.where", dir, nc)
			close(sprintf("%s/%03d.where", dir, nc))
			printf "%d %03d\n", nb, nc > (dir "/blocks")
			cont = 1
		} else if (first) {
			die("an example block must begin with a \"$ \" command line")
		} else if (cont && substr(line, 1, 2) == "> ") {
			printf "%s\n", substr(line, 3) > cmd
		} else {
			cont = 0
			printf "%s\n", line > out
		}
		first = 0
	}
	END {
		if (failed)
			exit 1
		if (inbd)
			die("unclosed .Bd at the end of the page")
		finish()
		if (nc == 0) {
			printf "%s: no examples: EXAMPLES needs .Bd -literal blocks with \"$ \" command lines\n", page > "/dev/stderr"
			exit 1
		}
		close(dir "/blocks")
	}' "$page"
}

# The man/*.1 pages, by name (kim-list).
pages() {
	local p
	for p in "$KIM_TOP"/man/*.1; do
		[ -e "$p" ] && basename "$p" .1
	done
}

# Skip an example that needs the national list and real boundaries when
# ../shared does not have them.
need_shared_geo() {
	need_national
	[ -f "$SHARED/data/geo/kabupaten.geojson" ] ||
		skip "../shared/data/geo/kabupaten.geojson not found: the example needs ../shared beside the project"
}

# example PAGE N: run example block N of man/PAGE.1 (see the top of the file)
example() {
	local page=$1 n=$2 ex demo b c last=0
	ex=$BATS_TEST_TMPDIR/examples
	examples "$KIM_TOP/man/$page.1" "$ex" || fail "man/$page.1: cannot extract the examples"
	grep -q "^$n " "$ex/blocks" || fail "man/$page.1 has no example block $n"

	# an example of git history needs a kim-tools built with libgit2; one
	# of the national data reads it from $KIM_SHARED, the tests' ../shared
	while read -r b c; do
		[ "$b" -ne "$n" ] || ! grep -q '^git ' "$ex/$c.cmd" || need_git
		[ "$b" -ne "$n" ] || ! grep -q 'KIM_SHARED' "$ex/$c.cmd" ||
			need_shared_geo
	done <"$ex/blocks"
	export KIM_SHARED=$SHARED

	demo=$BATS_TEST_TMPDIR/demo
	cp -R "$KIM_TOP/share/kim/demo" "$demo" || fail "cannot copy share/kim/demo"
	rm -f "$demo/.kim.lock"
	cd "$demo" || fail "cannot cd to $demo"
	unset KIM_DATA
	# kim-register commits to the git work tree a data folder is in
	! git rev-parse --show-toplevel >/dev/null 2>&1 ||
		fail "$demo is inside the git work tree $(git rev-parse --show-toplevel): the examples would commit to it; set TMPDIR to a folder outside"

	while read -r b c; do
		if [ "$b" -lt "$n" ]; then
			bash -c "$(cat "$ex/$c.cmd")" >/dev/null 2>&1 || true
			continue
		fi
		[ "$b" -eq "$n" ] || break
		# shown only when the test fails
		printf '# %s: $ %s\n' "$(cat "$ex/$c.where")" "$(cat "$ex/$c.cmd")"
		run bash -c "$(cat "$ex/$c.cmd")"
		assert_output "$(cat "$ex/$c.out")"
		last=$c
	done <"$ex/blocks"
	[ "$last" != 0 ] || fail "man/$page.1 example $n has no command"
}

@test "the example extractor undoes \\e \\& \\(aq \\- and reads continued commands" {
	local page=$BATS_TEST_TMPDIR/x.1 ex=$BATS_TEST_TMPDIR/x
	cat >"$page" <<-'EOF'
	.Sh DESCRIPTION
	.Bd -literal
	$ not an example
	.Ed
	.Sh EXAMPLES
	Text.
	.Bd -literal -offset indent
	$ printf \(aq%s\en\(aq \(aqa\-b\(aq .x \e
	> c
	a-b
	\&.x
	c
	$ true
	.Ed
	.Bd -literal -offset indent
	$ cat <<'X'
	> one
	> X
	one
	.Ed
	.Sh SEE ALSO
	EOF
	examples "$page" "$ex" || fail "extraction failed"
	assert_equal "$(cat "$ex/blocks")" "$(printf '1 001\n1 002\n2 003')"
	assert_equal "$(cat "$ex/001.cmd")" "printf '%s\n' 'a-b' .x \\
c"
	assert_equal "$(cat "$ex/001.out")" "$(printf 'a-b\n.x\nc')"
	assert_equal "$(cat "$ex/002.cmd")" "true"
	assert_equal "$(cat "$ex/002.out")" ""
	assert_equal "$(cat "$ex/003.cmd")" "$(printf "cat <<'X'\none\nX")"
	assert_equal "$(cat "$ex/003.where")" "$page:16"
	run bash -c "$(cat "$ex/001.cmd")"
	assert_output "$(cat "$ex/001.out")"
}

@test "the example extractor fails loudly on a page it cannot run" {
	local page=$BATS_TEST_TMPDIR/x.1 ex=$BATS_TEST_TMPDIR/x
	printf '%s\n' .Sh NAME .Sh EXAMPLES 'No blocks.' .Sh 'SEE ALSO' >"$page"
	run examples "$page" "$ex"
	assert_failure
	assert_output --partial "no examples"

	printf '%s\n' '.Sh EXAMPLES' '.Bd -literal' 'output first' .Ed >"$page"
	run examples "$page" "$ex"
	assert_failure
	assert_output --partial 'must begin with a "$ " command line'

	printf '%s\n' '.Sh EXAMPLES' '.Bd -literal' '$ echo \fBx\fR' .Ed >"$page"
	run examples "$page" "$ex"
	assert_failure
	assert_output --partial 'escape \f'

	printf '%s\n' '.Sh EXAMPLES' '.Dl kim-list' >"$page"
	run examples "$page" "$ex"
	assert_failure
	assert_output --partial '.Dl in EXAMPLES'
}

@test "every example block of man/*.1 has its @test, and every page has examples" {
	local page nblocks ntests want got
	[ -n "$(pages)" ] || fail "no man/*.1 pages"
	for page in $(pages); do
		examples "$KIM_TOP/man/$page.1" "$BATS_TEST_TMPDIR/$page" ||
			fail "man/$page.1: no examples that can be run"
		nblocks=$(cut -d' ' -f1 "$BATS_TEST_TMPDIR/$page/blocks" | sort -un | wc -l)
		want=$(seq 1 "$nblocks")
		got=$(sed -n "s/^@test \"$page(1) example \([0-9]*\)\".*/\1/p" \
			"$BATS_TEST_FILENAME" | sort -n)
		ntests=$(printf '%s' "$got" | grep -c .) || true
		[ "$got" = "$want" ] ||
			fail "man/$page.1 has $nblocks example blocks, $BATS_TEST_FILENAME tests ${ntests} (numbers: $(echo $got)): one @test \"$page(1) example N\" per block"
	done
}

@test "mandoc -Tlint -Wwarning is clean on every man page" {
	local m n=0
	command -v mandoc >/dev/null || fail "mandoc is not installed (tests/deps.sh)"
	for m in "$KIM_TOP"/man/*.[1-8]; do
		[ -e "$m" ] || continue
		n=$((n + 1))
		run mandoc -Tlint -Wwarning "$m"
		assert_output ""
		assert_success
	done
	[ "$n" -gt 0 ] || fail "no man pages"
}

@test "kim-merge(1) example 1" { example kim-merge 1; }
@test "kim-merge(1) example 2" { example kim-merge 2; }
@test "kim-merge(1) example 3" { example kim-merge 3; }
@test "kim-register(1) example 1" { example kim-register 1; }
@test "kim-register(1) example 2" { example kim-register 2; }
@test "kim-register(1) example 3" { example kim-register 3; }
@test "kim-register(1) example 4" { example kim-register 4; }
@test "kim-register(1) example 5" { example kim-register 5; }
@test "kim-register(1) example 6" { example kim-register 6; }
@test "kim-register(1) example 7" { example kim-register 7; }
@test "kim-register(1) example 8" { example kim-register 8; }
@test "kim-register(1) example 9" { example kim-register 9; }
@test "kim-register(1) example 10" { example kim-register 10; }

@test "kim-list(1) example 1" { example kim-list 1; }
@test "kim-list(1) example 2" { example kim-list 2; }
@test "kim-list(1) example 3" { example kim-list 3; }
@test "kim-list(1) example 4" { example kim-list 4; }
@test "kim-list(1) example 5" { example kim-list 5; }
@test "kim-list(1) example 6" { example kim-list 6; }
@test "kim-list(1) example 7" { example kim-list 7; }
@test "kim-list(1) example 8" { example kim-list 8; }
@test "kim-list(1) example 9" { example kim-list 9; }

@test "kim-activity(1) example 1" { example kim-activity 1; }
@test "kim-activity(1) example 2" { example kim-activity 2; }
@test "kim-activity(1) example 3" { example kim-activity 3; }
@test "kim-activity(1) example 4" { example kim-activity 4; }
@test "kim-activity(1) example 5" { example kim-activity 5; }
@test "kim-check(1) example 1" { example kim-check 1; }
@test "kim-check(1) example 2" { example kim-check 2; }
@test "kim-check(1) example 3" { example kim-check 3; }
@test "kim-check(1) example 4" { example kim-check 4; }
@test "kim-check(1) example 5" { example kim-check 5; }
@test "kim-check(1) example 6" { example kim-check 6; }
@test "kim-check(1) example 7" { example kim-check 7; }

@test "kim-coverage(1) example 1" { example kim-coverage 1; }
@test "kim-coverage(1) example 2" { example kim-coverage 2; }
@test "kim-coverage(1) example 3" { example kim-coverage 3; }
@test "kim-coverage(1) example 4" { example kim-coverage 4; }
@test "kim-coverage(1) example 5" { example kim-coverage 5; }
@test "kim-coverage(1) example 6" { example kim-coverage 6; }
@test "kim-coverage(1) example 7" { example kim-coverage 7; }
@test "kim-coverage(1) example 8" { example kim-coverage 8; }
@test "kim-coverage(1) example 9" { example kim-coverage 9; }
@test "kim-coverage(1) example 10" { example kim-coverage 10; }
@test "kim-coverage(1) example 11" { example kim-coverage 11; }
@test "kim-coverage(1) example 12" { example kim-coverage 12; }
@test "kim-coverage(1) example 13" { example kim-coverage 13; }
@test "kim-coverage(1) example 14" { example kim-coverage 14; }
@test "kim-coverage(1) example 15" { example kim-coverage 15; }

@test "kim-eligible(1) example 1" { example kim-eligible 1; }
@test "kim-eligible(1) example 2" { example kim-eligible 2; }
@test "kim-eligible(1) example 3" { example kim-eligible 3; }
@test "kim-eligible(1) example 4" { example kim-eligible 4; }
@test "kim-eligible(1) example 5" { example kim-eligible 5; }

@test "kim-report(1) example 1" { example kim-report 1; }
@test "kim-report(1) example 2" { example kim-report 2; }
@test "kim-report(1) example 3" { example kim-report 3; }
@test "kim-report(1) example 4" { example kim-report 4; }
@test "kim-report(1) example 5" { example kim-report 5; }
@test "kim-report(1) example 6" { example kim-report 6; }
@test "kim-report(1) example 7" { example kim-report 7; }
@test "kim-report(1) example 8" { example kim-report 8; }

@test "kim-score(1) example 1" { example kim-score 1; }
@test "kim-score(1) example 2" { example kim-score 2; }
@test "kim-score(1) example 3" { example kim-score 3; }
@test "kim-score(1) example 4" { example kim-score 4; }
@test "kim-score(1) example 5" { example kim-score 5; }
@test "kim-score(1) example 6" { example kim-score 6; }
