#!/bin/sh
# assessment.sh: the team's assessment caseload (GET /assessments as an LA manager: the
# counts of open, overdue and due-this-week cases and the 100 most urgent) with CASES open
# cases in the LA, against bench/bare_sql.c running the same four statements (the counts,
# the list, unread notices, advice to chase) straight on SQLite. See bench/README.md.
#
#   1. a fresh database: sendap migrate, sendap demo --children CHILDREN;
#   2. CASES open assessment cases for LA 202 (sqlite3, a recursive CTE), each with its
#      request event, on the demo's children, allocated to the demo's two caseworkers, with
#      next_due spread from 40 days overdue to 100 days ahead;
#   3. signed in as the demo manager, GET /assessments one page at a time (wrk -t1 -c1)
#      and bare_sql's "assessments" mode for the same time, ROUNDS rounds interleaved,
#      medians reported, with the server's own time from its access log (duration_us).
# The goal is sendap at most 2x the bare SQL.
#
# Environment: CHILDREN (default 20000), CASES (default 5000), ROUNDS (default 3),
# DURATION (default 5).
set -eu
cd "$(dirname "$0")/.."

CHILDREN=${CHILDREN:-20000}
CASES=${CASES:-5000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5}
PASSWORD=demo-sendap-2025
MANAGER=manager@camden.demo.sendap.example
for tool in wrk sqlite3 curl; do
	command -v $tool >/dev/null || {
		echo "assessment.sh: $tool is not installed" >&2
		exit 2
	}
done

make bin/sendap >&2
mkdir -p build/bench
# shellcheck disable=SC2046 # pkg-config output splits into words
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror $(pkg-config --cflags sqlite3) \
	-o build/bench/bare_sql bench/bare_sql.c $(pkg-config --libs sqlite3)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sendap-assessment.XXXXXX")
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
db=$tmp/assessment.db
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p bench/out
summary=bench/out/assessment-$stamp.txt

# ---- 1. and 2. the database and the open cases ----
bin/sendap migrate --db "$db" >/dev/null
bin/sendap demo --db "$db" --children "$CHILDREN" >/dev/null
sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $CASES),
kids AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM child WHERE la_code = '202'),
nkids AS (SELECT count(*) AS c FROM kids),
officers AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM user_account
  WHERE role = 'caseworker' AND la_code = '202'),
nofficers AS (SELECT count(*) AS c FROM officers),
due AS (SELECT i, date('now', ((i * 37) % 141 - 40) || ' days') AS d FROM n)
INSERT INTO assessment_case (id, child_id, la_code, officer_id, requested_by, requested_on,
  state, next_step, next_due, created_at, updated_at)
SELECT printf('bench%017d', n.i), kids.id, '202', officers.id, 'parent',
  date(due.d, '-42 days'),
  CASE n.i % 3 WHEN 0 THEN 'requested' WHEN 1 THEN 'assessing' ELSE 'draft' END,
  CASE n.i % 3 WHEN 0 THEN 'decide_to_assess' WHEN 1 THEN 'advice' ELSE 'draft_comments' END,
  due.d, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM n JOIN due ON due.i = n.i, nkids, nofficers
JOIN kids ON kids.k = n.i % nkids.c
JOIN officers ON officers.k = n.i % nofficers.c;
INSERT INTO case_event (case_id, seq, type, happened_on, recorded_at)
SELECT id, 1, 'request', requested_on, created_at FROM assessment_case
WHERE id LIKE 'bench%';
COMMIT;
ANALYZE;
SQL
cases=$(sqlite3 "$db" "SELECT count(*) FROM assessment_case WHERE la_code = '202' AND closed_on IS NULL")
kids=$(sqlite3 "$db" "SELECT count(DISTINCT child_id) FROM assessment_case WHERE la_code = '202'")
[ "$cases" = "$CASES" ] || {
	echo "assessment.sh: $cases open cases made, not $CASES" >&2
	exit 1
}

# ---- 3. sendap, signed in as the manager ----
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
	--data-urlencode "email=$MANAGER" --data-urlencode "password=$PASSWORD" "$base/sign-in"
