/*
 * cases.c: EHC needs assessments for the demo, so that the case pages, the caseloads and
 * the SEN2 return tell one story. Every child whose plan has been issued gets the case
 * that led to it (requested 16 to 20 weeks before the plan's first issue, one in six
 * longer, a few with a period the family's circumstances excused); every child with a
 * draft plan only has a case at the draft stage; and about 40 children on SEN support
 * were asked about this year: refused, withdrawn, assessed without a plan, still being
 * assessed, or waiting for the decision whether to assess. Every child with a plan is on
 * a setting's roll, and a few plans name their setting (placement_named).
 *
 * Dates follow from the run's today and the plans' issue dates; choices from a splitmix64
 * stream of the seed and the LA code, so a seed gives the same cases. The rows are
 * written in one transaction through cached statements; the case's state comes from
 * assessment_next_state (state.c) and its next legal deadline from clock_compute, as
 * src/assessment/store.c keeps them, and a decision's notice is served as state.c says.
 */
#include <jansson.h>

#include "assessment/assessment.h"
#include "demo/internal.h"
#include "platform/arena.h"
#include "platform/fields.h"

#define MAX_EVENTS 16
/* requests of children without a plan, per 100 plans written (issued or draft) */
#define OTHER_PER_100_PLANS 42

/* what happened to a request */
enum story {
	ST_PLAN,       /* assessed, final plan issued */
	ST_DRAFT,      /* assessed, the draft plan is with the family */
	ST_NOT_ASSESS, /* decided not to assess */
	ST_WITHDRAWN,  /* withdrawn before a decision */
	ST_NOT_ISSUE,  /* assessed, decided not to issue a plan */
	ST_ASSESSING,  /* decided to assess, advice coming in */
	ST_RECENT,     /* received in the last six weeks, no decision yet */
};

/* the other requests in turn: of 20, 6 refused, 2 withdrawn, 3 not issued, 4 being
 * assessed and 5 recent, mixed so that a small LA still gets some of each */
static const enum story others[20] = {
	ST_NOT_ASSESS, ST_RECENT,    ST_ASSESSING,  ST_NOT_ASSESS, ST_NOT_ISSUE,
	ST_WITHDRAWN,  ST_RECENT,    ST_NOT_ASSESS, ST_ASSESSING,  ST_RECENT,
	ST_NOT_ASSESS, ST_NOT_ISSUE, ST_ASSESSING,  ST_RECENT,     ST_NOT_ASSESS,
	ST_WITHDRAWN,  ST_ASSESSING, ST_NOT_ASSESS, ST_NOT_ISSUE,  ST_RECENT,
};

static const char *const advisers[] = {"educational_psychologist", "health", "social_care"};

static const char REASON_ASSESS[] =
	"The evidence from the setting and the family shows that the child may have special"
	" educational needs and that special educational provision may have to be made for"
	" them through an EHC plan.";
static const char REASON_NOT_ASSESS[] =
	"The evidence shows the child is making progress with the support their setting"
	" gives (SEN support). The panel recommended a plan for that support with the"
	" educational psychologist's advice, reviewed each term.";
static const char REASON_NOT_ISSUE[] =
	"The assessment shows the child's needs can be met from the resources normally"
	" available to their setting, with the strategies the advice sets out.";
static const char NAMED_REASONS[] =
	"The setting can meet the needs and provide the support in the plan, and the family"
	" asked for it. Attending is compatible with the efficient education of others and"
	" the efficient use of resources.";

static const char SQL_CASE[] =
	"INSERT INTO assessment_case (id, child_id, la_code, officer_id, requested_by,"
	" requested_on, rule_family, state, next_step, next_due, closed_on, created_at,"
	" updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'england', $7, $8, $9, $10, $11, $11)";
static const char SQL_EVENT[] =
	"INSERT INTO case_event (case_id, seq, type, happened_on, item, reasons, recorded_by,"
	" recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
static const char SQL_NOTICE[] =
	"INSERT INTO notice (id, case_id, event_seq, recipient, channel, sent_on, served_on,"
	" read_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_EXCEPTION[] =
	"INSERT INTO case_exception (case_id, starts_on, ends_on, reason, recorded_by,"
	" recorded_at) VALUES ($1, $2, $3, 'family_circumstances', $4, $5)";
