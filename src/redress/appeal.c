/*
 * appeal.c: appeals to the SEND Tribunal and its orders. An appeal is registered against
 * a decision with its issues and grounds; one registered after the window (2 months from
 * the notice, or 1 month from a mediation certificate, whichever is later) is refused
 * unless the tribunal allowed it late. The tribunal's orders (or the LA conceding) start
 * the compliance clocks of regulations 44 and 45; each step is marked done, and the LA's
 * managers see the steps overdue.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/err.h"
#include "platform/form.h"
#include "platform/gds.h"
#include "platform/log.h"
#include "redress/internal.h"

static const struct gds_choice issues[] = {
	{.value = "assess", .text = "Refusal to assess"},
	{.value = "issue", .text = "Refusal to issue a plan"},
	{.value = "B", .text = "Section B (needs)"},
	{.value = "F", .text = "Section F (provision)"},
	{.value = "I", .text = "Section I (placement)"},
	{.value = "cease", .text = "Ceasing the plan"},
};
static const struct gds_choice results[] = {
	{.value = "upheld", .text = "Upheld"},
	{.value = "partly_upheld", .text = "Partly upheld"},
	{.value = "dismissed", .text = "Dismissed"},
	{.value = "withdrawn", .text = "Withdrawn"},
	{.value = "conceded", .text = "Conceded by the council"},
};

static const char *iso_long(struct arena *a, const char *iso)
{
	struct date d;
	return iso && date_parse(iso, &d) == 0 ? redress_long(a, d) : (iso ? iso : "");
}

static const char *result_label(const char *v)
{
	for (size_t i = 0; v && i < sizeof(results) / sizeof(results[0]); i++)
		if (strcmp(v, results[i].value) == 0)
			return results[i].text;
	return v ? v : "";
}

/* issue_outcome_words: "F:upheld,I:dismissed" as "Section F (provision): upheld; ..." */
static const char *issue_outcome_words(struct arena *a, const char *list)
{
	const char *out = "";
	for (size_t i = 0; list && i < sizeof(issues) / sizeof(issues[0]); i++) {
		for (size_t r = 0; r < 2; r++) {
			const char *res = r ? "dismissed" : "upheld";
			char key[32];
			snprintf(key, sizeof(key), ",%s:%s,", issues[i].value, res);
			if (strstr(arena_printf(a, ",%s,", list), key))
				out = arena_printf(a, "%s%s%s: %s", out, *out ? "; " : "",
						   issues[i].text, res);
		}
	}
	return out;
}

/* issue_radios: upheld or dismissed for each issue of the appeal ("B,F") */
static void issue_radios(struct html *h, struct request *req, const char *list,
			 const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	static const struct gds_choice each[] = {{.value = "upheld", .text = "Upheld"},
						 {.value = "dismissed", .text = "Dismissed"}};
	for (size_t i = 0; list && i < sizeof(issues) / sizeof(issues[0]); i++) {
		char key[16];
		snprintf(key, sizeof(key), ",%s,", issues[i].value);
		if (!strstr(arena_printf(a, ",%s,", list), key))
			continue;
		const char *name = arena_printf(a, "issue_%s", issues[i].value);
		gds_radios(h, &(struct gds_choices){
				      .name = name,
				      .legend = arena_printf(a, "%s (optional)", issues[i].text),
				      .legend_size = GDS_SIZE_S,
				      .items = each,
				      .n_items = 2,
				      .is_inline = 1,
				      .value = req_form(req, name),
				      .errors = errs});
	}
}

/* issue_words: "B,F" as "Section B (needs), Section F (provision)" */
static const char *issue_words(struct arena *a, const char *list)
{
	const char *out = "";
	for (size_t i = 0; list && i < sizeof(issues) / sizeof(issues[0]); i++) {
		char key[16];
		snprintf(key, sizeof(key), ",%s,", issues[i].value);
		if (strstr(arena_printf(a, ",%s,", list), key))
			out = arena_printf(a, "%s%s%s", out, *out ? ", " : "", issues[i].text);
	}
	return out;
}

