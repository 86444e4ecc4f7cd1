/*
 * test_redress_rules.c: src/redress/rules.c against the cases worked by hand in
 * tests/redress/cases.json (or $REDRESS_CASES), each one cmocka test: "fn", "args" and
 * "expect" (dates "YYYY-MM-DD"; order_steps' steps [{"step", "due"}, ...]); a failure prints
 * the name, what was expected and what was got. Also: the default is the file; broken files
 * are refused with a message naming them, and change nothing; the version in force is used.
 * Rules from reference/redress/england.json, holidays from reference/bank_holidays.csv.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "platform/dates.h"
#include "redress/rules.h"

#define CASES_FILE "tests/redress/cases.json"
#define RULES_FILE "reference/redress/england.json"
#define HOLIDAYS_FILE "reference/bank_holidays.csv"
#define HOLIDAYS_MAX 1024
#define ON D(2026, 1, 1) /* the day the rules are loaded for */
#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static struct redress_rules rules;
static struct date holiday_days[HOLIDAYS_MAX];
static struct holidays holidays = {holiday_days, 0};

static struct date D(int y, int m, int d) {
	return (struct date){y, m, d};
}

/* load_holidays: the first column of each line after the header, in order */
static int
load_holidays(void)
{
	FILE *f = fopen(HOLIDAYS_FILE, "r");
	char line[256];
	for (int no = 1; f && fgets(line, sizeof(line), f); no++) {
		line[strcspn(line, ",\r\n")] = '\0';
		if (no == 1 || line[0] == '\0')
			continue; /* the header, or a blank line */
		struct date *d = &holiday_days[holidays.n];
		if (holidays.n == HOLIDAYS_MAX || date_parse(line, d) != 0 ||
		    (holidays.n++ > 0 && date_cmp(d[-1], d[0]) >= 0)) {
			print_error("%s: line %d: not a date in order: %s\n", HOLIDAYS_FILE, no,
				    line);
			holidays.n = 0;
			break;
		}
	}
	if (f)
		fclose(f);
	return holidays.n > 0 ? 0 : -1;
}

/* ---- the limits: their keys in the file are their members' names ---- */
#define LIMITS(X)                            \
	X(appeal_months)                     \
	X(certificate_appeal_months)         \
	X(mediation_contact_months)          \
	X(certificate_declined_working_days) \
	X(health_issues_working_days)        \
	X(mediation_days) X(certificate_after_working_days) X(lgsco_months)
#define KEY(f) #f,
#define MEMBER(f) r->f,
static const char *const keys[] = {LIMITS(KEY)};
#define N_LIMITS LEN(keys)

static int limit_of(const struct redress_rules *r, size_t i)
{
	const int v[N_LIMITS] = {LIMITS(MEMBER)};
	return v[i];
}

static void default_is_the_file(void **state)
{
	(void)state;
	struct redress_rules def;
	redress_rules_default(&def);
	assert_string_equal(def.version, rules.version);
	for (size_t i = 0; i < N_LIMITS; i++)
		if (limit_of(&def, i) != limit_of(&rules, i))
			print_error("%s: default %d, file %d\n", keys[i], limit_of(&def, i),
				    limit_of(&rules, i));
	assert_memory_equal(&def, &rules, sizeof(def)); /* no member left out */
}

/* load_text: write text to a temporary file and load it as on `on`; 0 or the error */
static int load_text(const char *text, struct date on, struct redress_rules *r, char *err, size_t n)
{
	char path[] = "/tmp/test_redress_rules_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t len = strlen(text);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	err[0] = '\0';
	int rc = redress_rules_load(path, on, r, err, n);
	unlink(path);
	if (rc != 0 && (err[0] == '\0' || !strstr(err, path))) {
		print_error("refused, but the message does not name the file: \"%s\"\n", err);
		fail();
	}
	return rc;
}

/* the real file, to change; version 0, and one of its parts */
static json_t *real_file(void)
{
	json_t *doc = json_load_file(RULES_FILE, 0, NULL);
	assert_non_null(doc);
	return doc;
}

