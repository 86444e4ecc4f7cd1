/*
 * pages.c: a child's page for disagreeing with a decision. Each appealable decision with
 * the last day to appeal and what to do first (contact the mediation adviser); mediation
 * with its clocks; appeals to the SEND Tribunal, their orders and each order's steps with
 * the day they are due. The family sees all of it; officers record each step.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "assessment/assessment.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/err.h"
#include "platform/form.h"
#include "platform/gds.h"
#include "platform/log.h"
#include "redress/internal.h"

/* the 2015 limits until serve loads the file (redress_rules_init) */
struct redress_rules redress_rules_now = {
	.version = "2015-04-01",
	.appeal_months = 2,
	.certificate_appeal_months = 1,
	.mediation_contact_months = 2,
	.certificate_declined_working_days = 3,
	.health_issues_working_days = 3,
	.mediation_days = 30,
	.certificate_after_working_days = 3,
	.lgsco_months = 12,
	.response_working_days = 30,
	.order_weeks = {{2, 10, 14}, {5, 11}, {5}, {2}, {0}, {2, 10, 14}, {5}}};

int redress_rules_init(const char *reference_dir, char *err, size_t n)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/redress/england.json", reference_dir);
	return redress_rules_load(path, date_today(), &redress_rules_now, err, n);
}

static const struct {
	const char *name, *label;
} kinds[] = {
	{"refuse_assess", "The decision not to carry out an EHC needs assessment"},
	{"refuse_issue", "The decision not to issue a plan"},
	{"plan_contents", "The plan's contents (sections B, F and I)"},
	{"amendment", "The amended plan, or the decision not to amend it"},
	{"cease", "The decision to cease the plan"},
};

const char *redress_kind_label(const char *k)
{
	for (size_t i = 0; k && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(k, kinds[i].name) == 0)
			return kinds[i].label;
	return NULL;
}

const struct holidays *redress_holidays(struct holidays *h)
{
	h->days = assessment_rules.holidays;
	h->n = assessment_rules.n_holidays;
	return h;
}

const char *redress_long(struct arena *a, struct date d)
{
	char buf[DATE_LONG_MAX];
	if (!d.y)
		return "";
	date_long(d, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

/* the appealable decisions: the assessment's decisions with their notices, and the
 * reviews' decisions with theirs; the earliest service of each */
#define DECISIONS_SQL                                                                             \
	"SELECT CASE e.type WHEN 'decision_not_to_assess' THEN 'refuse_assess' WHEN"              \
	" 'decision_not_to_issue' THEN 'refuse_issue' ELSE 'plan_contents' END, min(n.served_on)" \
	" FROM case_event e JOIN assessment_case c ON c.id = e.case_id JOIN notice n ON"          \
	" n.case_id = e.case_id AND n.event_seq = e.seq WHERE c.child_id = $1 AND e.type IN"      \
	" ('decision_not_to_assess', 'decision_not_to_issue', 'final_plan_issued') GROUP BY"      \
	" e.case_id, e.seq, e.type UNION ALL SELECT CASE decision WHEN 'cease' THEN 'cease'"      \
	" WHEN 'amend' THEN 'amendment' ELSE 'plan_contents' END, notice_served_on FROM review"   \
	" WHERE child_id = $1 AND notice_served_on IS NOT NULL ORDER BY 2 DESC"

size_t redress_decisions(struct db *db, const char *child, struct arena *a,
			 struct redress_decision *out, size_t cap)
{
	struct db_stmt *st = NULL;
	size_t n = 0;
	if (db_prepare(db, DECISIONS_SQL, &st) != 0)
		return 0;
	if (db_bind_text(st, 1, child) == 0)
		while (n < cap && db_step(st) == DB_ROW) {
			struct redress_decision *d = &out[n];
			d->kind = arena_strdup(a, db_column_text(st, 0));
			if (date_parse(db_column_text(st, 1), &d->served) == 0)
				n++;
		}
	db_reset(st);
	return n;
}

/* the certificate of a mediation about this decision, if any (y == 0: none) */
static struct date certificate_for(struct db *db, const char *child, const char *kind,
				   struct date served)
{
	struct date d = {0, 0, 0};
	char s[DATE_ISO_LEN + 1];
	date_iso(served, s);
	struct db_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT max(certificate_on) FROM mediation WHERE child_id = $1 AND decision"
		       " = $2 AND decision_served_on = $3",
		       &st) == 0) {
		if (db_bind_text(st, 1, child) == 0 && db_bind_text(st, 2, kind) == 0 &&
		    db_bind_text(st, 3, s) == 0 && db_step(st) == DB_ROW &&
		    !db_column_is_null(st, 0))
			date_parse(db_column_text(st, 0), &d);
		db_reset(st);
	}
	return d;
}

