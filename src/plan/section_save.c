/*
 * section_save.c: saving one section of a plan from its form: the line (or, for I and J,
 * the object) is built and checked field by field, then plan_edit changes the draft in
 * one transaction and plan_validate checks the whole plan. Removing a line that others
 * link to is refused, naming them.
 */
#include <stdlib.h>
#include <string.h>

#include "plan/internal.h"
#include "platform/err.h"
#include "platform/form.h"
#include "platform/gds.h"

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s && *s ? s : NULL;
}

struct edit {
	struct request *req;
	enum plan_section s;
	const char *line; /* the line changed or removed; NULL: a new line */
	json_t *built;    /* the line or object the form made */
};

static void put_text(json_t *o, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(o, key, json_string(v));
	else
		json_object_del(o, key);
}

static void put_ids(struct request *req, json_t *o, const char *key, json_t *plan,
		    const char *const *lists, size_t nl)
{
	json_t *ids = json_array();
	for (size_t l = 0; l < nl; l++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(plan, lists[l]), i, x)
		{
			if (str(x, "id") && req_form_has(req, key, str(x, "id")))
				json_array_append_new(ids, json_string(str(x, "id")));
		}
	}
	json_object_set_new(o, key, ids);
}

/* from_advice: a K line naming one advice record of the child's assessment */
static json_t *from_advice(struct request *req, const char *advice, struct field_errors *errs)
{
	struct db_stmt *st = NULL;
	json_t *o = NULL;
	if (db_prepare(req_db(req), PLAN_ADVICE_SQL, &st) == 0) {
		if (db_bind_text(st, 1, req_param(req, "id")) == 0)
			while (!o && db_step(st) == DB_ROW)
				if (strcmp(db_column_text(st, 0), advice) == 0) {
					/* its first 300 bytes, back to the start of a character */
					const char *body = db_column_text(st, 3);
					size_t n = strnlen(body, 300);
					while (n > 0 && body[n] &&
					       ((unsigned char)body[n] & 0xC0) == 0x80)
						n--;
					o = json_pack("{s:s, s:s, s:s, s:s%}", "advice_id", advice,
						      "from", db_column_text(st, 1), "date",
						      db_column_text(st, 2), "summary", body, n);
				}
		db_reset(st);
	}
	if (!o) {
		field_error_add(errs, "from", NULL,
				"That advice is not in this child's assessment");
		o = json_object();
	}
	return o;
}