static const char SQL_CASEWORKER[] = "UPDATE child SET caseworker_id = $1 WHERE id = $2";
static const char SQL_ROLL[] =
	"INSERT INTO child_setting (child_id, organisation_id, relation, started_on)"
	" VALUES ($1, $2, 'roll', $3)";
static const char SQL_NAMED[] =
	"INSERT INTO placement_named (id, child_id, setting_id, reasons, named_on, named_by)"
	" VALUES ($1, $2, $3, $4, $5, $6)";

/* one child of the LA the cases may be about */
struct kid {
	char id[ID_LEN + 1];
	char caseworker[ID_LEN + 1]; /* "" when none is allocated */
	char roll[ID_LEN + 1];       /* the setting they are on the roll of, or "" */
	struct date dob;
	int second_half; /* family name from M: the second caseworker's */
	int support;     /* on SEN support */
	int plan;        /* 0 none, 1 issued, 2 a draft only */
	struct date first_issue;
};

/* one setting a child with a plan can be put on the roll of */
struct place {
	char id[ID_LEN + 1];
	char type[8];
	int from, to;
};

struct event {
	const char *type;
	struct date on;
	const char *item;
	const char *reasons;
};

/* one case being written */
struct kase {
	const struct kid *kid;
	enum story story;
	const char *requested_by;
	const char *officer;
	struct event ev[MAX_EVENTS];
	size_t n;
	int exception; /* 1: the family's circumstances excused 3 weeks */
	struct date exc_from;
};

/* everything one LA's cases need */
struct cases_run {
	struct run *run;
	const char *la;
	struct rng rng;
	const struct clock_rules *rules; /* NULL when reference/rules could not be read */
	struct holidays hol;
	char cw[2][ID_LEN + 1];
	struct kid *kids;
	size_t nkids;
	struct place *places;
	size_t nplaces;
	int written[ST_RECENT + 1];
	int exceptions, named, rolls;
};