const char *redress_choice(struct arena *a, const struct redress_decision *d)
{
	char s[DATE_ISO_LEN + 1];
	date_iso(d->served, s);
	return arena_printf(a, "%s|%s", d->kind, s);
}

int redress_choice_parse(const char *v, const struct redress_decision *d, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		char s[DATE_ISO_LEN + 1];
		date_iso(d[i].served, s);
		size_t k = strlen(d[i].kind);
		if (strncmp(v, d[i].kind, k) == 0 && v[k] == '|' && strcmp(v + k + 1, s) == 0)
			return (int)i;
	}
	return -1;
}

struct date redress_appeal_by(struct db *db, const char *child, const char *kind,
			      struct date served)
{
	struct holidays h;
	return appeal_by(&redress_rules_now, served, certificate_for(db, child, kind, served),
			 redress_holidays(&h));
}

static void decisions_block(struct html *h, struct request *req, const char *child,
			    const struct redress_decision *d, size_t n)
{
	struct arena *a = req_arena(req);
	html_raw(h, "<h2 class=\"govuk-heading-m\">Decisions you can appeal</h2>");
	if (!n) {
		gds_p(h, "There is no decision to appeal yet.");
		return;
	}
	struct date today = date_today();
	for (size_t i = 0; i < n; i++) {
		struct date by = redress_appeal_by(req_db(req), child, d[i].kind, d[i].served);
		struct date contact = mediation_contact_by(&redress_rules_now, d[i].served);
		int open = date_cmp(today, by) <= 0;
		struct gds_summary_row rows[4] = {
			{.key = "Decision", .value = redress_kind_label(d[i].kind)},
			{.key = "Its notice counts as served on",
			 .value = redress_long(a, d[i].served)},
			{.key = "First",
			 .value = arena_printf(
				 a,
				 "Contact the mediation adviser by %s (you do not have "
				 "to mediate, but you need their certificate to appeal, "
				 "unless you appeal only about the school or college "
				 "named)",
				 redress_long(a, contact))},
			{.key = "Appeal to the SEND Tribunal by",
			 .value = arena_printf(a, "%s%s", redress_long(a, by),
					       open ? "" : " (this date has passed)")}};
		gds_summary_list(h, &(struct gds_summary_list){
					    .rows = rows,
					    .n_rows = 4,
					    .card_title = arena_printf(a, "Decision %zu", i + 1)});
	}
}

/* every step of every disagreement, newest first: one timeline */
#define TIMELINE_SQL                                                                             \
	"SELECT contacted_on, 'Mediation adviser contacted' FROM mediation WHERE child_id = $1"  \
	" UNION ALL SELECT declined_on, 'Decided not to mediate' FROM mediation WHERE"           \
	" child_id = $1 AND declined_on IS NOT NULL UNION ALL SELECT la_told_on, 'Told the"      \
	" council they wish to mediate' FROM mediation WHERE child_id = $1 AND la_told_on IS"    \
	" NOT NULL UNION ALL SELECT held_on, 'Mediation held' FROM mediation WHERE child_id ="   \
	" $1 AND held_on IS NOT NULL UNION ALL SELECT certificate_on, 'Mediation certificate'"   \
	" FROM mediation WHERE child_id = $1 AND certificate_on IS NOT NULL UNION ALL SELECT"    \
	" registered_on, 'Appeal registered with the SEND Tribunal' FROM tribunal_appeal WHERE"  \
	" child_id = $1 UNION ALL SELECT decided_on, 'The tribunal decided' FROM"                \
	" tribunal_appeal WHERE child_id = $1 AND decided_on IS NOT NULL UNION ALL SELECT"       \
	" o.ordered_on, 'The tribunal ordered' FROM tribunal_order o JOIN tribunal_appeal t ON"  \
	" t.id = o.appeal_id WHERE t.child_id = $1 UNION ALL SELECT made_on, 'Complaint made'"   \
	" FROM complaint WHERE child_id = $1 UNION ALL SELECT escalated_on, 'Complaint taken to" \
	" the next stage' FROM complaint WHERE child_id = $1 AND escalated_on IS NOT NULL"       \
	" UNION ALL SELECT stage1_responded_on, 'Complaint answered' FROM complaint WHERE"       \
	" child_id = $1 AND stage1_responded_on IS NOT NULL UNION ALL SELECT responded_on,"      \
	" 'Complaint"                                                                            \
	" answered' FROM complaint WHERE child_id = $1 AND responded_on IS NOT NULL UNION ALL"   \
	" SELECT made_on, 'Complaint to the Ombudsman' FROM ombudsman_complaint WHERE child_id"  \
	" = $1 UNION ALL SELECT decided_on, 'The Ombudsman decided' FROM ombudsman_complaint"    \
	" WHERE child_id = $1 AND decided_on IS NOT NULL UNION ALL SELECT made_on, 'Disability"  \
	" discrimination claim made' FROM discrimination_claim WHERE child_id = $1 ORDER BY 1"   \
	" DESC LIMIT 200"

