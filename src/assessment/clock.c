/*
 * clock.c: statutory deadlines from a case history and the rules; see clock.h and
 * docs/clock.md. No I/O: the rules come in loaded (rules.c).
 */
#include "assessment/clock.h"

#include <stdio.h>
#include <string.h>

#include "platform/err.h"

#define MAX_EVENTS 256
#define MAX_EXCEPTIONS 32

/* every event type a history may hold: the steps' starts and stops */
static const char *const event_types[] = {
	"request",
	"decision_to_assess",
	"decision_not_to_assess",
	"advice_requested",
	"advice_received",
	"decision_not_to_issue",
	"draft_issued",
	"draft_comments_received",
	"consultation_sent",
	"consultation_answered",
	"final_plan_issued",
	"appeal_lodged",
	"mediation_declined",
	"mediation_certificate_issued",
	"review_completed",
	"withdrawn",
};

struct event {
	const char *type;
	const char *item; /* which advice or which setting, for per-item steps */
	struct date date;
	struct date served; /* when the notice of it was served; the date if not given */
	size_t index;       /* in the input, for messages */
};

struct exception {
	struct date from, to;
	const char *reason;
};

struct history {
	const char *family;
	struct date as_of;
	struct event ev[MAX_EVENTS];
	size_t n;
	struct exception ex[MAX_EXCEPTIONS];
	size_t n_ex;
};

static int known_event(const char *t)
{
	for (size_t i = 0; i < sizeof(event_types) / sizeof(event_types[0]); i++)
		if (strcmp(t, event_types[i]) == 0)
			return 1;
	return 0;
}

/* ptr: the JSON pointer /<list>/<i>/<field>, in the arena */
static const char *ptr(struct arena *a, const char *list, size_t i, const char *field)
{
	return arena_printf(a, "/%s/%zu/%s", list, i, field);
}

/* add_at: an error at one place in the history. It is named by its pointer, as
 * field_error_add keeps one error per name and each bad event deserves its own. */
static void add_at(struct field_errors *errs, const char *pointer, const char *message)
{
	field_error_add(errs, pointer, pointer, message);
}

/* read_date: the member as an ISO date; adds an error naming it when it is not one */
static int read_date(json_t *o, const char *key, const char *pointer, struct date *out,
		     int required, struct field_errors *errs)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v)) {
		if (required)
			add_at(errs, pointer, "Enter a date, written as YYYY-MM-DD");
		return -1;
	}
	if (!json_is_string(v) || date_parse(json_string_value(v), out) != 0) {
		add_at(errs, pointer, "Must be a real date, written as YYYY-MM-DD");
		return -1;
	}
	return 0;
}

