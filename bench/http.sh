#!/bin/sh
# http.sh: how fast sendap answers over HTTP, as a ratio of a bare libmicrohttpd server
# (bench/bare.c) doing the same work on the same box, in the same session. See
# bench/README.md.
#
# Pairs, each run ROUNDS times (default 3), interleaved and with the order flipped every
# round (sendap first in odd rounds, bare first in even ones):
#   sendap GET /healthz                          vs  bare GET /static
#   sendap GET /api/v1/local-authorities/{code}  vs  bare GET /la/{code}   (random codes)
# Every run starts the server fresh, warms up for 1 s, runs wrk -t1 -c32 -d5s --latency,
# stops the server with SIGTERM and checks that it exited 0. One more run of sendap with
# 64 connections reads its peak RSS (VmHWM) before stopping it.
#
# Prints a table of medians and the targets (sendap >= 40% of bare; RSS < 64 MiB) and
# writes the same to bench/out/. Exits 1 if a run went wrong (a server failed to start
# or exited non-zero, wrk saw socket errors or non-2xx answers); a target not met is
# reported, not an error.
#
# Environment: ROUNDS (default 3), DURATION (wrk -d, default 5s).
set -eu
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CONNS=32
RSS_CONNS=64
LA_LO=100 # seeded codes are LA_LO..LA_HI
LA_HI=399
RATIO_TARGET=40
RSS_TARGET_MIB=64
PKGS="libmicrohttpd jansson sqlite3"

case $ROUNDS in '' | *[!0-9]* | 0)
	echo "http.sh: ROUNDS must be a whole number of 1 or more" >&2
	exit 2
	;;
esac
command -v wrk >/dev/null || {
	echo "http.sh: wrk is not installed (apt-get install wrk)" >&2
	exit 2
}

# ---- build ----
make bin/sendap >&2
mkdir -p build/bench
# shellcheck disable=SC2046,SC2086 # $PKGS and pkg-config output split into words
cc -std=c11 -O2 -g -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wcast-qual -Wpointer-arith \
	-fno-common $(pkg-config --cflags $PKGS) -o build/bench/bare bench/bare.c \
	$(pkg-config --libs $PKGS) -lpthread

# ---- a seeded temporary database ----
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sendap-bench.XXXXXX")
srv_pid=""
cleanup() {
	if [ -n "$srv_pid" ]; then
		kill -TERM "$srv_pid" 2>/dev/null || true
		wait "$srv_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db=$tmp/bench.db
bin/sendap migrate --db "$db" >/dev/null 2>&1
# synthetic 3-digit codes LA_LO..LA_HI, names and regions like the real ones in length,
# beside the real LAs that migrate loaded from reference/ (a code in both keeps its real row)
sqlite3 "$db" "
WITH RECURSIVE n(i) AS (SELECT $LA_LO UNION ALL SELECT i + 1 FROM n WHERE i < $LA_HI),
region(k, r) AS (VALUES (0, 'North East'), (1, 'North West'), (2, 'Yorkshire and the Humber'),
	(3, 'East Midlands'), (4, 'West Midlands'), (5, 'East of England'), (6, 'London'),
	(7, 'South East'), (8, 'South West'))
INSERT OR IGNORE INTO local_authority (code, name, region)
SELECT printf('%03d', i), 'Local Authority ' || i, r FROM n JOIN region ON k = i % 9;"
seeded=$(sqlite3 "$db" "SELECT count(*) FROM local_authority")

# ---- output ----
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=bench/out
logs=$out/http-$stamp
mkdir -p "$logs"
runs=$out/http-$stamp.tsv
summary=$out/http-$stamp.txt
printf 'round\tpair\tserver\tconns\treq_s\tp99_ms\trequests\tcpu_us_per_req\tvmhwm_kib\tnon2xx\tsocket_errors\texit\n' >"$runs"
clk_tck=$(getconf CLK_TCK)
bad=0

# start_server NAME: start sendap or bare on a free port; sets srv_pid and base
start_server() {
	case $1 in
	sendap) bin/sendap serve --db "$db" --port 0 --quiet >"$tmp/srv.out" 2>"$tmp/srv.err" & ;;
	bare) build/bench/bare 0 "$db" >"$tmp/srv.out" 2>"$tmp/srv.err" & ;;
	esac
	srv_pid=$!
	base=""
	i=0
	while [ $i -lt 100 ]; do
		base=$(sed -n 's/^listening on //p' "$tmp/srv.out")
		[ -n "$base" ] && return 0
		kill -0 "$srv_pid" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	echo "http.sh: $1 did not start:" >&2
	cat "$tmp/srv.err" >&2
	exit 1
}

