/*
 * sufficiency.c: are there enough specialist places in the LA, and how far do children
 * travel? Places in units, resourced provision and special schools by need against the
 * children with plans by primary need, now and for next September's phase; distances
 * from home to the setting on roll; placements over 20 miles and in independent
 * settings; and the setting-level table as CSV in the shape of the special-provision part
 * of the DfE's School Capacity survey (SCAP).
 */
#include <stdlib.h>
#include <string.h>

#include "placement/internal.h"
#include "plan/plan.h"
#include "platform/audit.h"
#include "platform/buf.h"
#include "platform/csvout.h"
#include "platform/err.h"

#define FAR_MILES 20

/* places designated for each need (units, RP, special) against plans by primary need */
#define NEEDS_SQL                                                                             \
	"SELECT t.code, t.name, (SELECT coalesce(sum(CASE WHEN o.sen_unit = 1 OR"             \
	" o.resourced_provision = 1 THEN coalesce(o.sen_places, 0) ELSE coalesce(o.capacity," \
	" 0) END), 0) FROM organisation o JOIN"                                               \
	" organisation_need n ON n.organisation_id = o.id WHERE o.la_code = $1 AND"           \
	" n.need_code = t.code), (SELECT count(*) FROM child c WHERE c.la_code = $1 AND"      \
	" c.sen_status = 'ehcp' AND c.primary_need = t.code) FROM need_type t ORDER BY t.name"

/* each child with a plan and a setting on roll with coordinates, and that setting's kind */
#define TRAVEL_SQL                                                                              \
	"SELECT p.lat_e6, p.lon_e6, o.lat_e6, o.lon_e6, coalesce(o.setting_type, ''),"          \
	" o.sen_unit, o.resourced_provision FROM child c JOIN postcode p ON p.postcode ="       \
	" c.postcode JOIN child_setting s ON s.child_id = c.id AND s.relation = 'roll' AND"     \
	" s.ended_on IS NULL JOIN organisation o ON o.id = s.organisation_id WHERE c.la_code =" \
	" $1 AND c.sen_status = 'ehcp' AND o.lat_e6 IS NOT NULL"

