/*
 * http.c: the HTTP server on libmicrohttpd (see http.h).
 *
 * MHD calls the access handler several times per request. The first call only sets up
 * the request (arena, id, clock) and checks the header and declared body sizes; it
 * returns without answering, because answering on the first call makes MHD close a
 * keep-alive connection (reference/stack-notes.md, gotcha 1). Calls with upload data
 * append to the body up to its limit. The last call routes and runs the handler. MHD's
 * "request completed" callback writes the access-log line and frees the request.
 *
 * Each worker thread opens its own database connection on first use; all of them are
 * closed by http_stop after the daemon has stopped.
 */
#include "platform/http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "platform/err.h"
#include "platform/log.h"
#include "platform/static.h"
#include "platform/utf8.h"

#include "platform/http_internal.h"

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
			  "img-src 'self' data:; font-src 'self'; object-src 'none'; "
			  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

int http_status_for_err(int err)
{
	switch (err) {
	case ERR_INVALID: return 400;
	case ERR_UNAUTH: return 401;
	case ERR_DENIED: return 403;
	case ERR_THROTTLED: return 429;
	case ERR_NOTFOUND: return 404;
	case ERR_CONFLICT: return 409;
	case ERR_TOOBIG: return 413;
	case ERR_BUSY: return 503;
	default: return 500;
	}
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not found";
	case 405: return "Method not allowed";
	case 409: return "Conflict";
	case 413: return "Content too large";
	case 414: return "URI too long";
	case 415: return "Unsupported media type";
	case 422: return "Unprocessable content";
	case 429: return "Too many requests";
	case 431: return "Request header fields too large";
	case 503: return "Service unavailable";
	default: return "Internal server error";
	}
}

/* ---- answering ---- */

int resp_header(struct request *req, const char *name, const char *value)
{
	if (req->nextra == HTTP_MAX_EXTRA_HEADERS)
		return ERR_TOOBIG;
	const char *n = arena_strdup(&req->arena, name), *v = arena_strdup(&req->arena, value);
	if (!n || !v)
		return ERR_NOMEM;
	req->extra_names[req->nextra] = n;
	req->extra_values[req->nextra] = v;
	req->nextra++;
	return 0;
}

static void add_security_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
}

/* queue sends r (created by the caller) with the per-request headers, and drops our ref. */
static int queue(struct request *req, int status, struct MHD_Response *r, int cacheable)
{
	if (!r)
		return ERR_NOMEM;
	if (!cacheable) {
		add_security_headers(r);
		MHD_add_response_header(r, "Cache-Control", "no-store");
	}
	for (size_t i = 0; i < req->nextra; i++)
		MHD_add_response_header(r, req->extra_names[i], req->extra_values[i]);
	if (atomic_load(&req->srv->draining))
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	enum MHD_Result ok = MHD_queue_response(req->conn, (unsigned)status, r);
	MHD_destroy_response(r);
	if (ok != MHD_YES)
		return ERR_IO;
	req->answered = 1;
	req->status = status;
	return 0;
}

static int send_owned(struct request *req, int status, const char *type, char *data, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(data);
		return ERR_NOMEM;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, "X-Request-Id", req->id);
	return queue(req, status, r, 0);
}

int resp_bytes(struct request *req, int status, const char *type, char *data, size_t len)
{
	return send_owned(req, status, type, data, len);
}

int resp_html(struct request *req, int status, struct html *h)
{
	if (html_error(h)) {
		html_release(h);
		return ERR_NOMEM;
	}
	size_t len;
	char *data = buf_steal(&h->b, &len);
	if (!data)
		return ERR_NOMEM;
	return send_owned(req, status, "text/html; charset=utf-8", data, len);
}

static int send_json_typed(struct request *req, int status, json_t *body, const char *type)
{
	if (!body)
		return ERR_NOMEM;
	char *data = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(body);
	if (!data)
		return ERR_NOMEM;
	return send_owned(req, status, type, data, strlen(data));
}

int resp_json(struct request *req, int status, json_t *body)
{
	return send_json_typed(req, status, body, "application/json");
}