static json_t *part(json_t *doc, const char *key)
{
	json_t *p = json_object_get(json_array_get(json_object_get(doc, "versions"), 0), key);
	assert_non_null(p);
	return p;
}

static json_t *steps_of(json_t *doc, const char *order)
{
	json_t *s = json_object_get(json_object_get(part(doc, "orders"), order), "steps");
	assert_true(json_is_array(s));
	return s;
}

/* load_on: load doc (and free it) as on `on`; 0 or the error */
static int load_on(json_t *doc, struct date on, struct redress_rules *r, char *err, size_t n)
{
	char *text = json_dumps(doc, 0);
	json_decref(doc);
	assert_non_null(text);
	int rc = load_text(text, on, r, err, n);
	free(text);
	return rc;
}

static void refused(const char *what, int rc)
{
	if (rc == 0) {
		print_error("%s: loaded\n", what);
		fail();
	}
}

static void broken_files_are_refused(void **state)
{
	(void)state;
	char err[512], what[128];
	struct redress_rules r;
	/* the file unchanged, through the same path, loads */
	assert_int_equal(load_on(real_file(), ON, &r, err, sizeof(err)), 0);
	refused("not JSON", load_text("{\"versions\": [", ON, &r, err, sizeof(err)));
	refused("no versions", load_text("{\"versions\": []}", ON, &r, err, 512));
	/* each limit missing (NULL), of the wrong type, or out of range */
	static const char *const values[] = {NULL, "\"2\"", "0", "-3", "2.5", "null", "1000"};
	for (size_t i = 0; i < N_LIMITS * LEN(values); i++) {
		json_t *doc = real_file(), *L = part(doc, "limits");
		const char *v = values[i % LEN(values)];
		if (v)
			json_object_set_new(json_object_get(L, keys[i / LEN(values)]), "value",
					    json_loads(v, JSON_DECODE_ANY, NULL));
		else
			json_object_del(L, keys[i / LEN(values)]);
		snprintf(what, sizeof(what), "%s %s", keys[i / LEN(values)], v ? v : "missing");
		refused(what, load_on(doc, ON, &r, err, sizeof(err)));
	}
	/* each step of each order: weeks out of range or not whole, or (NULL) a wrong name */
	static const char *const weeks[] = {"53", "-1", "\"5\"", "5.5", "null", NULL};
	struct order_step out[ORDER_STEPS_MAX];
	for (int t = 0; t < ORDER_TYPES; t++)
		for (size_t k = 0; k < order_steps(&r, t, ON, out) * LEN(weeks); k++) {
			json_t *doc = real_file();
			json_t *s =
				json_array_get(steps_of(doc, order_type_name(t)), k / LEN(weeks));
			const char *w = weeks[k % LEN(weeks)];
			if (w)
				json_array_set_new(s, 2, json_loads(w, JSON_DECODE_ANY, NULL));
			else
				json_array_set_new(s, 0, json_string("wrong"));
			snprintf(what, sizeof(what), "%s step %zu: %s", order_type_name(t),
				 k / LEN(weeks) + 1, w ? w : "a wrong name");
			refused(what, load_on(doc, ON, &r, err, sizeof(err)));
		}
	json_t *doc = real_file(); /* an order missing */
	json_object_del(part(doc, "orders"), "cease");
	refused("without cease", load_on(doc, ON, &r, err, sizeof(err)));
	doc = real_file(); /* a step too few */
	json_array_remove(steps_of(doc, "make_plan"), 1);
	refused("make_plan, one step", load_on(doc, ON, &r, err, sizeof(err)));
	doc = real_file(); /* a step too many */
	json_array_append_new(steps_of(doc, "amend"), json_pack("[s s i]", "x", "X", 6));
	refused("amend, two steps", load_on(doc, ON, &r, err, sizeof(err)));
	doc = real_file(); /* the right names in the wrong order */
	json_t *s = steps_of(doc, "assess");
	json_array_append(s, json_array_get(s, 0));
	json_array_remove(s, 0);
	refused("assess, steps out of order", load_on(doc, ON, &r, err, sizeof(err)));
	/* 52 weeks is in range (then the real file again, for the cases) */
	doc = real_file();
	json_array_set_new(json_array_get(steps_of(doc, "cease"), 0), 2, json_integer(52));
	assert_int_equal(load_on(doc, ON, &r, err, sizeof(err)), 0);
	assert_int_equal(redress_rules_load(RULES_FILE, ON, &r, err, 512), 0);
}

