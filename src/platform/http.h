/*
 * http.h: the HTTP server (libmicrohttpd, epoll, a thread pool) and what a handler sees.
 *
 * A handler gets a struct request, reads it through req_* and answers with one resp_*
 * call, returning what that call returned (0). A handler may instead return an ERR_*
 * without answering: the server then answers with the status for that error (see
 * http_status_for_err), as an HTML error page or, under /api/, an RFC 9457 problem.
 *
 * Memory: everything req_* returns is borrowed and lives until the response is sent; use
 * req_arena() for anything else that must live as long. Nothing needs freeing.
 *
 * Limits (413 body, 431 headers, 414 path, connection timeout) come from struct
 * http_config. Every response carries the security headers (CSP with no inline script
 * or style, nosniff, frame-ancestors 'none', Referrer-Policy no-referrer) and an
 * X-Request-Id; every request ends with one JSON line in the access log giving the id,
 * method, route pattern (never the path or query), status and duration.
 */
#ifndef SENDAP_HTTP_H
#define SENDAP_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "platform/arena.h"
#include "platform/db.h"
#include "platform/fields.h"
#include "platform/html.h"
#include "platform/router.h"

struct request;

struct http_config {
	const char *bind;    /* "127.0.0.1" */
	uint16_t port;       /* 0 picks a free port; http_port() tells which */
	unsigned threads;    /* worker threads; 0 means 2 */
	unsigned timeout_s;  /* idle or slow client cut off after this; 0 means 30 */
	size_t max_body;     /* bytes; 0 means 1 MiB */
	size_t max_headers;  /* bytes of all header lines; 0 means 8 KiB */
	const char *db_url;  /* every worker opens its own connection to this */
	const char *web_dir; /* static files served under /assets/ */
	const struct route *routes;
	size_t nroutes;
	/*
	 * guard (may be NULL) runs before every routed handler: 0 lets the handler run,
	 * an ERR_* answers instead (sign-in's CSRF check lives here).
	 */
	int (*guard)(struct request *req);
	/* renders the HTML page for an error status (404, 405, 413, 500, ...) */
	int (*error_page)(struct request *req, int status);
};

struct http_server;

/* http_start validates the routes, loads web_dir, and starts serving. */
int http_start(const struct http_config *cfg, struct http_server **out);
uint16_t http_port(const struct http_server *s);
/*
 * http_stop drains and stops: stop accepting, answer what is in flight (with
 * "Connection: close"), wait up to grace_s for connections to finish, then close every
 * connection and every worker's database. NULL does nothing.
 */
void http_stop(struct http_server *s, unsigned grace_s);

/* http_status_for_err maps an ERR_* to the HTTP status it answers with. */
int http_status_for_err(int err);

/* Reading the request. Strings are valid UTF-8 or the request was refused with 400. */
const char *req_method(const struct request *req);
const char *req_path(const struct request *req);
const char *req_id(const struct request *req);
struct arena *req_arena(struct request *req);
/* req_param: a path parameter by name ("code" for "{code}", "*" for a tail), or NULL. */
const char *req_param(const struct request *req, const char *name);
/* req_query: a query-string argument, or NULL (also NULL when it is not valid UTF-8). */
const char *req_query(struct request *req, const char *name);
const char *req_header(struct request *req, const char *name);
const char *req_body(const struct request *req, size_t *len);
/* req_cookie: a cookie's value, or NULL (also NULL when it is not valid UTF-8). */
const char *req_cookie(struct request *req, const char *name);
/* req_address: the client's IP address as text ("" if unknown); never logged. */
const char *req_address(struct request *req);
/* req_local and req_set_local keep one pointer for the request (the signed-in user). */
void *req_local(const struct request *req);
void req_set_local(struct request *req, void *p);
/* req_is_api: the path is under /api/, so errors are problem+json. */
int req_is_api(const struct request *req);
/*
 * req_db: this worker thread's database connection, opened on first use. NULL if it
 * cannot be opened; the handler should then return ERR_DB.
 */
struct db *req_db(struct request *req);

/*
 * req_form parses an application/x-www-form-urlencoded or multipart/form-data body (once;
 * a file's content is its field's value) and returns the value
 * of a field, "" for a field sent empty, NULL for one not sent. A body that is not a form
 * or holds invalid UTF-8 reads as no fields.
 */
const char *req_form(struct request *req, const char *name);
/* req_form_has: 1 if the form sent the field with this value (checkboxes send a name once
 * for each box ticked). */
int req_form_has(struct request *req, const char *name, const char *value);
/* req_form_count: how many times the form sent the field (ticked boxes of one name) */
size_t req_form_count(struct request *req, const char *name);
/* req_form_bad is 1 when the form body could not be read (bytes that are not UTF-8, a
 * broken encoding): every req_form then returns NULL and the answer should be 400. */
int req_form_bad(struct request *req);

/*
 * req_json parses the body as JSON: Content-Type must be application/json, duplicate
 * keys and invalid UTF-8 are refused. On success returns a new reference the caller
 * owns (json_decref it). On failure it has already answered (415 or 400 problem) and
 * returns NULL: the handler just returns 0.
 */
json_t *req_json(struct request *req);

/* Answering. Each returns 0, or an ERR_* when the response could not be built. */
/* resp_header adds a header to the coming response; name and value are copied. */
int resp_header(struct request *req, const char *name, const char *value);
/* resp_html sends the page in h (the buffer is taken; h is left empty). */
int resp_html(struct request *req, int status, struct html *h);
/* resp_bytes sends data (malloc'd; taken, even on failure) as the given Content-Type */
int resp_bytes(struct request *req, int status, const char *type, char *data, size_t len);
/* resp_json sends body (stolen) as application/json. */
int resp_json(struct request *req, int status, json_t *body);
/* resp_problem sends an RFC 9457 problem; errs (may be NULL) becomes its "errors". */
int resp_problem(struct request *req, int status, const char *title, const char *detail,
		 const struct field_errors *errs);
/* resp_redirect sends 303 See Other to a local path. */
int resp_redirect(struct request *req, const char *location);
/* resp_error answers status with the HTML error page or a problem, as the path asks. */
int resp_error(struct request *req, int status);

#endif
