#!/bin/sh
# clock.sh: how many case histories a second `sendap clock` works through, against two
# baselines run on the same input in the same session. See bench/README.md.
#
#   1. bench/clock_cases.py writes N realistic histories (default 100000, SEED 1) as one
#      JSON array; the same N and SEED give the same file.
#   2. ROUNDS interleaved rounds (default 3) of:
#        sendap clock on []           start-up and loading the rules, no cases
#        bench/bare_json              jansson reading the array, an answer of the same shape
#                                     per case, writing it compactly: the I/O around the clock
#        sendap clock --compact       the whole thing
#      each timed on wall clock, output to /dev/null; medians reported.
# It prints cases per second for sendap (all of its time) and for the clock alone (sendap
# minus bare_json), and fails if sendap answers any case with errors.
#
# Environment: N (default 100000), SEED (default 1), ROUNDS (default 3); BUILD=0 times the
# bin/sendap already there instead of running make first.
set -eu
cd "$(dirname "$0")/.."

N=${N:-100000}
SEED=${SEED:-1}
ROUNDS=${ROUNDS:-3}

if [ "${BUILD:-1}" != 0 ]; then
	make bin/sendap >&2
fi
mkdir -p build/bench
# shellcheck disable=SC2046 # pkg-config output splits into words
cc -std=c11 -O2 -Wall -Wextra -Werror $(pkg-config --cflags jansson) \
	-o build/bench/bare_json bench/bare_json.c $(pkg-config --libs jansson)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sendap-clock.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 bench/clock_cases.py "$N" "$SEED" >"$tmp/cases.json"
echo '[]' >"$tmp/empty.json"
bin/sendap clock --compact <"$tmp/cases.json" >"$tmp/out.json" || {
	echo "clock.sh: sendap clock refused a case:" >&2
	grep -o '"errors":[^]]*]' "$tmp/out.json" | head -3 >&2
	exit 1
}

# now_ms: wall clock in milliseconds
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}
# timed CMD...: run CMD with the input on stdin; print its wall time in ms
timed() {
	input=$1
	shift
	t0=$(now_ms)
	"$@" <"$input" >/dev/null
	t1=$(now_ms)
	echo $((t1 - t0))
}
median() {
	sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

: >"$tmp/empty.ms"
: >"$tmp/bare.ms"
: >"$tmp/clock.ms"
r=1
while [ "$r" -le "$ROUNDS" ]; do
	timed "$tmp/empty.json" bin/sendap clock --compact >>"$tmp/empty.ms"
	timed "$tmp/cases.json" build/bench/bare_json >>"$tmp/bare.ms"
	timed "$tmp/cases.json" bin/sendap clock --compact >>"$tmp/clock.ms"
	r=$((r + 1))
done
empty=$(median <"$tmp/empty.ms")
bare=$(median <"$tmp/bare.ms")
clock=$(median <"$tmp/clock.ms")
mb=$(du -m "$tmp/cases.json" | cut -f1)
deadlines=$(grep -o '"step":' "$tmp/out.json" | wc -l)

echo "clock.sh: $N cases ($mb MB of JSON, $deadlines deadlines), seed $SEED, median of $ROUNDS rounds"
awk -v n="$N" -v e="$empty" -v b="$bare" -v c="$clock" 'BEGIN {
	printf "  sendap clock on []           %7d ms  (start-up, rules and bank holidays)\n", e
	printf "  bare_json (jansson in/out)   %7d ms  %9.0f cases/s\n", b, n / (b / 1000)
	printf "  sendap clock --compact       %7d ms  %9.0f cases/s\n", c, n / (c / 1000)
	if (c - b - e > 0)
		printf "  the clock alone (sendap - bare - start-up) %5d ms  %9.0f cases/s\n", c - b - e, n / ((c - b - e) / 1000)
	printf "  sendap / bare_json           %7.2fx\n", c / b
}'