int resp_problem(struct request *req, int status, const char *title, const char *detail,
		 const struct field_errors *errs)
{
	json_t *p = json_object();
	if (!p)
		return ERR_NOMEM;
	json_object_set_new(p, "type", json_string("about:blank"));
	json_object_set_new(p, "title", json_string(title ? title : status_title(status)));
	json_object_set_new(p, "status", json_integer(status));
	if (detail)
		json_object_set_new(p, "detail", json_string(detail));
	json_object_set_new(p, "instance", json_string(req->id));
	if (errs && errs->n) {
		json_t *list = json_array();
		for (size_t i = 0; i < errs->n; i++) {
			const struct field_error *e = &errs->items[i];
			const char *ptr = e->pointer;
			if (!ptr)
				ptr = arena_printf(&req->arena, "/%s", e->name);
			json_array_append_new(list, json_pack("{s:s?, s:s?}", "pointer", ptr,
							      "detail", e->message));
		}
		json_object_set_new(p, "errors", list);
	}
	return send_json_typed(req, status, p, "application/problem+json");
}

int resp_redirect(struct request *req, const char *location)
{
	if (!location || location[0] != '/' || location[1] == '/')
		return ERR_INVALID; /* local paths only: never an open redirect */
	struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (!r)
		return ERR_NOMEM;
	MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, location);
	MHD_add_response_header(r, "X-Request-Id", req->id);
	return queue(req, 303, r, 0);
}

int resp_error(struct request *req, int status)
{
	if (!req_is_api(req) && req->srv->cfg.error_page) {
		int rc = req->srv->cfg.error_page(req, status);
		if (rc == 0 && req->answered)
			return 0;
	}
	if (req_is_api(req))
		return resp_problem(req, status, NULL, NULL, NULL);
	/* the last resort when even the error page failed: plain text */
	const char *t = status_title(status);
	char *data = strdup(t);
	return data ? send_owned(req, status, "text/plain; charset=utf-8", data, strlen(t))
		    : ERR_NOMEM;
}

/* ---- the MHD callbacks ---- */

static void request_free(struct request *req)
{
	buf_release(&req->body);
	arena_release(&req->arena);
	free(req);
}

static enum MHD_Result header_size(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	size_t *total = cls;
	(void)kind;
	*total += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

static enum MHD_Result count_content_length(void *cls, enum MHD_ValueKind kind, const char *key,
					    const char *value)
{
	size_t *n = cls;
	(void)kind;
	(void)value;
	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
		(*n)++;
	return MHD_YES;
}

static struct request *request_new(struct http_server *s, struct MHD_Connection *conn,
				   const char *url, const char *method)
{
	struct request *req = calloc(1, sizeof(*req));
	if (!req)
		return NULL;
	req->srv = s;
	req->conn = conn;
	arena_init(&req->arena, 0);
	buf_init(&req->body, s->cfg.max_body + 1);
	clock_gettime(CLOCK_MONOTONIC, &req->start);
	unsigned char raw[8];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(req->id, sizeof(req->id), raw, sizeof(raw));
	req->method = arena_strdup(&req->arena, method);
	req->path = arena_strdup(&req->arena, url);
	if (!req->method || !req->path) {
		request_free(req);
		return NULL;
	}
	size_t hdrs = 0;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, header_size, &hdrs);
	const char *cl =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	size_t n_cl = 0;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, count_content_length, &n_cl);
	if (hdrs > s->cfg.max_headers)
		req->early_status = 431;
	else if (n_cl > 1)
		req->early_status = 400; /* two lengths: a request-smuggling shape (RFC 9112 6.3) */
	else if (strlen(url) > HTTP_MAX_PATH)
		req->early_status = 414;
	else if (cl) {
		char *end = NULL;
		unsigned long long n = strtoull(cl, &end, 10);
		if (end && *end == '\0' && n > s->cfg.max_body)
			req->early_status = 413;
	}
	return req;
}

