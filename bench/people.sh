#!/bin/sh
# people.sh: the people area's costs, each against a bare baseline measured in the same run.
# See bench/README.md.
#
#   1. sendap demo --children N (default 100000): wall time and peak RSS.
#   2. a caseworker's caseload page with exactly 300 cases (GET /children: session lookup,
#      the page of 50 and the count, the HTML, the audit row) against bench/bare_sql.c
#      running the same two statements straight on SQLite;
#   3. a child search by the start of a family name (POST /children/search) against the
#      same search statements run bare.
# Pages are timed one at a time (wrk -t1 -c1), so the figure is the time one page takes;
# bare_sql runs its statements in a loop for the same time. ROUNDS rounds, interleaved,
# medians reported. The goal is sendap at most 2x the bare SQL.
#
# Environment: CHILDREN (default 100000), ROUNDS (default 3), DURATION (default 5).
set -eu
cd "$(dirname "$0")/.."

CHILDREN=${CHILDREN:-100000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
PASSWORD=demo-sendap-2025
command -v wrk >/dev/null || {
	echo "people.sh: wrk is not installed (apt-get install wrk)" >&2
	exit 2
}

make bin/sendap >&2
mkdir -p build/bench
# shellcheck disable=SC2046 # pkg-config output splits into words
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror $(pkg-config --cflags sqlite3) \
	-o build/bench/bare_sql bench/bare_sql.c $(pkg-config --libs sqlite3)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sendap-people.XXXXXX")
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
db=$tmp/people.db
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p bench/out
summary=bench/out/people-$stamp.txt

# ---- 1. the demo build ----
bin/sendap migrate --db "$db" >/dev/null
/usr/bin/time -v bin/sendap demo --db "$db" --children "$CHILDREN" >"$tmp/demo.out" 2>"$tmp/demo.time"
demo_s=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/demo.time" |
	awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
demo_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/demo.time")
rows=$(sqlite3 "$db" "SELECT count(*) FROM child")

# ---- the caseload of exactly 300 and a search term ----
cw=$(sqlite3 "$db" "SELECT id FROM user_account WHERE email = 'casework1@camden.demo.sendap.example'")
sqlite3 "$db" "UPDATE child SET caseworker_id = NULL WHERE caseworker_id = '$cw';
UPDATE child SET caseworker_id = '$cw' WHERE id IN (SELECT id FROM child
  WHERE la_code = '202' AND sen_status = 'ehcp' ORDER BY id LIMIT 300);"
cases=$(sqlite3 "$db" "SELECT count(*) FROM child WHERE caseworker_id = '$cw'")
term=$(sqlite3 "$db" "SELECT substr(search_family, 1, 3) FROM child WHERE la_code = '202'
  GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
matches=$(sqlite3 "$db" "SELECT count(*) FROM child WHERE la_code = '202' AND
  (search_family LIKE '$term%' OR search_given LIKE '$term%')")

# ---- sendap, signed in as the caseworker ----
# the access log stays on: its duration_us gives the time the server spent on each page
bin/sendap serve --db "$db" --port 0 >"$tmp/srv.out" 2>"$tmp/srv.err" &
srv_pid=$!
base=""
i=0
while [ -z "$base" ] && [ $i -lt 100 ]; do
	sleep 0.05
	base=$(sed -n 's/^listening on //p' "$tmp/srv.out")
	i=$((i + 1))
done
[ -n "$base" ] || {
	cat "$tmp/srv.err" >&2
	exit 1
}
curl -s -c "$tmp/jar" -o /dev/null \
	--data-urlencode "email=casework1@camden.demo.sendap.example" \
	--data-urlencode "password=$PASSWORD" "$base/sign-in"
token=$(awk '$6 == "sendap_session" { print $7 }' "$tmp/jar")
csrf=$(curl -s -b "$tmp/jar" "$base/api/v1/me" | sed -n 's/.*"csrf_token": *"\([^"]*\)".*/\1/p')
[ -n "$token" ] && [ -n "$csrf" ] || {
	echo "people.sh: could not sign in" >&2
	exit 1
}
cat >"$tmp/search.lua" <<EOF
wrk.method = "POST"
wrk.body = "csrf=$csrf&name=$term"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "sendap_session=$token"
EOF
# check both pages answer 200 before timing them
for p in caseload search; do
	if [ $p = caseload ]; then
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/jar" "$base/children")
	else
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$tmp/jar" \
			--data "csrf=$csrf&name=$term" "$base/children/search")
	fi
	[ "$code" = 200 ] || {
		echo "people.sh: $p page answered $code" >&2
		exit 1
	}
done

# us_per_request LOG: wrk's requests/sec as microseconds per request
us_per_request() {
	awk '/^Requests\/sec:/ { printf "%.1f", 1e6 / $2 }' "$1"
}

# server_median ROUTE FROM: the median duration_us of ROUTE in the log from line FROM on
server_median() {
	tail -n +"$2" "$tmp/srv.err" | grep "\"route\":\"$1\"" |
		sed 's/.*"duration_us":\([0-9]*\).*/\1/' | sort -n |
		awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }'
}

printf 'round\tpage\tsendap_us\tbare_us\tserver_us\n' >"$tmp/runs.tsv"
r=1
while [ $r -le "$ROUNDS" ]; do
	from=$(($(wc -l <"$tmp/srv.err") + 1))
	wrk -t1 -c1 -d"${DURATION}s" -H "Cookie: sendap_session=$token" "$base/children" \
		>"$tmp/w.txt" 2>&1
	s=$(us_per_request "$tmp/w.txt")
	v=$(server_median /children "$from")
	b=$(build/bench/bare_sql "$db" caseload "$cw" "$DURATION" | awk '{ print $1 }')
	printf '%s\tcaseload\t%s\t%s\t%s\n' $r "$s" "$b" "$v" >>"$tmp/runs.tsv"
	from=$(($(wc -l <"$tmp/srv.err") + 1))
	wrk -t1 -c1 -d"${DURATION}s" -s "$tmp/search.lua" "$base/children/search" \
		>"$tmp/w.txt" 2>&1
	s=$(us_per_request "$tmp/w.txt")
	v=$(server_median /children/search "$from")
	b=$(build/bench/bare_sql "$db" search 202 "$term" "$DURATION" | awk '{ print $1 }')
	printf '%s\tsearch\t%s\t%s\t%s\n' $r "$s" "$b" "$v" >>"$tmp/runs.tsv"
	echo "  round $r done" >&2
	r=$((r + 1))
done
kill -TERM "$srv_pid"
srv_rc=0
wait "$srv_pid" || srv_rc=$?
srv_pid=""

median() {
	awk -F '\t' -v p="$1" -v c="$2" 'NR > 1 && $2 == p { print $c }' "$tmp/runs.tsv" |
		sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
{
	echo "sendap people bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) vCPU, SQLite $(pkg-config --modversion sqlite3)"
	echo
	printf 'sendap demo --children %s: %s s wall, peak RSS %s MiB (%s children and young people)\n' \
		"$CHILDREN" "$demo_s" "$(awk -v k="$demo_kib" 'BEGIN { printf "%.1f", k / 1024 }')" "$rows"
	echo
	echo "one page at a time (wrk -t1 -c1 -d${DURATION}s), median of $ROUNDS rounds; \"server\" is"
	echo "the time the server spent on the page (its access log), \"client\" the whole round trip"
	echo "over loopback as wrk sees it; \"bare\" the same SQL run straight on SQLite:"
	for p in caseload search; do
		s=$(median $p 3)
		b=$(median $p 4)
		v=$(median $p 5)
		ratio=$(awk -v a="$v" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
		cratio=$(awk -v a="$s" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
		verdict="not met"
		awk -v r="$ratio" 'BEGIN { exit !(r <= 2) }' && verdict=met
		case $p in
		caseload) what="caseload page, $cases cases (GET /children)" ;;
		search) what="search \"$term\" in LA 202, $matches matches (POST /children/search)" ;;
		esac
		echo "  $what:"
		printf '    server %s us, client %s us, bare SQL %s us: ratio %sx server, %sx client (goal <= 2x: %s)\n' \
			"$v" "$s" "$b" "$ratio" "$cratio" "$verdict"
	done
	echo
	echo "server exit status after SIGTERM: $srv_rc"
} >"$summary"
cat "$summary"
[ "$srv_rc" = 0 ]