/* a refused file leaves the orders as they were: here the first step's weeks are
 * good (3) and the third step's name wrong */
static void a_refused_file_changes_no_order(void **state)
{
	(void)state;
	char err[512], got[DATE_ISO_LEN + 1];
	struct redress_rules r;
	json_t *doc = real_file();
	json_t *s = steps_of(doc, "assess");
	json_array_set_new(json_array_get(s, 0), 2, json_integer(3));
	json_array_set_new(json_array_get(s, 2), 0, json_string("final"));
	int rc = load_on(doc, ON, &r, err, sizeof(err));
	struct order_step out[ORDER_STEPS_MAX];
	order_steps(&r, ORDER_ASSESS, D(2026, 3, 2), out);
	date_iso(out[0].due, got);
	/* the real weeks back before failing */
	assert_int_equal(redress_rules_load(RULES_FILE, ON, &r, err, 512), 0);
	refused("assess, final", rc);
	assert_string_equal(got, "2026-03-16"); /* assess, notify: 2 weeks from 2 Mar 2026 */
}

static void the_version_in_force(void **state)
{
	(void)state;
	char err[512] = "";
	struct redress_rules r;
	refused("on 31 Mar 2015", redress_rules_load(RULES_FILE, D(2015, 3, 31), &r, err, 512));
	assert_true(err[0] != '\0');
	assert_int_equal(redress_rules_load(RULES_FILE, D(2015, 4, 1), &r, err, 512), 0);
	assert_string_equal(r.version, "2015-04-01");
	/* a second version from 2030 with 3 months to appeal */
	json_t *doc = real_file();
	json_t *v = json_deep_copy(json_array_get(json_object_get(doc, "versions"), 0));
	json_object_set_new(v, "version", json_string("2030-01-01"));
	json_object_set_new(v, "effective_from", json_string("2030-01-01"));
	json_object_set_new(json_object_get(json_object_get(v, "limits"), "appeal_months"), "value",
			    json_integer(3));
	json_array_append_new(json_object_get(doc, "versions"), v);
	assert_int_equal(load_on(json_incref(doc), D(2029, 12, 31), &r, err, 512), 0);
	assert_string_equal(r.version, "2015-04-01");
	assert_int_equal(r.appeal_months, 2);
	assert_int_equal(load_on(doc, D(2030, 1, 1), &r, err, 512), 0);
	assert_string_equal(r.version, "2030-01-01");
	assert_int_equal(r.appeal_months, 3);
}

/* ---- the cases ---- */

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(none)";
}

static int arg_date(const char *name, json_t *args, const char *key, struct date *out)
{
	if (date_parse(json_string_value(json_object_get(args, key)), out) != 0) {
		print_error("%s: args.%s is not a date: %s\n", name, key, str(args, key));
		return 1;
	}
	return 0;
}

static json_t *iso(struct date d)
{
	char s[DATE_ISO_LEN + 1];
	date_iso(d, s);
	return json_string(s);
}