static void dispatch(struct request *req)
{
	struct http_server *s = req->srv;
	int status = 0;
	if (req->body_too_big) {
		status = 413;
	} else if (!utf8_valid(req->path, strlen(req->path))) {
		status = 400;
	} else {
		int m = router_match(s->cfg.routes, s->cfg.nroutes, req->method, req->path,
				     &req->arena, &req->match);
		if (m == ROUTER_NO_PATH) {
			status = 404;
		} else if (m == ROUTER_NO_METHOD) {
			resp_header(req, MHD_HTTP_HEADER_ALLOW, req->match.allow);
			status = 405;
		} else if (m != ROUTER_FOUND) {
			status = 500;
		} else {
			int rc = s->cfg.guard ? s->cfg.guard(req) : 0;
			if (rc == 0)
				rc = req->match.route->handler(req);
			if (req->answered)
				return;
			if (rc == 0) {
				log_error("handler returned without answering", "request_id",
					  req->id, "route", req->match.route->pattern, NULL);
				rc = ERR_IO;
			}
			if (rc == ERR_UNAUTH && !req_is_api(req)) {
				/* a page that needs a session: off to sign in, then back */
				if (resp_redirect(req, "/sign-in") == 0)
					return;
			}
			if (rc == ERR_UNAUTH)
				resp_header(req, "WWW-Authenticate", "Cookie realm=\"sendap\"");
			status = http_status_for_err(rc);
			if (status >= 500) {
				/* the error's name and the store's code only: never its message,
				 * which can quote the values that failed */
				struct db *db = req_db(req);
				log_error("request failed", "request_id", req->id, "route",
					  req->match.route->pattern, "error", err_name(rc),
					  "db_code", db ? db_errcode(db) : "", NULL);
			}
		}
	}
	if (resp_error(req, status) != 0 && !req->answered)
		log_error("error response failed", "request_id", req->id, NULL);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct http_server *s = cls;
	struct request *req = *con_cls;
	(void)version;
	if (!req) {
		req = request_new(s, conn, url, method);
		if (!req)
			return MHD_NO; /* out of memory: MHD closes the connection */
		atomic_fetch_add(&s->inflight, 1);
		*con_cls = req;
		if (req->early_status) {
			/* refusing before reading the body also makes MHD close the connection */
			resp_error(req, req->early_status);
			return req->answered ? MHD_YES : MHD_NO;
		}
		/*
		 * "Expect: 100-continue" with no body: answer now rather than let MHD send
		 * 100 Continue, after which 0.9.75 will not take the response (the request
		 * would get no answer). Answering on the first call closes the connection
		 * afterwards, which is fine for so odd a request.
		 */
		if (!(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT) &&
		      !MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						   MHD_HTTP_HEADER_CONTENT_LENGTH) &&
		      !MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						   MHD_HTTP_HEADER_TRANSFER_ENCODING)))
			return MHD_YES;
	}
	if (req->answered) {
		*upload_data_size = 0; /* discard whatever is still arriving */
		return MHD_YES;
	}
	if (*upload_data_size) {
		/*
		 * MHD's timeout counts idle time only, so a client dripping a byte now and
		 * then would hold its connection for ever. A body must arrive within four
		 * timeouts of the request starting (2 minutes by default: 1 MiB over a
		 * slow mobile link fits); after that the connection is closed.
		 */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - req->start.tv_sec > (time_t)s->cfg.timeout_s * 4) {
			log_info("slow request body cut off", "request_id", req->id, NULL);
			return MHD_NO;
		}
		if (!req->body_too_big &&
		    buf_append(&req->body, upload_data, *upload_data_size) != 0)
			req->body_too_big = 1;
		if (req->body.len > s->cfg.max_body)
			req->body_too_big = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	/* static files skip the router: they are preloaded responses */
	if (strncmp(url, "/assets/", 8) == 0 &&
	    (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)) {
		struct MHD_Response *r = static_lookup(s->files, url + 8);
		if (r) {
			req->match.route = NULL;
			enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, r);
			req->answered = ok == MHD_YES;
			req->status = 200;
			return ok;
		}
	}
	dispatch(req);
	return req->answered ? MHD_YES : MHD_NO;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *s = cls;
	struct request *req = *con_cls;
	(void)conn;
	if (!req)
		return;
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	json_int_t us = (json_int_t)(end.tv_sec - req->start.tv_sec) * 1000000 +
			(end.tv_nsec - req->start.tv_nsec) / 1000;
	const char *route = req->match.route ? req->match.route->pattern
			    : strncmp(req->path, "/assets/", 8) == 0 && req->status == 200
				    ? "/assets/*"
				    : "-";
	json_t *line = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:I}", "level", "info", "msg",
				 "request", "request_id", req->id, "method", req->method, "route",
				 route, "status", req->status, "duration_us", us);
	if (line && toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		json_object_set_new(line, "terminated", json_string("early"));
	if (line && !utf8_valid(req->method, strlen(req->method)))
		json_object_set_new(line, "method", json_string("?"));
	log_object(line);
	request_free(req);
	*con_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

int http_start(const struct http_config *cfg, struct http_server **out)
{
	*out = NULL;
	const char *bad = NULL;
	if (router_check(cfg->routes, cfg->nroutes, &bad)) {
		log_error("bad route pattern", "pattern", bad, NULL);
		return ERR_INVALID;
	}
	struct http_server *s = calloc(1, sizeof(*s));
	if (!s)
		return ERR_NOMEM;
	s->cfg = *cfg;
	if (!s->cfg.threads)
		s->cfg.threads = 2;
	if (!s->cfg.timeout_s)
		s->cfg.timeout_s = 30;
	if (!s->cfg.max_body)
		s->cfg.max_body = (size_t)1 << 20;
	if (!s->cfg.max_headers)
		s->cfg.max_headers = 8192;
	if (!s->cfg.bind)
		s->cfg.bind = "127.0.0.1";
	pthread_mutex_init(&s->dbs_lock, NULL);
	pthread_key_create(&s->db_key, db_slot_free);
	int rc = static_load(s->cfg.web_dir, csp, &s->files);
	if (rc) {
		log_error("loading static files failed", "dir", s->cfg.web_dir, NULL);
		goto fail;
	}
	struct sockaddr_storage addr;
	socklen_t addrlen;
	memset(&addr, 0, sizeof(addr));
	struct sockaddr_in *a4 = (struct sockaddr_in *)&addr;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&addr;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (inet_pton(AF_INET, s->cfg.bind, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons(s->cfg.port);
		addrlen = sizeof(*a4);
	} else if (inet_pton(AF_INET6, s->cfg.bind, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons(s->cfg.port);
		addrlen = sizeof(*a6);
		flags |= MHD_USE_IPv6;
	} else {
		log_error("bind address is not an IP address", NULL);
		rc = ERR_INVALID;
		goto fail;
	}
	(void)addrlen;
	/* memory per connection holds the header lines MHD parses; ours are capped lower,
	 * so MHD's own 431 is only the backstop for header blocks past this */
	s->daemon = MHD_start_daemon(
		flags, s->cfg.port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
		(struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, s->cfg.threads,
		MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.timeout_s, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)1000, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
	if (!s->daemon) {
		log_error("starting the http daemon failed", "bind", s->cfg.bind, NULL);
		rc = ERR_IO;
		goto fail;
	}
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : s->cfg.port;
	*out = s;
	return 0;
fail:
	static_free(s->files);
	pthread_key_delete(s->db_key);
	pthread_mutex_destroy(&s->dbs_lock);
	free(s);
	return rc;
}

uint16_t http_port(const struct http_server *s)
{
	return s->port;
}

void http_stop(struct http_server *s, unsigned grace_s)
{
	if (!s)
		return;
	atomic_store(&s->draining, 1);
	MHD_socket listen = MHD_quiesce_daemon(s->daemon);
	struct timespec tick = {0, 20 * 1000 * 1000};
	for (unsigned i = 0; i < grace_s * 50; i++) {
		const union MHD_DaemonInfo *info =
			MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (atomic_load(&s->inflight) == 0 && (!info || info->num_connections == 0))
			break;
		nanosleep(&tick, NULL);
	}
	MHD_stop_daemon(s->daemon);
	if (listen != MHD_INVALID_SOCKET)
		close(listen);
	struct db_slot *slot = s->dbs;
	while (slot) {
		struct db_slot *next = slot->next;
		db_close(slot->db);
		free(slot);
		slot = next;
	}
	static_free(s->files);
	pthread_key_delete(s->db_key);
	pthread_mutex_destroy(&s->dbs_lock);
	free(s);
}