static int read_history(json_t *h, struct date today, struct arena *a, struct history *out,
			struct field_errors *errs)
{
	memset(out, 0, sizeof(*out));
	if (!json_is_object(h)) {
		field_error_add(errs, "", "", "The case history must be a JSON object");
		return -1;
	}
	json_t *fam = json_object_get(h, "rule_family");
	out->family = json_is_string(fam) ? json_string_value(fam) : "england";
	if (fam && !json_is_string(fam))
		field_error_add(errs, "rule_family", "/rule_family", "Must be a string");
	out->as_of = today;
	if (json_object_get(h, "as_of"))
		read_date(h, "as_of", "/as_of", &out->as_of, 0, errs);
	json_t *events = json_object_get(h, "events");
	if (!json_is_array(events) || json_array_size(events) == 0) {
		field_error_add(errs, "events", "/events",
				"Give the case's events as a list, starting with the request");
		return -1;
	}
	if (json_array_size(events) > MAX_EVENTS) {
		field_error_add(errs, "events", "/events", "A case can have at most 256 events");
		return -1;
	}
	size_t i;
	json_t *e;
	json_array_foreach(events, i, e)
	{
		struct event *ev = &out->ev[out->n];
		ev->index = i;
		json_t *t = json_object_get(e, "type");
		if (!json_is_object(e) || !json_is_string(t) ||
		    !known_event(json_string_value(t))) {
			add_at(errs, ptr(a, "events", i, "type"),
			       "Must be one of the event types in docs/clock.md");
			continue;
		}
		ev->type = json_string_value(t);
		json_t *item = json_object_get(e, "item");
		ev->item = json_is_string(item) ? json_string_value(item) : NULL;
		if (read_date(e, "date", ptr(a, "events", i, "date"), &ev->date, 1, errs))
			continue;
		ev->served = ev->date;
		if (json_object_get(e, "served") &&
		    read_date(e, "served", ptr(a, "events", i, "served"), &ev->served, 0, errs) ==
			    0 &&
		    date_cmp(ev->served, ev->date) < 0)
			add_at(errs, ptr(a, "events", i, "served"),
			       "A notice cannot be served before the decision it gives");
		out->n++;
	}
	/* one request, first */
	size_t requests = 0;
	struct date req = {0, 0, 0};
	for (size_t k = 0; k < out->n; k++)
		if (strcmp(out->ev[k].type, "request") == 0) {
			requests++;
			req = out->ev[k].date;
		}
	if (requests != 1) {
		field_error_add(errs, "events", "/events",
				"A case has exactly one request: the day the clock starts");
		return -1;
	}
	for (size_t k = 0; k < out->n; k++)
		if (date_cmp(out->ev[k].date, req) < 0)
			add_at(errs, ptr(a, "events", out->ev[k].index, "date"),
			       "No event can come before the request");
	json_t *exs = json_object_get(h, "exceptions");
	if (exs && !json_is_array(exs))
		field_error_add(errs, "exceptions", "/exceptions", "Must be a list");
	json_array_foreach(exs, i, e)
	{
		if (out->n_ex >= MAX_EXCEPTIONS) {
			field_error_add(errs, "exceptions", "/exceptions", "At most 32 exceptions");
			break;
		}
		struct exception *x = &out->ex[out->n_ex];
		json_t *r = json_object_get(e, "reason");
		if (!json_is_string(r)) {
			add_at(errs, ptr(a, "exceptions", i, "reason"),
			       "Give the reason code, such as child_away");
			continue;
		}
		x->reason = json_string_value(r);
		int bad = read_date(e, "from", ptr(a, "exceptions", i, "from"), &x->from, 1, errs);
		bad |= read_date(e, "to", ptr(a, "exceptions", i, "to"), &x->to, 1, errs);
		if (bad)
			continue;
		if (date_cmp(x->to, x->from) < 0) {
			add_at(errs, ptr(a, "exceptions", i, "to"),
			       "The end of an exception cannot come before its start");
			continue;
		}
		out->n_ex++;
	}
	return errs->n ? -1 : 0;
}

/* ---- the rules ---- */

/* version_on: the version of the family in force on day d, or NULL */
static json_t *version_on(json_t *family, struct date d)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(family, "versions"), i, v)
	{
		struct date from, to;
		const char *f = json_string_value(json_object_get(v, "effective_from"));
		const char *t = json_string_value(json_object_get(v, "effective_to"));
		if (!f || date_parse(f, &from) != 0 || date_cmp(d, from) < 0)
			continue;
		if (t && date_parse(t, &to) == 0 && date_cmp(d, to) > 0)
			continue;
		return v;
	}
	return NULL;
}

static json_t *steps_of(json_t *family, json_t *version)
{
	const char *name = json_string_value(json_object_get(version, "steps"));
	return name ? json_object_get(json_object_get(family, "step_sets"), name) : NULL;
}

static json_t *step_named(json_t *steps, const char *name)
{
	size_t i;
	json_t *s;
	json_array_foreach(steps, i, s)
	{
		const char *n = json_string_value(json_object_get(s, "step"));
		if (n && strcmp(n, name) == 0)
			return s;
	}
	return NULL;
}

/* in_list: name is the string v, or one of the strings of the array v */
static int in_list(json_t *v, const char *name)
{
	if (json_is_string(v))
		return strcmp(json_string_value(v), name) == 0;
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
	{
		if (json_is_string(x) && strcmp(json_string_value(x), name) == 0)
			return 1;
	}
	return 0;
}

static struct date add_limit(const struct clock_rules *r, struct date start, json_t *limit,
			     char *text, size_t n)
{
	int amount = (int)json_integer_value(json_object_get(limit, "amount"));
	const char *unit = json_string_value(json_object_get(limit, "unit"));
	if (!unit)
		unit = "days";
	const char *word = unit;
	struct date due = start;
	struct holidays h = {r->holidays, r->n_holidays};
	if (strcmp(unit, "weeks") == 0) {
		due = date_add_days(start, (int64_t)amount * 7);
	} else if (strcmp(unit, "months") == 0) {
		due = date_add_months(start, amount);
	} else if (strcmp(unit, "working_days") == 0) {
		due = date_add_working_days(start, amount, &h);
		word = "working days";
	} else {
		due = date_add_days(start, amount);
	}
	snprintf(text, n, "%d %.*s", amount,
		 amount == 1 ? (int)strlen(word) - 1 : (int)strlen(word), word);
	return due;
}

