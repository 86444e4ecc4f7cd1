/*
 * http_request.c: reading a request (see http.h): the path parameters, query, headers,
 * cookies and client address; the body as a form or as JSON (duplicate keys and invalid
 * UTF-8 refused); and the worker thread's own database connection.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "platform/err.h"
#include "platform/http_internal.h"
#include "platform/log.h"
#include "platform/utf8.h"

/* ---- reading the request ---- */

const char *req_method(const struct request *req)
{
	return req->method;
}

const char *req_path(const struct request *req)
{
	return req->path;
}

const char *req_id(const struct request *req)
{
	return req->id;
}

struct arena *req_arena(struct request *req)
{
	return &req->arena;
}

const char *req_param(const struct request *req, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < req->match.nparams; i++)
		if (req->match.name_lens[i] == len && memcmp(req->match.names[i], name, len) == 0)
			return req->match.values[i];
	return NULL;
}

const char *req_query(struct request *req, const char *name)
{
	const char *v = MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
	return v && utf8_valid(v, strlen(v)) ? v : NULL;
}

const char *req_header(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct request *req, const char *name)
{
	const char *v = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
	return v && utf8_valid(v, strlen(v)) ? v : NULL;
}

const char *req_address(struct request *req)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return "";
	char *out = arena_alloc(&req->arena, INET6_ADDRSTRLEN);
	if (!out)
		return "";
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
			  INET6_ADDRSTRLEN);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  out, INET6_ADDRSTRLEN);
	return out;
}

void *req_local(const struct request *req)
{
	return req->local;
}

void req_set_local(struct request *req, void *p)
{
	req->local = p;
}

const char *req_body(const struct request *req, size_t *len)
{
	if (len)
		*len = req->body.len;
	return buf_cstr(&req->body);
}

int req_is_api(const struct request *req)
{
	return strncmp(req->path, "/api/", 5) == 0;
}

void db_slot_free(void *p)
{
	(void)p; /* connections are closed by http_stop, not at thread exit */
}

struct db *req_db(struct request *req)
{
	struct http_server *s = req->srv;
	struct db *db = pthread_getspecific(s->db_key);
	if (db)
		return db;
	if (db_open(s->cfg.db_url, &db)) {
		log_error("database open failed", "request_id", req->id, NULL);
		return NULL;
	}
	struct db_slot *slot = malloc(sizeof(*slot));
	if (!slot) {
		db_close(db);
		return NULL;
	}
	slot->db = db;
	pthread_mutex_lock(&s->dbs_lock);
	slot->next = s->dbs;
	s->dbs = slot;
	pthread_mutex_unlock(&s->dbs_lock);
	pthread_setspecific(s->db_key, db);
	return db;
}

static enum MHD_Result form_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	struct request *req = cls;
	(void)kind, (void)filename, (void)content_type, (void)transfer_encoding;
	/* values are checked for UTF-8 once whole (form_parse): a piece may end mid-character */
	if (!utf8_valid(key, strlen(key))) {
		req->form_bad = 1;
		return MHD_NO;
	}
	/* a long value arrives in pieces: append to the field begun at offset 0 */
	if (off > 0 && req->form && strcmp(req->form->name, key) == 0) {
		const char *old = req->form->value;
		size_t oldlen = strlen(old);
		char *v = arena_alloc(&req->arena, oldlen + size + 1);
		if (!v)
			return MHD_NO;
		memcpy(v, old, oldlen);
		memcpy(v + oldlen, data, size);
		req->form->value = v;
		return MHD_YES;
	}
	struct form_field *f = arena_alloc(&req->arena, sizeof(*f));
	if (!f)
		return MHD_NO;
	f->name = arena_strdup(&req->arena, key);
	f->value = arena_strndup(&req->arena, data ? data : "", size);
	if (!f->name || !f->value)
		return MHD_NO;
	f->next = req->form;
	req->form = f;
	return MHD_YES;
}

static void form_parse(struct request *req)
{
	req->form_parsed = 1;
	const char *ct = req_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct || (strncasecmp(ct, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
				strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) != 0 &&
		    strncasecmp(ct, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
				strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) != 0))
		return;
	struct MHD_PostProcessor *pp = MHD_create_post_processor(req->conn, 4096, form_iter, req);
	if (!pp)
		return;
	if (req->body.len && MHD_post_process(pp, req->body.data, req->body.len) != MHD_YES)
		req->form_bad = 1;
	MHD_destroy_post_processor(pp);
	for (struct form_field *f = req->form; f && !req->form_bad; f = f->next)
		if (!utf8_valid(f->value, strlen(f->value)))
			req->form_bad = 1;
	if (req->form_bad)
		req->form = NULL;
}

const char *req_form(struct request *req, const char *name)
{
	if (!req->form_parsed)
		form_parse(req);
	for (struct form_field *f = req->form; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->value;
	return NULL;
}

int req_form_has(struct request *req, const char *name, const char *value)
{
	if (!req->form_parsed)
		form_parse(req);
	for (struct form_field *f = req->form; f; f = f->next)
		if (strcmp(f->name, name) == 0 && strcmp(f->value, value) == 0)
			return 1;
	return 0;
}

size_t req_form_count(struct request *req, const char *name)
{
	if (!req->form_parsed)
		form_parse(req);
	size_t n = 0;
	for (struct form_field *f = req->form; f; f = f->next)
		n += strcmp(f->name, name) == 0;
	return n;
}

int req_form_bad(struct request *req)
{
	if (!req->form_parsed)
		form_parse(req);
	return req->form_bad;
}

json_t *req_json(struct request *req)
{
	const char *ct = req_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
	size_t n = strlen("application/json");
	if (!ct || strncasecmp(ct, "application/json", n) != 0 || (ct[n] && ct[n] != ';')) {
		resp_problem(req, 415, "Unsupported media type",
			     "Send the request body as application/json.", NULL);
		return NULL;
	}
	json_error_t error;
	json_t *j = json_loadb(req->body.data ? req->body.data : "", req->body.len,
			       JSON_REJECT_DUPLICATES, &error);
	if (!j) {
		struct field_errors errs = {0};
		const char *detail = arena_printf(&req->arena,
						  "The request body is not valid JSON (line %d, "
						  "column %d): %s.",
						  error.line, error.column, error.text);
		field_error_add(&errs, "", "", detail ? detail : "The body is not valid JSON.");
		resp_problem(req, 400, "Invalid JSON", detail, &errs);
		return NULL;
	}
	return j;
}
