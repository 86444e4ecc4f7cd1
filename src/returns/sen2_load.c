/*
 * sen2_load.c: builds one LA's SEN2 return for one year from the case records. Ten set
 * queries, each one pass over the LA's rows (no query per child): the children, their
 * assessment cases and the events that decide them, exceptions, plans, ceasings,
 * placements, named settings, reviews, moves and disagreements. Rows are matched to
 * their child and case in memory (sorted arrays, binary search), then sen2_scope.c
 * decides which requests are in the return and works out every item.
 */
#include <stdlib.h>
#include <string.h>

#include "platform/db.h"
#include "platform/version.h"
#include "returns/internal.h"

static char *dup_col(struct arena *a, struct db_stmt *st, int i)
{
	const char *s = db_column_is_null(st, i) ? "" : db_column_text(st, i);
	return arena_strdup(a, s ? s : "");
}

static void date_col(char out[11], struct db_stmt *st, int i)
{
	const char *s = db_column_is_null(st, i) ? "" : db_column_text(st, i);
	snprintf(out, 11, "%s", s ? s : "");
}

static int person_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sen2_person *)a)->id, ((const struct sen2_person *)b)->id);
}

struct sen2_person *sen2_find_person(const struct sen2_return *r, const char *child_id)
{
	struct sen2_person key = {.id = child_id};
	if (!r->npersons || !child_id)
		return NULL;
	return bsearch(&key, r->persons, r->npersons, sizeof(key), person_cmp);
}

static int request_id_cmp(const void *a, const void *b)
{
	const struct sen2_request *const *x = a, *const *y = b;
	return strcmp((*x)->id, (*y)->id);
}

static int request_order(const void *a, const void *b)
{
	const struct sen2_request *x = a, *y = b;
	int c = strcmp(x->person->id, y->person->id);
	if (c == 0)
		c = strcmp(x->received, y->received);
	return c ? c : strcmp(x->id, y->id);
}

struct sen2_request *sen2_find_request(struct loader *L, const char *case_id)
{
	struct sen2_request key = {.id = case_id}, *k = &key;
	if (!L->ret->nrequests || !case_id)
		return NULL;
	struct sen2_request **hit =
		bsearch(&k, L->by_id, L->ret->nrequests, sizeof(*L->by_id), request_id_cmp);
	return hit ? *hit : NULL;
}

void *sen2_grow(struct arena *a, void *old, size_t *cap, size_t size)
{
	size_t ncap = *cap ? *cap * 2 : 256;
	void *n = arena_alloc(a, ncap * size);
	if (n && old)
		memcpy(n, old, *cap * size);
	*cap = ncap;
	return n;
}

