/*
 * test_router.c: the route table (router.h). Literal segments match exactly; "{name}"
 * matches one non-empty segment and its value is copied into the arena; a final "*"
 * matches the rest of the path (at least one byte). The first matching route wins. A path
 * that some route matches with another method is a 405 whose allow list names each
 * allowed method once (HEAD with GET); a path no route matches is a 404. HEAD is served by
 * GET routes. A trailing slash makes a different path. The router sees the path as given
 * (the HTTP layer has already decoded it), so it decodes nothing itself: "%2F" is three
 * literal bytes, not a separator. Long paths and long values are matched and copied whole.
 * router_check refuses patterns that could never be served.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "platform/arena.h"
#include "platform/err.h"
#include "platform/router.h"
#include "site/site.h"

static int h_a(struct request *req)
{
	(void)req;
	return 0;
}

static int h_b(struct request *req)
{
	(void)req;
	return 0;
}

static const struct route routes[] = {
	{"GET", "/", h_a},
	{"GET", "/accessibility", h_a},
	{"GET", "/accessibility/report", h_a},
	{"POST", "/accessibility/report", h_b},
	{"GET", "/api/v1/local-authorities/new", h_b},
	{"GET", "/api/v1/local-authorities/{code}", h_a},
	{"PUT", "/api/v1/local-authorities/{code}", h_b},
	{"DELETE", "/api/v1/local-authorities/{code}/notes/{note}", h_a},
	{"GET", "/assets/*", h_a},
	{"POST", "/only-post", h_a},
};
#define NROUTES (sizeof(routes) / sizeof(routes[0]))

struct fixture {
	struct arena a;
	struct route_match m;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	arena_init(&f->a, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_release(&f->a);
	free(f);
	return 0;
}

static int match(struct fixture *f, const char *method, const char *path)
{
	return router_match(routes, NROUTES, method, path, &f->a, &f->m);
}

/* assert_found checks that method and path reach routes[want] with no parameters. */
static void assert_found(struct fixture *f, const char *method, const char *path, size_t want)
{
	assert_int_equal(match(f, method, path), ROUTER_FOUND);
	assert_ptr_equal(f->m.route, &routes[want]);
}

static void assert_no_path(struct fixture *f, const char *method, const char *path)
{
	assert_int_equal(match(f, method, path), ROUTER_NO_PATH);
	assert_null(f->m.route);
	assert_int_equal(f->m.nparams, 0);
	assert_string_equal(f->m.allow, "");
}

static void literal_path_matches_its_route(void **state)
{
	struct fixture *f = *state;
	assert_found(f, "GET", "/accessibility", 1);
	assert_int_equal(f->m.nparams, 0);
	assert_found(f, "GET", "/accessibility/report", 2);
	assert_found(f, "POST", "/accessibility/report", 3);
	assert_found(f, "POST", "/only-post", 9);
}

static void root_matches_only_the_root(void **state)
{
	struct fixture *f = *state;
	assert_found(f, "GET", "/", 0);
	assert_no_path(f, "GET", "//");
	assert_no_path(f, "GET", "");
	assert_no_path(f, "GET", "accessibility"); /* no leading slash */
}

static void literal_segments_match_exactly(void **state)
{
	struct fixture *f = *state;
	assert_no_path(f, "GET", "/Accessibility");
	assert_no_path(f, "GET", "/accessibilit");
	assert_no_path(f, "GET", "/accessibilityx");
	assert_no_path(f, "GET", "/accessibility/report/extra");
	assert_no_path(f, "GET", "/accessibility//report");
}

static void parameter_is_captured_into_the_arena_with_its_name(void **state)
{
	struct fixture *f = *state;
	char path[] = "/api/v1/local-authorities/202";
	assert_found(f, "GET", path, 5);
	assert_int_equal(f->m.nparams, 1);
	assert_int_equal(f->m.name_lens[0], 4);
	assert_memory_equal(f->m.names[0], "code", 4);
	assert_string_equal(f->m.values[0], "202");
	/* a copy: changing the request path afterwards does not change the value */
	path[sizeof(path) - 2] = '9';
	assert_string_equal(f->m.values[0], "202");
}

