/*
 * orders.c: the LA's view of tribunal orders with a step past its day and not done, and of
 * appeals whose response from the council is overdue.
 */
#include <stdlib.h>
#include <string.h>

#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/csvout.h"
#include "platform/err.h"
#include "platform/gds.h"
#include "redress/internal.h"

/* one row for each order and step done (or one with no step): grouped by order below */
#define ORDERS_SQL                                                                              \
	"SELECT o.id, o.type, o.ordered_on, k.given_name || ' ' || k.family_name, t.child_id,"  \
	" s.step FROM tribunal_order o JOIN tribunal_appeal t ON t.id = o.appeal_id JOIN child" \
	" k ON k.id = t.child_id LEFT JOIN tribunal_order_step s ON s.order_id = o.id WHERE"    \
	" o.la_code = $1 ORDER BY o.ordered_on, o.id"

/* appeals whose response from the council is overdue */
#define RESPONSES_SQL                                                                        \
	"SELECT t.child_id, k.given_name || ' ' || k.family_name, t.response_due FROM"       \
	" tribunal_appeal t JOIN child k ON k.id = t.child_id WHERE t.la_code = $1 AND"      \
	" t.response_sent_on IS NULL AND t.decided_on IS NULL AND t.response_due < $2 ORDER" \
	" BY t.response_due"

/* the LA's orders with a step overdue, for its managers and caseworkers */
int redress_orders_page(struct request *req)
{
	int rc = auth_require(req, REDRESS_OFFICERS);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	int csv = csvout_wanted(req);
	if (csv < 0)
		return csv;
	/* the page stops at a number of rows; the CSV has them all */
	if ((rc = db_prepare(req_db(req), csv ? ORDERS_SQL : ORDERS_SQL " LIMIT 1500", &st)) != 0)
		return rc;
	/* the families' names are on the list: its read is audited as a list of children's */
	if ((rc = audit_record(req, "list", "tribunal_orders", u->la_code)) != 0) {
		db_reset(st);
		return rc;
	}
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {"item",          "child_id",    "child_or_young_person",
					   "order_id",      "order_type",  "ordered_on",
					   "steps_overdue", "response_due"};
	if (csv)
		csvout_row(&b, head, sizeof(head) / sizeof(head[0]));
	struct html h;
	html_init(&h);
	gds_page_start(&h,
		       &(struct gds_page){.title = "Tribunal orders", .sign_out_csrf = u->csrf});
	gds_heading(&h, &(struct gds_heading){.text = "Tribunal orders",
					      .caption = "Steps due and overdue"});
	struct date today = date_today();
	size_t overdue = 0, orders = 0;
	struct pending {
		const char *id, *type, *name, *child, *done[ORDER_STEPS_MAX];
		struct date on;
		size_t nd;
	} cur = {0};
	int more = db_bind_text(st, 1, u->la_code) == 0;
	for (;;) {
		int row = more && db_step(st) == DB_ROW;
		/* a new order (or the end): judge the one gathered */
		if (cur.id && (!row || strcmp(cur.id, db_column_text(st, 0)) != 0)) {
			int t = order_type_parse(cur.type);
			struct order_step steps[ORDER_STEPS_MAX];
			size_t n = t >= 0 ? order_steps(&redress_rules_now, (enum order_type)t,
							cur.on, steps)
					  : 0;
			size_t late = 0;
			for (size_t k = 0; k < n; k++) {
				int is_done = 0;
				for (size_t j = 0; j < cur.nd; j++)
					is_done |= strcmp(cur.done[j], steps[k].step) == 0;
				late += date_cmp(today, steps[k].due) > 0 && !is_done;
			}
			orders += t >= 0;
			if (late && csv) {
				char on[DATE_ISO_LEN + 1];
				date_iso(cur.on, on);
				csvout_text(&b, "order");
				csvout_id(&b, cur.child);
				csvout_text(&b, cur.name);
				csvout_id(&b, cur.id);
				csvout_text(&b, order_type_label(t));
				csvout_id(&b, on);
				csvout_number(&b, (long long)late);
				csvout_text(&b, "");
				csvout_end_row(&b);
			} else if (late) {
				overdue++;
				html_raw(&h, "<p class=\"govuk-body\">");
				gds_link(&h, arena_printf(a, "/children/%s/disagree", cur.child),
					 arena_printf(a, "%s: %s, made on %s", cur.name,
						      order_type_label(t),
						      redress_long(a, cur.on)));
				html_raw(&h, "</p>");
			}
			memset(&cur, 0, sizeof(cur));
		}
		if (!row)
			break;
		if (!cur.id) {
			cur.id = arena_strdup(a, db_column_text(st, 0));
			cur.type = arena_strdup(a, db_column_text(st, 1));
			date_parse(db_column_text(st, 2), &cur.on);
			cur.name = arena_strdup(a, db_column_text(st, 3));
			cur.child = arena_strdup(a, db_column_text(st, 4));
		}
		if (!db_column_is_null(st, 5) && cur.nd < ORDER_STEPS_MAX)
			cur.done[cur.nd++] = arena_strdup(a, db_column_text(st, 5));
	}
	db_reset(st);
	gds_p(&h, arena_printf(a, "%zu orders; %zu with a step past its date and not done.", orders,
			       overdue));
	/* appeals whose response from the council is overdue */
	char today_iso[DATE_ISO_LEN + 1];
	date_iso(today, today_iso);
	html_raw(&h, "<h2 class=\"govuk-heading-m\">Responses to appeals overdue</h2>");
	size_t late_responses = 0;
	if (db_prepare(req_db(req), csv ? RESPONSES_SQL : RESPONSES_SQL " LIMIT 500", &st) == 0) {
		if (db_bind_text(st, 1, u->la_code) == 0 && db_bind_text(st, 2, today_iso) == 0)
			while (db_step(st) == DB_ROW) {
				struct date d;
				date_parse(db_column_text(st, 2), &d);
				late_responses++;
				if (csv) {
					csvout_text(&b, "response");
					csvout_id(&b, db_column_text(st, 0));
					csvout_text(&b, db_column_text(st, 1));
					for (int k = 0; k < 4; k++)
						csvout_text(&b, "");
					csvout_id(&b, db_column_text(st, 2));
					csvout_end_row(&b);
					continue;
				}
				html_raw(&h, "<p class=\"govuk-body\">");
				gds_link(&h,
					 arena_printf(a, "/children/%s/disagree",
						      db_column_text(st, 0)),
					 arena_printf(a, "%s: the response was due by %s",
						      db_column_text(st, 1), redress_long(a, d)));
				html_raw(&h, "</p>");
			}
		db_reset(st);
	}
	if (csv) {
		html_release(&h);
		return csvout_send(req, &b, "tribunal-orders.csv");
	}
	buf_release(&b);
	if (!late_responses)
		gds_p(&h, "None.");
	csvout_link(&h, req, "/redress/orders", NULL);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}