/* the children in the return: a case with this LA, or a plan this LA maintains */
static int load_persons(struct loader *L)
{
	struct sen2_return *r = L->ret;
	struct db_stmt *st;
	size_t cap = 0;
	int rc = db_prepare(
		L->db,
		"SELECT c.id, c.family_name, c.given_name, c.date_of_birth, c.sex, c.ethnicity,"
		" c.postcode, c.upn, c.uln, c.upn_unknown, c.primary_need, c.secondary_need"
		" FROM child c WHERE c.id IN (SELECT a.child_id FROM assessment_case a"
		" WHERE a.la_code = $1 AND a.requested_on <= $2 UNION SELECT p.child_ref"
		" FROM plan_version p JOIN child k ON k.id = p.child_ref WHERE k.la_code = $1"
		" AND p.status IN ('final', 'amended') AND p.issued_on <= $2)",
		&st);
	if (rc)
		return rc;
	db_bind_text(st, 1, r->la_code);
	db_bind_text(st, 2, L->census);
	while ((rc = db_step(st)) == DB_ROW) {
		if (r->npersons == cap &&
		    !(r->persons = sen2_grow(&r->arena, r->persons, &cap, sizeof(*r->persons))))
			break;
		struct sen2_person *p = &r->persons[r->npersons++];
		p->id = dup_col(&r->arena, st, 0);
		p->surname = dup_col(&r->arena, st, 1);
		p->forename = dup_col(&r->arena, st, 2);
		date_col(p->birth, st, 3);
		p->sex = dup_col(&r->arena, st, 4);
		p->ethnicity = dup_col(&r->arena, st, 5);
		p->postcode = dup_col(&r->arena, st, 6);
		p->upn = dup_col(&r->arena, st, 7);
		p->uln = dup_col(&r->arena, st, 8);
		p->upn_unknown = dup_col(&r->arena, st, 9);
		p->primary_need = dup_col(&r->arena, st, 10);
		p->secondary_need = dup_col(&r->arena, st, 11);
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	if (r->npersons)
		qsort(r->persons, r->npersons, sizeof(*r->persons), person_cmp);
	return 0;
}

/* the LA's requests up to the end of the year; a request of a child the return leaves
 * out cannot happen (every child with a case is a person) */
static int load_requests(struct loader *L)
{
	struct sen2_return *r = L->ret;
	struct db_stmt *st;
	size_t cap = 0;
	int rc = db_prepare(L->db,
			    "SELECT a.id, a.child_id, a.requested_by, a.requested_on, a.rya"
			    " FROM assessment_case a WHERE a.la_code = $1 AND a.requested_on <= $2",
			    &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, r->la_code);
	db_bind_text(st, 2, L->to);
	while ((rc = db_step(st)) == DB_ROW) {
		struct sen2_person *p = sen2_find_person(r, db_column_text(st, 1));
		if (!p)
			continue;
		if (r->nrequests == cap &&
		    !(r->requests = sen2_grow(&r->arena, r->requests, &cap, sizeof(*r->requests))))
			break;
		struct sen2_request *q = &r->requests[r->nrequests++];
		memset(q, 0, sizeof(*q));
		q->id = dup_col(&r->arena, st, 0);
		q->person = p;
		q->requested_by = dup_col(&r->arena, st, 2);
		date_col(q->received, st, 3);
		q->rya = (int)db_column_int64(st, 4);
	}
	db_reset(st);
	if (rc < 0)
		return rc;
	if (r->nrequests)
		qsort(r->requests, r->nrequests, sizeof(*r->requests), request_order);
	L->by_id = arena_alloc(&r->arena, (r->nrequests + 1) * sizeof(*L->by_id));
	if (!L->by_id)
		return -1;
	for (size_t i = 0; i < r->nrequests; i++)
		L->by_id[i] = &r->requests[i];
	if (r->nrequests)
		qsort(L->by_id, r->nrequests, sizeof(*L->by_id), request_id_cmp);
	/* each person's requests, oldest first */
	for (size_t i = 0, j; i < r->nrequests; i = j) {
		struct sen2_person *p = r->requests[i].person;
		for (j = i; j < r->nrequests && r->requests[j].person == p; j++)
			;
		p->all = &r->requests[i];
		p->nall = j - i;
	}
	return 0;
}

/* each row of a query: the statement, already bound and stepped to a row */
typedef void (*row_fn)(struct loader *L, struct db_stmt *st);

/* params names the values bound to $1, $2, ... in order: l the LA, c the census date,
 * f and t the first and last days of the year (PostgreSQL must see every $n used) */
static int each_row(struct loader *L, const char *sql, const char *params, row_fn fn)
{
	struct db_stmt *st;
	int rc = db_prepare(L->db, sql, &st);
	if (rc)
		return rc;
	for (int i = 0; params[i]; i++)
		db_bind_text(st, i + 1,
			     params[i] == 'l'   ? L->ret->la_code
			     : params[i] == 'c' ? L->census
			     : params[i] == 'f' ? L->from
						: L->to);
	while ((rc = db_step(st)) == DB_ROW)
		fn(L, st);
	db_reset(st);
	return rc < 0 ? rc : 0;
}

static void on_event(struct loader *L, struct db_stmt *st)
{
	struct sen2_request *q = sen2_find_request(L, db_column_text(st, 0));
	if (q)
		sen2_scope_event(L, q, db_column_text(st, 2), db_column_text(st, 3),
				 arena_printf(&L->ret->arena, "case_event %s/%s",
					      db_column_text(st, 0), db_column_text(st, 1)));
}

static void on_exception(struct loader *L, struct db_stmt *st)
{
	struct sen2_request *q = sen2_find_request(L, db_column_text(st, 0));
	if (q)
		sen2_scope_exception(L, q, db_column_text(st, 1), db_column_text(st, 2),
				     db_column_text(st, 3),
				     arena_printf(&L->ret->arena, "case_exception %s/%s",
						  db_column_text(st, 0), db_column_text(st, 2)));
}

static void on_plan(struct loader *L, struct db_stmt *st)
{
	struct sen2_person *p = sen2_find_person(L->ret, db_column_text(st, 0));
	if (!p)
		return;
	p->plan_version = dup_col(&L->ret->arena, st, 1);
	date_col(p->plan_first, st, 2);
	sen2_scope_budget(p, db_column_text(st, 3));
}

static void on_cease(struct loader *L, struct db_stmt *st)
{
	struct sen2_person *p = sen2_find_person(L->ret, db_column_text(st, 0));
	if (!p)
		return;
	/* ordered by date: the last one wins */
	date_col(p->cease_on, st, 3);
	p->cease_reason = dup_col(&L->ret->arena, st, 2);
	p->cease_src = arena_printf(&L->ret->arena, "plan_cease %s", db_column_text(st, 1));
}

static void fill_place(struct arena *a, struct sen2_place *pl, struct db_stmt *st, int c)
{
	/* columns from c: urn, ukprn, setting type, setting has unit, has RP */
	pl->urn = dup_col(a, st, c);
	pl->ukprn = dup_col(a, st, c + 1);
	pl->setting_type = dup_col(a, st, c + 2);
	/* a further education college is returned by its UKPRN (check Q04 otherwise) */
	if (strcmp(pl->setting_type, "18") == 0 && pl->ukprn[0])
		pl->urn = "";
	pl->setting_has_unit = (int)db_column_int64(st, c + 3);
	pl->setting_has_rp = (int)db_column_int64(st, c + 4);
	pl->sensetting = "";
	pl->sensettingother = "";
	pl->res = pl->wbp = "";
	pl->rank = 1;
}

static void on_place(struct loader *L, struct db_stmt *st)
{
	struct sen2_person *p = sen2_find_person(L->ret, db_column_text(st, 0));
	struct arena *a = &L->ret->arena;
	if (!p || p->nplaces == 2)
		return;
	struct sen2_place *pl = &p->places[p->nplaces++];
	fill_place(a, pl, st, 4);
	date_col(pl->entry, st, 2);
	date_col(pl->leaving, st, 3);
	pl->unit = (int)db_column_int64(st, 9);
	pl->rp = (int)db_column_int64(st, 10);
	pl->res = dup_col(a, st, 11);
	pl->wbp = dup_col(a, st, 12);
	pl->rank = (int)p->nplaces;
	pl->source = arena_printf(a, "child_setting %s/%s", db_column_text(st, 0),
				  db_column_text(st, 1));
}

static void on_named(struct loader *L, struct db_stmt *st)
{
	struct sen2_person *p = sen2_find_person(L->ret, db_column_text(st, 0));
	struct arena *a = &L->ret->arena;
	if (!p)
		return;
	/* ordered by date: the last named wins */
	struct sen2_place *pl = &p->named;
	memset(pl, 0, sizeof(*pl));
	fill_place(a, pl, st, 4);
	if (db_column_is_null(st, 2))
		pl->sensetting = dup_col(a, st, 3); /* a type of setting, none named */
	pl->source = arena_printf(a, "placement_named %s", db_column_text(st, 1));
	p->has_named = 1;
}

static void on_review(struct loader *L, struct db_stmt *st)
{
	struct sen2_person *p = sen2_find_person(L->ret, db_column_text(st, 0));
	if (!p)
		return;
	/* ordered by meeting: the year's last meeting wins */
	date_col(p->review_meeting, st, 2);
	p->review_outcome = dup_col(&L->ret->arena, st, 3);
	date_col(p->review_on, st, 4);
	p->review_src = arena_printf(&L->ret->arena, "review %s", db_column_text(st, 1));
}

static void on_move(struct loader *L, struct db_stmt *st)
{
	struct sen2_person *p = sen2_find_person(L->ret, db_column_text(st, 0));
	if (p)
		sen2_scope_move(
			L, p, db_column_text(st, 2), db_column_text(st, 3), db_column_text(st, 4),
			arena_printf(&L->ret->arena, "child_move %s", db_column_text(st, 1)));
}

static void on_mediation(struct loader *L, struct db_stmt *st)
{
	struct sen2_person *p = sen2_find_person(L->ret, db_column_text(st, 0));
	if (p)
		sen2_scope_redress(
			p, 0, dup_col(&L->ret->arena, st, 2), db_column_text(st, 3),
			arena_printf(&L->ret->arena, "mediation %s", db_column_text(st, 1)));
}

static void on_tribunal(struct loader *L, struct db_stmt *st)
{
	struct sen2_person *p = sen2_find_person(L->ret, db_column_text(st, 0));
	if (p)
		sen2_scope_redress(
			p, 1, dup_col(&L->ret->arena, st, 2), db_column_text(st, 3),
			arena_printf(&L->ret->arena, "tribunal_appeal %s", db_column_text(st, 1)));
}

/* the queries after the children and requests, each binding what it uses (each_row) */
static int load_rest(struct loader *L)
{
	/* the events that decide a request, up to the census (a plan issued in January
	 * is on the caseload but not yet in the year's new plans) */
	int rc = each_row(L,
			  "SELECT e.case_id, e.seq, e.type, e.happened_on FROM case_event e"
			  " JOIN assessment_case a ON a.id = e.case_id WHERE a.la_code = $1"
			  " AND e.happened_on <= $2 AND e.type IN ('decision_to_assess',"
			  " 'decision_not_to_assess', 'withdrawn', 'decision_not_to_issue',"
			  " 'final_plan_issued') ORDER BY e.case_id, e.happened_on, e.seq",
			  "lc", on_event);
	if (!rc)
		rc = each_row(
			L,
			"SELECT x.case_id, x.reason, x.starts_on, x.ends_on FROM case_exception x"
			" JOIN assessment_case a ON a.id = x.case_id WHERE a.la_code = $1",
			"l", on_exception);
	/* the plan as last issued by the census, with the day it was first issued */
	if (!rc)
		rc = each_row(
			L,
			"SELECT p.child_ref, p.id, (SELECT MIN(f.issued_on) FROM plan_version f"
			" WHERE f.child_ref = p.child_ref AND f.status IN ('final', 'amended')),"
			" p.content FROM plan_version p JOIN child c ON c.id = p.child_ref"
			" WHERE c.la_code = $1 AND p.status IN ('final', 'amended')"
			" AND p.issued_on <= $2 AND p.version = (SELECT MAX(q.version)"
			" FROM plan_version q WHERE q.child_ref = p.child_ref"
			" AND q.status IN ('final', 'amended') AND q.issued_on <= $2)",
			"lc", on_plan);
	if (!rc)
		rc = each_row(
			L,
			"SELECT pc.child_id, pc.id, pc.reason, pc.ceases_on FROM plan_cease pc"
			" WHERE pc.la_code = $1 AND pc.ceases_on IS NOT NULL"
			" AND pc.ceases_on <= $2 ORDER BY pc.child_id, pc.ceases_on, pc.id",
			"lc", on_cease);
	if (!rc)
		rc = each_row(
			L,
			"SELECT cs.child_id, cs.organisation_id, cs.started_on, cs.ended_on,"
			" o.urn, o.ukprn, o.setting_type, o.sen_unit, o.resourced_provision,"
			" cs.sen_unit, cs.resourced_provision, cs.residential, cs.work_based"
			" FROM child_setting cs JOIN child c ON c.id = cs.child_id"
			" JOIN organisation o ON o.id = cs.organisation_id WHERE c.la_code = $1"
			" AND cs.relation = 'roll' AND cs.started_on <= $2"
			" AND (cs.ended_on IS NULL OR cs.ended_on >= $2)"
			" ORDER BY cs.child_id, cs.started_on, cs.organisation_id",
			"lc", on_place);
	if (!rc)
		rc = each_row(
			L,
			"SELECT pn.child_id, pn.id, pn.setting_id, pn.setting_type, o.urn,"
			" o.ukprn, o.setting_type, o.sen_unit, o.resourced_provision"
			" FROM placement_named pn JOIN child c ON c.id = pn.child_id"
			" LEFT JOIN organisation o ON o.id = pn.setting_id WHERE c.la_code = $1"
			" AND pn.named_on <= $2 ORDER BY pn.child_id, pn.named_on, pn.id",
			"lc", on_named);
	if (!rc)
		rc = each_row(L,
			      "SELECT r.child_id, r.id, r.meeting_on, r.decision, r.decision_on"
			      " FROM review r WHERE r.la_code = $1 AND r.meeting_on >= $2"
			      " AND r.meeting_on <= $3 AND r.kind IN ('annual', 'phase_transfer')"
			      " ORDER BY r.child_id, r.meeting_on, r.id",
			      "lft", on_review);
	if (!rc)
		rc = each_row(L,
			      "SELECT m.child_id, m.id, m.from_la, m.to_la, m.transferred_on"
			      " FROM child_move m WHERE (m.to_la = $1 OR m.from_la = $1)"
			      " AND m.transferred_on <= $2 ORDER BY m.child_id, m.transferred_on",
			      "lc", on_move);
	if (!rc)
		rc = each_row(L,
			      "SELECT m.child_id, m.id, m.decision, m.held_on FROM mediation m"
			      " WHERE m.la_code = $1 AND m.held_on IS NOT NULL AND m.held_on <= $2",
			      "lt", on_mediation);
	if (!rc)
		rc = each_row(
			L,
			"SELECT t.child_id, t.id, t.decision, t.registered_on"
			" FROM tribunal_appeal t WHERE t.la_code = $1 AND t.registered_on <= $2",
			"lt", on_tribunal);
	return rc;
}

static int load_la(struct loader *L)
{
	struct db_stmt *st;
	int rc = db_prepare(L->db, "SELECT name, region FROM local_authority WHERE code = $1", &st);
	if (rc)
		return rc;
	db_bind_text(st, 1, L->ret->la_code);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(L->ret->la_name, sizeof(L->ret->la_name), "%s", db_column_text(st, 0));
		snprintf(L->ret->region, sizeof(L->ret->region), "%s", db_column_text(st, 1));
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : 1;
}

int sen2_load(struct db *db, const struct sen2_year *year, const char *la_code,
	      struct sen2_return *ret, char *err, size_t n)
{
	memset(ret, 0, sizeof(*ret));
	/* an LA's return is bounded by its size; the cap keeps a runaway query from
	 * taking the machine */
	arena_init(&ret->arena, (size_t)2 << 30);
	ret->year = year;
	snprintf(ret->la_code, sizeof(ret->la_code), "%s", la_code);
	struct loader L = {.db = db, .ret = ret};
	date_iso(year->census, L.census);
	date_iso(year->from, L.from);
	date_iso(year->to, L.to);
	int rc = load_la(&L);
	if (rc) {
		snprintf(err, n, "no local authority with code %s", la_code);
		sen2_release(ret);
		return 1;
	}
	rc = load_persons(&L);
	if (!rc)
		rc = load_requests(&L);
	if (!rc)
		rc = load_rest(&L);
	if (!rc)
		rc = sen2_scope(&L);
	if (rc) {
		snprintf(err, n, "reading the records for the return failed (%s)",
			 rc == -1 ? "out of memory" : db_errcode(db));
		sen2_release(ret);
		return 1;
	}
	return 0;
}

void sen2_stamp(struct sen2_return *ret)
{
	char now[TIME_ISO_LEN + 1];
	time_iso(time_now(), now);
	snprintf(ret->datetime, sizeof(ret->datetime), "%.19s", now); /* no fraction, no Z */
	ret->release = SENDAP_VERSION;
}

void sen2_release(struct sen2_return *ret)
{
	arena_release(&ret->arena);
	ret->persons = NULL;
	ret->requests = NULL;
	ret->npersons = ret->nrequests = 0;
}
