/*
 * http_test.c: requests against a real sendap on a free port. Most cases are data, one
 * file per case in tests/http/cases/ (request and expected answer side by side, as in
 * curl's tests/data); the rest are here because they need more than one request.
 *
 * A case file:
 *     # what the case shows (the first line names it)
 *     request: POST /api/v1/accessibility-reports
 *     header: Content-Type: application/json
 *     body: {"description": "x"}          (\n, \r, \t, \\ and \xNN escapes)
 *     body-repeat: 2000000 a               (instead of body: N copies of one byte)
 *     expect-status: 201
 *     expect-header: Content-Type: application/json
 *     expect-body: "created_at"            (the body contains this text; repeatable)
 *     expect-no-body: secret               (the body does not contain this text)
 *
 * Against SQLite by default; with SENDAP_TEST_PG_URL set, against that PostgreSQL.
 */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "harness.h"
#include "platform/db.h"

#define CASES_DIR "tests/http/cases"
#define MAX_CASES 256
#define MAX_LINES 32

static struct server srv;

struct http_case {
	char file[300];
	char name[200];
	char method[16];
	char path[2100];
	const char *headers[MAX_LINES + 1];
	size_t nheaders;
	struct buf body;
	int has_body;
	long want_status;
	char *want_headers[MAX_LINES];
	size_t nwant_headers;
	char *want_body[MAX_LINES];
	size_t nwant_body;
	char *unwanted_body[MAX_LINES];
	size_t nunwanted_body;
	struct response resp; /* released by case_teardown, which runs even when a check fails */
};

static struct http_case cases[MAX_CASES];
static size_t ncases;

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* unescape appends s to b with \n \r \t \\ \xNN turned into bytes */
static void unescape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			buf_putc(b, *s);
			continue;
		}
		s++;
		switch (*s) {
		case 'n': buf_putc(b, '\n'); break;
		case 'r': buf_putc(b, '\r'); break;
		case 't': buf_putc(b, '\t'); break;
		case 'x':
			if (hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
				buf_putc(b, (char)(hexval(s[1]) * 16 + hexval(s[2])));
				s += 2;
			}
			break;
		default: buf_putc(b, *s); break;
		}
	}
}

static char *dup_unescaped(const char *s)
{
	struct buf b;
	buf_init(&b, 0);
	unescape(&b, s);
	return buf_steal(&b, NULL);
}

static int load_case(const char *dir, const char *fname, struct http_case *c)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, fname);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	snprintf(c->file, sizeof(c->file), "%s", fname);
	buf_init(&c->body, (size_t)64 << 20);
	char line[4096];
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		char *v = strchr(line, ':');
		if (line[0] == '#' && !c->name[0]) {
			snprintf(c->name, sizeof(c->name), "%.60s: %.130s", fname, line + 2);
			continue;
		}
		if (!v || line[0] == '#')
			continue;
		*v++ = '\0';
		while (*v == ' ')
			v++;
		if (strcmp(line, "request") == 0) {
			char *sp = strchr(v, ' ');
			if (!sp)
				continue;
			*sp = '\0';
			snprintf(c->method, sizeof(c->method), "%s", v);
			struct buf p;
			buf_init(&p, 0);
			unescape(&p, sp + 1);
			snprintf(c->path, sizeof(c->path), "%s", buf_cstr(&p));
			buf_release(&p);
		} else if (strcmp(line, "header") == 0 && c->nheaders < MAX_LINES) {
			c->headers[c->nheaders++] = dup_unescaped(v);
		} else if (strcmp(line, "body") == 0) {
			c->has_body = 1;
			unescape(&c->body, v);
		} else if (strcmp(line, "body-repeat") == 0) {
			char *end = NULL;
			unsigned long n = strtoul(v, &end, 10);
			c->has_body = 1;
			for (unsigned long i = 0; end && *end == ' ' && i < n; i++)
				buf_putc(&c->body, end[1]);
		} else if (strcmp(line, "expect-status") == 0) {
			c->want_status = strtol(v, NULL, 10);
		} else if (strcmp(line, "expect-header") == 0 && c->nwant_headers < MAX_LINES) {
			c->want_headers[c->nwant_headers++] = dup_unescaped(v);
		} else if (strcmp(line, "expect-body") == 0 && c->nwant_body < MAX_LINES) {
			c->want_body[c->nwant_body++] = dup_unescaped(v);
		} else if (strcmp(line, "expect-no-body") == 0 && c->nunwanted_body < MAX_LINES) {
			c->unwanted_body[c->nunwanted_body++] = dup_unescaped(v);
		}
	}
	fclose(f);
	return c->method[0] && c->want_status ? 0 : -1;
}