/* exception_days: days of [from, to] covered by exceptions whose reason the step and the
 * version accept; overlapping exceptions count once. Fills reasons. */
static int64_t exception_days(json_t *family, json_t *version, const char *step,
			      const struct history *h, struct date from, struct date to,
			      json_t *reasons)
{
	int64_t lo = date_days(from), hi = date_days(to), covered = 0;
	int64_t cur_lo = 0, cur_hi = -1;
	/* walk the exceptions in order of start: merge the overlapping ones */
	int used[MAX_EXCEPTIONS] = {0};
	for (;;) {
		int best = -1;
		for (size_t i = 0; i < h->n_ex; i++) {
			if (used[i])
				continue;
			if (best < 0 || date_cmp(h->ex[i].from, h->ex[(size_t)best].from) < 0)
				best = (int)i;
		}
		if (best < 0)
			break;
		used[best] = 1;
		const struct exception *x = &h->ex[best];
		/* is the reason one this step accepts, in this version? */
		json_t *reason = NULL;
		size_t i;
		json_t *rr;
		json_array_foreach(json_object_get(family, "exception_reasons"), i, rr)
		{
			const char *c = json_string_value(json_object_get(rr, "code"));
			if (c && strcmp(c, x->reason) == 0)
				reason = rr;
		}
		if (!reason || !in_list(json_object_get(reason, "steps"), step))
			continue;
		json_t *only = json_object_get(reason, "only_in_versions");
		if (only && !in_list(only, json_string_value(json_object_get(version, "version"))))
			continue;
		int64_t a = date_days(x->from), b = date_days(x->to);
		if (b < lo || a > hi)
			continue;
		if (a < lo)
			a = lo;
		if (b > hi)
			b = hi;
		if (!in_list(reasons, x->reason))
			json_array_append_new(reasons, json_string(x->reason));
		if (a > cur_hi + 1 || cur_hi < cur_lo) {
			if (cur_hi >= cur_lo)
				covered += cur_hi - cur_lo + 1;
			cur_lo = a;
			cur_hi = b;
		} else if (b > cur_hi) {
			cur_hi = b;
		}
	}
	if (cur_hi >= cur_lo)
		covered += cur_hi - cur_lo + 1;
	return covered;
}

static void iso(struct date d, char *out)
{
	date_iso(d, out);
}

/* one clock: a step started by event start (and for one item, when per_item) */
static json_t *one_deadline(const struct clock_rules *r, json_t *family, json_t *version,
			    json_t *step, const struct history *h, const struct event *start)
{
	const char *name = json_string_value(json_object_get(step, "step"));
	int from_service = json_is_true(json_object_get(step, "from_service"));
	int minimum = json_is_true(json_object_get(step, "minimum"));
	int per_item = json_is_true(json_object_get(step, "per_item"));
	struct date s = from_service ? start->served : start->date;
	char limit[48], d1[DATE_ISO_LEN + 1], d2[DATE_ISO_LEN + 1], d3[DATE_ISO_LEN + 1];
	struct date due = add_limit(r, s, json_object_get(step, "limit"), limit, sizeof(limit));
	/* stopped by the first done_by event on or after the start (same item if per item) */
	const struct event *done = NULL;
	for (size_t i = 0; i < h->n; i++) {
		const struct event *e = &h->ev[i];
		if (!in_list(json_object_get(step, "done_by"), e->type) ||
		    date_cmp(e->date, start->date) < 0 || e == start)
			continue;
		if (per_item && (!e->item || !start->item || strcmp(e->item, start->item) != 0))
			continue;
		if (!done || date_cmp(e->date, done->date) < 0)
			done = e;
	}
	iso(s, d1);
	iso(due, d2);
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "step", name, "name",
			      json_string_value(json_object_get(step, "name")), "kind",
			      minimum ? "minimum" : "deadline", "start_event", start->type,
			      "clock_start", d1, "limit", limit, "due", d2, "law",
			      json_string_value(json_object_get(step, "law")), "source",
			      json_string_value(json_object_get(step, "source")));
	if (!o)
		return NULL;
	json_object_set_new(o, "rule",
			    json_sprintf("%s/%s",
					 json_string_value(json_object_get(family, "family")),
					 json_string_value(json_object_get(version, "version"))));
	json_object_set_new(o, "item",
			    per_item && start->item ? json_string(start->item) : json_null());
	/* exceptions count while the clock ran: up to the step being done, or (still
	 * running) up to the later of the due date and the day judged on */
	struct date end = done ? done->date : date_cmp(h->as_of, due) > 0 ? h->as_of : due;
	json_t *reasons = json_array();
	int64_t exdays = 0;
	if (!json_is_null(json_object_get(step, "exceptions")) && !minimum)
		exdays = exception_days(family, version, name, h, s, end, reasons);
	json_object_set_new(o, "exception",
			    json_array_size(reasons) ? json_pack("{s:o, s:I}", "reasons", reasons,
								 "days", (json_int_t)exdays)
						     : (json_decref(reasons), json_null()));
	const char *status;
	int64_t late = 0;
	if (done) {
		iso(done->date, d3);
		json_object_set_new(o, "done", json_string(d3));
		late = date_days(done->date) - date_days(due);
		status = minimum ? (late < 0 ? "cut_short" : "ended") : late <= 0 ? "met" : "late";
	} else {
		json_object_set_new(o, "done", json_null());
		late = date_days(h->as_of) - date_days(due);
		status = minimum ? (late < 0 ? "running" : "ended") : late > 0 ? "overdue" : "open";
	}
	json_object_set_new(o, "status", json_string(status));
	json_object_set_new(o, "days_late", json_integer(!minimum && late > 0 ? late : 0));
	if (!done && !minimum && late <= 0)
		json_object_set_new(o, "days_left", json_integer(-late));
	return o;
}

