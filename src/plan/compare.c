/*
 * compare.c: what changed between two versions of a child's plan, section by section and
 * line by line, in words ("what changed since the last plan").
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "plan/internal.h"
#include "platform/audit.h"
#include "platform/err.h"
#include "platform/gds.h"

/* ---- comparing two versions ---- */

static const char *line_text(json_t *line)
{
	const char *t = json_string_value(json_object_get(line, "text"));
	return t ? t : json_string_value(json_object_get(line, "what"));
}

/* describe: a member's value as text for the comparison */
static const char *describe(struct arena *a, json_t *v)
{
	if (!v || json_is_null(v))
		return "(nothing)";
	if (json_is_string(v))
		return json_string_value(v);
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	const char *out = arena_strdup(a, s ? s : "");
	free(s);
	return out;
}

/* label: words for a member's name on the comparison page */
static const char *label(const char *key)
{
	static const struct {
		const char *key, *words;
	} labels[] = {
		{"views", "My views"},
		{"family_views", "My family's views"},
		{"strengths", "What people like and admire about me"},
		{"interests", "My interests"},
		{"aspirations", "What I want to achieve"},
		{"communication", "How I like to communicate"},
		{"text", "Wording"},
		{"area", "Area of need"},
		{"by", "By when"},
		{"needs", "Needs it answers"},
		{"outcomes", "Outcomes it works towards"},
		{"preparation_for_adulthood", "Prepares for adulthood"},
		{"section", "Section"},
		{"what", "Provision"},
		{"who", "Who delivers it"},
		{"secured_by", "Who secures it"},
		{"frequency", "How often"},
		{"duration", "How long"},
		{"group_size", "Group size"},
		{"budget", "Budget"},
		{"name", "Name"},
		{"type", "Type"},
		{"urn", "URN"},
		{"amount_pence", "Amount in pence"},
		{"arrangements", "Arrangements"},
		{"direct_payments", "Direct payments"},
	};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].key, key) == 0)
			return labels[i].words;
	return key;
}

/* compare_objects: one row per member that differs between a and b */
static size_t compare_objects(struct html *h, struct arena *ar, json_t *a, json_t *b,
			      const char *where)
{
	size_t n = 0;
	json_t *keys = json_object();
	const char *k;
	json_t *v;
	json_object_foreach(a, k, v) json_object_set_new(keys, k, json_true());
	json_object_foreach(b, k, v) json_object_set_new(keys, k, json_true());
	json_object_foreach(keys, k, v)
	{
		json_t *x = json_object_get(a, k), *y = json_object_get(b, k);
		if (json_equal(x, y) || (!x && json_is_null(y)) || (json_is_null(x) && !y))
			continue;
		n++;
		html_raw(h, "<li>");
		html_text(h, where);
		html_raw(h, ", ");
		html_text(h, label(k));
		/* words, not only <del> and <ins>: screen readers mostly do not announce those */
		html_raw(h, ": was <del>");
		html_text(h, describe(ar, x));
		html_raw(h, "</del>, now <ins>");
		html_text(h, describe(ar, y));
		html_raw(h, "</ins></li>");
	}
	json_decref(keys);
	return n;
}

static json_t *by_id(json_t *list, const char *id)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		const char *xid = json_string_value(json_object_get(x, "id"));
		if (xid && strcmp(xid, id) == 0)
			return x;
	}
	return NULL;
}

/* compare_section: one section held as an object (A, I, J) */
static size_t compare_section(struct html *h, struct arena *ar, json_t *a, json_t *b,
			      const char *key, const char *title)
{
	html_raw(h, "<h2 class=\"govuk-heading-m\">");
	html_text(h, title);
	html_raw(h, "</h2><ul class=\"govuk-list\">");
	size_t n =
		compare_objects(h, ar, json_object_get(a, key), json_object_get(b, key), "Changed");
	html_raw(h, "</ul>");
	if (!n)
		html_raw(h, "<p class=\"govuk-body\">No change.</p>");
	return n;
}

