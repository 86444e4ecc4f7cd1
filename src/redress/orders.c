/*
 * orders.c: the LA's view of tribunal orders with a step past its day and not done, and of
 * appeals whose response from the council is overdue.
 */
#include <stdlib.h>
#include <string.h>

#include "platform/auth.h"
#include "platform/err.h"
#include "platform/gds.h"
#include "redress/internal.h"

/* the LA's orders with a step overdue, for its managers and caseworkers */
int redress_orders_page(struct request *req)
{
	int rc = auth_require(req, REDRESS_OFFICERS);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	/* one row for each order and step done (or one with no step): grouped by order here */
	if ((rc = db_prepare(
		     req_db(req),
		     "SELECT o.id, o.type, o.ordered_on, k.given_name || ' ' ||"
		     " k.family_name, t.child_id, s.step FROM tribunal_order o JOIN"
		     " tribunal_appeal t ON t.id = o.appeal_id JOIN child k ON k.id ="
		     " t.child_id LEFT JOIN tribunal_order_step s ON s.order_id = o.id WHERE"
		     " o.la_code = $1 ORDER BY o.ordered_on, o.id LIMIT 1500",
		     &st)) != 0)
		return rc;
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
			if (late) {
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
	if (db_prepare(
		    req_db(req),
		    "SELECT t.child_id, k.given_name || ' ' || k.family_name, t.response_due FROM"
		    " tribunal_appeal t JOIN child k ON k.id = t.child_id WHERE t.la_code = $1"
		    " AND t.response_sent_on IS NULL AND t.decided_on IS NULL AND"
		    " t.response_due < $2 ORDER BY t.response_due LIMIT 500",
		    &st) == 0) {
		if (db_bind_text(st, 1, u->la_code) == 0 && db_bind_text(st, 2, today_iso) == 0)
			while (db_step(st) == DB_ROW) {
				struct date d;
				date_parse(db_column_text(st, 2), &d);
				late_responses++;
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
	if (!late_responses)
		gds_p(&h, "None.");
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}