static json_t *build(struct request *req, enum plan_section s, json_t *plan,
		     struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const char *advice = req_form(req, "advice");
	if (s == PLAN_K && advice && *advice)
		return from_advice(req, advice, errs);
	json_t *o = json_object();
	struct plan_form f = plan_section_form(s);
	for (size_t i = 0; i < f.n; i++) {
		const char *v = req_form(req, f.fields[i].key);
		if (v && strlen(v) > PLAN_TEXT_MAX)
			field_error_add(errs, f.fields[i].key, NULL,
					"Must be 4,000 characters or fewer");
		put_text(o, f.fields[i].key, v);
	}
	const char *first = f.fields[0].key;
	if (s != PLAN_I && s != PLAN_J && !str(o, first))
		field_error_add(errs, first, NULL,
				arena_printf(a, "Enter %s",
					     s == PLAN_K            ? "whose advice it is"
					     : plan_is_provision(s) ? "the provision"
					     : s == PLAN_E          ? "the outcome"
								    : "the need"));
	static const char *const need_lists[] = {"needs", "health_needs", "care_needs"};
	static const char *const outcome_list[] = {"outcomes"};
	if (s == PLAN_B) {
		const char *area = req_form(req, "area");
		int ok = 0;
		for (size_t k = 0; k < 4; k++)
			ok |= area && strcmp(area, plan_need_areas[k].value) == 0;
		if (!ok)
			field_error_add(errs, "area", NULL, "Choose the area of need");
		else
			put_text(o, "area", area);
	}
	if (s == PLAN_E || plan_is_provision(s))
		put_ids(req, o, "needs", plan, need_lists, 3);
	if (plan_is_provision(s))
		put_ids(req, o, "outcomes", plan, outcome_list, 1);
	/* a box ticked for a line that is not in this plan (another plan's need, from a
	 * page left open or a crafted form) is refused, not quietly dropped */
	static const char *const keys[] = {"needs", "outcomes"};
	for (size_t k = 0; k < 2; k++)
		if (req_form_count(req, keys[k]) > json_array_size(json_object_get(o, keys[k])))
			field_error_add(
				errs, keys[k], NULL,
				k ? "Choose outcomes that are in this plan: one of those "
				    "chosen is not"
				  : "Choose needs that are in this plan: one of those chosen "
				    "is not");
	if (s == PLAN_E && !json_array_size(json_object_get(o, "needs")))
		field_error_add(errs, "needs", NULL, "Choose the needs this outcome answers");
	if (plan_is_provision(s)) {
		json_object_set_new(o, "section", json_string(plan_section_info[s].code));
		const char *b = req_form(req, "budget");
		int ok = !b || !*b;
		for (size_t k = 1; k < 6; k++)
			ok |= b && strcmp(b, plan_budgets[k].value) == 0;
		if (!ok)
			field_error_add(errs, "budget", NULL, "Choose where the money comes from");
		put_text(o, "budget", ok ? b : NULL);
	}
	if (s == PLAN_E || s == PLAN_K) {
		const char *key = s == PLAN_E ? "by" : "date";
		char d[DATE_ISO_LEN + 1];
		if (form_date(req, key, d, errs, FORM_DATE_OPTIONAL | FORM_DATE_FUTURE_OK) == 0)
			json_object_set_new(o, key, json_string(d));
		if (s == PLAN_E)
			json_object_set_new(o, "preparation_for_adulthood",
					    json_boolean(req_form_has(
						    req, "preparation_for_adulthood", "yes")));
	}
	if (s == PLAN_J) {
		const char *amount = req_form(req, "amount");
		const char *held = req_form(req, "held_by");
		if (amount && *amount) {
			const char *p = amount[0] == '\xc2' ? amount + 2 : amount; /* "£" */
			char *end = NULL;
			long pounds = strtol(p, &end, 10), pence = 0;
			int bad = end == p || pounds < 0 || pounds > 10000000;
			if (!bad && *end == '.') {
				const char *q = end + 1;
				bad = strlen(q) != 2 || q[0] < '0' || q[0] > '9' || q[1] < '0' ||
				      q[1] > '9';
				pence = bad ? 0 : (q[0] - '0') * 10 + (q[1] - '0');
			} else if (!bad && *end) {
				bad = 1;
			}
			if (bad)
				field_error_add(errs, "amount", NULL,
						"Enter the amount in pounds, like 1250 or 1250.50");
			json_object_set_new(o, "amount_pence",
					    json_integer((json_int_t)pounds * 100 + pence));
			int ok = 0;
			for (size_t k = 0; k < 5; k++)
				ok |= held && strcmp(held, plan_holders[k].value) == 0;
			if (!ok)
				field_error_add(errs, "held_by", NULL, "Choose how it is held");
			else
				put_text(o, "held_by", held);
		} else if (str(o, "arrangements") || (held && *held)) {
			field_error_add(errs, "amount", NULL,
					"Enter the amount, or leave everything blank for no "
					"personal budget");
		}
	}
	return o;
}

/* the ids in use, to give a new line the next free one ("p4") */
static const char *new_id(struct arena *a, json_t *plan, const char *prefix)
{
	for (long n = 1;; n++) {
		const char *id = arena_printf(a, "%s%ld", prefix, n);
		if (!id || !plan_line_get(plan, id, NULL))
			return id;
	}
}

static int apply_save(json_t *plan, void *ctx, struct arena *a, struct field_errors *errs)
{
	struct edit *e = ctx;
	const struct plan_section_info *si = &plan_section_info[e->s];
	if (e->s == PLAN_I || e->s == PLAN_J) {
		const char *key = e->s == PLAN_I ? "placement" : "personal_budget";
		if (json_object_size(e->built))
			return json_object_set(plan, key, e->built) ? ERR_NOMEM : 0;
		return json_object_set_new(plan, key, json_null()) ? ERR_NOMEM : 0;
	}
	json_t *list = json_object_get(plan, si->list);
	if (!list) {
		list = json_array();
		json_object_set_new(plan, si->list, list);
	}
	if (e->line) {
		size_t at;
		json_t *old = plan_line_get(plan, e->line, &at);
		if (!old || plan_line_section(plan, e->line) != (int)e->s) {
			field_error_add(errs, "line", NULL,
					"That line is not in this section: it may have been "
					"removed. Add it again.");
			return ERR_INVALID;
		}
		/* members the form does not show (from an import) are kept */
		json_object_update(old, e->built);
		struct plan_form f = plan_section_form(e->s);
		for (size_t i = 0; i < f.n; i++)
			if (!json_object_get(e->built, f.fields[i].key))
				json_object_del(old, f.fields[i].key);
		static const char *const maybe[] = {"by", "date", "budget"};
		for (size_t i = 0; i < 3; i++)
			if (!json_object_get(e->built, maybe[i]))
				json_object_del(old, maybe[i]);
		return 0;
	}
	json_t *line = json_deep_copy(e->built);
	json_object_set_new(line, "id", json_string(new_id(a, plan, si->prefix)));
	return json_array_append_new(list, line) ? ERR_NOMEM : 0;
}