static uint64_t cases_seed(uint64_t seed, const char *code)
{
	uint64_t h = (seed + 0x5ca5e5ULL) * 0x100000001b3ULL ^ 0x84222325cbf29ce4ULL;
	for (const char *p = code; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	return h;
}

/* days: a whole number of days from lo to hi inclusive */
static int64_t days(struct rng *r, int lo, int hi)
{
	return lo + (int64_t)rng_below(r, (unsigned)(hi - lo + 1));
}

static int64_t gap(struct date a, struct date b)
{
	return date_days(b) - date_days(a);
}

static struct date later_of(struct date a, struct date b)
{
	return date_cmp(a, b) >= 0 ? a : b;
}

static void add_event(struct kase *k, const char *type, struct date on, const char *item,
		      const char *reasons)
{
	if (k->n == MAX_EVENTS)
		return;
	/* a step is never dated before the one before it (store.c refuses that too) */
	if (k->n && date_cmp(on, k->ev[k->n - 1].on) < 0)
		on = k->ev[k->n - 1].on;
	k->ev[k->n++] = (struct event){type, on, item, reasons};
}

/* advice asked for on `asked` from two or three advisers; what has come by `until`
 * (inclusive) is recorded as received, in the order it came */
static void advice(struct cases_run *C, struct kase *k, struct date asked, struct date until)
{
	struct rng *r = &C->rng;
	size_t n = rng_permille(r, 350) ? 3 : 2;
	struct date got[3];
	for (size_t i = 0; i < n; i++) {
		add_event(k, "advice_requested", asked, advisers[i], NULL);
		/* six weeks is the limit; most advice takes four to six */
		got[i] = date_add_days(asked, days(r, 24, 44));
	}
	for (size_t done = 0; done < n; done++) {
		size_t first = n;
		for (size_t i = 0; i < n; i++)
			if (got[i].y && (first == n || date_cmp(got[i], got[first]) < 0))
				first = i;
		if (first == n || date_cmp(got[first], until) > 0)
			break;
		add_event(k, "advice_received", got[first], advisers[first], NULL);
		got[first].y = 0;
	}
}

/* the case behind an issued plan: requested, decided within six weeks, advice, the draft
 * and the family's 15 days, then the final plan on the day it was first issued */
static void plan_story(struct cases_run *C, struct kase *k, int long_one, int *exceptions)
{
	struct rng *r = &C->rng;
	struct date final = k->kid->first_issue;
	int64_t span = long_one ? days(r, 141, 210) : days(r, 112, 140);
	struct date req = date_add_days(final, -span);
	/* never asked for before the child was born */
	struct date earliest = date_add_days(k->kid->dob, 14);
	if (date_cmp(req, earliest) < 0) {
		req = earliest;
		span = gap(req, final) < 21 ? 21 : gap(req, final);
		req = date_add_days(final, -span);
	}
	struct date decided =
		date_add_days(req, span * 3 / 10 < 35 ? span * 3 / 10 : days(r, 35, 42));
	int64_t comments = days(r, 16, 28);
	if (comments > span / 5)
		comments = span / 5;
	struct date draft = later_of(date_add_days(final, -comments), decided);
	add_event(k, "request", req, NULL, NULL);
	add_event(k, "decision_to_assess", decided, NULL, REASON_ASSESS);
	if (!rng_permille(r, 150) && gap(decided, draft) >= 8)
		advice(C, k, date_add_days(decided, days(r, 1, 3)), draft);
	add_event(k, "draft_issued", draft, NULL, NULL);
	if (rng_permille(r, 500) && gap(draft, final) >= 4)
		add_event(k, "draft_comments_received", date_add_days(draft, gap(draft, final) / 2),
			  NULL, NULL);
	add_event(k, "final_plan_issued", final, NULL, NULL);
	/* the long ones are late; a few of them because of the family's circumstances */
	if (long_one && *exceptions < 3 && gap(decided, draft) >= 28 && rng_permille(r, 300)) {
		k->exception = 1;
		k->exc_from = date_add_days(decided, days(r, 7, (int)gap(decided, draft) - 21));
		(*exceptions)++;
	}
}

/* the other stories, requested this year: `today` is the run's */
static void other_story(struct cases_run *C, struct kase *k, struct date today, int late)
{
	struct rng *r = &C->rng;
	struct date req, decided;
	switch (k->story) {
	case ST_NOT_ASSESS:
		req = date_add_days(today, -days(r, 60, 320));
		add_event(k, "request", req, NULL, NULL);
		add_event(k, "decision_not_to_assess",
			  date_add_days(req, late ? days(r, 44, 55) : days(r, 28, 42)), NULL,
			  REASON_NOT_ASSESS);
		break;
	case ST_WITHDRAWN:
		req = date_add_days(today, -days(r, 50, 300));
		add_event(k, "request", req, NULL, NULL);
		add_event(k, "withdrawn", date_add_days(req, days(r, 10, 30)), NULL, NULL);
		break;
	case ST_NOT_ISSUE:
		req = date_add_days(today, -days(r, 150, 320));
		decided = date_add_days(req, days(r, 35, 42));
		add_event(k, "request", req, NULL, NULL);
		add_event(k, "decision_to_assess", decided, NULL, REASON_ASSESS);
		advice(C, k, date_add_days(decided, days(r, 1, 3)), date_add_days(req, 95));
		add_event(k, "decision_not_to_issue", date_add_days(req, days(r, 98, 112)), NULL,
			  REASON_NOT_ISSUE);
		break;
	case ST_ASSESSING:
		req = date_add_days(today, -days(r, 50, 130));
		decided = date_add_days(req, days(r, 35, 42));
		add_event(k, "request", req, NULL, NULL);
		add_event(k, "decision_to_assess", decided, NULL, REASON_ASSESS);
		if (gap(decided, today) >= 2)
			advice(C, k, date_add_days(decided, days(r, 1, 2)), today);
		break;
	case ST_DRAFT: {
		struct date draft = date_add_days(today, -days(r, 2, 25));
		req = date_add_days(draft, -days(r, 80, 115));
		decided = date_add_days(req, days(r, 35, 42));
		add_event(k, "request", req, NULL, NULL);
		add_event(k, "decision_to_assess", decided, NULL, REASON_ASSESS);
		advice(C, k, date_add_days(decided, days(r, 1, 3)), draft);
		add_event(k, "draft_issued", draft, NULL, NULL);
		break;
	}
	case ST_RECENT:
	case ST_PLAN:
	default: add_event(k, "request", date_add_days(today, -days(r, 1, 41)), NULL, NULL); break;
	}
}

/* next_deadline: the earliest open or overdue deadline of the clock's answer (as
 * store.c's refresh picks it) */
static void next_deadline(json_t *clock, char *step, size_t sn, char *due)
{
	size_t i;
	json_t *d;
	step[0] = due[0] = '\0';
	json_array_foreach(json_object_get(clock, "deadlines"), i, d)
	{
		const char *status = json_string_value(json_object_get(d, "status"));
		const char *when = json_string_value(json_object_get(d, "due"));
		const char *what = json_string_value(json_object_get(d, "step"));
		if (!status || !when || !what || strlen(when) != DATE_ISO_LEN ||
		    (strcmp(status, "open") != 0 && strcmp(status, "overdue") != 0))
			continue;
		if (!due[0] || strcmp(when, due) < 0) {
			memcpy(due, when, DATE_ISO_LEN + 1);
			snprintf(step, sn, "%s", what);
		}
	}
}

/* the notice a step gives, as store.c writes it: NULL when it gives none */
static const char *notice_channel(const struct kase *k, size_t i, unsigned pick)
{
	static const char *const channels[] = {"email", "email", "post", "portal"};
	if (i == 0)
		return strcmp(k->requested_by, "setting") == 0 ? "portal" : NULL;
	return assessment_is_decision(k->ev[i].type) ? channels[pick % N_OF(channels)] : NULL;
}

/* the deadline still to meet: from the clock when the rules were read, else England's
 * three limits from the request */
static void deadline(struct cases_run *C, const struct kase *k, const char *state,
		     const struct date *served, char step[48], char due[DATE_ISO_LEN + 1])
{
	step[0] = due[0] = '\0';
	if (assessment_state_closed(state))
		return;
	struct date req = k->ev[0].on;
	if (!C->rules) {
		int requested = strcmp(state, "requested") == 0;
		snprintf(step, 48, "%s",
			 requested                         ? "decide_to_assess"
			 : strcmp(state, "assessing") == 0 ? "notify_not_to_issue"
							   : "final_plan");
		date_iso(date_add_days(req, requested ? 42 : step[0] == 'n' ? 112 : 140), due);
		return;
	}
	char iso[DATE_ISO_LEN + 1], sv[DATE_ISO_LEN + 1];
	json_t *events = json_array(), *exs = json_array();
	for (size_t i = 0; i < k->n; i++) {
		date_iso(k->ev[i].on, iso);
		json_t *e = json_pack("{s:s, s:s}", "type", k->ev[i].type, "date", iso);
		if (e && k->ev[i].item)
			json_object_set_new(e, "item", json_string(k->ev[i].item));
		if (e && served[i].y) {
			date_iso(served[i], sv);
			json_object_set_new(e, "served", json_string(sv));
		}
		json_array_append_new(events, e);
	}
	if (k->exception) {
		char to[DATE_ISO_LEN + 1];
		date_iso(k->exc_from, iso);
		date_iso(date_add_days(k->exc_from, 20), to);
		json_array_append_new(exs,
				      json_pack("{s:s, s:s, s:s}", "reason", "family_circumstances",
						"from", iso, "to", to));
	}
	json_t *h = json_pack("{s:s, s:o, s:o}", "rule_family", "england", "events", events,
			      "exceptions", exs);
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	json_t *clock = h ? clock_compute(C->rules, h, C->run->today, &a, &errs) : NULL;
	if (clock)
		next_deadline(clock, step, 48, due);
	json_decref(clock);
	json_decref(h);
	arena_release(&a);
}

/* write_case: the case, its timeline, the notices its decisions gave and its exception,
 * with the state state.c reaches after those steps */
static int write_case(struct cases_run *C, struct kase *k)
{
	struct run *run = C->run;
	const char *state = "requested";
	struct date served[MAX_EVENTS];
	const char *channel[MAX_EVENTS];
	char closed[DATE_ISO_LEN + 1] = "";
	for (size_t i = 0; i < k->n; i++) {
		channel[i] = notice_channel(k, i, (unsigned)rng_below(&C->rng, 1000));
		served[i] = channel[i] ? assessment_served_on(channel[i], k->ev[i].on, &C->hol)
				       : (struct date){0, 0, 0};
		if (i == 0)
			continue;
		const char *next = assessment_next_state(state, k->ev[i].type);
		if (!next)
			return ERR_INVALID; /* a story state.c would refuse: a bug here */
		if (strcmp(next, state) != 0 && assessment_state_closed(next))
			date_iso(k->ev[i].on, closed);
		state = next;
	}
	char step[48], due[DATE_ISO_LEN + 1], id[ID_LEN + 1], req[DATE_ISO_LEN + 1];
	deadline(C, k, state, served, step, due);
	id_new(id);
	date_iso(k->ev[0].on, req);
	int rc = EXEC(run->db, SQL_CASE, T(id), T(k->kid->id), T(C->la), T(k->officer),
		      T(k->requested_by), T(req), T(state), T(step[0] ? step : NULL),
		      T(due[0] ? due : NULL), T(closed[0] ? closed : NULL), T(run->now));
	for (size_t i = 0; i < k->n && rc == 0; i++) {
		char on[DATE_ISO_LEN + 1], sv[DATE_ISO_LEN + 1], nid[ID_LEN + 1];
		date_iso(k->ev[i].on, on);
		rc = EXEC(run->db, SQL_EVENT, T(id), I(i + 1), T(k->ev[i].type), T(on),
			  T(k->ev[i].item), T(k->ev[i].reasons), T(i ? k->officer : NULL),
			  T(run->now));
		if (rc || !channel[i])
			continue;
		date_iso(served[i], sv);
		id_new(nid);
		/* the family has read what reached them before this week */
		int read = gap(served[i], run->today) > 7;
		rc = EXEC(run->db, SQL_NOTICE, T(nid), T(id), I(i + 1), T("Parents and carers"),
			  T(channel[i]), T(on), T(sv),
			  T(read && strcmp(channel[i], "post") != 0 ? run->now : NULL),
			  T(run->now));
	}
	if (rc == 0 && k->exception) {
		char from[DATE_ISO_LEN + 1], to[DATE_ISO_LEN + 1];
		date_iso(k->exc_from, from);
		date_iso(date_add_days(k->exc_from, 20), to);
		rc = EXEC(run->db, SQL_EXCEPTION, T(id), T(from), T(to), T(k->officer),
			  T(run->now));
	}
	if (rc == 0)
		C->written[k->story]++;
	return rc;
}

/* who asked: mostly the family (the young person from 16), one in four the setting */
static const char *requester(struct cases_run *C, const struct kid *kid, struct date on)
{
	if (rng_permille(&C->rng, 250))
		return "setting";
	if (date_age(kid->dob, on) >= 16 && rng_permille(&C->rng, 500))
		return "young_person";
	return "parent";
}

/* ---- reading what the plans left ---- */

static int load_kids(struct cases_run *C)
{
	struct db_stmt *st = NULL;
	size_t cap = 256;
	C->kids = malloc(cap * sizeof(*C->kids));
	if (!C->kids)
		return ERR_NOMEM;
	int rc = db_prepare(
		C->run->db,
		"SELECT c.id, c.search_family, c.caseworker_id, c.date_of_birth, c.sen_status,"
		" (SELECT MIN(p.issued_on) FROM plan_version p WHERE p.child_ref = c.id AND"
		" p.status IN ('final', 'amended')), (SELECT COUNT(*) FROM plan_version p"
		" WHERE p.child_ref = c.id), (SELECT MIN(s.organisation_id) FROM child_setting s"
		" WHERE s.child_id = c.id AND s.relation = 'roll' AND s.ended_on IS NULL)"
		" FROM child c WHERE c.la_code = $1 AND (c.sen_status <> 'none' OR EXISTS"
		" (SELECT 1 FROM plan_version p WHERE p.child_ref = c.id))"
		" ORDER BY c.upn, c.family_name, c.given_name, c.date_of_birth",
		&st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, C->la)) != 0) {
		db_reset(st);
		return rc;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (C->nkids == cap) {
			struct kid *more = realloc(C->kids, 2 * cap * sizeof(*more));
			if (!more) {
				rc = ERR_NOMEM;
				break;
			}
			C->kids = more;
			cap *= 2;
		}
		struct kid *k = &C->kids[C->nkids];
		memset(k, 0, sizeof(*k));
		const char *family = db_column_text(st, 1);
		snprintf(k->id, sizeof(k->id), "%s", db_column_text(st, 0));
		k->second_half = family && strcmp(family, "m") >= 0;
		if (!db_column_is_null(st, 2))
			snprintf(k->caseworker, sizeof(k->caseworker), "%s", db_column_text(st, 2));
		if (date_parse(db_column_text(st, 3), &k->dob))
			continue;
		const char *sen = db_column_text(st, 4);
		k->support = sen && strcmp(sen, "sen_support") == 0;
		if (!db_column_is_null(st, 5) &&
		    date_parse(db_column_text(st, 5), &k->first_issue) == 0)
			k->plan = 1;
		else if (db_column_int64(st, 6) > 0)
			k->plan = 2;
		if (!db_column_is_null(st, 7))
			snprintf(k->roll, sizeof(k->roll), "%s", db_column_text(st, 7));
		C->nkids++;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
}