static void two_parameters_are_captured_in_order(void **state)
{
	struct fixture *f = *state;
	assert_found(f, "DELETE", "/api/v1/local-authorities/202/notes/n-7", 7);
	assert_int_equal(f->m.nparams, 2);
	assert_memory_equal(f->m.names[0], "code", f->m.name_lens[0]);
	assert_memory_equal(f->m.names[1], "note", f->m.name_lens[1]);
	assert_string_equal(f->m.values[0], "202");
	assert_string_equal(f->m.values[1], "n-7");
}

static void parameter_does_not_match_an_empty_segment(void **state)
{
	struct fixture *f = *state;
	assert_no_path(f, "GET", "/api/v1/local-authorities/");
	assert_no_path(f, "DELETE", "/api/v1/local-authorities//notes/1");
	assert_no_path(f, "DELETE", "/api/v1/local-authorities/202/notes/");
}

static void parameter_matches_one_segment_only(void **state)
{
	struct fixture *f = *state;
	assert_no_path(f, "GET", "/api/v1/local-authorities/202/extra");
	assert_no_path(f, "GET", "/api/v1/local-authorities/a/b");
}

static void first_matching_route_wins(void **state)
{
	struct fixture *f = *state;
	/* "new" could be a {code}, but the literal route comes first in the table */
	assert_found(f, "GET", "/api/v1/local-authorities/new", 4);
	assert_int_equal(f->m.nparams, 0);
	/* a method only the later route has still reaches it */
	assert_found(f, "PUT", "/api/v1/local-authorities/new", 6);
	assert_string_equal(f->m.values[0], "new");
}

static void wildcard_captures_the_rest_of_the_path(void **state)
{
	struct fixture *f = *state;
	assert_found(f, "GET", "/assets/images/crest.png", 8);
	assert_int_equal(f->m.nparams, 1);
	assert_int_equal(f->m.name_lens[0], 1);
	assert_memory_equal(f->m.names[0], "*", 1);
	assert_string_equal(f->m.values[0], "images/crest.png");
	assert_found(f, "GET", "/assets/a//b/", 8);
	assert_string_equal(f->m.values[0], "a//b/");
}

static void wildcard_needs_at_least_one_byte(void **state)
{
	struct fixture *f = *state;
	assert_no_path(f, "GET", "/assets/");
	assert_no_path(f, "GET", "/assets");
	assert_no_path(f, "GET", "/assetsx/y");
}

static void unknown_path_is_404_whatever_the_method(void **state)
{
	struct fixture *f = *state;
	assert_no_path(f, "GET", "/nowhere");
	assert_no_path(f, "POST", "/nowhere");
	assert_no_path(f, "BREW", "/nowhere");
}

static void known_path_with_another_method_is_405_with_the_allow_list(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(match(f, "DELETE", "/accessibility/report"), ROUTER_NO_METHOD);
	assert_null(f->m.route);
	assert_int_equal(f->m.nparams, 0);
	assert_string_equal(f->m.allow, "GET, HEAD, POST");

	assert_int_equal(match(f, "POST", "/accessibility"), ROUTER_NO_METHOD);
	assert_string_equal(f->m.allow, "GET, HEAD");

	assert_int_equal(match(f, "GET", "/only-post"), ROUTER_NO_METHOD);
	assert_string_equal(f->m.allow, "POST");

	assert_int_equal(match(f, "POST", "/api/v1/local-authorities/202"), ROUTER_NO_METHOD);
	assert_string_equal(f->m.allow, "GET, HEAD, PUT");
	assert_int_equal(f->m.nparams, 0);

	/* unknown methods and lower case are not the same as GET */
	assert_int_equal(match(f, "get", "/accessibility"), ROUTER_NO_METHOD);
	assert_int_equal(match(f, "OPTIONS", "/accessibility"), ROUTER_NO_METHOD);
	assert_string_equal(f->m.allow, "GET, HEAD");
}

static void allow_list_names_each_method_once(void **state)
{
	struct fixture *f = *state;
	/* "/api/v1/local-authorities/new" matches three routes: GET, GET again, PUT */
	assert_int_equal(match(f, "PATCH", "/api/v1/local-authorities/new"), ROUTER_NO_METHOD);
	assert_string_equal(f->m.allow, "GET, HEAD, PUT");
}

