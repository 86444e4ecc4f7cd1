/*
 * router.h: routes as a table (after kore's route.c), with path parameters.
 *
 * A pattern is a path whose segments are literal ("api"), a parameter ("{code}", which
 * matches one non-empty segment), or a final "*" that matches the rest of the path. A
 * path that matches some route but not with this method is told apart (405 with the
 * methods that are allowed) from a path that matches none (404). HEAD is served by GET
 * routes.
 */
#ifndef SENDAP_ROUTER_H
#define SENDAP_ROUTER_H

#include <stddef.h>

struct request;
struct arena;

typedef int (*route_handler)(struct request *req);

struct route {
	const char *method;  /* "GET", "POST", "PUT", "PATCH", "DELETE" */
	const char *pattern; /* "/api/v1/local-authorities/{code}" */
	route_handler handler;
};

#define ROUTER_MAX_PARAMS 8

struct route_match {
	const struct route *route; /* NULL when nothing matched */
	size_t nparams;
	const char *names[ROUTER_MAX_PARAMS]; /* borrowed from the pattern, without braces */
	size_t name_lens[ROUTER_MAX_PARAMS];
	const char *values[ROUTER_MAX_PARAMS]; /* arena copies */
	char allow[64];                        /* for 405: "GET, HEAD, POST" */
};

enum { ROUTER_FOUND = 0, ROUTER_NO_PATH = 1, ROUTER_NO_METHOD = 2 };

/*
 * router_match finds the route for method and path among n routes (first match wins).
 * Returns ROUTER_FOUND, ROUTER_NO_PATH (404) or ROUTER_NO_METHOD (405, m->allow filled),
 * or ERR_NOMEM. Parameter values are copied into the arena.
 */
int router_match(const struct route *routes, size_t n, const char *method, const char *path,
		 struct arena *a, struct route_match *m);

/* router_check validates every pattern once at start-up; -1 and the bad pattern if not. */
int router_check(const struct route *routes, size_t n, const char **bad);

#endif
