#!/bin/sh
# sen2.sh: the SEN2 return at national scale (issue 10): `sendap export sen2 --la all`
# over a synthetic database of LAS local authorities and PLANS children with a plan, its
# time and peak memory, and the ratio to writing the same number of records with libxml2
# alone (bench/xml_baseline.c). See bench/README.md, "SEN2 return".
#
#   1. the database, made once and kept in bench/.cache/ (bench/sen2_gen.sql: sendap
#      migrate, then bulk SQL through the sqlite3 CLI; made again when sen2_gen.sql, the
#      migrations, PLANS or LAS change);
#   2. ROUNDS rounds, each: `sendap export sen2 --la all --year YEAR --out DIR` under
#      /usr/bin/time -v, then xml_baseline writing as many records and elements, of about
#      the same bytes, with xmlTextWriter; then one large LA's --check and --tables;
#   3. medians, ratios and the counts of the output, printed and kept in bench/out/.
#
# Environment: PLANS (default 640000), LAS (153), ROUNDS (3; 0 only makes the database),
# YEAR (2027), BUILD (1; 0 skips make).
set -eu
cd "$(dirname "$0")/.."

PLANS=${PLANS:-640000}
LAS=${LAS:-153}
ROUNDS=${ROUNDS:-3}
YEAR=${YEAR:-2027}
BUILD=${BUILD:-1}

for tool in sqlite3 cc pkg-config; do
	command -v $tool >/dev/null || {
		echo "sen2.sh: $tool is not installed" >&2
		exit 2
	}
done
# GNU time, for the peak RSS of each process (Debian package "time")
TIMEV=/usr/bin/time
[ -x $TIMEV ] || {
	echo "sen2.sh: $TIMEV (GNU time) is not installed: apt-get install time" >&2
	exit 2
}
pkg-config --exists libxml-2.0 || {
	echo "sen2.sh: libxml2's development files are not installed (libxml2-dev)" >&2
	exit 2
}

if [ "$BUILD" != 0 ]; then
	make bin/sendap >&2
fi

cache=bench/.cache
mkdir -p "$cache" bench/out
# the cache ignores itself, so nothing in it shows in git status
[ -f "$cache/.gitignore" ] || printf '*\n' >"$cache/.gitignore"

# shellcheck disable=SC2046 # pkg-config output splits into words
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror $(pkg-config --cflags libxml-2.0) \
	-o "$cache/xml_baseline" bench/xml_baseline.c $(pkg-config --libs libxml-2.0)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sendap-sen2.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
stamp=$(date -u +%Y%m%dT%H%M%SZ)
summary=bench/out/sen2-$stamp.txt
runs=bench/out/sen2-$stamp.tsv