static int sufficiency_page(struct request *req)
{
	int rc = auth_require(req, PLACEMENT_OFFICERS);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct db_stmt *st = NULL;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 4 * 30);
	size_t n = 0;
	if (!cells)
		return ERR_NOMEM;
	if ((rc = db_prepare(db, NEEDS_SQL, &st)) != 0)
		return rc;
	if (db_bind_text(st, 1, u->la_code) == 0)
		while (n < 30 && db_step(st) == DB_ROW) {
			int64_t places = db_column_int64(st, 2), plans = db_column_int64(st, 3);
			if (!places && !plans)
				continue;
			struct gds_table_cell *r = &cells[4 * n++];
			r[0] = (struct gds_table_cell){
				.text = arena_strdup(a, db_column_text(st, 1))};
			r[1] = (struct gds_table_cell){
				.text = arena_printf(a, "%lld", (long long)places), .numeric = 1};
			r[2] = (struct gds_table_cell){
				.text = arena_printf(a, "%lld", (long long)plans), .numeric = 1};
			r[3] = (struct gds_table_cell){
				.text = arena_printf(a, "%lld", (long long)(places - plans)),
				.numeric = 1};
		}
	db_reset(st);
	/* travel: distances in C, from the integer coordinates */
	size_t children = 0, far = 0, independent = 0;
	double total = 0, longest = 0;
	if ((rc = db_prepare(db, TRAVEL_SQL, &st)) != 0)
		return rc;
	if (db_bind_text(st, 1, u->la_code) == 0)
		while (db_step(st) == DB_ROW) {
			double m = distance_miles(
				(int32_t)db_column_int64(st, 0), (int32_t)db_column_int64(st, 1),
				(int32_t)db_column_int64(st, 2), (int32_t)db_column_int64(st, 3));
			children++;
			total += m;
			longest = m > longest ? m : longest;
			far += m > FAR_MILES;
			independent +=
				setting_kind_of(db_column_text(st, 4), (int)db_column_int64(st, 5),
						(int)db_column_int64(st, 6)) == KIND_INDEPENDENT;
		}
	db_reset(st);
	/* demand by phase: the children with plans now, and where they will be next
	 * September (National Curriculum year from the date of birth) */
	static const char *const phases[] = {"Early years", "Primary (Reception to Year 6)",
					     "Secondary (Years 7 to 11)", "Post-16 (Year 12 on)"};
	size_t now_n[4] = {0}, next_n[4] = {0};
	struct date today = date_today();
	struct date next = {today.m >= 9 ? today.y + 1 : today.y, 9, 1};
	if ((rc = db_prepare(db,
			     "SELECT date_of_birth FROM child WHERE la_code = $1 AND sen_status ="
			     " 'ehcp'",
			     &st)) != 0)
		return rc;
	if (db_bind_text(st, 1, u->la_code) == 0)
		while (db_step(st) == DB_ROW) {
			struct date dob;
			if (date_parse(db_column_text(st, 0), &dob) != 0)
				continue;
			int y[2] = {plan_year_group(dob, today), plan_year_group(dob, next)};
			for (int k = 0; k < 2; k++) {
				size_t ph = y[k] < 0 ? 0 : y[k] <= 6 ? 1 : y[k] <= 11 ? 2 : 3;
				(k ? next_n : now_n)[ph]++;
			}
		}
	db_reset(st);
	struct gds_table_cell *pc = arena_alloc(a, sizeof(*pc) * 3 * 4);
	if (!pc)
		return ERR_NOMEM;
	for (size_t k = 0; k < 4; k++) {
		pc[3 * k] = (struct gds_table_cell){.text = phases[k]};
		pc[3 * k + 1] = (struct gds_table_cell){.text = arena_printf(a, "%zu", now_n[k]),
							.numeric = 1};
		pc[3 * k + 2] = (struct gds_table_cell){.text = arena_printf(a, "%zu", next_n[k]),
							.numeric = 1};
	}
	if ((rc = audit_record(req, "read", "sufficiency", u->la_code)) != 0)
		return rc;
	struct html h;
	html_init(&h);
	gds_page_start(
		&h, &(struct gds_page){.title = "Sufficiency of places", .sign_out_csrf = u->csrf});
	gds_heading(&h,
		    &(struct gds_heading){.text = "Sufficiency of places", .caption = "Your area"});
	static const struct gds_table_cell head[] = {{.text = "Need"},
						     {.text = "Designated places", .numeric = 1},
						     {.text = "Children with plans", .numeric = 1},
						     {.text = "Difference", .numeric = 1}};
	gds_p(&h, "Places in special schools, SEN units and resourced provision designated for "
		  "each need, against the children with a plan whose primary need it is. A place "
		  "designated for two needs counts under both.");
	if (n)
		gds_table(&h, &(struct gds_table){.caption = "Places and plans by need",
						  .caption_size = GDS_SIZE_M,
						  .head = head,
						  .cells = cells,
						  .n_cols = 4,
						  .n_rows = n,
						  .first_cell_is_header = 1,
						  .scroll_label = "Places and plans by need"});
	static const struct gds_table_cell phase_head[] = {
		{.text = "Phase"},
		{.text = "Plans now", .numeric = 1},
		{.text = "Next September", .numeric = 1}};
	gds_table(&h, &(struct gds_table){.caption = "Children with plans by phase",
					  .caption_size = GDS_SIZE_M,
					  .head = phase_head,
					  .cells = pc,
					  .n_cols = 3,
					  .n_rows = 4,
					  .first_cell_is_header = 1,
					  .scroll_label = "Children with plans by phase"});
	html_raw(&h, "<h2 class=\"govuk-heading-m\">How far children travel</h2>");
	struct gds_summary_row rows[4] = {
		{.key = "Children with plans whose home and setting are known",
		 .value = arena_printf(a, "%zu", children)},
		{.key = "Average distance",
		 .value = children ? arena_printf(a, "%.1f miles", total / (double)children)
				   : "Not known"},
		{.key = "Placed more than 20 miles from home",
		 .value = arena_printf(a, "%zu (the longest %.1f miles)", far, longest)},
		{.key = "In independent or non-maintained special schools",
		 .value = arena_printf(a, "%zu", independent)}};
	gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = 4});
	html_raw(&h, "<p class=\"govuk-body\">");
	gds_link(&h, "/placements/sufficiency.csv",
		 "Download the specialist places, setting by setting (CSV, in the shape of the "
		 "SCAP special provision return)");
	html_raw(&h, "</p>");
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}