static void allow_list_is_not_carried_over_between_matches(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(match(f, "DELETE", "/accessibility/report"), ROUTER_NO_METHOD);
	assert_int_equal(match(f, "GET", "/only-post"), ROUTER_NO_METHOD);
	assert_string_equal(f->m.allow, "POST");
	assert_no_path(f, "GET", "/nowhere");
}

static void head_is_served_by_get_routes(void **state)
{
	struct fixture *f = *state;
	assert_found(f, "HEAD", "/accessibility", 1);
	assert_found(f, "HEAD", "/api/v1/local-authorities/202", 5);
	assert_string_equal(f->m.values[0], "202");
	/* but not by POST routes */
	assert_int_equal(match(f, "HEAD", "/only-post"), ROUTER_NO_METHOD);
	assert_string_equal(f->m.allow, "POST");
}

static void trailing_slash_makes_a_different_path(void **state)
{
	struct fixture *f = *state;
	assert_no_path(f, "GET", "/accessibility/");
	assert_no_path(f, "POST", "/accessibility/report/");
	assert_no_path(f, "GET", "/api/v1/local-authorities/202/");
	assert_no_path(f, "GET", "/only-post/");
}

static void router_decodes_nothing_itself(void **state)
{
	struct fixture *f = *state;
	/* an encoded slash is not a separator, and an encoded letter is not the letter */
	assert_no_path(f, "GET", "/accessibility%2Freport");
	assert_no_path(f, "GET", "/%61ccessibility");
	/* a parameter keeps the bytes it was given; decoding them is the HTTP layer's job */
	assert_found(f, "GET", "/api/v1/local-authorities/%32%30%32", 5);
	assert_string_equal(f->m.values[0], "%32%30%32");
	assert_found(f, "GET", "/api/v1/local-authorities/a%2Fb", 5);
	assert_string_equal(f->m.values[0], "a%2Fb");
	/* decoded bytes, UTF-8 among them, are captured as they are */
	assert_found(f, "GET", "/api/v1/local-authorities/caf\xc3\xa9 x+y", 5);
	assert_string_equal(f->m.values[0], "caf\xc3\xa9 x+y");
	/* dot segments are literal: no normalisation */
	assert_no_path(f, "GET", "/accessibility/report/../report");
	assert_no_path(f, "GET", "/./accessibility");
}

static void long_paths_are_matched_and_captured_whole(void **state)
{
	struct fixture *f = *state;
	size_t n = 100000;
	const char *prefix = "/api/v1/local-authorities/";
	size_t pl = strlen(prefix);
	char *path = malloc(pl + n + 1);
	assert_non_null(path);
	memcpy(path, prefix, pl);
	memset(path + pl, 'x', n);
	path[pl + n] = '\0';
	assert_found(f, "GET", path, 5);
	assert_int_equal(strlen(f->m.values[0]), n);

	/* many segments match nothing and end in a 404, not a crash */
	for (size_t i = 0; i < n; i += 2) {
		path[i] = '/';
		path[i + 1] = 'a';
	}
	path[n] = '\0';
	assert_no_path(f, "GET", path);
	/* and the wildcard takes all of them */
	memcpy(path, "/assets/", 8);
	assert_found(f, "GET", path, 8);
	assert_int_equal(strlen(f->m.values[0]), n - 8);
	free(path);
}

static void value_that_does_not_fit_in_the_arena_gives_nomem(void **state)
{
	(void)state;
	struct arena small;
	struct route_match m;
	arena_init(&small, 64);
	char path[300] = "/api/v1/local-authorities/";
	size_t len = strlen(path);
	memset(path + len, 'y', sizeof(path) - len - 1);
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(router_match(routes, NROUTES, "GET", path, &small, &m), ERR_NOMEM);
	arena_release(&small);
}