static int load_places(struct cases_run *C)
{
	struct db_stmt *st = NULL;
	size_t cap = 64;
	C->places = malloc(cap * sizeof(*C->places));
	if (!C->places)
		return ERR_NOMEM;
	int rc = db_prepare(C->run->db,
			    "SELECT id, coalesce(setting_type, ''), coalesce(age_from, 0),"
			    " coalesce(age_to, 99) FROM organisation WHERE la_code = $1 AND"
			    " kind = 'setting' AND urn IS NOT NULL ORDER BY urn",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, C->la)) == 0)
		while ((rc = db_step(st)) == DB_ROW) {
			if (C->nplaces == cap) {
				struct place *more = realloc(C->places, 2 * cap * sizeof(*more));
				if (!more) {
					rc = ERR_NOMEM;
					break;
				}
				C->places = more;
				cap *= 2;
			}
			struct place *p = &C->places[C->nplaces++];
			snprintf(p->id, sizeof(p->id), "%s", db_column_text(st, 0));
			snprintf(p->type, sizeof(p->type), "%s", db_column_text(st, 1));
			p->from = (int)db_column_int64(st, 2);
			p->to = (int)db_column_int64(st, 3);
		}
	db_reset(st);
	return rc == DB_DONE ? 0 : rc < 0 ? rc : ERR_DB;
}

