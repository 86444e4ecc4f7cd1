/*
 * http_stop.c: SIGTERM under load. Eight client threads, each with its own keep-alive
 * curl handle, loop over GET /healthz, GET /api/v1/local-authorities/{code} and
 * POST /api/v1/accessibility-reports; after about a second and a half the server gets
 * SIGTERM. What must hold:
 *
 *   - the server exits with status 0 and no sanitizer report;
 *   - no answer is cut off mid-body (no CURLE_PARTIAL_FILE, no body shorter than its
 *     Content-Length), whenever it came;
 *   - before the signal every request is answered, and answered correctly; after it a
 *     refused or reset connection is fine;
 *   - the SQLite file passes PRAGMA integrity_check, and every report answered 201 is in
 *     it (so there are at least as many rows as 201s).
 *
 * Against PostgreSQL (SENDAP_TEST_PG_URL) the integrity check is skipped.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "harness.h"
#include "platform/db.h"

#define STOP_THREADS 8
#define STOP_LOAD_MS 1500
#define STOP_MAX_IDS 200000

static struct server srv;
static atomic_int signal_sent; /* SIGTERM has been sent */
static atomic_int server_gone; /* the server has exited */

static const char report_body[] = "{\"page\": \"/accessibility\", \"description\": \"The date "
				  "input has no hint \\u00e9\"}";
static const char la_body[] = "{\"code\":\"202\",\"name\":\"Camden\",\"region\":\"London\"}";

enum op { OP_HEALTHZ, OP_LA, OP_REPORT, OP_COUNT };
static const char *const op_names[] = {"GET /healthz", "GET /api/v1/local-authorities/202",
				       "POST /api/v1/accessibility-reports"};

struct client {
	int index;
	long sent[OP_COUNT];
	long ok[OP_COUNT];      /* answered with the right status and body */
	long created;           /* 201s */
	long cut_off;           /* a body shorter than its Content-Length, or CURLE_PARTIAL_FILE */
	long wrong_answer;      /* answered, but not with the right status and body */
	long failed_before;     /* no answer, with no signal sent yet */
	long dropped_after;     /* no answer, after the signal: refused or reset, which is fine */
	long dropped_in_flight; /* of those, sent before the signal */
	long draining_close;    /* answers after the signal that said Connection: close */
	char **ids;             /* ids of created reports; freed by main */
	size_t nids;
	size_t cap;
	int reported;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	return buf_append(ud, p, size * n) == 0 ? size * n : 0;
}

static void keep_id(struct client *c, const char *body)
{
	const char *p = strstr(body, "\"id\":\"");
	if (!p)
		return;
	p += 6;
	const char *end = strchr(p, '"');
	if (!end || c->nids >= STOP_MAX_IDS)
		return;
	if (c->nids == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		char **ids = realloc(c->ids, cap * sizeof(*ids));
		if (!ids)
			return;
		c->ids = ids;
		c->cap = cap;
	}
	char *id = strndup(p, (size_t)(end - p));
	if (id)
		c->ids[c->nids++] = id;
}

static void note(struct client *c, const char *what, enum op op, CURLcode rc, long status,
		 const struct buf *body)
{
	if (c->reported++ >= 3)
		return;
	fprintf(stderr, "stop: client %d: %s: %s: curl %d (%s), status %ld, body \"%.200s\"\n",
		c->index, what, op_names[op], (int)rc, curl_easy_strerror(rc), status,
		buf_cstr(body));
}