/* plan_compare writes what changed from plan a to plan b, section by section and line by
 * line (lines are matched by their ids) */
static void plan_compare(struct html *h, struct arena *ar, json_t *a, json_t *b)
{
	static const struct {
		const char *key, *title;
	} lists[] = {{"needs", "Section B: special educational needs"},
		     {"health_needs", "Section C: health needs"},
		     {"care_needs", "Section D: social care needs"},
		     {"outcomes", "Section E: outcomes"},
		     {"provision", "Sections F to H: provision"}};
	static const struct {
		const char *key, *title;
	} objects[] = {{"section_a", "Section A: about me"},
		       {"placement", "Section I: placement"},
		       {"personal_budget", "Section J: personal budget"}};
	size_t total = 0;
	total += compare_section(h, ar, a, b, objects[0].key, objects[0].title);
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		json_t *la = json_object_get(a, lists[l].key),
		       *lb = json_object_get(b, lists[l].key);
		size_t n = 0, i;
		json_t *x;
		html_raw(h, "<h2 class=\"govuk-heading-m\">");
		html_text(h, lists[l].title);
		html_raw(h, "</h2><ul class=\"govuk-list\">");
		json_array_foreach(lb, i, x)
		{
			const char *id = json_string_value(json_object_get(x, "id"));
			json_t *old = id ? by_id(la, id) : NULL;
			if (!old) {
				n++;
				html_raw(h, "<li><strong class=\"govuk-tag govuk-tag--green\">Added"
					    "</strong> ");
				html_text(h, line_text(x));
				html_raw(h, "</li>");
			} else if (!json_equal(old, x)) {
				n += compare_objects(
					h, ar, old, x,
					arena_printf(ar, "Changed \"%s\"", line_text(old)));
			}
		}
		json_array_foreach(la, i, x)
		{
			const char *id = json_string_value(json_object_get(x, "id"));
			if (id && !by_id(lb, id)) {
				n++;
				html_raw(h, "<li><strong class=\"govuk-tag govuk-tag--red\">Removed"
					    "</strong> ");
				html_text(h, line_text(x));
				html_raw(h, "</li>");
			}
		}
		html_raw(h, "</ul>");
		if (!n)
			html_raw(h, "<p class=\"govuk-body\">No change.</p>");
		total += n;
	}
	for (size_t o = 1; o < 3; o++)
		total += compare_section(h, ar, a, b, objects[o].key, objects[o].title);
	(void)total;
}

int plan_compare_page(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *ar = req_arena(req);
	const char *f = req_query(req, "from"), *t = req_query(req, "to");
	char *e1 = NULL, *e2 = NULL;
	long from = f ? strtol(f, &e1, 10) : 0, to = t ? strtol(t, &e2, 10) : 0;
	if (!f || !t || *e1 || *e2 || from < 1 || to < 1)
		return ERR_INVALID;
	char *ca = NULL, *cb = NULL;
	if ((rc = plan_export(db, id, from, &ca)) != 0 ||
	    (rc = plan_export(db, id, to, &cb)) != 0) {
		free(ca);
		free(cb);
		return rc;
	}
	if ((rc = audit_record(req, "read", "plan", id)) != 0) {
		free(ca);
		free(cb);
		return rc;
	}
	json_error_t je;
	json_t *a = json_loads(ca, 0, &je), *b = json_loads(cb, 0, &je);
	free(ca);
	free(cb);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "What changed in the plan",
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(ar, "/children/%s/plan", id), "Back to the plan");
	gds_heading(&h,
		    &(struct gds_heading){
			    .text = arena_printf(ar, "What changed from version %ld to version %ld",
						 from, to)});
	if (a && b)
		plan_compare(&h, ar, a, b);
	json_decref(a);
	json_decref(b);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}
