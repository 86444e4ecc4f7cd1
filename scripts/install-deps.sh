#!/bin/sh
# install-deps.sh [run|test|bench]: apt-get only the Debian packages that are missing.
#   run    what building and serving need
#   test   that, plus what the whole test suite needs (chromium, postgresql-15, cmocka,
#          curl, node and npm), then the node packages from package-lock.json with npm ci
#   bench  that, plus wrk
# Safe to run any number of times: it installs nothing that is already there.
set -eu
cd "$(dirname "$0")/.."
what=${1:-run}

run_pkgs="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3
  libsodium-dev libpq-dev libcsv-dev libxml2-dev libxml2-utils"
test_pkgs="libcmocka-dev libcurl4-openssl-dev chromium postgresql-15 postgresql-client-15
  clang-format ca-certificates"
bench_pkgs="wrk"

pkgs=$run_pkgs
case $what in
run) ;;
test) pkgs="$pkgs $test_pkgs" ;;
bench) pkgs="$pkgs $test_pkgs $bench_pkgs" ;;
*) echo "usage: $0 [run|test|bench]" >&2; exit 2 ;;
esac

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# node and npm: the machine may have its own (newer) node; Debian's is the fallback
if [ "$what" != run ] && ! command -v npm >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi

if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "install-deps: missing packages:$missing (run as root, or install them)" >&2
		exit 1
	fi
	echo "install-deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ "$what" != run ]; then
	# node packages for the browser suite and the OpenAPI lint, exactly as locked
	if [ ! -f node_modules/.package-lock.json ] ||
		! cmp -s package-lock.json node_modules/.sendap-lock 2>/dev/null; then
		npm ci --no-audit --no-fund --loglevel=error
		cp package-lock.json node_modules/.sendap-lock
	fi
fi