/* the steps of an order with their due days and whether each is done */
/* order_rows: the order's steps with their due days; returns how many are not done */
static size_t order_rows(struct html *h, struct request *req, const char *oid, const char *type,
			 struct date on)
{
	size_t open = 0;
	struct arena *a = req_arena(req);
	int t = order_type_parse(type);
	struct order_step steps[ORDER_STEPS_MAX];
	size_t n = t >= 0 ? order_steps(&redress_rules_now, (enum order_type)t, on, steps) : 0;
	struct gds_summary_row rows[ORDER_STEPS_MAX + 1];
	rows[0] = (struct gds_summary_row){
		.key = "Order",
		.value = arena_printf(a, "%s, made on %s", t >= 0 ? order_type_label(t) : type,
				      redress_long(a, on))};
	/* the steps done, in one query */
	const char *done_step[ORDER_STEPS_MAX] = {NULL}, *done_on[ORDER_STEPS_MAX] = {NULL};
	size_t nd = 0;
	struct db_stmt *st = NULL;
	if (db_prepare(req_db(req),
		       "SELECT step, done_on FROM tribunal_order_step WHERE order_id = $1",
		       &st) == 0) {
		if (db_bind_text(st, 1, oid) == 0)
			while (nd < ORDER_STEPS_MAX && db_step(st) == DB_ROW) {
				done_step[nd] = arena_strdup(a, db_column_text(st, 0));
				done_on[nd++] = arena_strdup(a, db_column_text(st, 1));
			}
		db_reset(st);
	}
	struct date today = date_today();
	for (size_t k = 0; k < n; k++) {
		const char *done = NULL;
		for (size_t j = 0; j < nd; j++)
			if (done_step[j] && strcmp(done_step[j], steps[k].step) == 0)
				done = done_on[j];
		open += !done;
		rows[k + 1] = (struct gds_summary_row){
			.key = steps[k].label,
			.value = done ? arena_printf(a, "Done on %s (due by %s)", iso_long(a, done),
						     redress_long(a, steps[k].due))
				 : date_cmp(today, steps[k].due) > 0
					 ? arena_printf(a, "Overdue: due by %s",
							redress_long(a, steps[k].due))
					 : arena_printf(a, "Due by %s",
							redress_long(a, steps[k].due))};
	}
	gds_summary_list(h, &(struct gds_summary_list){.rows = rows, .n_rows = n + 1});
	return open;
}