static int load_caseworkers(struct cases_run *C)
{
	struct db_stmt *st = NULL;
	size_t n = 0;
	int rc = db_prepare(C->run->db,
			    "SELECT id FROM user_account WHERE la_code = $1 AND role = 'caseworker'"
			    " AND disabled = 0 ORDER BY email",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, C->la)) == 0)
		while (n < 2 && db_step(st) == DB_ROW)
			snprintf(C->cw[n++], ID_LEN + 1, "%s", db_column_text(st, 0));
	db_reset(st);
	if (n == 1)
		memcpy(C->cw[1], C->cw[0], ID_LEN + 1);
	return rc;
}

/* ---- placements ---- */

static int is_type(const struct place *p, const char *const *types, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(p->type, types[i]) == 0)
			return 1;
	return 0;
}

/* a setting of one of the types that takes cohort c (any age when c < 0), or NULL */
static const struct place *place_of(struct cases_run *C, const char *const *types, size_t nt, int c)
{
	size_t n = 0;
	for (size_t i = 0; i < C->nplaces; i++)
		n += is_type(&C->places[i], types, nt) &&
		     (c < 0 || (C->places[i].from <= c && c < C->places[i].to));
	if (n == 0)
		return NULL;
	size_t want = rng_below(&C->rng, (unsigned)n);
	for (size_t i = 0; i < C->nplaces; i++)
		if (is_type(&C->places[i], types, nt) &&
		    (c < 0 || (C->places[i].from <= c && c < C->places[i].to)) && want-- == 0)
			return &C->places[i];
	return NULL;
}

