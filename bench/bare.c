/*
 * bare.c: the "bare" denominator for bench/http.sh. A libmicrohttpd server set up like
 * sendap's (src/platform/http.c: epoll, a pool of 2 threads, 127.0.0.1, the same
 * connection limits) but with no application around it, answering two routes:
 *
 *   GET /static      one persistent 31-byte JSON response, reused for every request
 *                    (the denominator for sendap's GET /healthz);
 *   GET /la/{code}   the primary-key lookup sendap's GET /api/v1/local-authorities/{code}
 *                    does, on a per-thread SQLite connection with a prepared statement,
 *                    built with json_pack + json_dumps, sent with MHD_RESPMEM_MUST_FREE.
 *
 * The handler returns MHD_YES on the first call and queues on the second, so keep-alive
 * works. SIGTERM/SIGINT are blocked before the daemon starts and taken with sigwait;
 * the exit status is 0 after a clean stop.
 *
 * usage: bare PORT DB   (PORT 0 picks a free one; prints "listening on http://127.0.0.1:N")
 */
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BARE_MAX_THREADS 16
#define BARE_LA_PREFIX "/la/"

/* not const: MHD_create_response_from_buffer takes void *, though it never writes */
static char static_body[] = "{\"status\":\"ok\",\"database\":\"ok\"}";
static const char notfound_body[] = "{\"status\":404}";
static const char notallowed_body[] = "{\"status\":405}";

static const char *db_path;
static struct MHD_Response *static_resp;

/* every worker's connection, so main can close them after the daemon has stopped */
static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static sqlite3 *conns[BARE_MAX_THREADS];
static sqlite3_stmt *stmts[BARE_MAX_THREADS];
static size_t nconns;

static _Thread_local sqlite3_stmt *thread_stmt;

/* la_stmt returns this thread's prepared lookup, opening the connection on first use. */
static sqlite3_stmt *la_stmt(void)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (thread_stmt)
		return thread_stmt;
	if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v3(db, "SELECT code, name, region FROM local_authority WHERE code = ?",
			       -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
		goto fail;
	pthread_mutex_lock(&conns_lock);
	if (nconns == BARE_MAX_THREADS) {
		pthread_mutex_unlock(&conns_lock);
		goto fail;
	}
	conns[nconns] = db;
	stmts[nconns++] = st;
	pthread_mutex_unlock(&conns_lock);
	thread_stmt = st;
	return st;
fail:
	fprintf(stderr, "bare: opening %s failed: %s\n", db_path, db ? sqlite3_errmsg(db) : "");
	sqlite3_finalize(st);
	sqlite3_close(db);
	return NULL;
}

/* queue_json sends body (malloc'd, taken; NULL means out of memory) with status. */
static enum MHD_Result queue_json(struct MHD_Connection *conn, unsigned status, char *body)
{
	if (!body)
		return MHD_NO;
	struct MHD_Response *r =
		MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
	enum MHD_Result ok = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result la_show(struct MHD_Connection *conn, const char *code)
{
	sqlite3_stmt *st = la_stmt();
	json_t *obj = NULL;
	char *body = NULL;
	unsigned status = MHD_HTTP_OK;
	if (!st)
		return MHD_NO;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		obj = json_pack("{s:s, s:s, s:s}", "code", (const char *)sqlite3_column_text(st, 0),
				"name", (const char *)sqlite3_column_text(st, 1), "region",
				(const char *)sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	if (obj) {
		body = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(obj);
	} else {
		status = MHD_HTTP_NOT_FOUND;
		body = strdup(notfound_body);
	}
	return queue_json(conn, status, body);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	static int seen; /* only its address is used: "the first call has happened" */
	(void)cls, (void)version, (void)upload_data;
	if (*con_cls == NULL) {
		*con_cls = &seen;
		return MHD_YES; /* answering on the first call would close keep-alive */
	}
	*upload_data_size = 0;
	if (strcmp(method, "GET") != 0)
		return queue_json(conn, MHD_HTTP_METHOD_NOT_ALLOWED, strdup(notallowed_body));
	if (strcmp(url, "/static") == 0)
		return MHD_queue_response(conn, MHD_HTTP_OK, static_resp);
	if (strncmp(url, BARE_LA_PREFIX, strlen(BARE_LA_PREFIX)) == 0)
		return la_show(conn, url + strlen(BARE_LA_PREFIX));
	return queue_json(conn, MHD_HTTP_NOT_FOUND, strdup(notfound_body));
}

int main(int argc, char **argv)
{
	struct MHD_Daemon *d = NULL;
	struct sockaddr_in addr;
	char *end = NULL;
	int rc = 1;
	if (argc != 3) {
		fputs("usage: bare PORT DB\n", stderr);
		return 2;
	}
	errno = 0;
	unsigned long port = strtoul(argv[1], &end, 10);
	if (errno || !end || *end || port > 65535) {
		fputs("bare: PORT must be a number from 0 to 65535\n", stderr);
		return 2;
	}
	db_path = argv[2];

	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	static_resp = MHD_create_response_from_buffer(strlen(static_body), static_body,
						      MHD_RESPMEM_PERSISTENT);
	if (!static_resp)
		goto out;
	MHD_add_response_header(static_resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* the same flags and limits as http_start in src/platform/http.c */
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG,
			     (uint16_t)port, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR,
			     (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)2,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024, MHD_OPTION_END);
	if (!d) {
		fputs("bare: starting the http daemon failed\n", stderr);
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("listening on http://127.0.0.1:%u\n", info ? (unsigned)info->port : 0u);
	fflush(stdout);
	int sig = 0;
	sigwait(&stop, &sig);
	rc = 0;
out:
	if (d)
		MHD_stop_daemon(d);
	for (size_t i = 0; i < nconns; i++) {
		sqlite3_finalize(stmts[i]);
		sqlite3_close(conns[i]);
	}
	if (static_resp)
		MHD_destroy_response(static_resp);
	return rc;
}