# stop_server: SIGTERM, wait, and set srv_rc to the exit status
stop_server() {
	kill -TERM "$srv_pid"
	srv_rc=0
	wait "$srv_pid" || srv_rc=$?
	srv_pid=""
}

# cpu_ticks: user + system clock ticks the server has used so far
cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$srv_pid/stat"
}

# run_one ROUND PAIR SERVER CONNS: one fresh server, warm-up, measured run, stop
run_one() {
	round=$1 pair=$2 server=$3 conns=$4
	start_server "$server"
	case $pair/$server in
	healthz/sendap) target=static path=/healthz ;;
	healthz/bare) target=static path=/static ;;
	la/sendap) target=/api/v1/local-authorities/ path=/api/v1/local-authorities/ ;;
	la/bare) target=/la/ path=/la/ ;;
	esac
	log=$logs/$pair-$server-c$conns-r$round.txt
	if [ "$target" = static ]; then
		# wrk takes the path from the URL: point it at the route
		wrk -t1 -c"$conns" -d1s "$base$path" >/dev/null 2>&1
		t0=$(cpu_ticks)
		wrk -t1 -c"$conns" -d"$DURATION" --latency "$base$path" >"$log" 2>&1
	else
		wrk -t1 -c"$conns" -d1s -s bench/random-la.lua "$base" -- "$target" "$LA_LO" \
			"$LA_HI" >/dev/null 2>&1
		t0=$(cpu_ticks)
		wrk -t1 -c"$conns" -d"$DURATION" --latency -s bench/random-la.lua "$base" -- \
			"$target" "$LA_LO" "$LA_HI" >"$log" 2>&1
	fi
	t1=$(cpu_ticks)
	hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$srv_pid/status")
	stop_server
	# req/s, p99 in ms, requests, non-2xx count, socket errors (sum of the four counts)
	fields=$(awk '
		function ms(v) {
			if (v ~ /us$/) return v / 1000
			if (v ~ /ms$/) return v + 0
			if (v ~ /s$/) return v * 1000
			return v + 0
		}
		/^Requests\/sec:/ { rps = $2 }
		/^ +99%/ { p99 = ms($2) }
		/ requests in / { n = $1 }
		/Non-2xx or 3xx responses:/ { non2xx = $NF }
		/Socket errors:/ { gsub(",", ""); sock = $4 + $6 + $8 + $10 }
		END { printf "%.0f %.3f %d %d %d\n", rps, p99, n, non2xx, sock }
	' "$log")
	# shellcheck disable=SC2086 # five numbers, split on purpose
	set -- $fields
	cpu=$(awk -v d=$((t1 - t0)) -v hz="$clk_tck" -v n="$3" \
		'BEGIN { printf "%.1f", n ? d / hz * 1e6 / n : 0 }')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$pair" "$server" \
		"$conns" "$1" "$2" "$3" "$cpu" "$hwm" "$4" "$5" "$srv_rc" >>"$runs"
	status=ok
	if [ "$srv_rc" != 0 ] || [ "$4" != 0 ] || [ "$5" != 0 ] || [ "$3" = 0 ]; then
		status="BAD (exit $srv_rc, non-2xx $4, socket errors $5)"
		bad=$((bad + 1))
	fi
	printf '  round %-3s %-7s %-6s -c%-3s %8s req/s  p99 %7s ms  %6s us CPU/req  %s\n' \
		"$round" "$pair" "$server" "$conns" "$1" "$2" "$cpu" "$status" >&2
}

echo "http.sh: $ROUNDS rounds, wrk -t1 -c$CONNS -d$DURATION, $seeded seeded LA codes" >&2
r=1
while [ $r -le "$ROUNDS" ]; do
	for pair in healthz la; do
		if [ $((r % 2)) = 1 ]; then
			run_one $r "$pair" sendap $CONNS
			run_one $r "$pair" bare $CONNS
		else
			run_one $r "$pair" bare $CONNS
			run_one $r "$pair" sendap $CONNS
		fi
	done
	r=$((r + 1))
done
run_one rss la sendap $RSS_CONNS