/* on_roll puts a child with a plan and no setting on a roll that suits their age */
static int on_roll(struct cases_run *C, struct kid *kid)
{
	static const char *const early[] = {"15"}, *const special[] = {"07", "44", "36"},
				 *const college[] = {"18"},
				 *const primary[] = {"34", "01", "28", "02", "03"},
				 *const secondary[] = {"34", "28", "01", "35"};
	struct run *run = C->run;
	int c = kid->dob.m >= 9 ? run->year - kid->dob.y - 1 : run->year - kid->dob.y;
	const struct place *p = NULL;
	if (c <= 3)
		p = place_of(C, early, N_OF(early), c >= 2 ? c : -1);
	else if (c <= 15 || (c <= 18 && rng_permille(&C->rng, 400)))
		p = place_of(C, special, N_OF(special), c);
	if (!p && c >= 4 && c <= 15)
		p = place_of(C, c <= 10 ? primary : secondary,
			     c <= 10 ? N_OF(primary) : N_OF(secondary), c);
	if (!p && c >= 16)
		p = place_of(C, college, N_OF(college), c);
	if (!p && C->nplaces)
		p = &C->places[rng_below(&C->rng, (unsigned)C->nplaces)];
	if (!p)
		return 0;
	/* since this September, or since birth for the youngest */
	struct date from = later_of((struct date){run->year, 9, 1}, kid->dob);
	if (date_cmp(from, run->today) > 0)
		from = run->today;
	char on[DATE_ISO_LEN + 1];
	date_iso(from, on);
	snprintf(kid->roll, sizeof(kid->roll), "%s", p->id);
	C->rolls++;
	return EXEC(run->db, SQL_ROLL, T(kid->id), T(p->id), T(on));
}

