# kim-tools: plain GNU make.
#
#   make            build lib/libkim.a and every bin/kim-* beside its .c
#   make test       install missing Debian packages (as root), build, run tests
#   make demo       build, check and list the demonstration data folder,
#                   and write its report to kim-report-demo.html
#   make install    PREFIX=/usr/local DESTDIR= BINDIR= MANDIR= SHAREDIR=
#                   COMPDIR= LOCALEDIR= (see install: below)
#   make asan | valgrind | lint | uninstall | clean | deps
#   make bench      time the tools against Miller, csvkit, sqlite3, DuckDB
#   make WITH_GIT=0 builds without libgit2.

CC       ?= cc
AR       ?= ar
CFLAGS   ?= -std=c11 -Wall -Wextra -Werror -O2 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE
CPPFLAGS ?=
LDFLAGS  ?=
LDLIBS   ?=
WITH_GIT ?= 1

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
SHAREDIR ?= $(PREFIX)/share
MANDIR   ?= $(PREFIX)/share/man
LOCALEDIR ?= $(SHAREDIR)/locale

# What the project itself needs; the user's CPPFLAGS/LDLIBS are added after.
# libcsv ships no .pc file; Jansson, minizip, expat, libxlsxwriter and
# libgit2 do.
KIM_CPPFLAGS := -Ilib -pthread $(shell pkg-config --cflags jansson minizip expat xlsxwriter) \
	-DKIM_LOCALEDIR='"$(LOCALEDIR)"'