static void eight_parameters_are_captured(void **state)
{
	struct fixture *f = *state;
	static const struct route eight[] = {
		{"GET", "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}", h_a},
	};
	assert_int_equal(ROUTER_MAX_PARAMS, 8);
	assert_int_equal(router_match(eight, 1, "GET", "/1/2/3/4/5/6/7/8", &f->a, &f->m),
			 ROUTER_FOUND);
	assert_int_equal(f->m.nparams, 8);
	assert_string_equal(f->m.values[0], "1");
	assert_string_equal(f->m.values[7], "8");
	assert_memory_equal(f->m.names[7], "h", f->m.name_lens[7]);
}

static void check_accepts_the_test_and_site_route_tables(void **state)
{
	(void)state;
	const char *bad = NULL;
	assert_int_equal(router_check(routes, NROUTES, &bad), 0);
	assert_int_equal(router_check(site_routes, site_routes_count, &bad), 0);
	assert_null(bad);
}

static void check_refuses_patterns_that_cannot_be_served(void **state)
{
	(void)state;
	static const struct route bad_routes[] = {
		{"GET", "", h_a},
		{"GET", "no-slash", h_a},
		{"GET", "/a/*/b", h_a},
		{"GET", "/a*", h_a},
		{"GET", "/a/**", h_a},
		{"GET", "/a", NULL},
		{NULL, "/a", h_a},
		/* nine parameters: more than a match can hold, so it would always be a 404 */
		{"GET", "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}", h_a},
		{"GET", "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/*", h_a},
	};
	for (size_t i = 0; i < sizeof(bad_routes) / sizeof(bad_routes[0]); i++) {
		const char *bad = NULL;
		if (router_check(&bad_routes[i], 1, &bad) != -1)
			fail_msg("pattern %zu \"%s\" was accepted", i, bad_routes[i].pattern);
		assert_ptr_equal(bad, bad_routes[i].pattern);
	}
	/* the bad one is named among good ones */
	const struct route mixed[] = {routes[0], routes[1], bad_routes[2], routes[2]};
	const char *bad = NULL;
	assert_int_equal(router_check(mixed, 4, &bad), -1);
	assert_string_equal(bad, "/a/*/b");
}

static void site_routes_give_404_and_405_as_the_site_expects(void **state)
{
	struct fixture *f = *state;
	struct route_match *m = &f->m;
	assert_int_equal(router_match(site_routes, site_routes_count, "DELETE",
				      "/accessibility/report", &f->a, m),
			 ROUTER_NO_METHOD);
	assert_string_equal(m->allow, "GET, HEAD, POST");
	assert_int_equal(router_match(site_routes, site_routes_count, "GET",
				      "/api/v1/accessibility-reports", &f->a, m),
			 ROUTER_NO_METHOD);
	assert_string_equal(m->allow, "POST");
	assert_int_equal(router_match(site_routes, site_routes_count, "HEAD", "/healthz", &f->a, m),
			 ROUTER_FOUND);
	assert_int_equal(router_match(site_routes, site_routes_count, "GET", "/healthz/", &f->a, m),
			 ROUTER_NO_PATH);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(literal_path_matches_its_route),
		T(root_matches_only_the_root),
		T(literal_segments_match_exactly),
		T(parameter_is_captured_into_the_arena_with_its_name),
		T(two_parameters_are_captured_in_order),
		T(parameter_does_not_match_an_empty_segment),
		T(parameter_matches_one_segment_only),
		T(first_matching_route_wins),
		T(wildcard_captures_the_rest_of_the_path),
		T(wildcard_needs_at_least_one_byte),
		T(unknown_path_is_404_whatever_the_method),
		T(known_path_with_another_method_is_405_with_the_allow_list),
		T(allow_list_names_each_method_once),
		T(allow_list_is_not_carried_over_between_matches),
		T(head_is_served_by_get_routes),
		T(trailing_slash_makes_a_different_path),
		T(router_decodes_nothing_itself),
		T(long_paths_are_matched_and_captured_whole),
		T(value_that_does_not_fit_in_the_arena_gives_nomem),
		T(eight_parameters_are_captured),
		T(check_accepts_the_test_and_site_route_tables),
		T(check_refuses_patterns_that_cannot_be_served),
		T(site_routes_give_404_and_405_as_the_site_expects),
	};
	return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