# ---- summary ----
# col PAIR SERVER COLUMN: the median of that column over the measured (-c32) runs
col() {
	awk -F '\t' -v p="$1" -v s="$2" -v c="$3" -v conns=$CONNS \
		'NR > 1 && $2 == p && $3 == s && $4 == conns { print $c }' "$runs" |
		sort -n | awk '{ v[NR] = $1 } END {
			if (NR == 0) { print "-"; exit }
			m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			print m }'
}

{
	cpu_model=$(awk -F ': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	echo "sendap HTTP bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) vCPU ($cpu_model)," \
		"$(uname -sr)"
	wrk_version=$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-3)
	git_rev=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
	git diff --quiet 2>/dev/null || git_rev="$git_rev+dirty"
	echo "$wrk_version, libmicrohttpd $(pkg-config --modversion libmicrohttpd)," \
		"SQLite $(pkg-config --modversion sqlite3), jansson" \
		"$(pkg-config --modversion jansson); git $git_rev"
	echo "wrk -t1 -c$CONNS -d$DURATION --latency, 1 s warm-up, fresh server per run;" \
		"median of $ROUNDS interleaved rounds; $seeded LA codes, random per request"
	echo
	printf '%-51s %12s %10s %6s %10s %9s %14s %12s\n' "route (bare route)" "sendap req/s" \
		"bare req/s" ratio "sendap p99" "bare p99" "sendap CPU/req" "bare CPU/req"
	ratios=""
	for pair in healthz la; do
		case $pair in
		healthz) label="/healthz (/static)" ;;
		la) label="/api/v1/local-authorities/{code} (/la/{code})" ;;
		esac
		s_rps=$(col $pair sendap 5)
		b_rps=$(col $pair bare 5)
		ratio=$(awk -v a="$s_rps" -v b="$b_rps" 'BEGIN { printf "%.0f", b ? 100 * a / b : 0 }')
		ratios="$ratios $pair=$ratio"
		printf '%-51s %12s %10s %5s%% %7s ms %6s ms %11s us %9s us\n' "$label" "$s_rps" \
			"$b_rps" "$ratio" "$(col $pair sendap 6)" "$(col $pair bare 6)" \
			"$(col $pair sendap 8)" "$(col $pair bare 8)"
	done
	rss_kib=$(awk -F '\t' '$1 == "rss" { print $9 }' "$runs")
	rss_rps=$(awk -F '\t' '$1 == "rss" { print $5 }' "$runs")
	rss_mib=$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')
	echo
	echo "peak RSS (VmHWM) of sendap under wrk -t1 -c$RSS_CONNS -d$DURATION on" \
		"/api/v1/local-authorities/{code}: $rss_mib MiB ($rss_kib KiB; $rss_rps req/s)"
	echo
	for pr in $ratios; do
		pair=${pr%%=*}
		ratio=${pr#*=}
		case $pair in
		healthz) what="/healthz vs bare /static" ;;
		la) what="/api/v1/local-authorities/{code} vs bare /la/{code}" ;;
		esac
		verdict="not met"
		[ "$ratio" -ge $RATIO_TARGET ] && verdict=met
		echo "target: sendap >= $RATIO_TARGET% of bare req/s, $what: $ratio% -- $verdict"
	done
	# the issue's own measure: the database-backed GET against bare's fixed body
	la_vs_static=$(awk -v a="$(col la sendap 5)" -v b="$(col healthz bare 5)" \
		'BEGIN { printf "%.0f", b ? 100 * a / b : 0 }')
	verdict="not met"
	[ "$la_vs_static" -ge $RATIO_TARGET ] && verdict=met
	echo "target: sendap >= $RATIO_TARGET% of bare req/s, /api/v1/local-authorities/{code}" \
		"(database) vs bare /static (fixed body): $la_vs_static% -- $verdict"
	verdict="not met"
	awk -v k="$rss_kib" -v t=$RSS_TARGET_MIB 'BEGIN { exit !(k != "" && k < t * 1024) }' &&
		verdict=met
	echo "target: sendap peak RSS < $RSS_TARGET_MIB MiB at -c$RSS_CONNS: $rss_mib MiB -- $verdict"
	if [ "$bad" = 0 ]; then
		echo "runs: all $((ROUNDS * 4 + 1)) exited 0 after SIGTERM, no socket errors, all 2xx"
	else
		echo "runs: $bad of $((ROUNDS * 4 + 1)) went wrong (see $runs)"
	fi
	echo "raw: $runs, wrk output in $logs/"
} >"$summary"
cat "$summary"
[ "$bad" = 0 ]
