#!/bin/sh
# with-pg.sh: run one command against a throwaway PostgreSQL 15 cluster.
#
#     sh scripts/with-pg.sh ./build/asan/tests/test_db
#
# Makes a cluster in a fresh temp dir, starts it on a free port on 127.0.0.1 only (socket
# in the temp dir, fsync off), creates the database "sendap_test", exports
#     SENDAP_TEST_PG_URL=postgres://postgres@127.0.0.1:PORT/sendap_test
# runs the command, and then always stops the cluster and removes the dir, exiting with the
# command's status. As root the server runs as the "postgres" user (it refuses root).
# Several copies can run at once: each tries random ports until one starts.
# PG_BIN overrides the server's bin dir (default /usr/lib/postgresql/15/bin).
set -u

if [ $# -eq 0 ]; then
	echo "usage: sh scripts/with-pg.sh COMMAND [ARG...]" >&2
	exit 2
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/pg_ctl" ]; then
	echo "with-pg: no $PG_BIN/pg_ctl (apt-get install postgresql-15)" >&2
	exit 2
fi

dir=""
started=0

# as_pg runs a server command as the cluster's owner.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

cleanup() {
	rc=$?
	trap - EXIT INT TERM HUP
	# a start that timed out may have left a server running, so look for its pid file
	if [ "$started" -eq 1 ] || [ -f "$dir/data/postmaster.pid" ]; then
		as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 ||
			echo "with-pg: pg_ctl stop failed" >&2
	fi
	if [ -n "$dir" ]; then
		rm -rf "$dir"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

dir=$(mktemp -d "${TMPDIR:-/tmp}/sendap-pg.XXXXXXXX") || exit 1
if [ "$(id -u)" -eq 0 ]; then
	chown postgres:postgres "$dir" || exit 1
fi

if ! as_pg "$PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
	--no-sync >"$dir/initdb.log" 2>&1; then
	echo "with-pg: initdb failed:" >&2
	cat "$dir/initdb.log" >&2
	exit 1
fi

# A random base in 20000..29999 (below Linux's ephemeral range), then the ports after it.
# A port someone else holds makes the server exit at once, so pg_ctl -w fails fast.
base=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
base=$((20000 + base % 10000))
port=""
tries=0
while [ "$tries" -lt 20 ]; do
	p=$((base + tries))
	if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
		-o "-p $p -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" \
		start >/dev/null 2>&1; then
		port=$p
		started=1
		break
	fi
	tries=$((tries + 1))
done
if [ -z "$port" ]; then
	echo "with-pg: could not start PostgreSQL on any of ports $base..$((base + 19)):" >&2
	tail -n 20 "$dir/server.log" >&2
	exit 1
fi

if ! "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres sendap_test; then
	echo "with-pg: createdb failed" >&2
	exit 1
fi

SENDAP_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/sendap_test"
export SENDAP_TEST_PG_URL

"$@"
