#!/bin/sh
# test.sh: the whole suite (make test runs it after building). Every C test runs under
# AddressSanitizer and UndefinedBehaviorSanitizer. Steps:
#   lint; unit tests (cmocka); HTTP tests against a real sendap on SQLite; the fuzz,
#   slow-client and stop-under-load tests; the unit and HTTP tests again against a
#   throwaway PostgreSQL cluster; the OpenAPI lint; the browser suite (Chromium + axe).
# It ends with one line "tests: N passed, N failed" and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export SENDAP_BIN=${SENDAP_BIN:-build/asan/sendap}
out=build/test-logs
mkdir -p "$out"
passed=0
failed=0
failures=""

# count_cmocka LOG: add the log's cmocka totals to passed/failed
count_cmocka() {
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
	passed=$((passed + p))
	failed=$((failed + f))
}

# step NAME COMMAND...: run one step, keep its log, count its results
step() {
	name=$1
	shift
	log="$out/$name.log"
	printf '== %s\n' "$name"
	if "$@" >"$log" 2>&1; then rc=0; else rc=$?; fi
	before=$((passed + failed))
	count_cmocka "$log"
	# a suite's own total: "NAME: N passed, N failed" (NAME may hold spaces and brackets)
	n=$(sed -n 's/^[a-z][a-z0-9 ()-]*: *\([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$log" | tail -1)
	if [ -n "$n" ]; then
		passed=$((passed + ${n% *}))
		failed=$((failed + ${n#* }))
	fi
	if [ "$rc" != 0 ]; then
		# a crash, a sanitizer report or a failed tool counts as a failure even if
		# every test that ran said it passed
		if [ $((passed + failed)) = "$before" ] || ! grep -q 'FAILED\|[1-9][0-9]* failed' "$log"; then
			failed=$((failed + 1))
		fi
		failures="$failures $name"
		printf '   FAILED (exit %s); the end of %s:\n' "$rc" "$log"
		tail -n 40 "$log" | sed 's/^/   | /'
	else
		tail -n 1 "$log" | sed 's/^/   /'
	fi
}

step lint sh scripts/lint.sh

for t in build/asan/tests/test_*; do
	[ -x "$t" ] || continue
	step "unit-$(basename "$t")" "$t"
done

step http-sqlite build/asan/tests/http_test
step http-fuzz build/asan/tests/http_fuzz
step http-slow build/asan/tests/http_slow
step http-stop build/asan/tests/http_stop
step http-access build/asan/tests/http_access
step http-assessment build/asan/tests/http_assessment
step http-plan build/asan/tests/http_plan
step http-plan-write build/asan/tests/http_plan_write
step http-plan-write2 build/asan/tests/http_plan_write2
step http-review build/asan/tests/http_review
step http-review-year build/asan/tests/http_review_year
step http-review-after build/asan/tests/http_review_after
step http-placement build/asan/tests/http_placement
step http-redress build/asan/tests/http_redress
step http-redress2 build/asan/tests/http_redress2
step http-csv build/asan/tests/http_csv
step http-sen2 build/asan/tests/http_sen2
step http-sen2-checks build/asan/tests/http_sen2_checks
step http-sen2-page build/asan/tests/http_sen2_page

if [ "${SENDAP_SKIP_PG:-0}" != 1 ]; then
	step unit-db-postgres sh scripts/with-pg.sh build/asan/tests/test_db
	step unit-import-postgres sh scripts/with-pg.sh build/asan/tests/test_import
	step unit-import2-postgres sh scripts/with-pg.sh build/asan/tests/test_import2
	step http-postgres sh scripts/with-pg.sh build/asan/tests/http_test
	step http-access-postgres sh scripts/with-pg.sh build/asan/tests/http_access
	step http-assessment-postgres sh scripts/with-pg.sh build/asan/tests/http_assessment
	step http-plan-postgres sh scripts/with-pg.sh build/asan/tests/http_plan
	step http-plan-write-postgres sh scripts/with-pg.sh build/asan/tests/http_plan_write
	step http-plan-write2-postgres sh scripts/with-pg.sh build/asan/tests/http_plan_write2
	step http-review-postgres sh scripts/with-pg.sh build/asan/tests/http_review
	step http-review-year-postgres sh scripts/with-pg.sh build/asan/tests/http_review_year
	step http-review-after-postgres sh scripts/with-pg.sh build/asan/tests/http_review_after
	step http-placement-postgres sh scripts/with-pg.sh build/asan/tests/http_placement
	step http-redress-postgres sh scripts/with-pg.sh build/asan/tests/http_redress
	step http-redress2-postgres sh scripts/with-pg.sh build/asan/tests/http_redress2
	step http-csv-postgres sh scripts/with-pg.sh build/asan/tests/http_csv
	step http-sen2-postgres sh scripts/with-pg.sh build/asan/tests/http_sen2
	step http-sen2-checks-postgres sh scripts/with-pg.sh build/asan/tests/http_sen2_checks
	step http-sen2-page-postgres sh scripts/with-pg.sh build/asan/tests/http_sen2_page
fi

step openapi-lint npx --no-install redocly lint --format=stylish docs/api/openapi.yaml

if [ "${SENDAP_SKIP_BROWSER:-0}" != 1 ]; then
	step browser node tests/browser/run.mjs
fi

echo
[ -n "$failures" ] && echo "failed steps:$failures"
echo "tests: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ -z "$failures" ]