static void case_free(struct http_case *c)
{
	for (size_t i = 0; i < c->nheaders; i++)
		free((char *)(uintptr_t)c->headers[i]);
	for (size_t i = 0; i < c->nwant_headers; i++)
		free(c->want_headers[i]);
	for (size_t i = 0; i < c->nwant_body; i++)
		free(c->want_body[i]);
	for (size_t i = 0; i < c->nunwanted_body; i++)
		free(c->unwanted_body[i]);
	buf_release(&c->body);
}

/* every response, whatever its status, carries the security headers */
static void check_security_headers(const struct response *r)
{
	char v[512];
	assert_int_equal(response_header(r, "Content-Security-Policy", v, sizeof(v)), 0);
	assert_non_null(strstr(v, "script-src 'self'"));
	assert_non_null(strstr(v, "frame-ancestors 'none'"));
	assert_null(strstr(v, "unsafe-inline"));
	assert_int_equal(response_header(r, "X-Content-Type-Options", v, sizeof(v)), 0);
	assert_string_equal(v, "nosniff");
	assert_int_equal(response_header(r, "Referrer-Policy", v, sizeof(v)), 0);
	assert_string_equal(v, "no-referrer");
}

static void run_case(void **state)
{
	struct http_case *c = *state;
	struct response *rp = &c->resp;
	c->headers[c->nheaders] = NULL;
	harness_request(&srv, c->method, c->path, c->headers, c->has_body ? c->body.data : NULL,
			c->body.len, rp);
	if (rp->status != c->want_status)
		print_error("%s: got status %ld, body: %.300s\n", c->file, rp->status,
			    buf_cstr(&rp->body));
	assert_int_equal(rp->status, c->want_status);
	check_security_headers(rp);
	for (size_t i = 0; i < c->nwant_headers; i++) {
		char name[128], got[512];
		const char *colon = strchr(c->want_headers[i], ':');
		assert_non_null(colon);
		snprintf(name, sizeof(name), "%.*s", (int)(colon - c->want_headers[i]),
			 c->want_headers[i]);
		const char *want = colon + 1;
		while (*want == ' ')
			want++;
		if (response_header(rp, name, got, sizeof(got)) != 0)
			fail_msg("%s: no %s header", c->file, name);
		if (strncasecmp(got, want, strlen(want)) != 0)
			fail_msg("%s: header %s is \"%s\", expected \"%s\"", c->file, name, got,
				 want);
	}
	for (size_t i = 0; i < c->nwant_body; i++)
		if (!strstr(buf_cstr(&rp->body), c->want_body[i]))
			fail_msg("%s: body lacks \"%s\": %.400s", c->file, c->want_body[i],
				 buf_cstr(&rp->body));
	for (size_t i = 0; i < c->nunwanted_body; i++)
		if (strstr(buf_cstr(&rp->body), c->unwanted_body[i]))
			fail_msg("%s: body has \"%s\"", c->file, c->unwanted_body[i]);
}

static int case_teardown(void **state)
{
	struct http_case *c = *state;
	response_release(&c->resp);
	return 0;
}

/* ---- cases that need more than one request ---- */

static long count_reports(void)
{
	struct db *db = NULL;
	struct db_stmt *st = NULL;
	long n = -1;
	if (db_open(srv.db_url, &db))
		return -1;
	if (db_prepare(db, "SELECT count(*) FROM accessibility_report", &st) == 0 &&
	    db_step(st) == DB_ROW)
		n = (long)db_column_int64(st, 0);
	if (st)
		db_reset(st);
	db_close(db);
	return n;
}

