#!/bin/sh
# placement.sh: a tailored list (src/placement/candidates.c and rank.c) over a national
# directory of 25,000 settings, timed as a ratio to the bare SQL it runs. See
# bench/README.md.
#
#   1. a fresh SQLite database (sendap migrate), filled by bench/placement_rank.c with a
#      made-up national directory spread over England, children on the rolls, ANALYZE;
#   2. the query plans of the two statements (the box must use organisation_place);
#   3. for HOMES child homes spread over England, in ROUNDS interleaved rounds of SECONDS
#      each side: (a) the two statements straight on SQLite, prepared once, every column
#      read; (b) placement_candidates() + placement_rank() (limit 10, 20 miles).
#
# Environment: SETTINGS (default 25000), HOMES (default 300), SECONDS (default 3),
# ROUNDS (default 3). Run it with sh (dash): bash keeps its own SECONDS.
set -eu
cd "$(dirname "$0")/.."
make bin/sendap >&2
mkdir -p build/bench
# shellcheck disable=SC2046 # pkg-config output splits into words
cc -std=c11 -O2 -g -Isrc -Ibuild/gen -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	$(pkg-config --cflags jansson libpq) -o build/bench/placement_rank bench/placement_rank.c \
	$(ls build/rel/src/*/*.o build/rel/build/gen/*.o) \
	$(pkg-config --libs libmicrohttpd jansson sqlite3 libsodium libpq) -lcsv -lpthread -lm
db=build/bench/placement.db
rm -f "$db" "$db-wal" "$db-shm"
bin/sendap migrate --db "$db" --reference reference >build/bench/placement-migrate.log 2>&1 || {
	cat build/bench/placement-migrate.log >&2
	exit 1
}
build/bench/placement_rank seed "$db" "${SETTINGS:-25000}"
build/bench/placement_rank run "$db" "${HOMES:-300}" "${SECONDS:-3}" "${ROUNDS:-3}"