/* compute: call the case's function, its results into got by name; 1 on a bad case */
static int compute(const char *name, const char *fn, json_t *args, json_t *got)
{
	static const struct {
		const char *fn, *arg;
		struct date (*plain)(const struct redress_rules *, struct date);
		struct date (*working)(const struct redress_rules *, struct date,
				       const struct holidays *);
	} one[] = {
		{"mediation_contact_by", "served", mediation_contact_by, NULL},
		{"mediation_by", "la_told", mediation_by, NULL},
		{"lgsco_by", "aware", lgsco_by, NULL},
		{"certificate_declined_by", "told", NULL, certificate_declined_by},
		{"health_issues_by", "told", NULL, health_issues_by},
		{"certificate_after_by", "ended", NULL, certificate_after_by},
	};
	struct date a, b = {0, 0, 0};
	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		if (strcmp(fn, one[i].fn) != 0)
			continue;
		if (arg_date(name, args, one[i].arg, &a))
			return 1;
		struct date due = one[i].plain ? one[i].plain(&rules, a)
					       : one[i].working(&rules, a, &holidays);
		json_object_set_new(got, "due", iso(due));
		return 0;
	}
	if (strcmp(fn, "appeal_by") == 0) {
		if (arg_date(name, args, "served", &a) || (json_object_get(args, "certificate") &&
							   arg_date(name, args, "certificate", &b)))
			return 1;
		json_object_set_new(got, "due", iso(appeal_by(&rules, a, b, &holidays)));
	} else if (strcmp(fn, "order_steps") == 0) {
		int t = order_type_parse(json_string_value(json_object_get(args, "type")));
		if (t < 0) {
			print_error("%s: args.type is not an order: %s\n", name, str(args, "type"));
			return 1;
		}
		if (arg_date(name, args, "from", &a))
			return 1;
		struct order_step out[ORDER_STEPS_MAX];
		size_t n = order_steps(&rules, (enum order_type)t, a, out);
		json_t *steps = json_array();
		for (size_t k = 0; k < n; k++)
			json_array_append_new(steps, json_pack("{s:s, s:o}", "step", out[k].step,
							       "due", iso(out[k].due)));
		json_object_set_new(got, "steps", steps);
	} else {
		print_error("%s: no function %s\n", name, fn);
		return 1;
	}
	return 0;
}

static void run_case(void **state)
{
	json_t *c = *state;
	const char *name = str(c, "name");
	const char *fn = str(c, "fn");
	json_t *want = json_object_get(c, "expect");
	json_t *got = json_object();
	if (compute(name, fn, json_object_get(c, "args"), got) != 0) {
		json_decref(got);
		fail(); /* the case is bad, and said so */
	}
	if (!json_equal(want, got)) {
		char *ws = json_dumps(want, JSON_COMPACT), *gs = json_dumps(got, JSON_COMPACT);
		print_error("%s: %s: expected %s, got %s\n", name, fn, ws ? ws : "(none)",
			    gs ? gs : "?");
		free(ws);
		free(gs);
		json_decref(got);
		fail();
	}
	json_decref(got);
}

int main(void)
{
	const char *path = getenv("REDRESS_CASES");
	json_error_t je;
	json_t *cases = json_load_file(path ? path : CASES_FILE, JSON_REJECT_DUPLICATES, &je);
	if (!json_is_array(cases) || json_array_size(cases) == 0) {
		fprintf(stderr, "test_redress_rules: %s: %s\n", path ? path : CASES_FILE,
			cases ? "not a list of cases" : je.text);
		json_decref(cases);
		return 1;
	}
	char err[512];
	if (load_holidays() != 0 || redress_rules_load(RULES_FILE, ON, &rules, err, 512) != 0) {
		fprintf(stderr, "test_redress_rules: %s\n", holidays.n ? err : "no bank holidays");
		json_decref(cases);
		return 1;
	}
	static struct CMUnitTest tests[1024] = {
		cmocka_unit_test(default_is_the_file),
		cmocka_unit_test(broken_files_are_refused),
		cmocka_unit_test(a_refused_file_changes_no_order),
		cmocka_unit_test(the_version_in_force),
	};
	size_t n = 4, i;
	json_t *c;
	json_array_foreach(cases, i, c)
	{
		if (n == LEN(tests))
			break;
		const char *name = json_string_value(json_object_get(c, "name"));
		tests[n++] = (struct CMUnitTest){name ? name : "(a case without a name)", run_case,
						 NULL, NULL, c};
	}
	int rc = _cmocka_run_group_tests("redress_rules", tests, n, NULL, NULL);
	json_decref(cases);
	return rc;
}