/* a header block past the 8 KiB limit is answered 431 (page and problem), and the
 * server goes on serving */
static void oversize_headers_get_431(void **state)
{
	(void)state;
	static char big[9100];
	memcpy(big, "X-Filler: ", 10);
	memset(big + 10, 'a', sizeof(big) - 11);
	big[sizeof(big) - 1] = '\0';
	const char *h[] = {big, NULL};
	struct response r;
	harness_request(&srv, "GET", "/", h, NULL, 0, &r);
	assert_int_equal(r.status, 431);
	assert_non_null(strstr(buf_cstr(&r.body), "govuk-template"));
	response_release(&r);
	harness_request(&srv, "GET", "/api/v1", h, NULL, 0, &r);
	assert_int_equal(r.status, 431);
	char ct[128];
	assert_int_equal(response_header(&r, "Content-Type", ct, sizeof(ct)), 0);
	assert_string_equal(ct, "application/problem+json");
	response_release(&r);
	harness_request(&srv, "GET", "/healthz", NULL, NULL, 0, &r);
	assert_int_equal(r.status, 200);
	response_release(&r);
}

static void report_form_saves_and_redirects(void **state)
{
	(void)state;
	long before = count_reports();
	const char *h[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
	const char *body = "page=%2Faccessibility&description=The+table+has+no+caption";
	struct response r;
	harness_request(&srv, "POST", "/accessibility/report", h, body, strlen(body), &r);
	assert_int_equal(r.status, 303);
	char loc[256];
	assert_int_equal(response_header(&r, "Location", loc, sizeof(loc)), 0);
	assert_string_equal(loc, "/accessibility/report/sent");
	response_release(&r);
	assert_int_equal(count_reports(), before + 1);
}

static void report_form_with_errors_saves_nothing(void **state)
{
	(void)state;
	long before = count_reports();
	const char *h[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
	const char *body = "page=not-a-path&description=";
	struct response r;
	harness_request(&srv, "POST", "/accessibility/report", h, body, strlen(body), &r);
	assert_int_equal(r.status, 422);
	const char *html = buf_cstr(&r.body);
	assert_non_null(strstr(html, "govuk-error-summary"));
	assert_non_null(strstr(html, "href=\"#description\""));
	assert_non_null(strstr(html, "Enter a description of the problem"));
	assert_non_null(strstr(html, "href=\"#page\""));
	assert_non_null(strstr(html, "<title>Error: "));
	/* what was typed is kept, escaped */
	assert_non_null(strstr(html, "value=\"not-a-path\""));
	response_release(&r);
	assert_int_equal(count_reports(), before);
}

static void api_report_created_then_counted(void **state)
{
	(void)state;
	long before = count_reports();
	const char *h[] = {"Content-Type: application/json", NULL};
	const char *body = "{\"page\": \"/\", \"description\": \"Focus is lost after the "
			   "error summary \\u00e9\"}";
	struct response r;
	harness_request(&srv, "POST", "/api/v1/accessibility-reports", h, body, strlen(body), &r);
	assert_int_equal(r.status, 201);
	assert_non_null(strstr(buf_cstr(&r.body), "\"id\":"));
	assert_non_null(strstr(buf_cstr(&r.body), "summary \xc3\xa9\"")); /* UTF-8 kept as is */
	response_release(&r);
	assert_int_equal(count_reports(), before + 1);
}

static void local_authority_found_by_code(void **state)
{
	(void)state;
	struct response r;
	harness_request(&srv, "GET", "/api/v1/local-authorities/202", NULL, NULL, 0, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(buf_cstr(&r.body),
			    "{\"code\":\"202\",\"name\":\"Camden\",\"region\":\"London\"}");
	response_release(&r);
	harness_request(&srv, "GET", "/api/v1/local-authorities", NULL, NULL, 0, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(buf_cstr(&r.body), "\"Camden\""));
	assert_non_null(strstr(buf_cstr(&r.body), "\"Leeds\""));
	response_release(&r);
}

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
	(void)p, (void)ud;
	return size * n;
}

static void keep_alive_reuses_one_connection(void **state)
{
	(void)state;
	CURL *c = curl_easy_init();
	char url[128];
	snprintf(url, sizeof(url), "%s/healthz", srv.base);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	long connects = 0, total = 0;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(curl_easy_perform(c), CURLE_OK);
		curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &connects);
		total += connects;
	}
	curl_easy_cleanup(c);
	assert_int_equal(total, 1); /* one connect for the first request, none after */
}