KIM_LDLIBS   := -lcsv $(shell pkg-config --libs jansson) -lm -pthread -ldl
# libxlsxwriter, minizip and expat are opened when first used, not linked
# (lib/kim_extlib.h says why): by the sonames of the libraries found here.
soname = $(shell readelf -d "$$($(CC) -print-file-name=lib$(1).so)" 2>/dev/null | \
	sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
EXT_SONAMES := $(call soname,xlsxwriter) $(call soname,minizip) $(call soname,expat)
ifneq ($(words $(EXT_SONAMES)),3)
$(error cannot find the sonames of libxlsxwriter.so, libminizip.so and libexpat.so (readelf -d): install their -dev packages and binutils)
endif
KIM_CPPFLAGS += -DKIM_XLSXWRITER_SONAME='"$(word 1,$(EXT_SONAMES))"' \
	-DKIM_MINIZIP_SONAME='"$(word 2,$(EXT_SONAMES))"' -DKIM_EXPAT_SONAME='"$(word 3,$(EXT_SONAMES))"'
ifeq ($(WITH_GIT),1)
# libgit2 is opened when a repository is first used, not linked
# (lib/kim_gitlib.h says why): by the soname of the library found here.
GIT_SONAME   := $(shell readelf -d "$$(pkg-config --variable=libdir libgit2)/libgit2.so" 2>/dev/null | \
	sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
ifeq ($(GIT_SONAME),)
$(error cannot find libgit2.so's soname (readelf -d): install libgit2-dev and binutils, or build with WITH_GIT=0)
endif
KIM_CPPFLAGS += -DKIM_WITH_GIT=1 -DKIM_GIT_SONAME='"$(GIT_SONAME)"' $(shell pkg-config --cflags libgit2)
KIM_LDLIBS   += -ldl
else
KIM_CPPFLAGS += -DKIM_WITH_GIT=0
endif

ALL_CPPFLAGS = $(KIM_CPPFLAGS) $(CPPFLAGS)
ALL_LDLIBS   = $(KIM_LDLIBS) $(LDLIBS)

LIB_SRC := $(wildcard lib/*.c)
LIB_HDR := $(wildcard lib/*.h)
LIB_OBJ := $(LIB_SRC:.c=.o)
BINS    := $(patsubst %.c,%,$(wildcard bin/kim-*.c))

MAN1 := $(wildcard man/*.1)
MAN5 := $(wildcard man/*.5)
MAN7 := $(wildcard man/*.7)
MANS := $(wildcard man/*.[1-8] man/*/*.[1-8])

SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer -g -O1

# Translations: po/LANG.po, kept in the repository, is compiled to
# share/locale/LANG/LC_MESSAGES/kim-tools.mo (a build output) where the
# tools in bin/ find it.  make po extracts the messages to po/kim-tools.pot
# with xgettext and merges them into every po/LANG.po.
POS  := $(wildcard po/*.po)
MOS  := $(patsubst po/%.po,share/locale/%/LC_MESSAGES/kim-tools.mo,$(POS))

all: $(BINS) $(MOS)

share/locale/%/LC_MESSAGES/kim-tools.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The functions that take a message (or its format) as their Nth argument;
# each file's static problem() has its own, hence two passes.
XGETTEXT = xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	--add-location=file \
	--package-name=kim-tools --package-version=$(shell sed -n 's/.*KIM_VERSION "\(.*\)"/\1/p' lib/kim_cli.h) \
	--keyword=_ --keyword=N_ --keyword=kim_usage:2 --keyword=kim_warn:1 \
	--keyword=kim_die:2 --keyword=kim_diefile:5 --keyword=kim_diagf:5 \
	--keyword=kim_vdiagf:5 --keyword=kim_diag_warnf:5 --keyword=kim_record_problem:4 \
	--keyword=heading:3 --keyword=textf:2 --keyword=paraf:2 --keyword=more:4
po/kim-tools.pot: $(LIB_SRC) $(wildcard bin/kim-*.c)
	$(XGETTEXT) --keyword=problem:4 -o $@ $(filter-out lib/kim_rules.c lib/kim_csv.c lib/kim_rubric.c,$^)
	$(XGETTEXT) --keyword=problem:5 -j -o $@ lib/kim_rules.c lib/kim_csv.c lib/kim_rubric.c

po: po/kim-tools.pot
	@for p in $(POS); do \
		echo "msgmerge $$p"; msgmerge -q --update --backup=none --no-fuzzy-matching --add-location=file $$p po/kim-tools.pot; \
	done

# .build-flags holds the compiler and flags of the last build; it is only
# rewritten when they change (make asan, WITH_GIT=0, ...), and everything
# depends on it, so a later plain `make` rebuilds normal binaries.
BUILD_FLAGS = $(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(LDFLAGS) $(ALL_LDLIBS)
.build-flags: FORCE
	@flags='$(subst ','\'',$(BUILD_FLAGS))'; \
	if [ "$$(cat $@ 2>/dev/null)" != "$$flags" ]; then \
		printf '%s\n' "$$flags" > $@; \
	fi

lib/%.o: lib/%.c $(LIB_HDR) .build-flags
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) -c -o $@ $<

lib/libkim.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BINS): bin/%: bin/%.c lib/libkim.a $(LIB_HDR) .build-flags
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libkim.a $(ALL_LDLIBS)

deps:
	@sh tests/deps.sh

test: deps
	@$(MAKE) --no-print-directory all tests/bench/gen tests/bench/csvcount
	tests/run

# The demonstration folder: checked, listed, its coverage and the KIM its
# rule set picks, and its weekly report written to a file.  --as-of keeps
# the demo's answers the same every day.
DEMO = share/kim/demo
DEMO_ASOF = 2026-11-22
DEMO_REPORT = 2026-11-23
DEMO_HTML = kim-report-demo.html
demo: deps
	@$(MAKE) --no-print-directory all
	bin/kim-check -d $(DEMO) --as-of $(DEMO_ASOF)
	bin/kim-list -d $(DEMO) --as-of $(DEMO_ASOF) -f table \
		--fields id,name,status,desa,kecamatan,kabupaten,age
	bin/kim-coverage -d $(DEMO) --as-of $(DEMO_ASOF) -f table
	bin/kim-coverage -d $(DEMO) --as-of $(DEMO_ASOF) -f svg >kim-coverage-demo.svg
	@echo "The demo's coverage map: kim-coverage-demo.svg (open it in a browser)"
	bin/kim-eligible -d $(DEMO) --rules $(DEMO)/rules/contoh-2025.json \
		--explain -f table
	bin/kim-report -d $(DEMO) -r 99 --as-of $(DEMO_REPORT) \
		--rules $(DEMO)/rules/contoh-2025.json -f html -o $(DEMO_HTML)
	@echo "The demo's weekly report: $(DEMO_HTML) (open it in a browser)"

# Sanitizers: everything is rebuilt with $(SANITIZE) (via .build-flags) and
# any report aborts the command, so the test that ran it fails.
asan: deps
	@$(MAKE) --no-print-directory all CFLAGS='$(CFLAGS) $(SANITIZE)' LDFLAGS='$(LDFLAGS) $(SANITIZE)'
	ASAN_OPTIONS=halt_on_error=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	tests/run

# tests/run puts wrapper scripts that run each kim-* under valgrind first on PATH.
valgrind: deps
	@$(MAKE) --no-print-directory all
	KIM_VALGRIND=1 tests/run

# A command's main file reads like its SYNOPSIS: the work is in lib/.
BIN_MAX_LINES = 250

lint:
	@set -e; \
	if [ -n "$(wildcard lib/*.[ch] bin/*.[ch])" ]; then \
		echo "cppcheck lib bin"; \
		cppcheck -q --enable=warning,style,performance,portability --suppress=variableScope \
			--error-exitcode=1 --inline-suppr --std=c11 -Ilib \
			--suppress=missingIncludeSystem lib bin; \
	fi; \
	for m in $(MANS); do \
		echo "mandoc -Tlint $$m"; \
		out=$$(mandoc -Tlint -Wwarning "$$m" 2>&1) && [ -z "$$out" ] || { \
			printf '%s\n' "$$out"; exit 1; }; \
	done; \
	echo "tests/include-cycles lib"; \
	sh tests/include-cycles lib; \
	echo "bin/*.c at most $(BIN_MAX_LINES) lines"; \
	for f in bin/*.c; do \
		n=$$(wc -l <"$$f"); \
		[ "$$n" -le $(BIN_MAX_LINES) ] || { \
			echo "$$f: $$n lines, more than $(BIN_MAX_LINES): a command's main file reads like its SYNOPSIS; move the work into lib/" >&2; \
			exit 1; }; \
	done

# The benchmark (tests/bench/run): its generator links libkim; the peers
# come from Debian (tests/deps.sh --bench) and DuckDB from npm into the
# ignored tests/bench/node_modules.
tests/bench/gen: tests/bench/gen.c lib/libkim.a $(LIB_HDR) .build-flags
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libkim.a $(ALL_LDLIBS)

tests/bench/csvcount: tests/bench/csvcount.c .build-flags
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< -lcsv

tests/bench/genact: tests/bench/genact.c lib/libkim.a $(LIB_HDR) .build-flags
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libkim.a $(ALL_LDLIBS)

bench: deps
	@sh tests/deps.sh --bench
	@$(MAKE) --no-print-directory all tests/bench/gen tests/bench/csvcount
	@if command -v npm >/dev/null && [ ! -d tests/bench/node_modules/@duckdb/node-api ]; then \
		cd tests/bench && npm install --no-audit --no-fund --silent; fi
	tests/bench/run | tee tests/bench/last-run.md
.PHONY: bench


# What make install puts where, as Debian lays a package out:
#   $(BINDIR)/kim-*                         the nine commands
#   $(MANDIR)/man1, man5, man7              the manual; man/LANG/*.N go
#                                           to $(MANDIR)/LANG/manN
#   $(SHAREDIR)/kim/                        demo folder, rule sets, pre-commit
#   $(COMPDIR)/kim-*, kim-tools             bash completion (loaded by name)
#   $(LOCALEDIR)/LANG/LC_MESSAGES/kim-tools.mo
# make uninstall removes exactly these files, and the folders under
# $(SHAREDIR)/kim that are then empty; never a standard folder.
COMPDIR   ?= $(SHAREDIR)/bash-completion/completions
# share/kim's files, without what running the demo in place leaves there
SHARE_KIM := $(shell find share/kim \( -name .kim.lock -o -name .txn -o -name '*.tmp' \) \
	-prune -o -type f -print 2>/dev/null | LC_ALL=C sort)
SHARE_KIM_DIRS := $(shell find share/kim -type d 2>/dev/null | LC_ALL=C sort -r)
COMPS     := $(wildcard share/bash-completion/completions/*)
MAN_L10N  := $(wildcard man/*/*.[1-8])

install: all $(MOS)
	install -d '$(DESTDIR)$(BINDIR)'
	$(if $(BINS),install -m 755 $(BINS) '$(DESTDIR)$(BINDIR)')
	$(if $(MAN1),install -d '$(DESTDIR)$(MANDIR)/man1')
	$(if $(MAN1),install -m 644 $(MAN1) '$(DESTDIR)$(MANDIR)/man1')
	$(if $(MAN5),install -d '$(DESTDIR)$(MANDIR)/man5')
	$(if $(MAN5),install -m 644 $(MAN5) '$(DESTDIR)$(MANDIR)/man5')
	$(if $(MAN7),install -d '$(DESTDIR)$(MANDIR)/man7')
	$(if $(MAN7),install -m 644 $(MAN7) '$(DESTDIR)$(MANDIR)/man7')
	@set -e; for m in $(MAN_L10N); do \
		l=$${m#man/}; l=$${l%%/*}; d='$(DESTDIR)$(MANDIR)'/$$l/man$${m##*.}; \
		echo "install -m 644 $$m $$d"; install -d "$$d"; install -m 644 "$$m" "$$d"; \
	done
	@set -e; for f in $(SHARE_KIM); do \
		d='$(DESTDIR)$(SHAREDIR)'/$${f#share/}; m=644; [ -x "$$f" ] && m=755; \
		echo "install -m $$m $$f $$d"; install -d "$${d%/*}"; install -m $$m "$$f" "$$d"; \
	done
	$(if $(COMPS),install -d '$(DESTDIR)$(COMPDIR)')
	@set -e; for f in $(COMPS); do \
		d='$(DESTDIR)$(COMPDIR)'/$${f##*/}; \
		if [ -L "$$f" ]; then echo "ln -sf $$(readlink "$$f") $$d"; ln -sf "$$(readlink "$$f")" "$$d"; \
		else echo "install -m 644 $$f $$d"; install -m 644 "$$f" "$$d"; fi; \
	done
	@set -e; for f in $(MOS); do \
		d='$(DESTDIR)$(LOCALEDIR)'/$${f#share/locale/}; \
		echo "install -m 644 $$f $$d"; install -d "$${d%/*}"; install -m 644 "$$f" "$$d"; \
	done

uninstall:
	$(if $(BINS),rm -f $(addprefix '$(DESTDIR)$(BINDIR)'/,$(notdir $(BINS))))
	$(if $(MAN1),rm -f $(addprefix '$(DESTDIR)$(MANDIR)/man1'/,$(notdir $(MAN1))))
	$(if $(MAN5),rm -f $(addprefix '$(DESTDIR)$(MANDIR)/man5'/,$(notdir $(MAN5))))
	$(if $(MAN7),rm -f $(addprefix '$(DESTDIR)$(MANDIR)/man7'/,$(notdir $(MAN7))))
	@for m in $(MAN_L10N); do \
		l=$${m#man/}; l=$${l%%/*}; \
		rm -f '$(DESTDIR)$(MANDIR)'/$$l/man$${m##*.}/$${m##*/}; \
	done
	@for f in $(SHARE_KIM); do rm -f '$(DESTDIR)$(SHAREDIR)'/$${f#share/}; done
	@for d in $(SHARE_KIM_DIRS); do \
		rmdir '$(DESTDIR)$(SHAREDIR)'/$${d#share/} 2>/dev/null || :; \
	done
	@for f in $(COMPS); do rm -f '$(DESTDIR)$(COMPDIR)'/$${f##*/}; done
	@for f in $(MOS); do rm -f '$(DESTDIR)$(LOCALEDIR)'/$${f#share/locale/}; done

# Binaries are the bin/kim-* names without a dot: never bin/*.c.
clean:
	rm -f lib/*.o bin/*.o lib/libkim.a .build-flags $(DEMO_HTML)
	for f in bin/kim-*; do \
		case $$f in *.*) ;; *) if [ -f "$$f" ]; then rm -f "$$f"; fi ;; esac; \
	done
	rm -rf tests/tmp share/locale po/kim-tools.pot
	rm -f kim-coverage-demo.svg
	rm -f tests/bench/gen tests/bench/csvcount tests/bench/genact

FORCE:

.PHONY: all deps test demo asan valgrind lint install uninstall clean po FORCE

# ---- fuzzing (tests/fuzz/) ----
# make fuzz [FUZZ_SECONDS=N]  build each libFuzzer harness with clang
#                             (address and undefined sanitizers) and run it N
#                             seconds from its seed corpus tests/fuzz/corpus/NAME
# make fuzz-build             only build them, in tests/fuzz/build/
# make fuzz-replay            the harnesses built with $(CC) and a plain driver
#                             (make fuzz-replay-build), run once on every input
#                             of the seed corpus: no clang needed
FUZZERS      := csv csvfast jsonl rules date region wilayah targets period
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SAN      = -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_BUILD   := tests/fuzz/build
FUZZ_DEFS     = -DKIM_FUZZ_DEMO='"$(CURDIR)/share/kim/demo"'
FUZZ_OBJ     := $(patsubst lib/%.c,$(FUZZ_BUILD)/lib/%.o,$(LIB_SRC))
REPLAY_OBJ   := $(patsubst lib/%.c,$(FUZZ_BUILD)/replay-lib/%.o,$(LIB_SRC))
FUZZ_BINS    := $(addprefix $(FUZZ_BUILD)/fuzz_,$(FUZZERS))
REPLAY_BINS  := $(addprefix $(FUZZ_BUILD)/replay_,$(FUZZERS))
FUZZ_HDR     := $(wildcard tests/fuzz/*.h)

$(FUZZ_BUILD)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CPPFLAGS) -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
		-fsanitize=fuzzer-no-link,address,undefined $(FUZZ_SAN) -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ) $(FUZZ_HDR) $(LIB_HDR)
	$(FUZZ_CC) $(ALL_CPPFLAGS) -std=c11 -D_DEFAULT_SOURCE $(FUZZ_DEFS) \
		-fsanitize=fuzzer,address,undefined $(FUZZ_SAN) -o $@ $< $(FUZZ_OBJ) $(ALL_LDLIBS)

$(FUZZ_BUILD)/replay-lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(REPLAY_OBJ) $(FUZZ_HDR) $(LIB_HDR)
	$(CC) $(ALL_CPPFLAGS) $(CFLAGS) $(FUZZ_DEFS) $(LDFLAGS) -o $@ $< \
		tests/fuzz/replay.c $(REPLAY_OBJ) $(ALL_LDLIBS)

# the objects are kept between builds
.SECONDARY: $(FUZZ_OBJ) $(REPLAY_OBJ)

fuzz-build: $(FUZZ_BINS)

fuzz-replay-build: $(REPLAY_BINS)

fuzz-replay: fuzz-replay-build
	@for f in $(FUZZERS); do \
		printf 'replay %-8s ' "$$f"; \
		$(FUZZ_BUILD)/replay_$$f tests/fuzz/corpus/$$f || exit 1; \
	done

fuzz: fuzz-build
	tests/fuzz/run $(FUZZ_SECONDS) $(FUZZERS)

.PHONY: fuzz fuzz-build fuzz-replay fuzz-replay-build

clean: fuzz-clean
fuzz-clean:
	rm -rf $(FUZZ_BUILD)
.PHONY: fuzz-clean

# ---- faults (tests/fault/) ----
# make faults  crash injection, FAULT_INJECTIONS (1000) SIGKILLs of imports
#              and updates of a register of FAULT_RECORDS (100000) KIM, shared
#              among FAULT_JOBS (2) harnesses with their own folders and seeds,
#              in a git repository, the commit window included (crash -g:
#              "N kills, 0 changes left uncommitted");
#              then 50 writers and 10 readers at once on FAULT_RECORDS KIM.
#              Needs ../shared/data/wilayah/wilayah.csv.  make test runs a
#              small version (tests/0700-faults.bats).
# make faults-offices  FAULT_CLONES (10) clones of one bare repository each
#              register FAULT_REGISTRATIONS (100) KIM into one kabupaten's
#              file at once, pulling before each push (tests/fault/offices),
#              and count KIM lost, not pushed, twice and manual resolutions
#              (issue 18's figure: 1000, 0, 0, 0).  Not part of make faults
#              while it fails: see tests/bench/RESULTS.md.
FAULT_INJECTIONS ?= 1000
FAULT_RECORDS    ?= 100000
FAULT_JOBS       ?= 2
FAULT_WORK       ?= tests/tmp/faults
FAULT_CLONES     ?= 10
FAULT_REGISTRATIONS ?= 100

faults: all
	@set -e; pids=; \
	for j in $$(seq 1 $(FAULT_JOBS)); do \
		tests/fault/crash -v -g -n $$(( ($(FAULT_INJECTIONS) + $(FAULT_JOBS) - j) / $(FAULT_JOBS) )) \
			-r $(FAULT_RECORDS) -b 10000 -s $$j $(FAULT_WORK)/crash-$$j & pids="$$pids $$!"; \
	done; \
	status=0; for p in $$pids; do wait $$p || status=1; done; \
	tests/fault/concurrent -R $(FAULT_RECORDS) $(FAULT_WORK)/concurrent || status=1; \
	exit $$status

faults-offices: all
	tests/fault/offices -c $(FAULT_CLONES) -n $(FAULT_REGISTRATIONS) $(FAULT_WORK)/offices

.PHONY: faults faults-offices