static void *client_run(void *arg)
{
	struct client *c = arg;
	CURL *h = curl_easy_init();
	struct curl_slist *json = curl_slist_append(NULL, "Content-Type: application/json");
	struct buf body, head;
	buf_init(&body, 0);
	buf_init(&head, 0);
	char url[OP_COUNT][160];
	snprintf(url[OP_HEALTHZ], sizeof(url[0]), "%s/healthz", srv.base);
	snprintf(url[OP_LA], sizeof(url[0]), "%s/api/v1/local-authorities/202", srv.base);
	snprintf(url[OP_REPORT], sizeof(url[0]), "%s/api/v1/accessibility-reports", srv.base);
	int consecutive_drops = 0;
	for (long i = c->index; !atomic_load(&server_gone) && consecutive_drops < 50; i++) {
		enum op op = (enum op)(i % OP_COUNT);
		buf_reset(&body);
		buf_reset(&head);
		curl_easy_reset(h);
		curl_easy_setopt(h, CURLOPT_URL, url[op]);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
		curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_body);
		curl_easy_setopt(h, CURLOPT_HEADERDATA, &head);
		curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
		if (op == OP_REPORT) {
			curl_easy_setopt(h, CURLOPT_HTTPHEADER, json);
			curl_easy_setopt(h, CURLOPT_POSTFIELDS, report_body);
			curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(report_body));
		}
		int before = !atomic_load(&signal_sent);
		c->sent[op]++;
		CURLcode rc = curl_easy_perform(h);
		int after = atomic_load(&signal_sent);
		long status = 0;
		curl_off_t length = -1;
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(h, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
		int cut = rc == CURLE_PARTIAL_FILE ||
			  (status > 0 && length >= 0 && (curl_off_t)body.len < length);
		if (cut) {
			c->cut_off++;
			note(c, "answer cut off", op, rc, status, &body);
			continue;
		}
		int right = rc == CURLE_OK &&
			    (op == OP_HEALTHZ ? status == 200 && strstr(buf_cstr(&body), "\"ok\"")
			     : op == OP_LA ? status == 200 && strcmp(buf_cstr(&body), la_body) == 0
					   : status == 201 && strstr(buf_cstr(&body), "\"id\":"));
		if (rc == CURLE_OK && after && strstr(buf_cstr(&head), "Connection: close"))
			c->draining_close++;
		if (right) {
			c->ok[op]++;
			consecutive_drops = 0;
			if (op == OP_REPORT) {
				c->created++;
				keep_id(c, buf_cstr(&body));
			}
		} else if (rc == CURLE_OK) {
			c->wrong_answer++;
			note(c, "wrong answer", op, rc, status, &body);
		} else if (!after) {
			c->failed_before++;
			note(c, "failed before the signal", op, rc, status, &body);
		} else {
			c->dropped_after++;
			c->dropped_in_flight += before;
			consecutive_drops++;
		}
	}
	buf_release(&body);
	buf_release(&head);
	curl_slist_free_all(json);
	curl_easy_cleanup(h);
	return NULL;
}

/* db_text_query runs sql (one text parameter, may be NULL) and copies the first column */
static int db_first(struct db *db, const char *sql, const char *param, char *out, size_t n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	if (rc == 0 && param)
		rc = db_bind_text(st, 1, param);
	if (rc == 0)
		rc = db_step(st) == DB_ROW ? 0 : -1;
	if (rc == 0) {
		const char *v = db_column_text(st, 0);
		snprintf(out, n, "%s", v ? v : "");
	}
	if (st)
		db_reset(st);
	return rc;
}