# ---- 1. the database ----
# the tables sen2_gen.sql fills: their secondary indexes are dropped before and made
# again after, from the DDL the migrations wrote
tables="'organisation','child','child_setting','assessment_case','case_event',\
'case_exception','plan_version','placement_named','review','plan_cease','child_move',\
'mediation','tribunal_appeal'"
key=$(cat bench/sen2_gen.sql sql/*.sql | cksum | cut -d' ' -f1)
db=$cache/sen2-$PLANS-$LAS-$key.db
if [ -f "$db" ]; then
	echo "sen2.sh: using the cached database $db" >&2
	made="cached"
else
	for old in "$cache"/sen2-"$PLANS"-"$LAS"-*.db; do
		[ -f "$old" ] && rm -f "$old" "$old-wal" "$old-shm"
	done
	echo "sen2.sh: making $db ($PLANS plans over $LAS LAs)" >&2
	part=$db.part
	rm -f "$part" "$part-wal" "$part-shm"
	t0=$(date +%s.%N)
	bin/sendap migrate --db "$part" --reference reference >/dev/null 2>&1
	sqlite3 "$part" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index'
		AND sql IS NOT NULL AND tbl_name IN ($tables)" >"$tmp/indexes.sql"
	sqlite3 "$part" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master
		WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($tables)" >"$tmp/drop.sql"
	{
		cat "$tmp/drop.sql"
		sed -e "s/@PLANS@/$PLANS/g" -e "s/@LAS@/$LAS/g" bench/sen2_gen.sql
		echo "BEGIN;"
		cat "$tmp/indexes.sql"
		echo "COMMIT;"
		echo "ANALYZE;"
		# as sendap leaves it, so the first timed run does not change the journal
		echo "PRAGMA journal_mode = WAL;"
	} | sqlite3 -bail "$part" >/dev/null
	mv "$part" "$db"
	t1=$(date +%s.%N)
	made="made in $(echo "$t0 $t1" | awk '{printf "%.1f", $2 - $1}') s"
	echo "sen2.sh: $made" >&2
fi
db_mb=$(du -m "$db" | cut -f1)
big_la=$(sqlite3 "$db" "SELECT la_code FROM child GROUP BY la_code ORDER BY count(*) DESC LIMIT 1")
small_la=$(sqlite3 "$db" "SELECT la_code FROM child GROUP BY la_code ORDER BY count(*) LIMIT 1")
counts=$(sqlite3 -separator ' ' "$db" "SELECT (SELECT count(DISTINCT la_code) FROM child),
	(SELECT count(*) FROM child), (SELECT count(*) FROM plan_version),
	(SELECT count(*) FROM assessment_case), (SELECT count(*) FROM case_event),
	(SELECT count(*) FROM child WHERE la_code = '$big_la'),
	(SELECT count(*) FROM child WHERE la_code = '$small_la')")
# shellcheck disable=SC2086 # the counts split into words
set -- $counts
n_las=$1 n_children=$2 n_plans=$3 n_cases=$4 n_events=$5 big_children=$6 small_children=$7
if [ "$ROUNDS" = 0 ]; then
	echo "sen2.sh: $db: $n_las LAs, $n_children children, $n_plans plans ($db_mb MB)"
	exit 0
fi
# read the file once so every round starts with it in the page cache
cat "$db" >/dev/null

# ---- 2. the rounds ----
# timed NAME CMD...: runs CMD under GNU time and appends "NAME wall user sys max_rss anon"
# to $runs. max_rss is time's "Maximum resident set size": it counts the pages of the
# database that sendap maps (PRAGMA mmap_size, 256 MiB) as they are touched. anon is the
# largest RssAnon (private memory: heap and stacks) seen in /proc every 0.1 s.
timed() {
	name=$1
	shift
	$TIMEV -v -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" &
	tpid=$!
	anon=0
	while kill -0 "$tpid" 2>/dev/null; do
		# shellcheck disable=SC2013 # pids, one word each
		for c in $(cat "/proc/$tpid/task/$tpid/children" 2>/dev/null); do
			a=$(sed -n 's/^RssAnon:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$c/status" \
				2>/dev/null) || a=0
			[ "${a:-0}" -gt "$anon" ] && anon=$a
		done
		sleep 0.1
	done
	if ! wait "$tpid"; then
		echo "sen2.sh: $name failed:" >&2
		tail -n 20 "$tmp/err.txt" "$tmp/out.txt" >&2
		exit 1
	fi
	awk -v name="$name" -v anon="$anon" '
		/Elapsed \(wall clock\)/ {
			n = split($NF, p, ":"); w = 0
			for (i = 1; i <= n; i++) w = w * 60 + p[i]
		}
		/User time/ { u = $NF }
		/System time/ { s = $NF }
		/Maximum resident set size/ { m = $NF }
		END { printf "%s\t%.2f\t%.2f\t%.2f\t%d\t%d\n", name, w, u, s, m, anon }
	' "$tmp/time.txt" >>"$runs"
}

printf 'name\twall_s\tuser_s\tsys_s\tmax_rss_kib\tmax_rss_anon_kib\n' >"$runs"
out=$tmp/returns
r=1
while [ "$r" -le "$ROUNDS" ]; do
	echo "sen2.sh: round $r of $ROUNDS" >&2
	rm -rf "$out"
	timed export bin/sendap export sen2 --db "$db" --reference reference --la all \
		--year "$YEAR" --out "$out"
	grep -q "$n_las LAs written to .*, 0 failed" "$tmp/out.txt" || {
		echo "sen2.sh: the export did not write $n_las returns:" >&2
		cat "$tmp/out.txt" >&2
		exit 1
	}
	if [ "$r" = 1 ]; then
		# the counts of the real output, which the baseline then writes as many of
		files=$(find "$out" -name '*.xml' | wc -l)
		bytes=$(cat "$out"/*.xml | wc -c)
		persons=$(cat "$out"/*.xml | grep -c '<Person>')
		requests=$(cat "$out"/*.xml | grep -c '<Requests>')
		active=$(cat "$out"/*.xml | grep -c '<ActivePlans>')
		named=$(cat "$out"/*.xml | grep -c '<NamedPlan>')
		elements=$(cat "$out"/*.xml | LC_ALL=C grep -o '<[A-Za-z]' | wc -l)
		# the streaming validation alone, for the breakdown (what the exporter does
		# after writing each file)
		if command -v xmllint >/dev/null; then
			timed validate xmllint --noout --stream \
				--schema "reference/sen2/$(sed -n 's/.*"xsd": *"\([^"]*\)".*/\1/p' \
					"reference/sen2/$YEAR.json")" "$out"/*.xml
		fi
	fi
	rm -rf "$out"
	timed baseline "$cache/xml_baseline" "$tmp/baseline.xml" "$persons" "$elements" "$bytes"
	cp "$tmp/out.txt" "$tmp/baseline.txt"
	rm -f "$tmp/baseline.xml"
	timed check bin/sendap export sen2 --db "$db" --reference reference --la "$big_la" \
		--year "$YEAR" --check
	rm -rf "$tmp/tables"
	timed tables bin/sendap export sen2 --db "$db" --reference reference --la "$big_la" \
		--year "$YEAR" --out "$tmp/big.xml" --tables "$tmp/tables"
	r=$((r + 1))
done

# ---- 3. the summary ----
# med NAME COLUMN: the median of a column (2 wall, 3 user, 4 sys, 5 rss, 6 anon) over the
# rounds
med() {
	awk -F '\t' -v n="$1" -v c="$2" '$1 == n { print $c }' "$runs" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
			else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
cpu() { echo "$(med "$1" 3) $(med "$1" 4)" | awk '{ printf "%.2f", $1 + $2 }'; }
mib() { echo "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }
ratio() { echo "$1 $2" | awk '{ printf "%.1f", ($2 > 0 ? $1 / $2 : 0) }'; }
bl_bytes=$(sed -n 's/.*bytes=\([0-9]*\).*/\1/p' "$tmp/baseline.txt")
bl_elements=$(sed -n 's/.*elements=\([0-9]*\).*/\1/p' "$tmp/baseline.txt")
bl_write=$(sed -n 's/.*write_s=\([0-9.]*\).*/\1/p' "$tmp/baseline.txt")
ex_wall=$(med export 2)
bl_wall=$(med baseline 2)
ex_rss=$(med export 5)
bl_rss=$(med baseline 5)
host="$(nproc) vCPU, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
load=$(cut -d' ' -f1-3 /proc/loadavg)

{
	echo "sen2.sh: SEN2 return $YEAR, $stamp, median of $ROUNDS rounds"
	echo "  host: $host; load average at the end $load"
	echo "  libxml2 $(pkg-config --modversion libxml-2.0), SQLite $(sqlite3 --version | cut -d' ' -f1)"
	echo "  database: $db ($db_mb MB; $made)"
	echo "    $n_las LAs, $n_children children ($small_children to $big_children an LA), $n_plans plans,"
	echo "    $n_cases assessment cases, $n_events case events"
	echo "  output: $files files, $bytes bytes, $persons <Person>, $requests <Requests>,"
	echo "          $active <ActivePlans>, $named <NamedPlan>, $elements elements"
	echo
	printf '  %-44s %7s %7s %10s %10s\n' "" "wall s" "cpu s" "peak RSS" "anon RSS"
	row() { # LABEL NAME
		printf '  %-44s %7s %7s %6s MiB %6s MiB\n' "$1" "$(med "$2" 2)" "$(cpu "$2")" \
			"$(mib "$(med "$2" 5)")" "$(mib "$(med "$2" 6)")"
	}
	row "sendap export sen2 --la all" export
	echo "    (load, scope, check, write and validate each LA's file)"
	row "xml_baseline: the same records, xmlTextWriter" baseline
	echo "    ($bl_elements elements, $bl_bytes bytes, one file; the last round's"
	echo "    writing alone, timed inside: $bl_write s)"
	if [ -n "$(med validate 2)" ]; then
		row "xmllint --stream --schema on the output" validate
		echo "    (once: the validation the export does, on its own)"
	fi
	row "--la $big_la --check ($big_children children)" check
	row "--la $big_la --out FILE --tables DIR" tables
	echo
	echo "  export / baseline, wall time:   $(ratio "$ex_wall" "$bl_wall")x"
	echo "  export / baseline, CPU time:    $(ratio "$(cpu export)" "$(cpu baseline)")x"
	echo "  export / baseline, peak RSS:    $(ratio "$ex_rss" "$bl_rss")x ($(mib "$ex_rss") vs $(mib "$bl_rss") MiB)"
	echo "  export / baseline, anon RSS:    $(ratio "$(med export 6)" "$(med baseline 6)")x" \
		"($(mib "$(med export 6)") vs $(mib "$(med baseline 6)") MiB)"
	echo "  export: $(echo "$persons $ex_wall" | awk '{ printf "%.0f", $1 / $2 }') persons/s;" \
		"baseline: $(echo "$persons $bl_wall" | awk '{ printf "%.0f", $1 / $2 }') records/s"
	echo
	echo "  every run: $runs"
} | tee "$summary"
