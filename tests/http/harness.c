/*
 * harness.c: start and stop a real sendap for tests, and talk to it; see harness.h.
 * The server is the AddressSanitizer build (SENDAP_BIN, default build/asan/sendap), so
 * a memory error in the server fails the test through its exit status.
 */
#include "harness.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "platform/db.h"
#include "platform/migrate.h"

static const char *server_bin(void)
{
	const char *b = getenv("SENDAP_BIN");
	return b && *b ? b : "build/asan/sendap";
}

int harness_db_fresh(struct server *s)
{
	const char *pg = getenv("SENDAP_TEST_PG_URL");
	struct db *db = NULL;
	s->dir[0] = '\0';
	if (pg && *pg) {
		snprintf(s->db_url, sizeof(s->db_url), "%s", pg);
		if (db_open(s->db_url, &db))
			return -1;
		int rc = db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
		db_close(db);
		if (rc)
			return -1;
	} else {
		snprintf(s->dir, sizeof(s->dir), "/tmp/sendap-test-XXXXXX");
		if (!mkdtemp(s->dir))
			return -1;
		snprintf(s->db_url, sizeof(s->db_url), "%s/test.db", s->dir);
	}
	if (db_open(s->db_url, &db))
		return -1;
	int rc = migrate_apply(db, NULL);
	db_close(db);
	return rc;
}

int harness_seed_la(const struct server *s, const char *code, const char *name, const char *region)
{
	struct db *db = NULL;
	struct db_stmt *st = NULL;
	int rc = db_open(s->db_url, &db);
	if (rc)
		return rc;
	rc = db_prepare(db, "INSERT INTO local_authority (code, name, region) VALUES ($1, $2, $3)",
			&st);
	if (rc == 0 && (rc = db_bind_text(st, 1, code)) == 0 &&
	    (rc = db_bind_text(st, 2, name)) == 0 && (rc = db_bind_text(st, 3, region)) == 0)
		rc = db_step(st) == DB_DONE ? 0 : -1;
	if (st)
		db_reset(st);
	db_close(db);
	return rc;
}

int harness_start(struct server *s, const char *const *extra)
{
	int out[2];
	if (pipe(out) != 0)
		return -1;
	const char *argv[32] = {server_bin(), "serve",   "--port", "0",
				"--db",       s->db_url, "--web",  "web"};
	size_t n = 8;
	for (size_t i = 0; extra && extra[i] && n < 31; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		/* the access log goes to a file per server, so tests can read it */
		char logpath[600];
		snprintf(logpath, sizeof(logpath), "build/test-logs/server-%d.log", (int)getpid());
		FILE *lf = fopen(logpath, "w");
		if (lf)
			dup2(fileno(lf), 2);
		execv(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	close(out[1]);
	s->pid = pid;
	char line[256];
	size_t len = 0;
	while (len < sizeof(line) - 1) {
		ssize_t got = read(out[0], line + len, 1);
		if (got <= 0)
			break;
		if (line[len] == '\n')
			break;
		len++;
	}
	line[len] = '\0';
	close(out[0]);
	const char *colon = strrchr(line, ':');
	if (strncmp(line, "listening on ", 13) != 0 || !colon) {
		fprintf(stderr, "harness: server did not start: \"%s\"\n", line);
		harness_stop(s, SIGKILL);
		return -1;
	}
	s->port = (int)strtol(colon + 1, NULL, 10);
	snprintf(s->base, sizeof(s->base), "http://127.0.0.1:%d", s->port);
	return 0;
}

int harness_stop(struct server *s, int sig)
{
	int status = 0;
	if (s->pid <= 0)
		return -1;
	kill(s->pid, sig);
	while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
		;
	s->pid = 0;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

void harness_cleanup(struct server *s)
{
	if (s->dir[0]) {
		char path[600];
		const char *suffixes[] = {"", "-wal", "-shm"};
		for (size_t i = 0; i < 3; i++) {
			snprintf(path, sizeof(path), "%s%s", s->db_url, suffixes[i]);
			unlink(path);
		}
		rmdir(s->dir);
	}
}

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	return buf_append(ud, p, size * n) == 0 ? size * n : 0;
}

int harness_request(const struct server *s, const char *method, const char *path,
		    const char *const *headers, const char *body, size_t body_len,
		    struct response *r)
{
	buf_init(&r->headers, 0);
	buf_init(&r->body, 0);
	r->status = 0;
	CURL *c = curl_easy_init();
	if (!c)
		return -1;
	char url[4096];
	snprintf(url, sizeof(url), "%s%s", s->base, path);
	struct curl_slist *h = NULL;
	for (size_t i = 0; headers && headers[i]; i++)
		h = curl_slist_append(h, headers[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	/* send the path exactly as written, without curl normalising it */
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->headers);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	CURLcode rc = curl_easy_perform(c);
	r->curl_error = (int)rc;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}

void response_release(struct response *r)
{
	buf_release(&r->headers);
	buf_release(&r->body);
}

int response_header(const struct response *r, const char *name, char *out, size_t n)
{
	const char *p = buf_cstr(&r->headers);
	size_t nl = strlen(name);
	while (*p) {
		const char *eol = strstr(p, "\r\n");
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		if (len > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			while (*v == ' ')
				v++;
			size_t vl = len - (size_t)(v - p);
			snprintf(out, n, "%.*s", (int)vl, v);
			return 0;
		}
		p += len + (eol ? 2 : 0);
	}
	return -1;
}

int harness_raw(const struct server *s, const void *req, size_t len, struct buf *reply,
		int timeout_ms)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port)};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(fd);
		return -1;
	}
	const char *p = req;
	size_t sent = 0;
	while (sent < len) {
		ssize_t w = send(fd, p + sent, len - sent, MSG_NOSIGNAL);
		if (w <= 0)
			break; /* the server may close early on a refused request */
		sent += (size_t)w;
	}
	shutdown(fd, SHUT_WR);
	char chunk[4096];
	for (;;) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		if (poll(&pfd, 1, timeout_ms) <= 0)
			break;
		ssize_t got = recv(fd, chunk, sizeof(chunk), 0);
		if (got <= 0)
			break;
		buf_append(reply, chunk, (size_t)got);
	}
	close(fd);
	return 0;
}

