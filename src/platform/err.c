/* err.c: names for the ERR_* codes, used only in log lines. */
#include "platform/err.h"

const char *err_name(int err)
{
	switch (err) {
	case ERR_OK: return "ok";
	case ERR_NOMEM: return "out of memory";
	case ERR_INVALID: return "invalid input";
	case ERR_NOTFOUND: return "not found";
	case ERR_TOOBIG: return "too big";
	case ERR_DB: return "database error";
	case ERR_IO: return "i/o error";
	case ERR_CONFLICT: return "conflict";
	case ERR_BUSY: return "database busy";
	case ERR_DENIED: return "denied";
	case ERR_UNAUTH: return "unauthenticated";
	case ERR_THROTTLED: return "throttled";
	}
	return "unknown error";
}