static void timeline_block(struct html *h, struct request *req, const char *child)
{
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Timeline</h2>");
	int any = 0, mediated = 0, appealed = 0;
	if (db_prepare(req_db(req), TIMELINE_SQL, &st) == 0) {
		if (db_bind_text(st, 1, child) == 0)
			while (db_step(st) == DB_ROW) {
				struct date d;
				const char *what = db_column_text(st, 1);
				if (date_parse(db_column_text(st, 0), &d) != 0)
					continue;
				if (!any++)
					html_raw(h, "<ul class=\"govuk-list\">");
				mediated |= strcmp(what, "Mediation held") == 0;
				appealed |= strncmp(what, "Appeal registered", 17) == 0;
				html_raw(h, "<li>");
				html_text(h, arena_printf(a, "%s: %s", redress_long(a, d), what));
				html_raw(h, "</li>");
			}
		db_reset(st);
	}
	if (any)
		html_raw(h, "</ul>");
	else
		gds_p(h, "Nothing yet.");
	/* the SEN2 return's mediation and tribunal flags, from these events */
	gds_p(h,
	      arena_printf(a, "For the SEN2 return: mediation held %s; appeal to the tribunal %s.",
			   mediated ? "yes" : "no", appealed ? "yes" : "no"));
}

static int child_page(struct request *req, int status, const char *child,
		      const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct child c;
	int rc = child_get(db, child, &c);
	if (rc || (rc = audit_record(req, "read", "redress", child)) != 0)
		return rc;
	struct redress_decision d[20];
	size_t n = redress_decisions(db, child, a, d, 20);
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Disagreeing with a decision",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_back_link(&h, arena_printf(a, "/children/%s", child), "Back to the record");
	gds_heading(&h, &(struct gds_heading){
				.text = "Disagreeing with a decision",
				.caption = arena_printf(a, "%s %s", c.given_name, c.family_name)});
	gds_p(&h, "Mediation is free. You can also ask the council to look again, or make a "
		  "complaint, at any time; an appeal has a deadline.");
	decisions_block(&h, req, child, d, n);
	redress_mediation_block(&h, req, child, d, n, errs);
	redress_appeal_block(&h, req, child, d, n, errs);
	redress_complaints_block(&h, req, child, errs);
	redress_ombudsman_block(&h, req, child, errs);
	redress_claims_block(&h, req, child, errs);
	timeline_block(&h, req, child);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

int redress_child_page(struct request *req, int status, const char *child,
		       const struct field_errors *errs)
{
	return child_page(req, status, child, errs);
}

static int child_get_page(struct request *req)
{
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	return rc ? rc : child_page(req, 200, child, NULL);
}

int redress_saved(struct request *req, struct db *db, const char *child, int rc, const char *actor,
		  const char *action, const char *type, const char *id)
{
	if ((rc = audit_commit(db, rc, actor, action, type, id)) != 0)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s/disagree", child));
}

const struct route redress_routes[] = {
	{"GET", "/children/{id}/disagree", child_get_page},
	{"POST", "/children/{id}/disagree/mediation", redress_mediation_post},
	{"POST", "/children/{id}/disagree/mediation/{mid}/{step}", redress_mediation_step},
	{"POST", "/children/{id}/disagree/appeal", redress_appeal_post},
	{"POST", "/children/{id}/disagree/appeal/{aid}/{what}", redress_appeal_step},
	{"GET", "/redress/orders", redress_orders_page},
	{"GET", "/redress/settings", redress_settings_get},
	{"POST", "/redress/settings", redress_settings_post},
	{"POST", "/children/{id}/disagree/complaint", redress_complaint_post},
	{"POST", "/children/{id}/disagree/complaint/{cid}", redress_complaint_step},
	{"POST", "/children/{id}/disagree/ombudsman", redress_ombudsman_post},
	{"POST", "/children/{id}/disagree/ombudsman/{oid}", redress_ombudsman_step},
	{"POST", "/children/{id}/disagree/claim", redress_claim_post},
};
const size_t redress_routes_count = sizeof(redress_routes) / sizeof(redress_routes[0]);
