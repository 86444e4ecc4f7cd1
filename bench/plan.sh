#!/bin/sh
# plan.sh: rendering an EHC plan with 100 provision lines (src/plan/render.c) against
# writing the same bytes with no logic. See bench/README.md.
# Environment: LINES (default 100), SECONDS (default 3).
set -eu
cd "$(dirname "$0")/.."
make bin/sendap >&2
mkdir -p build/bench
# shellcheck disable=SC2046 # pkg-config output splits into words
cc -std=c11 -O2 -g -Isrc -Ibuild/gen -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	$(pkg-config --cflags jansson libpq) -o build/bench/plan_render bench/plan_render.c \
	$(ls build/rel/src/*/*.o build/rel/build/gen/*.o) \
	$(pkg-config --libs libmicrohttpd jansson sqlite3 libsodium libpq) -lcsv -lpthread -lm
build/bench/plan_render "${LINES:-100}" "${SECONDS:-3}"