/* ---- the LA's cases ---- */

static int plan_cases(struct cases_run *C)
{
	int rc = 0, exceptions = 0;
	size_t seen = 0;
	for (size_t i = 0; i < C->nkids && rc == 0; i++) {
		struct kid *kid = &C->kids[i];
		if (!kid->plan)
			continue;
		struct kase k = {.kid = kid, .story = kid->plan == 1 ? ST_PLAN : ST_DRAFT};
		k.officer = kid->caseworker[0] ? kid->caseworker : C->cw[kid->second_half];
		if (kid->plan == 1)
			plan_story(C, &k, rng_permille(&C->rng, 167), &exceptions);
		else
			other_story(C, &k, C->run->today, 0);
		k.requested_by = requester(C, kid, k.ev[0].on);
		if (!kid->caseworker[0]) {
			snprintf(kid->caseworker, sizeof(kid->caseworker), "%s", k.officer);
			rc = EXEC(C->run->db, SQL_CASEWORKER, T(k.officer), T(kid->id));
		}
		if (rc == 0)
			rc = write_case(C, &k);
		if (rc || kid->plan != 1)
			continue;
		if (!kid->roll[0])
			rc = on_roll(C, kid);
		/* a few plans name their setting in section I, on the day they were issued */
		if (rc == 0 && kid->roll[0] && seen++ % 18 == 7) {
			char nid[ID_LEN + 1], on[DATE_ISO_LEN + 1];
			id_new(nid);
			date_iso(kid->first_issue, on);
			rc = EXEC(C->run->db, SQL_NAMED, T(nid), T(kid->id), T(kid->roll),
				  T(NAMED_REASONS), T(on), T(k.officer));
			C->named += rc == 0;
		}
	}
	C->exceptions = exceptions;
	return rc;
}