static int happened(const struct history *h, json_t *types)
{
	for (size_t i = 0; i < h->n; i++)
		if (in_list(types, h->ev[i].type))
			return 1;
	return 0;
}

json_t *clock_compute(const struct clock_rules *rules, json_t *input, struct date today,
		      struct arena *a, struct field_errors *errs)
{
	static struct history zero;
	struct history *h = arena_alloc(a, sizeof(*h));
	if (!h) {
		field_error_add(errs, "", "", "Out of memory");
		return NULL;
	}
	*h = zero;
	if (read_history(input, today, a, h, errs) != 0)
		return NULL;
	json_t *family = json_object_get(rules->families, h->family);
	if (!family) {
		field_error_add(errs, "rule_family", "/rule_family", "No rules of that name");
		return NULL;
	}
	const struct event *request = NULL;
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->ev[i].type, "request") == 0)
			request = &h->ev[i];
	if (!version_on(family, request->date)) {
		field_error_add(errs, "date", "/events",
				"The rules do not cover the date of the request");
		return NULL;
	}
	/* the step ids, in the order of the version in force at the request */
	json_t *order = steps_of(family, version_on(family, request->date));
	json_t *out = json_array();
	size_t i;
	json_t *proto;
	json_array_foreach(order, i, proto)
	{
		const char *name = json_string_value(json_object_get(proto, "step"));
		int per_item = json_is_true(json_object_get(proto, "per_item"));
		/* the clock of a from_service step starts on the day of service */
		int from_service = json_is_true(json_object_get(proto, "from_service"));
		if (happened(h, json_object_get(proto, "applies_unless")))
			continue;
		/* the starts: every one for a per-item step, else the latest */
		const struct event *latest = NULL;
		for (size_t k = 0; k < h->n; k++) {
			const struct event *e = &h->ev[k];
			if (!in_list(json_object_get(proto, "starts_on"), e->type))
				continue;
			json_t *version = version_on(family, from_service ? e->served : e->date);
			json_t *step = version ? step_named(steps_of(family, version), name) : NULL;
			if (!step)
				continue;
			if (per_item) {
				json_t *d = one_deadline(rules, family, version, step, h, e);
				if (d)
					json_array_append_new(out, d);
			} else if (!latest || date_cmp(e->date, latest->date) >= 0) {
				latest = e;
			}
		}
		if (latest) {
			json_t *version =
				version_on(family, from_service ? latest->served : latest->date);
			json_t *d = one_deadline(rules, family, version,
						 step_named(steps_of(family, version), name), h,
						 latest);
			if (d)
				json_array_append_new(out, d);
		}
	}
	char asof[DATE_ISO_LEN + 1], req[DATE_ISO_LEN + 1];
	iso(h->as_of, asof);
	iso(request->date, req);
	return json_pack("{s:s, s:s, s:s, s:o}", "rule_family", h->family, "as_of", asof, "request",
			 req, "deadlines", out);
}