static int sufficiency_csv(struct request *req)
{
	int rc = auth_require(req, PLACEMENT_OFFICERS);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db_stmt *st = NULL;
	if ((rc = db_prepare(
		     req_db(req),
		     "SELECT o.la_code, coalesce(o.urn, ''), coalesce(o.ukprn, ''), o.name,"
		     " coalesce(o.setting_type, ''), CASE WHEN o.sen_unit = 1 THEN"
		     " 'sen_unit' WHEN o.resourced_provision = 1 THEN 'resourced_provision'"
		     " ELSE 'special' END, coalesce(o.age_from, -1), coalesce(o.age_to, -1),"
		     " CASE WHEN o.sen_unit = 1 OR o.resourced_provision = 1 THEN"
		     " coalesce(o.sen_places, -1) ELSE coalesce(o.capacity, -1) END,"
		     " (SELECT count(*) FROM child_setting s WHERE"
		     " s.organisation_id = o.id AND s.relation = 'roll' AND s.ended_on IS"
		     " NULL), o.id FROM organisation o WHERE o.la_code = $1 AND o.kind ="
		     " 'setting' AND (o.sen_unit = 1 OR o.resourced_provision = 1 OR"
		     " o.setting_type IN ('07', '12', '33', '36', '44', '08', '10', '32'))"
		     " ORDER BY o.urn, o.name",
		     &st)) != 0)
		return rc;
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {
		"la_code",  "urn",    "ukprn",  "name",    "establishment_type", "provision",
		"age_from", "age_to", "places", "on_roll", "designated_needs"};
	csvout_row(&b, head, sizeof(head) / sizeof(head[0]));
	struct db_stmt *needs = NULL;
	db_prepare(req_db(req),
		   "SELECT need_code FROM organisation_need WHERE organisation_id = $1 ORDER BY 1",
		   &needs);
	if (db_bind_text(st, 1, u->la_code) == 0)
		while (db_step(st) == DB_ROW) {
			for (int i = 0; i < 6; i++)
				csvout_text(&b, db_column_text(st, i));
			for (int i = 6; i < 10; i++) {
				int64_t v = db_column_int64(st, i);
				if (v < 0) /* not known */
					csvout_text(&b, "");
				else
					csvout_number(&b, (long long)v);
			}
			char list[128] = "";
			size_t len = 0;
			if (needs && db_bind_text(needs, 1, db_column_text(st, 10)) == 0) {
				while (db_step(needs) == DB_ROW && len + 8 < sizeof(list))
					len += (size_t)snprintf(list + len, sizeof(list) - len,
								"%s%s", len ? ";" : "",
								db_column_text(needs, 0));
				db_reset(needs);
			}
			csvout_text(&b, list);
			csvout_end_row(&b);
		}
	db_reset(st);
	if ((rc = audit_record(req, "export", "scap_special", u->la_code)) != 0) {
		buf_release(&b);
		return rc;
	}
	return csvout_send(req, &b, "scap-special-places.csv");
}

const struct route placement_sufficiency_routes[] = {
	{"GET", "/placements/sufficiency", sufficiency_page},
	{"GET", "/placements/sufficiency.csv", sufficiency_csv},
};
const size_t placement_sufficiency_routes_count =
	sizeof(placement_sufficiency_routes) / sizeof(placement_sufficiency_routes[0]);