/* requests this year for children on SEN support with no plan, picked at random */
static int other_cases(struct cases_run *C, int want)
{
	struct run *run = C->run;
	size_t n = 0;
	size_t *pool = malloc((C->nkids + 1) * sizeof(*pool));
	if (!pool)
		return ERR_NOMEM;
	for (size_t i = 0; i < C->nkids; i++) {
		int age = date_age(C->kids[i].dob, run->today);
		if (!C->kids[i].plan && C->kids[i].support && age >= 2 && age <= 17)
			pool[n++] = i;
	}
	int rc = 0, refused = 0;
	for (int j = 0; j < want && (size_t)j < n && rc == 0; j++) {
		/* a partial Fisher-Yates shuffle: the j-th pick */
		size_t s = (size_t)j + rng_below(&C->rng, (unsigned)(n - (size_t)j));
		size_t tmp = pool[j];
		pool[j] = pool[s];
		pool[s] = tmp;
		struct kid *kid = &C->kids[pool[j]];
		struct kase k = {.kid = kid, .story = others[j % N_OF(others)]};
		k.officer = C->cw[kid->second_half];
		/* two of the refusals in twelve came after the six weeks */
		int late = k.story == ST_NOT_ASSESS && refused++ % 6 == 4;
		other_story(C, &k, run->today, late);
		k.requested_by = requester(C, kid, k.ev[0].on);
		/* an open case is on its officer's caseload */
		if (k.story == ST_ASSESSING || k.story == ST_RECENT)
			rc = EXEC(run->db, SQL_CASEWORKER, T(k.officer), T(kid->id));
		if (rc == 0)
			rc = write_case(C, &k);
	}
	free(pool);
	return rc;
}

int demo_cases(struct run *run, const struct la *la)
{
	struct cases_run C;
	struct clock_rules own;
	int loaded = 0, in_tx = 0;
	memset(&C, 0, sizeof(C));
	memset(&own, 0, sizeof(own));
	C.run = run;
	C.la = la->code;
	C.rng.s = cases_seed(run->seed, la->code);
	/* the server's rules when they are loaded (tests, serve), else the reference */
	if (assessment_rules.families) {
		C.rules = &assessment_rules;
	} else {
		char why[256];
		loaded = clock_rules_load("reference", &own, why, sizeof(why)) == 0;
		C.rules = loaded ? &own : NULL;
		if (!loaded)
			log_info("demo cases: statutory rules not read, deadlines from the request",
				 "why", why, NULL);
	}
	if (C.rules)
		C.hol = (struct holidays){C.rules->holidays, C.rules->n_holidays};
	int rc = load_caseworkers(&C);
	if (rc == 0)
		rc = load_kids(&C);
	if (rc == 0)
		rc = load_places(&C);
	if (rc == 0 && (rc = db_begin(run->db)) == 0)
		in_tx = 1;
	if (rc == 0)
		rc = plan_cases(&C);
	int plans = C.written[ST_PLAN] + C.written[ST_DRAFT];
	if (rc == 0)
		rc = other_cases(&C, (plans * OTHER_PER_100_PLANS + 50) / 100);
	/* SEN2 asks why a child in it has neither a UPN nor a ULN: the youngest have not
	 * been given one (UN2) */
	if (rc == 0)
		rc = EXEC(run->db,
			  "UPDATE child SET upn_unknown = 'UN2' WHERE la_code = $1 AND upn IS NULL"
			  " AND uln IS NULL AND upn_unknown IS NULL AND (sen_status <> 'none' OR"
			  " caseworker_id IS NOT NULL)",
			  T(la->code));
	if (rc == 0 && (rc = db_commit(run->db)) == 0)
		in_tx = 0;
	if (in_tx)
		db_rollback(run->db);
	if (rc == 0 && run->out)
		fprintf(run->out,
			"  %s (%s): %d assessment cases: %d with a plan issued (%d with an "
			"exception), %d at"
			" the draft, %d refused, %d withdrawn, %d not issued, %d being assessed,"
			" %d waiting for a decision; %d put on a roll, %d settings named\n",
			la->name, la->code,
			C.written[ST_PLAN] + C.written[ST_DRAFT] + C.written[ST_NOT_ASSESS] +
				C.written[ST_WITHDRAWN] + C.written[ST_NOT_ISSUE] +
				C.written[ST_ASSESSING] + C.written[ST_RECENT],
			C.written[ST_PLAN], C.exceptions, C.written[ST_DRAFT],
			C.written[ST_NOT_ASSESS], C.written[ST_WITHDRAWN], C.written[ST_NOT_ISSUE],
			C.written[ST_ASSESSING], C.written[ST_RECENT], C.rolls, C.named);
	if (loaded)
		clock_rules_release(&own);
	free(C.kids);
	free(C.places);
	return rc;
}
