# kim-tools: plain GNU make.
#
#   make            build lib/libkim.a and every bin/kim-* beside its .c
#   make test       install missing Debian packages (as root), build, run tests
#   make demo       build, check and list the demonstration data folder
#   make install    PREFIX=/usr/local DESTDIR= BINDIR= MANDIR= SHAREDIR=
#   make asan | valgrind | lint | uninstall | clean | deps
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

# What the project itself needs; the user's CPPFLAGS/LDLIBS are added after.
# libcsv ships no .pc file, Jansson and libgit2 do.
KIM_CPPFLAGS := -Ilib $(shell pkg-config --cflags jansson)
KIM_LDLIBS   := -lcsv $(shell pkg-config --libs jansson) -lm
ifeq ($(WITH_GIT),1)
KIM_CPPFLAGS += -DKIM_WITH_GIT=1 $(shell pkg-config --cflags libgit2)
KIM_LDLIBS   += $(shell pkg-config --libs libgit2)
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
MANS := $(wildcard man/*.[1-8])

SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer -g -O1

all: $(BINS)

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
	@$(MAKE) --no-print-directory all
	tests/run

# The demonstration folder: checked, listed, its coverage and the KIM its
# rule set picks.  --as-of keeps the demo's answers the same every day.
DEMO = share/kim/demo
DEMO_ASOF = 2026-11-22
demo: deps
	@$(MAKE) --no-print-directory all
	bin/kim-check -d $(DEMO) --as-of $(DEMO_ASOF)
	bin/kim-list -d $(DEMO) --as-of $(DEMO_ASOF) -f table \
		--fields id,name,status,desa,kecamatan,kabupaten,age
	bin/kim-coverage -d $(DEMO) --as-of $(DEMO_ASOF) -f table
	bin/kim-eligible -d $(DEMO) --rules $(DEMO)/rules/contoh-2025.json \
		--explain -f table

# Sanitizers: everything is rebuilt with $(SANITIZE) (via .build-flags) and
# any report aborts the command, so the test that ran it fails.
asan: deps
	@$(MAKE) --no-print-directory all CFLAGS='$(CFLAGS) $(SANITIZE)' LDFLAGS='$(LDFLAGS) $(SANITIZE)'
	ASAN_OPTIONS=halt_on_error=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	tests/run

# tests/run puts wrapper scripts that run each kim-* under valgrind first on PATH.
valgrind: deps
	@$(MAKE) --no-print-directory all
	KIM_VALGRIND=1 tests/run

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
	done

install: all
	install -d '$(DESTDIR)$(BINDIR)'
	$(if $(BINS),install -m 755 $(BINS) '$(DESTDIR)$(BINDIR)')
	$(if $(MAN1),install -d '$(DESTDIR)$(MANDIR)/man1')
	$(if $(MAN1),install -m 644 $(MAN1) '$(DESTDIR)$(MANDIR)/man1')
	$(if $(MAN5),install -d '$(DESTDIR)$(MANDIR)/man5')
	$(if $(MAN5),install -m 644 $(MAN5) '$(DESTDIR)$(MANDIR)/man5')
	$(if $(MAN7),install -d '$(DESTDIR)$(MANDIR)/man7')
	$(if $(MAN7),install -m 644 $(MAN7) '$(DESTDIR)$(MANDIR)/man7')
	install -d '$(DESTDIR)$(SHAREDIR)'
	cp -R share/kim '$(DESTDIR)$(SHAREDIR)/'
	if [ -d share/bash-completion ]; then \
		cp -R share/bash-completion '$(DESTDIR)$(SHAREDIR)/'; \
	fi

uninstall:
	$(if $(BINS),rm -f $(addprefix '$(DESTDIR)$(BINDIR)'/,$(notdir $(BINS))))
	$(if $(MAN1),rm -f $(addprefix '$(DESTDIR)$(MANDIR)/man1'/,$(notdir $(MAN1))))
	$(if $(MAN5),rm -f $(addprefix '$(DESTDIR)$(MANDIR)/man5'/,$(notdir $(MAN5))))
	$(if $(MAN7),rm -f $(addprefix '$(DESTDIR)$(MANDIR)/man7'/,$(notdir $(MAN7))))
	rm -rf '$(DESTDIR)$(SHAREDIR)/kim'
	if [ -d share/bash-completion ]; then \
		cd share && find bash-completion -type f -o -type l | \
		while IFS= read -r f; do rm -f '$(DESTDIR)$(SHAREDIR)'/"$$f"; done; \
	fi

# Binaries are the bin/kim-* names without a dot: never bin/*.c.
clean:
	rm -f lib/*.o bin/*.o lib/libkim.a .build-flags
	for f in bin/kim-*; do \
		case $$f in *.*) ;; *) if [ -f "$$f" ]; then rm -f "$$f"; fi ;; esac; \
	done
	rm -rf tests/tmp

FORCE:

.PHONY: all deps test demo asan valgrind lint install uninstall clean FORCE