token=$(awk '$6 == "sendap_session" { print $7 }' "$tmp/jar")
[ -n "$token" ] || {
	echo "assessment.sh: could not sign in as $MANAGER" >&2
	exit 1
}
curl -s -o "$tmp/page.html" -w '%{http_code}' -b "$tmp/jar" "$base/assessments" >"$tmp/code"
rows=$(($(grep -o '<tr class="govuk-table__row">' "$tmp/page.html" | wc -l) - 1)) # less the head
[ "$(cat "$tmp/code")" = 200 ] && grep -q '>Team assessments<' "$tmp/page.html" || {
	echo "assessment.sh: GET /assessments answered $(cat "$tmp/code"), not the team page" >&2
	exit 1
}
# the day the server counts from (date_today(), UTC) and a week on, as caseload.c binds
today=$(date -u +%Y-%m-%d)
week=$(date -u -d '+7 days' +%Y-%m-%d)
overdue=$(sqlite3 "$db" "SELECT count(*) FROM assessment_case WHERE la_code = '202'
  AND closed_on IS NULL AND next_due < '$today'")

us_per_request() {
	awk '/^Requests\/sec:/ { printf "%.1f", 1e6 / $2 }' "$1"
}

# server_median ROUTE FROM: the median duration_us of ROUTE in the log from line FROM on
server_median() {
	tail -n +"$2" "$tmp/srv.err" | grep "\"route\":\"$1\"" |
		sed 's/.*"duration_us":\([0-9]*\).*/\1/' | sort -n |
		awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : 0 }'
}

printf 'round\tsendap_us\tbare_us\tserver_us\n' >"$tmp/runs.tsv"
r=1
while [ $r -le "$ROUNDS" ]; do
	from=$(($(wc -l <"$tmp/srv.err") + 1))
	wrk -t1 -c1 -d"${DURATION}s" -H "Cookie: sendap_session=$token" "$base/assessments" \
		>"$tmp/w.txt" 2>&1
	grep -q 'Non-2xx' "$tmp/w.txt" && {
		echo "assessment.sh: wrk saw non-2xx answers" >&2
		cat "$tmp/w.txt" >&2
		exit 1
	}
	s=$(us_per_request "$tmp/w.txt")
	v=$(server_median /assessments "$from")
	b=$(build/bench/bare_sql "$db" assessments 202 "$today" "$week" "$DURATION" | awk '{ print $1 }')
	printf '%s\t%s\t%s\t%s\n' $r "$s" "$b" "$v" >>"$tmp/runs.tsv"
	echo "  round $r: client $s us, server $v us, bare $b us" >&2
	r=$((r + 1))
done
kill -TERM "$srv_pid"
srv_rc=0
wait "$srv_pid" || srv_rc=$?
srv_pid=""

median() {
	awk -F '\t' -v c="$1" 'NR > 1 { print $c }' "$tmp/runs.tsv" |
		sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
{
	echo "sendap assessment bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) vCPU, SQLite $(pkg-config --modversion sqlite3)"
	echo
	echo "sendap demo --children $CHILDREN; $cases open assessment cases in LA 202 on $kids children"
	echo "($overdue overdue); the page lists $rows of them"
	echo
	echo "one page at a time (wrk -t1 -c1 -d${DURATION}s), median of $ROUNDS rounds; \"server\" is"
	echo "the time the server spent on the page (its access log), \"client\" the whole round trip"
	echo "over loopback as wrk sees it; \"bare\" the same four statements run straight on SQLite:"
	s=$(median 2)
	b=$(median 3)
	v=$(median 4)
	ratio=$(awk -v a="$v" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
	cratio=$(awk -v a="$s" -v b="$b" 'BEGIN { printf "%.2f", a / b }')
	verdict="not met"
	awk -v r="$ratio" 'BEGIN { exit !(r <= 2) }' && verdict=met
	echo "  team caseload as the manager (GET /assessments):"
	printf '    server %s us, client %s us, bare SQL %s us: ratio %sx server, %sx client (goal <= 2x: %s)\n' \
		"$v" "$s" "$b" "$ratio" "$cratio" "$verdict"
	echo
	echo "server exit status after SIGTERM: $srv_rc"
} >"$summary"
cat "$summary"
[ "$srv_rc" = 0 ]