int main(void)
{
	struct tally t = {.name = "http_stop"};
	static struct client clients[STOP_THREADS];
	pthread_t th[STOP_THREADS];
	char what[300];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	signal(SIGPIPE, SIG_IGN);
	if (harness_db_fresh(&srv) || harness_seed_la(&srv, "202", "Camden", "London") ||
	    harness_start(&srv, NULL)) {
		fprintf(stderr, "http_stop: could not start sendap\n");
		return 1;
	}
	pid_t pid = srv.pid;
	for (int i = 0; i < STOP_THREADS; i++) {
		clients[i].index = i;
		pthread_create(&th[i], NULL, client_run, &clients[i]);
	}
	struct timespec load = {STOP_LOAD_MS / 1000, (STOP_LOAD_MS % 1000) * 1000000L};
	nanosleep(&load, NULL);
	atomic_store(&signal_sent, 1);
	int status = harness_stop_within(&srv, SIGTERM, 20);
	atomic_store(&server_gone, 1);
	for (int i = 0; i < STOP_THREADS; i++)
		pthread_join(th[i], NULL);

	struct client all = {0};
	for (int i = 0; i < STOP_THREADS; i++) {
		struct client *c = &clients[i];
		for (int op = 0; op < OP_COUNT; op++) {
			all.sent[op] += c->sent[op];
			all.ok[op] += c->ok[op];
		}
		all.created += c->created;
		all.cut_off += c->cut_off;
		all.wrong_answer += c->wrong_answer;
		all.failed_before += c->failed_before;
		all.dropped_after += c->dropped_after;
		all.dropped_in_flight += c->dropped_in_flight;
		all.draining_close += c->draining_close;
	}
	printf("stop: %ld/%ld healthz, %ld/%ld local authority, %ld/%ld reports answered right; "
	       "%ld refused or reset after the signal (%ld of them sent before it); %ld answers "
	       "after it said Connection: close\n",
	       all.ok[OP_HEALTHZ], all.sent[OP_HEALTHZ], all.ok[OP_LA], all.sent[OP_LA],
	       all.ok[OP_REPORT], all.sent[OP_REPORT], all.dropped_after, all.dropped_in_flight,
	       all.draining_close);

	snprintf(what, sizeof(what), "SIGTERM under load stops the server with status 0 (got %d)",
		 status);
	tally_check(&t, status == 0, what);
	tally_check(&t, all.ok[OP_HEALTHZ] > 0 && all.ok[OP_LA] > 0 && all.ok[OP_REPORT] > 0,
		    "every kind of request was answered under load");
	snprintf(what, sizeof(what), "no answer was cut off mid-body (%ld were)", all.cut_off);
	tally_check(&t, all.cut_off == 0, what);
	snprintf(what, sizeof(what),
		 "every request that ended before the signal was answered (%ld were not)",
		 all.failed_before);
	tally_check(&t, all.failed_before == 0, what);
	snprintf(what, sizeof(what),
		 "every answer, before or after the signal, had the right status and body (%ld "
		 "did not)",
		 all.wrong_answer);
	tally_check(&t, all.wrong_answer == 0, what);
	tally_check(&t, harness_log_count(pid, "AddressSanitizer") == 0,
		    "the server log has no AddressSanitizer report");
	tally_check(&t, harness_log_count(pid, "runtime error") == 0,
		    "the server log has no UndefinedBehaviorSanitizer runtime error");
	tally_check(&t, harness_log_count(pid, "\"status\":5") == 0,
		    "the access log has no 5xx line");

	struct db *db = NULL;
	char v[256] = "";
	if (db_open(srv.db_url, &db) != 0) {
		tally_check(&t, 0, "the database opens after the stop");
	} else {
		if (db_kind(db) == DB_SQLITE) {
			int rc = db_first(db, "PRAGMA integrity_check", NULL, v, sizeof(v));
			snprintf(what, sizeof(what),
				 "PRAGMA integrity_check is \"ok\" (got \"%s\")",
				 rc == 0 ? v : "no answer");
			tally_check(&t, rc == 0 && strcmp(v, "ok") == 0, what);
		}
		long rows = -1;
		if (db_first(db, "SELECT count(*) FROM accessibility_report", NULL, v, sizeof(v)) ==
		    0)
			rows = strtol(v, NULL, 10);
		snprintf(what, sizeof(what), "%ld report rows for %ld answers of 201", rows,
			 all.created);
		tally_check(&t, rows >= all.created, what);
		long missing = 0, looked = 0;
		for (int i = 0; i < STOP_THREADS; i++)
			for (size_t k = 0; k < clients[i].nids; k++, looked++)
				if (db_first(db,
					     "SELECT id FROM accessibility_report WHERE id = $1",
					     clients[i].ids[k], v, sizeof(v)) != 0)
					missing++;
		snprintf(what, sizeof(what),
			 "every report answered 201 is in the database (%ld of %ld missing)",
			 missing, looked);
		tally_check(&t, missing == 0 && looked == all.created, what);
		db_close(db);
	}
	for (int i = 0; i < STOP_THREADS; i++) {
		for (size_t k = 0; k < clients[i].nids; k++)
			free(clients[i].ids[k]);
		free(clients[i].ids);
	}
	if (t.failed)
		fprintf(stderr, "http_stop: server log build/test-logs/server-%d.log\n", (int)pid);
	harness_cleanup(&srv);
	curl_global_cleanup();
	return tally_finish(&t);
}