/* step_form_for: mark a step of an order done (the first order shown: one form a page) */
static void step_form_for(struct html *h, struct request *req, const char *child, const char *aid,
			  const char *oid, const char *type, const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	int t = order_type_parse(type);
	struct order_step steps[ORDER_STEPS_MAX];
	size_t n = t >= 0 ? order_steps(&redress_rules_now, (enum order_type)t, date_today(), steps)
			  : 0;
	struct gds_option opts[ORDER_STEPS_MAX];
	for (size_t k = 0; k < n; k++)
		opts[k] = (struct gds_option){.value = steps[k].step, .text = steps[k].label};
	gds_form_start(h, arena_printf(a, "/children/%s/disagree/appeal/%s/step", child, aid));
	gds_hidden(h, "csrf", auth_user(req)->csrf);
	gds_hidden(h, "order", oid);
	gds_select(h, &(struct gds_select){.name = "step",
					   .label = "Mark a step of this order done",
					   .label_size = GDS_SIZE_S,
					   .items = opts,
					   .n_items = n,
					   .errors = errs});
	form_date_input(h, req, "done", "Done on", NULL, errs);
	gds_button(h, &(struct gds_button){.text = "Save", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(h);
}

void redress_appeal_block(struct html *h, struct request *req, const char *child,
			  const struct redress_decision *d, size_t n,
			  const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	int officer = ROLE_BIT(u->role) & REDRESS_OFFICERS ? 1 : 0;
	html_raw(h, "<h2 class=\"govuk-heading-m\">Appeals to the SEND Tribunal</h2>");
	struct db_stmt *st = NULL;
	int any = 0, forms = 0, step_form = 0;
	if (db_prepare(req_db(req),
		       "SELECT id, decision, registered_on, late, issues, grounds, decided_on,"
		       " outcome, response_due, response_sent_on, hearing_on, issue_outcomes FROM"
		       " tribunal_appeal WHERE child_id = $1 ORDER BY registered_on DESC, id",
		       &st) == 0) {
		if (db_bind_text(st, 1, child) == 0)
			while (db_step(st) == DB_ROW) {
				any = 1;
				const char *id = arena_strdup(a, db_column_text(st, 0));
				int decided = !db_column_is_null(st, 6);
				struct gds_summary_row rows[5] = {
					{.key = "Against",
					 .value = redress_kind_label(db_column_text(st, 1))},
					{.key = "Registered",
					 .value = arena_printf(
						 a, "%s%s", iso_long(a, db_column_text(st, 2)),
						 db_column_int64(st, 3)
							 ? " (late, allowed by the tribunal)"
							 : "")},
					{.key = "Issues",
					 .value = issue_words(a, db_column_text(st, 4))},
					{.key = "Grounds",
					 .value = arena_strdup(a, db_column_text(st, 5))},
					{.key = "Decided",
					 .value = decided ? arena_printf(
								    a, "%s: %s",
								    iso_long(a,
									     db_column_text(st, 6)),
								    result_label(
									    db_column_text(st, 7)))
							  : "Not yet"}};
				/* the council's response and the hearing, after the others */
				const char *due = db_column_is_null(st, 8)
							  ? NULL
							  : arena_strdup(a, db_column_text(st, 8));
				const char *sent = db_column_is_null(st, 9)
							   ? NULL
							   : arena_strdup(a, db_column_text(st, 9));
				char today_iso[DATE_ISO_LEN + 1];
				date_iso(date_today(), today_iso);
				struct gds_summary_row all[8];
				memcpy(all, rows, sizeof(rows));
				all[5] = (struct gds_summary_row){
					.key = "The council's response",
					.value = sent  ? arena_printf(a, "Sent on %s",
								      iso_long(a, sent))
						 : due ? arena_printf(a, "%s by %s",
								      strcmp(due, today_iso) < 0 &&
										      !decided
									      ? "Overdue: due"
									      : "Due",
								      iso_long(a, due))
						       : "Not recorded"};
				all[6] = (struct gds_summary_row){
					.key = "Hearing",
					.value = db_column_is_null(st, 10)
							 ? "Not set"
							 : iso_long(a, db_column_text(st, 10))};
				all[7] = (struct gds_summary_row){
					.key = "Outcome of each issue",
					.value = db_column_is_null(st, 11)
							 ? "Not recorded"
							 : issue_outcome_words(
								   a, db_column_text(st, 11))};
				gds_summary_list(
					h, &(struct gds_summary_list){.rows = all, .n_rows = 8});
				const char *appeal_issues = arena_strdup(a, db_column_text(st, 4));
				/* its orders */
				struct db_stmt *os = NULL;
				if (db_prepare(
					    req_db(req),
					    "SELECT id, type, ordered_on FROM tribunal_order WHERE"
					    " appeal_id = $1 ORDER BY ordered_on, id",
					    &os) == 0) {
					if (db_bind_text(os, 1, id) == 0)
						while (db_step(os) == DB_ROW) {
							struct date on;
							const char *oid = arena_strdup(
								a, db_column_text(os, 0));
							const char *type = arena_strdup(
								a, db_column_text(os, 1));
							if (date_parse(db_column_text(os, 2),
								       &on) != 0)
								continue;
							/* one step form a page: for the first
							 * order with a step not done */
							if (order_rows(h, req, oid, type, on) &&
							    officer && !step_form++)
								step_form_for(h, req, child, id,
									      oid, type, errs);
						}
					db_reset(os);
				}
				if (!officer || forms++)
					continue;
				/* one set of forms: the latest appeal's */
				if (!decided) {
					gds_form_start(
						h,
						arena_printf(
							a,
							"/children/%s/disagree/appeal/%s/decided",
							child, id));
					gds_hidden(h, "csrf", u->csrf);
					form_date_input(h, req, "decided",
							"The tribunal decided on", NULL, errs);
					gds_radios(h,
						   &(struct gds_choices){.name = "result",
									 .legend = "The outcome",
									 .legend_size = GDS_SIZE_S,
									 .items = results,
									 .n_items = 5,
									 .errors = errs});
					issue_radios(h, req, appeal_issues, errs);
					gds_button(h, &(struct gds_button){
							      .text = "Record the outcome",
							      .kind = GDS_BUTTON_SECONDARY});
					gds_form_end(h);
					/* the council's response and the hearing date */
					gds_form_start(
						h,
						arena_printf(
							a,
							"/children/%s/disagree/appeal/%s/progress",
							child, id));
					gds_hidden(h, "csrf", u->csrf);
					form_date_input(h, req, "response",
							"The council sent its response on",
							"Leave blank if not yet", errs);
					form_date_input(h, req, "hearing", "The hearing is on",
							"Leave blank if not set", errs);
					gds_button(h, &(struct gds_button){
							      .text = "Save",
							      .kind = GDS_BUTTON_SECONDARY});
					gds_form_end(h);
				}
				struct gds_option types[ORDER_TYPES + 1] = {
					{.value = "", .text = "Choose"}};
				for (int t = 0; t < ORDER_TYPES; t++)
					types[t + 1] =
						(struct gds_option){.value = order_type_name(t),
								    .text = order_type_label(t)};
				gds_form_start(
					h, arena_printf(a, "/children/%s/disagree/appeal/%s/order",
							child, id));
				gds_hidden(h, "csrf", u->csrf);
				gds_select(h, &(struct gds_select){
						      .name = "order_type",
						      .label = "Record an order, or the council "
							       "not opposing",
						      .label_size = GDS_SIZE_S,
						      .items = types,
						      .n_items = ORDER_TYPES + 1,
						      .errors = errs});
				form_date_input(h, req, "ordered",
						"Made on (or the notice not to oppose)", NULL,
						errs);
				gds_button(h, &(struct gds_button){.text = "Record the order",
								   .kind = GDS_BUTTON_SECONDARY});
				gds_form_end(h);
			}
		db_reset(st);
	}
	if (!any)
		gds_p(h, "No appeal has been registered.");
	if (!officer || !n)
		return;
	struct gds_option *opts = arena_alloc(a, sizeof(*opts) * (n + 1));
	if (!opts)
		return;
	opts[0] = (struct gds_option){.value = "", .text = "Choose the decision"};
	for (size_t i = 0; i < n; i++)
		opts[i + 1] = (struct gds_option){
			.value = redress_choice(a, &d[i]),
			.text = arena_printf(a, "%s (served %s)", redress_kind_label(d[i].kind),
					     redress_long(a, d[i].served))};
	html_raw(h, "<h3 class=\"govuk-heading-s\">Register an appeal</h3>");
	gds_form_start(h, arena_printf(a, "/children/%s/disagree/appeal", child));
	gds_hidden(h, "csrf", u->csrf);
	gds_select(h, &(struct gds_select){.name = "appeal_decision",
					   .label = "Against",
					   .label_size = GDS_SIZE_S,
					   .items = opts,
					   .n_items = n + 1,
					   .value = req_form(req, "appeal_decision"),
					   .errors = errs});
	form_date_input(h, req, "registered", "Registered with the tribunal on", NULL, errs);
	gds_checkboxes(h, &(struct gds_choices){.name = "issues",
						.legend = "The issues",
						.legend_size = GDS_SIZE_S,
						.items = issues,
						.n_items = 6,
						.small = 1,
						.errors = errs});
	gds_textarea(h, &(struct gds_textarea){.name = "grounds",
					       .label = "Grounds",
					       .label_size = GDS_SIZE_S,
					       .value = req_form(req, "grounds"),
					       .rows = 3,
					       .errors = errs});
	static const struct gds_choice late[] = {
		{.value = "yes", .text = "Registered late, and the tribunal allowed it"}};
	gds_checkboxes(
		h,
		&(struct gds_choices){
			.name = "late", .items = late, .n_items = 1, .small = 1, .errors = errs});
	gds_button(h, &(struct gds_button){.text = "Register the appeal",
					   .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(h);
}

static int insert(struct db *db, const char *sql, const char *const *v, int n)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st);
	for (int i = 0; i < n && rc == 0; i++)
		rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
	if (rc == 0)
		rc = db_step(st) == DB_DONE ? 0 : ERR_DB;
	if (st)
		db_reset(st);
	return rc;
}

int redress_appeal_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REDRESS_OFFICERS)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct redress_decision d[20];
	size_t n = redress_decisions(db, child, a, d, 20);
	struct field_errors errs = {0};
	int k = redress_choice_parse(req_form(req, "appeal_decision"), d, n);
	char on[DATE_ISO_LEN + 1], served[DATE_ISO_LEN + 1] = "";
	int late = req_form_has(req, "late", "yes");
	if (k < 0)
		field_error_add(&errs, "appeal_decision", NULL, "Choose the decision appealed");
	if (form_date(req, "registered", on, &errs, 0) == 0 && k >= 0) {
		date_iso(d[k].served, served);
		struct date reg, by = redress_appeal_by(db, child, d[k].kind, d[k].served);
		date_parse(on, &reg);
		if (strcmp(on, served) < 0)
			field_error_add(&errs, "registered-day", NULL,
					"An appeal cannot be registered before the decision");
		else if (date_cmp(reg, by) > 0 && !late)
			field_error_add(
				&errs, "registered-day", NULL,
				arena_printf(a,
					     "The time to appeal ended on %s: tick that the "
					     "tribunal allowed a late appeal, if it did",
					     redress_long(a, by)));
	}
	const char *list = "";
	size_t ticked = 0;
	for (size_t i = 0; i < 6; i++)
		if (req_form_has(req, "issues", issues[i].value)) {
			list = arena_printf(a, "%s%s%s", list, *list ? "," : "", issues[i].value);
			ticked++;
		}
	if (!ticked || ticked < req_form_count(req, "issues"))
		field_error_add(&errs, "issues", NULL, "Choose the issues appealed");
	/* where the LA asks for mediation first: a certificate, unless only section I */
	struct child lac;
	if (k >= 0 && ticked && strcmp(list, "I") != 0 && child_get(db, child, &lac) == 0 &&
	    redress_mediation_mandatory(db, lac.la_code)) {
		struct db_stmt *ms = NULL;
		int has = 0;
		if (db_prepare(db,
			       "SELECT 1 FROM mediation WHERE child_id = $1 AND decision = $2 AND"
			       " decision_served_on = $3 AND certificate_on IS NOT NULL",
			       &ms) == 0) {
			has = db_bind_text(ms, 1, child) == 0 &&
			      db_bind_text(ms, 2, d[k].kind) == 0 &&
			      db_bind_text(ms, 3, served) == 0 && db_step(ms) == DB_ROW;
			db_reset(ms);
		}
		if (!has)
			field_error_add(
				&errs, "appeal_decision", NULL,
				"This council asks for mediation before an appeal: record the "
				"mediation certificate first");
	}
	const char *grounds = req_form(req, "grounds");
	if (!grounds || !*grounds)
		field_error_add(&errs, "grounds", NULL, "Enter the grounds of the appeal");
	else if (strlen(grounds) > 4000)
		field_error_add(&errs, "grounds", NULL, "Must be 4,000 characters or fewer");
	if (errs.n)
		return redress_child_page(req, 422, child, &errs);
	struct child c;
	if ((rc = child_get(db, child, &c)) != 0)
		return rc;
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	struct date reg_d;
	struct holidays hol;
	char response_due[DATE_ISO_LEN + 1];
	date_parse(on, &reg_d);
	date_iso(response_by(&redress_rules_now, reg_d, redress_holidays(&hol)), response_due);
	const char *v[] = {id,   child,   c.la_code, d[k].kind, served,      on, late ? "1" : "0",
			   list, grounds, u->id,     now,       response_due};
	if ((rc = db_begin(db)) != 0)
		return rc;
	rc = insert(db,
		    "INSERT INTO tribunal_appeal (id, child_id, la_code, decision,"
		    " decision_served_on, registered_on, late, issues, grounds, created_by,"
		    " created_at, response_due) VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS"
		    " INTEGER), $8, $9, $10, $11, $12)",
		    v, 12);
	return redress_saved(req, db, child, rc, u->id, "create", "tribunal_appeal", id);
}

