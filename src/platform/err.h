/*
 * err.h: the one list of error codes used across sendap.
 *
 * Functions return int: 0 for success, a negative ERR_* on failure. HTTP handlers map
 * these to a status in exactly one place (http_status_for_err in http.c), so an area
 * never picks a status code by hand for a storage or validation failure.
 */
#ifndef SENDAP_ERR_H
#define SENDAP_ERR_H

enum {
	ERR_OK = 0,
	ERR_NOMEM = -1,      /* allocation failed: a clean 500 */
	ERR_INVALID = -2,    /* input failed validation: 400 or 422 with field errors */
	ERR_NOTFOUND = -3,   /* no such record: 404 */
	ERR_TOOBIG = -4,     /* a size limit was passed: 413 */
	ERR_DB = -5,         /* the database refused or failed: 500 */
	ERR_IO = -6,         /* a file or socket failed: 500 */
	ERR_CONFLICT = -7,   /* a unique or state rule was broken: 409 */
	ERR_BUSY = -8,       /* the database stayed locked past the busy timeout: 503 */
	ERR_DENIED = -9,     /* not allowed: 403 */
	ERR_UNAUTH = -10,    /* no valid session: sign-in page for HTML, 401 for the API */
	ERR_THROTTLED = -11, /* too many attempts: 429 */
};

/* err_name returns a static lower-case name for an ERR_* code, for logs. */
const char *err_name(int err);

#endif