int harness_connect(const struct server *s)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port)};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int harness_stop_within(struct server *s, int sig, unsigned timeout_s)
{
	int status = 0;
	if (s->pid <= 0)
		return -1;
	kill(s->pid, sig);
	struct timespec tick = {0, 20 * 1000 * 1000};
	for (unsigned i = 0; i < timeout_s * 50; i++) {
		pid_t got = waitpid(s->pid, &status, WNOHANG);
		if (got == s->pid) {
			s->pid = 0;
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		}
		if (got < 0 && errno != EINTR)
			return -1;
		nanosleep(&tick, NULL);
	}
	fprintf(stderr, "harness: server %d still running %us after signal %d; killing it\n",
		(int)s->pid, timeout_s, sig);
	harness_stop(s, SIGKILL);
	return -1;
}

long harness_log_count(pid_t pid, const char *needle)
{
	char path[128];
	snprintf(path, sizeof(path), "build/test-logs/server-%d.log", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char *line = NULL;
	size_t cap = 0;
	long n = 0;
	while (getline(&line, &cap, f) >= 0)
		if (strstr(line, needle))
			n++;
	free(line);
	fclose(f);
	return n;
}

int tally_check(struct tally *t, int ok, const char *what)
{
	if (ok)
		t->passed++;
	else
		t->failed++;
	printf("%s - %s\n", ok ? "ok" : "FAIL", what);
	fflush(stdout);
	return ok;
}

int tally_finish(const struct tally *t)
{
	printf("%s: %d passed, %d failed\n", t->name, t->passed, t->failed);
	fflush(stdout);
	return t->failed ? 1 : 0;
}

int harness_sql(struct db *db, const char *sql, int n, ...)
{
	struct db_stmt *st = NULL;
	if (db_prepare(db, sql, &st))
		return -1;
	va_list ap;
	va_start(ap, n);
	int rc = 0;
	for (int i = 1; i <= n && rc == 0; i++) {
		const char *v = va_arg(ap, const char *);
		rc = v ? db_bind_text(st, i, v) : db_bind_null(st, i);
	}
	va_end(ap);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : -1;
	db_reset(st);
	return rc;
}

int harness_sign_in(const struct server *s, const char *email, const char *password, char *cookie,
		    size_t cn, char *csrf, size_t tn, char *location, size_t ln)
{
	char body[512];
	snprintf(body, sizeof(body), "email=%s&password=%s", email, password);
	for (char *p = body; *p; p++)
		if (*p == ' ')
			*p = '+';
	const char *h[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
	struct response r;
	harness_request(s, "POST", "/sign-in", h, body, strlen(body), &r);
	char v[256] = "";
	int ok = r.status == 303 && response_header(&r, "Set-Cookie", v, sizeof(v)) == 0;
	if (ok && location)
		response_header(&r, "Location", location, ln);
	response_release(&r);
	if (!ok)
		return -1;
	v[strcspn(v, ";")] = '\0';
	snprintf(cookie, cn, "Cookie: %s", v);
	if (!csrf)
		return 0;
	const char *mh[] = {cookie, NULL};
	harness_request(s, "GET", "/api/v1/me", mh, NULL, 0, &r);
	const char *t = r.status == 200 ? strstr(buf_cstr(&r.body), "\"csrf_token\":\"") : NULL;
	if (t) {
		t += strlen("\"csrf_token\":\"");
		snprintf(csrf, tn, "%.*s", (int)strcspn(t, "\""), t);
	}
	response_release(&r);
	return t ? 0 : -1;
}

void harness_send(const struct server *s, const char *cookie, const char *csrf, const char *method,
		  const char *path, const char *body, enum csrf use, struct response *r)
{
	int api = strncmp(path, "/api/", 5) == 0;
	int signed_in = cookie && cookie[0];
	const char *h[5];
	size_t n = 0;
	char token_header[128];
	struct buf b;
	buf_init(&b, 0);
	const char *token = use == CSRF_WRONG ? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
			    : csrf            ? csrf
					      : "";
	if (signed_in)
		h[n++] = cookie;
	if (body)
		h[n++] = api ? "Content-Type: application/json"
			     : "Content-Type: application/x-www-form-urlencoded";
	if (body && api && signed_in && use != CSRF_NONE) {
		snprintf(token_header, sizeof(token_header), "X-CSRF-Token: %s", token);
		h[n++] = token_header;
	}
	h[n] = NULL;
	if (body) {
		buf_puts(&b, body);
		if (!api && signed_in && use != CSRF_NONE)
			buf_printf(&b, "%scsrf=%s", *body ? "&" : "", token);
	}
	harness_request(s, method, path, h, body ? buf_cstr(&b) : NULL, body ? b.len : 0, r);
	buf_release(&b);
}

int response_has(const struct response *r, const char *text)
{
	return strstr(buf_cstr(&r->body), text) != NULL;
}

int response_location_is(const struct response *r, const char *want)
{
	char loc[512];
	return response_header(r, "Location", loc, sizeof(loc)) == 0 && strcmp(loc, want) == 0;
}

/* without_request_id: the body with the response's request id replaced; free it */
static char *without_request_id(const struct response *r)
{
	char rid[128] = "";
	response_header(r, "X-Request-Id", rid, sizeof(rid));
	const char *s = buf_cstr(&r->body);
	struct buf out;
	buf_init(&out, 0);
	size_t rl = strlen(rid);
	while (*s) {
		if (rl && strncmp(s, rid, rl) == 0) {
			buf_puts(&out, "RID");
			s += rl;
		} else {
			buf_putc(&out, *s++);
		}
	}
	buf_putc(&out, '\0');
	return buf_steal(&out, NULL);
}

int response_same(const struct response *x, const struct response *y)
{
	char cx[128] = "", cy[128] = "";
	response_header(x, "Content-Type", cx, sizeof(cx));
	response_header(y, "Content-Type", cy, sizeof(cy));
	char *bx = without_request_id(x), *by = without_request_id(y);
	int same = x->status == y->status && strcmp(cx, cy) == 0 && strcmp(bx, by) == 0;
	free(bx);
	free(by);
	return same;
}

int harness_migrate(const struct server *s)
{
	const char *bin = getenv("SENDAP_BIN");
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 1);
		execl(bin && *bin ? bin : "build/asan/sendap", "sendap", "migrate", "--db",
		      s->db_url, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

const char *harness_vtext(struct db *db, struct buf *out, const char *sql, int n, va_list ap)
{
	struct db_stmt *st = NULL;
	buf_reset(out);
	if (db_prepare(db, sql, &st))
		return NULL;
	int rc = 0;
	for (int i = 1; i <= n && rc == 0; i++)
		rc = db_bind_text(st, i, va_arg(ap, const char *));
	int row = rc == 0 && db_step(st) == DB_ROW;
	if (row && !db_column_is_null(st, 0))
		buf_puts(out, db_column_text(st, 0));
	db_reset(st);
	return row ? buf_cstr(out) : NULL;
}

const char *harness_text(struct db *db, struct buf *out, const char *sql, int n, ...)
{
	va_list ap;
	va_start(ap, n);
	const char *t = harness_vtext(db, out, sql, n, ap);
	va_end(ap);
	return t;
}

long harness_number(const char *text)
{
	return text ? strtol(text, NULL, 10) : -1;
}

const char *harness_or_none(const char *text)
{
	return text ? text : "(no row)";
}

void harness_dump(struct db *db, struct buf *b, const char *sql)
{
	struct db_stmt *st = NULL;
	if (db_prepare(db, sql, &st)) {
		buf_puts(b, "(query failed)");
		return;
	}
	while (db_step(st) == DB_ROW) {
		for (int i = 0; i < db_column_count(st); i++) {
			buf_puts(b, db_column_is_null(st, i) ? "NULL" : db_column_text(st, i));
			buf_putc(b, '|');
		}
		buf_putc(b, '\n');
	}
	db_reset(st);
}
