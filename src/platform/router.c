/*
 * router.c: match a request path against the route table; see router.h.
 * Segments are compared in place with no allocation; only captured values are copied.
 */
#include "platform/router.h"

#include <stdio.h>
#include <string.h>

#include "platform/arena.h"
#include "platform/err.h"

/* next_segment returns the length of the segment at s (up to '/' or end). */
static size_t seg_len(const char *s)
{
	const char *slash = strchr(s, '/');
	return slash ? (size_t)(slash - s) : strlen(s);
}

/* path_matches walks pattern and path together; on success fills the parameter slots. */
static int path_matches(const char *pattern, const char *path, struct route_match *m)
{
	m->nparams = 0;
	if (*pattern != '/' || *path != '/')
		return 0;
	pattern++;
	path++;
	for (;;) {
		if (pattern[0] == '*' && pattern[1] == '\0') {
			if (*path == '\0' || m->nparams == ROUTER_MAX_PARAMS)
				return 0;
			m->names[m->nparams] = "*";
			m->name_lens[m->nparams] = 1;
			m->values[m->nparams++] = path;
			return 1;
		}
		size_t pl = seg_len(pattern), sl = seg_len(path);
		if (pl >= 2 && pattern[0] == '{' && pattern[pl - 1] == '}') {
			if (sl == 0 || m->nparams == ROUTER_MAX_PARAMS)
				return 0;
			m->names[m->nparams] = pattern + 1;
			m->name_lens[m->nparams] = pl - 2;
			m->values[m->nparams++] = path; /* copied with its length below */
		} else if (pl != sl || memcmp(pattern, path, pl) != 0) {
			return 0;
		}
		pattern += pl;
		path += sl;
		if (*pattern == '\0' || *path == '\0')
			return *pattern == '\0' && *path == '\0';
		pattern++; /* both at '/' */
		path++;
	}
}

static int method_is(const char *route_method, const char *method)
{
	if (strcmp(route_method, method) == 0)
		return 1;
	return strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0;
}

static void allow_add(char *allow, size_t size, const char *method)
{
	if (strstr(allow, method))
		return;
	size_t len = strlen(allow);
	int n = snprintf(allow + len, size - len, "%s%s", len ? ", " : "", method);
	if (n < 0 || (size_t)n >= size - len)
		allow[len] = '\0';
}

int router_match(const struct route *routes, size_t n, const char *method, const char *path,
		 struct arena *a, struct route_match *m)
{
	int path_seen = 0;
	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < n; i++) {
		if (!path_matches(routes[i].pattern, path, m))
			continue;
		if (!method_is(routes[i].method, method)) {
			path_seen = 1;
			allow_add(m->allow, sizeof(m->allow), routes[i].method);
			if (strcmp(routes[i].method, "GET") == 0)
				allow_add(m->allow, sizeof(m->allow), "HEAD");
			continue;
		}
		m->route = &routes[i];
		for (size_t k = 0; k < m->nparams; k++) {
			const char *v = m->values[k];
			size_t len = strcmp(m->names[k], "*") == 0 ? strlen(v) : seg_len(v);
			m->values[k] = arena_strndup(a, v, len);
			if (!m->values[k])
				return ERR_NOMEM;
		}
		return ROUTER_FOUND;
	}
	m->nparams = 0;
	return path_seen ? ROUTER_NO_METHOD : ROUTER_NO_PATH;
}

/* captures counts the values a pattern captures: its {name} segments and a final "*". */
static size_t captures(const char *p)
{
	size_t n = 0;
	while (*p) {
		p++; /* the '/' */
		size_t l = seg_len(p);
		if ((l >= 2 && p[0] == '{' && p[l - 1] == '}') || (l == 1 && p[0] == '*'))
			n++;
		p += l;
	}
	return n;
}

int router_check(const struct route *routes, size_t n, const char **bad)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = routes[i].pattern;
		const char *star = strchr(p, '*');
		if (p[0] != '/' || !routes[i].handler || !routes[i].method ||
		    (star && (star[-1] != '/' || star[1] != '\0')) ||
		    captures(p) > ROUTER_MAX_PARAMS) {
			*bad = p;
			return -1;
		}
	}
	return 0;
}