static void head_answers_like_get_without_body(void **state)
{
	(void)state;
	struct response r;
	harness_request(&srv, "HEAD", "/healthz", NULL, NULL, 0, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body.len, 0);
	response_release(&r);
}

static void access_log_has_route_not_path(void **state)
{
	(void)state;
	struct response r;
	harness_request(&srv, "GET", "/api/v1/local-authorities/202?name=Secret+Child", NULL, NULL,
			0, &r);
	response_release(&r);
	char path[128];
	snprintf(path, sizeof(path), "build/test-logs/server-%d.log", (int)srv.pid);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[2048];
	int seen = 0;
	while (fgets(line, sizeof(line), f)) {
		assert_null(strstr(line, "Secret"));
		if (strstr(line, "\"route\":\"/api/v1/local-authorities/{code}\"") &&
		    strstr(line, "\"status\":200") && strstr(line, "\"request_id\":") &&
		    strstr(line, "\"duration_us\":"))
			seen = 1;
	}
	fclose(f);
	assert_true(seen);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct http_case *)a)->file, ((const struct http_case *)b)->file);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (harness_db_fresh(&srv) || harness_seed_la(&srv, "202", "Camden", "London") ||
	    harness_seed_la(&srv, "383", "Leeds", "Yorkshire and The Humber") ||
	    harness_start(&srv, NULL)) {
		fprintf(stderr, "http_test: could not start sendap\n");
		return 1;
	}
	DIR *d = opendir(CASES_DIR);
	struct dirent *e;
	while (d && (e = readdir(d)) && ncases < MAX_CASES) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".case") != 0)
			continue;
		if (load_case(CASES_DIR, e->d_name, &cases[ncases]) == 0)
			ncases++;
		else
			fprintf(stderr, "http_test: cannot read case %s\n", e->d_name);
	}
	if (d)
		closedir(d);
	qsort(cases, ncases, sizeof(cases[0]), by_name);

	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(report_form_saves_and_redirects),
		cmocka_unit_test(report_form_with_errors_saves_nothing),
		cmocka_unit_test(api_report_created_then_counted),
		cmocka_unit_test(local_authority_found_by_code),
		cmocka_unit_test(keep_alive_reuses_one_connection),
		cmocka_unit_test(head_answers_like_get_without_body),
		cmocka_unit_test(access_log_has_route_not_path),
		cmocka_unit_test(oversize_headers_get_431),
	};
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]);
	struct CMUnitTest *all = calloc(ncases + nfixed, sizeof(*all));
	for (size_t i = 0; i < ncases; i++) {
		all[i].name = cases[i].name[0] ? cases[i].name : cases[i].file;
		all[i].test_func = run_case;
		all[i].initial_state = &cases[i];
		all[i].teardown_func = case_teardown;
	}
	for (size_t i = 0; i < nfixed; i++)
		all[ncases + i] = fixed[i];
	const char *group = getenv("SENDAP_TEST_PG_URL") ? "http (postgresql)" : "http (sqlite)";
	int failures = _cmocka_run_group_tests(group, all, ncases + nfixed, NULL, NULL);
	free(all);
	for (size_t i = 0; i < ncases; i++)
		case_free(&cases[i]);
	int status = harness_stop(&srv, SIGTERM);
	harness_cleanup(&srv);
	curl_global_cleanup();
	if (status != 0) {
		fprintf(stderr,
			"http_test: sendap exited with status %d (sanitizer report in "
			"build/test-logs/server-*.log)\n",
			status);
		return 1;
	}
	return failures ? 1 : 0;
}
