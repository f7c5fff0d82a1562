#!/bin/sh
# Check for the Debian packages kim-tools needs to build and test
# (--bench: those make bench needs as well).
# Missing ones are installed when run as root, else the command to run is
# printed and the script fails. `tests/deps.sh --list` prints the list.
set -eu

PKGS="gcc make pkg-config libc6-dev libcsv-dev libjansson-dev libgit2-dev
git bats bats-assert bats-support mandoc cppcheck valgrind
clang libclang-rt-14-dev jq libxml2-utils chromium netpbm man-db
libreoffice-calc-nogui gettext locales libminizip-dev libexpat1-dev zip unzip
libxlsxwriter-dev tzdata"

# make bench: the peers it times (DuckDB comes from npm, when node is there)
if [ "${1:-}" = --bench ]; then
	PKGS="hyperfine miller csvkit sqlite3 time"
	shift
fi

if [ "${1:-}" = --list ]; then
	echo $PKGS
	exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "tests/deps.sh: no dpkg-query, not checking packages; kim-tools needs:" $PKGS >&2
	exit 0
fi

missing=
for p in $PKGS; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || status=
	case $status in
	*" ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
else
	echo "sudo apt-get install$missing" >&2
	exit 1
fi
