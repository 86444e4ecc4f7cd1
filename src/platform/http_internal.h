/*
 * http_internal.h: what the two halves of the HTTP server share and nothing else sees:
 * http.c (the daemon, dispatch and answers) and http_request.c (reading a request: its
 * parameters, headers, cookies, form and JSON body, and the worker's database).
 */
#ifndef SENDAP_HTTP_INTERNAL_H
#define SENDAP_HTTP_INTERNAL_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "platform/buf.h"
#include "platform/http.h"
#include "platform/static.h"

#define HTTP_MAX_EXTRA_HEADERS 8
#define HTTP_MAX_PATH 2048

struct form_field {
	const char *name;
	const char *value;
	struct form_field *next;
};

struct request {
	struct http_server *srv;
	struct MHD_Connection *conn;
	struct arena arena;
	char id[17];
	struct timespec start;
	const char *method;
	const char *path;
	struct route_match match;
	struct buf body;
	int body_too_big;
	int early_status; /* 413/431/414 decided on the first call */
	int status;       /* what was answered, for the log */
	int answered;
	int form_parsed;
	int form_bad;
	struct form_field *form;
	size_t nextra;
	const char *extra_names[HTTP_MAX_EXTRA_HEADERS];
	const char *extra_values[HTTP_MAX_EXTRA_HEADERS];
	void *local; /* req_set_local: one pointer an area keeps for the request */
};

struct db_slot {
	struct db *db;
	struct db_slot *next;
};

struct http_server {
	struct http_config cfg;
	struct MHD_Daemon *daemon;
	uint16_t port;
	struct static_files *files;
	atomic_int draining;
	atomic_int inflight;
	pthread_mutex_t dbs_lock;
	struct db_slot *dbs;
	pthread_key_t db_key;
};

/* db_slot_free: the per-thread key's destructor (connections are closed by http_stop) */
void db_slot_free(void *p);

#endif