/* links_to: the lines that link to id, in words ("outcome o2, provision p1") */
static const char *links_to(struct arena *a, json_t *plan, const char *id)
{
	static const char *const lists[] = {"outcomes", "provision"};
	const char *out = NULL;
	for (size_t l = 0; l < 2; l++) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(plan, lists[l]), i, x)
		{
			int hit = 0;
			static const char *const keys[] = {"needs", "outcomes"};
			for (size_t k = 0; k < 2; k++) {
				size_t j;
				json_t *v;
				json_array_foreach(json_object_get(x, keys[k]), j, v)
				{
					hit |= json_is_string(v) &&
					       strcmp(json_string_value(v), id) == 0;
				}
			}
			if (hit)
				out = arena_printf(a, "%s%s%s %s", out ? out : "", out ? ", " : "",
						   l ? "provision" : "outcome", str(x, "id"));
		}
	}
	return out;
}

static int apply_remove(json_t *plan, void *ctx, struct arena *a, struct field_errors *errs)
{
	struct edit *e = ctx;
	size_t at;
	if (!e->line || !plan_line_get(plan, e->line, &at) ||
	    plan_line_section(plan, e->line) != (int)e->s) {
		field_error_add(errs, "line", NULL, "That line is not in this section");
		return ERR_INVALID;
	}
	const char *users = links_to(a, plan, e->line);
	if (users) {
		field_error_add(
			errs, "line", NULL,
			arena_printf(a,
				     "Line %s cannot be removed while %s links to it: change "
				     "or remove that first",
				     e->line, users));
		return ERR_INVALID;
	}
	return json_array_remove(json_object_get(plan, plan_section_info[e->s].list), at)
		       ? ERR_NOMEM
		       : 0;
}

/* name_errors: plan_validate names fields by JSON pointer; the form by its field names */
static void name_errors(struct field_errors *errs)
{
	for (size_t i = 0; i < errs->n; i++) {
		const char *p = errs->items[i].pointer ? errs->items[i].pointer : "";
		if (strstr(p, "/needs"))
			errs->items[i].name = "needs";
		else if (strstr(p, "/outcomes/") && strchr(p + 1, '/') != strrchr(p, '/'))
			errs->items[i].name = "outcomes";
		else if (strstr(p, "amount_pence"))
			errs->items[i].name = "amount";
	}
}

static int save(struct request *req, int remove)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	struct plan_ctx c;
	int rc = plan_ctx_load(req, &c), answered = 0;
	if (rc)
		return rc;
	int s = plan_section_parse(req_param(req, "section"));
	rc = plan_may_write(req, &c, s, &answered);
	if (answered) {
		plan_ctx_release(&c);
		return rc;
	}
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	json_t *empty = json_object();
	json_t *basis = c.doc.plan ? c.doc.plan : empty;
	const char *line = req_form(req, "line");
	struct edit e = {.req = req,
			 .s = s,
			 .line = line && *line ? line : NULL,
			 .built = remove ? NULL : build(req, s, basis, &errs)};
	char vid[ID_LEN + 1];
	if (!errs.n)
		rc = plan_edit(req_db(req), c.child_id, c.tpl.id,
			       remove ? apply_remove : apply_save, &e, c.user->id, a, &errs, vid);
	json_decref(e.built);
	if (rc == ERR_CONFLICT)
		rc = plan_refused(
			req, 409, c.child_id, "This plan has been issued",
			"It was issued while you were writing. The council's SEND team can "
			"start an amendment: a new draft version.");
	else if (errs.n) {
		name_errors(&errs);
		if (!c.doc.plan)
			c.doc.plan = json_incref(empty);
		rc = plan_section_render(req, 422, &c, s, remove ? NULL : e.line, &errs);
	} else if (rc == 0) {
		rc = resp_redirect(req, arena_printf(a, "/children/%s/plan/edit/%s", c.child_id,
						     plan_section_info[s].slug));
	}
	json_decref(empty);
	plan_ctx_release(&c);
	return rc;
}

int plan_section_save(struct request *req)
{
	return save(req, 0);
}

int plan_section_remove(struct request *req)
{
	return save(req, 1);
}