int redress_appeal_step(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id"), *aid = req_param(req, "aid");
	const char *what = req_param(req, "what");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, REDRESS_OFFICERS)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct field_errors errs = {0};
	char on[DATE_ISO_LEN + 1], registered[DATE_ISO_LEN + 1] = "", la[4] = "",
							     appeal_issues[64] = "";
	int decided = 0, found = 0;
	struct db_stmt *st = NULL;
	if ((rc = db_begin(db)) != 0)
		return rc;
	if ((rc = db_prepare(
		     db,
		     "UPDATE tribunal_appeal SET grounds = grounds WHERE id = $1 AND"
		     " child_id = $2 RETURNING registered_on, CASE WHEN decided_on IS NULL THEN 0"
		     " ELSE 1 END,"
		     " la_code, issues",
		     &st)) == 0) {
		if (db_bind_text(st, 1, aid) == 0 && db_bind_text(st, 2, child) == 0 &&
		    db_step(st) == DB_ROW) {
			found = 1;
			snprintf(registered, sizeof(registered), "%s", db_column_text(st, 0));
			decided = db_column_int64(st, 1) != 0;
			snprintf(la, sizeof(la), "%s", db_column_text(st, 2));
			snprintf(appeal_issues, sizeof(appeal_issues), "%s", db_column_text(st, 3));
		}
		db_reset(st);
	}
	if (rc || !found) {
		db_rollback(db);
		return rc ? rc : ERR_NOTFOUND;
	}
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	if (strcmp(what, "decided") == 0) {
		const char *result = req_form(req, "result");
		int ok = 0;
		for (size_t i = 0; i < 5; i++)
			ok |= result && strcmp(result, results[i].value) == 0;
		if (form_date(req, "decided", on, &errs, 0) == 0 && strcmp(on, registered) < 0)
			field_error_add(&errs, "decided-day", NULL,
					"The decision cannot be before the appeal was registered");
		if (!ok)
			field_error_add(&errs, "result", NULL, "Choose the outcome");
		if (decided)
			field_error_add(&errs, "decided-day", NULL, "Recorded already");
		/* each issue's outcome, where given: "F:upheld,I:dismissed" */
		struct arena *a = req_arena(req);
		const char *per = "";
		for (size_t i = 0; i < sizeof(issues) / sizeof(issues[0]); i++) {
			char key[16];
			snprintf(key, sizeof(key), ",%s,", issues[i].value);
			if (!strstr(arena_printf(a, ",%s,", appeal_issues), key))
				continue;
			const char *name = arena_printf(a, "issue_%s", issues[i].value);
			const char *v = req_form(req, name);
			if (!v || !*v)
				continue;
			if (strcmp(v, "upheld") && strcmp(v, "dismissed"))
				field_error_add(&errs, name, NULL, "Choose upheld or dismissed");
			else
				per = arena_printf(a, "%s%s%s:%s", per, *per ? "," : "",
						   issues[i].value, v);
		}
		const char *v[] = {aid, on, result, *per ? per : NULL};
		if (!errs.n)
			rc = insert(db,
				    "UPDATE tribunal_appeal SET decided_on = $2, outcome = $3,"
				    " issue_outcomes = $4 WHERE id = $1",
				    v, 4);
	} else if (strcmp(what, "progress") == 0) {
		/* the council's response sent, or the hearing date set */
		char sent[DATE_ISO_LEN + 1] = "", hearing[DATE_ISO_LEN + 1] = "";
		int s1 = form_date(req, "response", sent, &errs, FORM_DATE_OPTIONAL);
		int s2 = form_date(req, "hearing", hearing, &errs,
				   FORM_DATE_OPTIONAL | FORM_DATE_FUTURE_OK);
		if (s1 == 1 && s2 == 1)
			field_error_add(&errs, "response-day", NULL,
					"Enter the date of the response or of the hearing");
		if (s1 == 0 && strcmp(sent, registered) < 0)
			field_error_add(&errs, "response-day", NULL,
					"The response cannot be before the appeal was registered");
		if (s2 == 0 && strcmp(hearing, registered) < 0)
			field_error_add(&errs, "hearing-day", NULL,
					"The hearing cannot be before the appeal was registered");
		const char *v[] = {aid, s1 == 0 ? sent : NULL, s2 == 0 ? hearing : NULL};
		if (!errs.n)
			rc = insert(
				db,
				"UPDATE tribunal_appeal SET response_sent_on = coalesce($2,"
				" response_sent_on), hearing_on = coalesce($3, hearing_on) WHERE"
				" id = $1",
				v, 3);
	} else if (strcmp(what, "order") == 0) {
		const char *type = req_form(req, "order_type");
		if (order_type_parse(type) < 0)
			field_error_add(&errs, "order_type", NULL, "Choose the order");
		if (form_date(req, "ordered", on, &errs, 0) == 0 && strcmp(on, registered) < 0)
			field_error_add(&errs, "ordered-day", NULL,
					"An order cannot be before the appeal was registered");
		const char *v[] = {id, aid, la, type, on, u->id, now};
		if (!errs.n)
			rc = insert(
				db,
				"INSERT INTO tribunal_order (id, appeal_id, la_code, type,"
				" ordered_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5,"
				" $6, $7)",
				v, 7);
	} else if (strcmp(what, "step") == 0) {
		/* a step of one of this appeal's orders, done: the order must be this
		 * appeal's, the step one of its type's, not done already, and not before it */
		const char *oid = req_form(req, "order"), *step = req_form(req, "step");
		char type[24] = "", ordered[DATE_ISO_LEN + 1] = "";
		struct db_stmt *os = NULL;
		if (db_prepare(db,
			       "SELECT type, ordered_on FROM tribunal_order WHERE id = $1 AND"
			       " appeal_id = $2",
			       &os) == 0) {
			if (db_bind_text(os, 1, oid ? oid : "") == 0 &&
			    db_bind_text(os, 2, aid) == 0 && db_step(os) == DB_ROW) {
				snprintf(type, sizeof(type), "%s", db_column_text(os, 0));
				snprintf(ordered, sizeof(ordered), "%s", db_column_text(os, 1));
			}
			db_reset(os);
		}
		if (!type[0]) {
			db_rollback(db);
			return ERR_NOTFOUND;
		}
		int t = order_type_parse(type), known = 0, recorded = 0;
		struct order_step steps[ORDER_STEPS_MAX];
		size_t ns = t >= 0 ? order_steps(&redress_rules_now, (enum order_type)t,
						 date_today(), steps)
				   : 0;
		for (size_t k = 0; k < ns; k++)
			known |= step && strcmp(step, steps[k].step) == 0;
		if (!known)
			field_error_add(&errs, "step", NULL, "Choose a step of this order");
		if (known && db_prepare(db,
					"SELECT 1 FROM tribunal_order_step WHERE order_id = $1 AND"
					" step = $2",
					&os) == 0) {
			recorded = db_bind_text(os, 1, oid) == 0 &&
				   db_bind_text(os, 2, step) == 0 && db_step(os) == DB_ROW;
			db_reset(os);
		}
		if (recorded)
			field_error_add(&errs, "step", NULL, "Recorded already");
		if (form_date(req, "done", on, &errs, 0) == 0 && strcmp(on, ordered) < 0)
			field_error_add(&errs, "done-day", NULL,
					"A step cannot be done before the order");
		const char *v[] = {oid, step, on, u->id};
		if (!errs.n)
			rc = insert(db,
				    "INSERT INTO tribunal_order_step (order_id, step, done_on,"
				    " recorded_by) VALUES ($1, $2, $3, $4)",
				    v, 4);
	} else {
		db_rollback(db);
		return ERR_NOTFOUND;
	}
	if (errs.n) {
		db_rollback(db);
		return redress_child_page(req, 422, child, &errs);
	}
	return redress_saved(req, db, child, rc, u->id, what, "tribunal_appeal", aid);
}
