/*
 * tailored.c: tailored lists, where an LA may use them. The LA records its local
 * inclusion plan's status; only when the DfE Regions Group has signed it off can the LA
 * switch tailored lists on (test areas, SEND and AP Improvement Plan, chapter 2). A list
 * is made for a child from the directory by the rules in rank.h and kept with its
 * inputs; the family chooses from it, or asks for any other setting, or for mainstream.
 */
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "platform/err.h"
#include "platform/log.h"
#include "placement/internal.h"

#define LIST_LIMIT 10

int tailored_lists_allowed(struct db *db, const char *la)
{
	struct db_stmt *st = NULL;
	int ok = 0;
	if (db_prepare(db,
		       "SELECT 1 FROM local_inclusion_plan WHERE la_code = $1 AND status ="
		       " 'signed_off'",
		       &st) == 0) {
		ok = db_bind_text(st, 1, la) == 0 && db_step(st) == DB_ROW;
		db_reset(st);
	}
	return ok;
}

/* switched_on: the LA uses tailored lists (and may: its plan is signed off) */
static int switched_on(struct db *db, const char *la, int *max_miles)
{
	struct db_stmt *st = NULL;
	int on = 0;
	*max_miles = 20;
	if (db_prepare(db,
		       "SELECT s.tailored_lists, s.max_miles FROM la_placement_setting s JOIN"
		       " local_inclusion_plan p ON p.la_code = s.la_code AND p.status ="
		       " 'signed_off' WHERE s.la_code = $1",
		       &st) == 0) {
		if (db_bind_text(st, 1, la) == 0 && db_step(st) == DB_ROW) {
			on = db_column_int64(st, 0) != 0;
			*max_miles = (int)db_column_int64(st, 1);
		}
		db_reset(st);
	}
	return on;
}

void tailored_block(struct html *h, struct request *req, const struct child *c,
		    const struct field_errors *errs)
{
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	int max_miles;
	if (!switched_on(db, c->la_code, &max_miles))
		return;
	html_raw(h, "<h2 class=\"govuk-heading-m\">A list of suitable settings</h2>");
	struct db_stmt *st = NULL;
	json_t *entries = NULL;
	char list_id[ID_LEN + 1] = "", chosen[ID_LEN + 1] = "";
	const char *made_on = NULL;
	if (db_prepare(db,
		       "SELECT id, entries, made_on, chosen_setting_id FROM tailored_list WHERE"
		       " child_id = $1 ORDER BY made_on DESC, id LIMIT 1",
		       &st) == 0) {
		if (db_bind_text(st, 1, c->id) == 0 && db_step(st) == DB_ROW) {
			json_error_t je;
			snprintf(list_id, sizeof(list_id), "%s", db_column_text(st, 0));
			entries = json_loads(db_column_text(st, 1), 0, &je);
			struct date d;
			char when[DATE_LONG_MAX] = "";
			/* made_on is a timestamp: its day, in words */
			if (date_parse(arena_strndup(a, db_column_text(st, 2), DATE_ISO_LEN), &d) ==
			    0)
				date_long(d, when, sizeof(when));
			made_on = arena_strdup(a, when);
			if (!db_column_is_null(st, 3))
				snprintf(chosen, sizeof(chosen), "%s", db_column_text(st, 3));
		}
		db_reset(st);
	}
	if (!entries) {
		gds_p(h, "No list has been made yet.");
	} else {
		gds_p(h, arena_printf(a,
				      "Made on %s. You can choose one of these, or ask for any "
				      "other school or college, including a mainstream one.",
				      made_on));
		size_t i;
		json_t *e;
		html_raw(h, "<ol class=\"govuk-list govuk-list--number\">");
		json_array_foreach(entries, i, e)
		{
			const char *sid = json_string_value(json_object_get(e, "setting"));
			html_raw(h, "<li>");
			gds_link(h, arena_printf(a, "/settings/%s", sid ? sid : ""),
				 json_string_value(json_object_get(e, "name")));
			html_raw(h, "<p class=\"govuk-body-s\">");
			html_text(h, json_string_value(json_object_get(e, "reasons")));
			html_raw(h, "</p>");
			if (sid && chosen[0] && strcmp(sid, chosen) == 0)
				gds_tag(h, "Chosen", GDS_TAG_GREEN);
			else if (sid && (ROLE_BIT(u->role) & PLACEMENT_FAMILY)) {
				gds_form_start(
					h, arena_printf(a, "/children/%s/placement/choose", c->id));
				gds_hidden(h, "csrf", u->csrf);
				gds_hidden(h, "list", list_id);
				gds_hidden(h, "setting", sid);
				gds_button(h, &(struct gds_button){
						      .text = "Choose this one",
						      .kind = GDS_BUTTON_SECONDARY,
						      .id = arena_printf(a, "choose-%zu", i + 1)});
				gds_form_end(h);
			}
			html_raw(h, "</li>");
		}
		html_raw(h, "</ol>");
		json_decref(entries);
	}
	if (ROLE_BIT(u->role) & PLACEMENT_OFFICERS) {
		gds_form_start(h, arena_printf(a, "/children/%s/placement/list", c->id));
		gds_hidden(h, "csrf", u->csrf);
		const char *why = field_error_for(errs, "list");
		if (why) /* the error summary links here, to the button's id */
			gds_error_message(h, "list", why);
		gds_button(h, &(struct gds_button){
				      .text = entries ? "Make the list again"
						      : "Make a list of suitable settings",
				      .kind = GDS_BUTTON_SECONDARY,
				      .id = "list"});
		gds_form_end(h);
	}
}

static int make_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, PLACEMENT_OFFICERS)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct child c;
	if ((rc = child_get(db, child, &c)) != 0)
		return rc;
	int max_miles;
	if (!switched_on(db, c.la_code, &max_miles))
		return resp_error(req, 409);
	struct field_errors errs = {0};
	int32_t lat = 0, lon = 0;
	if (!c.postcode[0] || postcode_where(db, c.postcode, &lat, &lon) != 0)
		field_error_add(&errs, "list", NULL,
				"The child's home postcode is not known, or not in the postcode "
				"file: add it to the record first");
	if (errs.n)
		return placement_child_page(req, 422, child, &errs);
	/* the age on 31 August before next September, when a new placement starts */
	struct date today = date_today();
	int sept_year = today.m >= 9 ? today.y + 1 : today.y;
	int age = date_age(c.date_of_birth, (struct date){sept_year, 8, 31});
	struct rank_child rc_child = {.age = age,
				      .need = c.primary_need[0] ? c.primary_need : NULL,
				      .mainstream_suitable = 1,
				      .has_coords = 1,
				      .lat_e6 = lat,
				      .lon_e6 = lon};
	struct rank_setting *s = NULL;
	size_t n = 0;
	if ((rc = placement_candidates(db, lat, lon, age, max_miles, a, &s, &n)) != 0)
		return rc;
	struct rank_entry out[LIST_LIMIT];
	struct rank_result r =
		placement_rank(&rc_child, s, n,
			       &(struct rank_options){.max_miles = max_miles, .limit = LIST_LIMIT},
			       out, LIST_LIMIT);
	json_t *entries = json_array();
	for (size_t i = 0; i < r.n; i++)
		json_array_append_new(entries,
				      json_pack("{s:s, s:s, s:s, s:i}", "setting", out[i].s->id,
						"name", out[i].s->name, "reasons", out[i].reasons,
						"group", out[i].group));
	free(s);
	json_t *inputs =
		json_pack("{s:i, s:s?, s:b, s:i, s:i, s:i, s:i}", "age", age, "need", rc_child.need,
			  "mainstream_suitable", 1, "max_miles", max_miles, "candidates", (int)n,
			  "considered", (int)r.considered, "full", (int)r.full);
	char *e = json_dumps(entries, JSON_COMPACT), *in = json_dumps(inputs, JSON_COMPACT);
	json_decref(entries);
	json_decref(inputs);
	char id[ID_LEN + 1], now[32];
	id_new(id);
	log_now_iso(now, sizeof(now));
	const char *v[] = {id, child, c.la_code, now, in, e, u->id};
	rc = e && in ? db_begin(db) : ERR_NOMEM;
	if (rc == 0)
		rc = placement_exec(
			db,
			"INSERT INTO tailored_list (id, child_id, la_code, made_on, inputs,"
			" entries, made_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			v, 7);
	if (rc == 0)
		rc = placement_audit(db, u->id, "create", "tailored_list", id);
	if (rc == 0)
		rc = db_commit(db);
	else if (e && in)
		db_rollback(db);
	free(e);
	free(in);
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(a, "/children/%s/placement", child));
}

static int choose_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *child = req_param(req, "id");
	int rc = access_child(req, child);
	if (rc || (rc = auth_require(req, PLACEMENT_FAMILY)) != 0)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	const char *list = req_form(req, "list"), *setting = req_form(req, "setting");
	char today[DATE_ISO_LEN + 1], stamp[TIME_ISO_LEN + 1];
	date_iso(date_today(), today);
	time_iso(time_now(), stamp); /* a request's made_on keeps the order they were made */
	/* the setting must be on that list of this child's */
	struct db_stmt *st = NULL;
	int on_list = 0;
	if ((rc = db_prepare(db,
			     "SELECT entries FROM tailored_list WHERE id = $1 AND child_id = $2",
			     &st)) != 0)
		return rc;
	if (db_bind_text(st, 1, list ? list : "") == 0 && db_bind_text(st, 2, child) == 0 &&
	    db_step(st) == DB_ROW) {
		json_error_t je;
		json_t *entries = json_loads(db_column_text(st, 0), 0, &je);
		size_t i;
		json_t *e;
		json_array_foreach(entries, i, e)
		{
			const char *sid = json_string_value(json_object_get(e, "setting"));
			on_list |= sid && setting && strcmp(sid, setting) == 0;
		}
		json_decref(entries);
	}
	db_reset(st);
	if (!on_list)
		return ERR_NOTFOUND;
	char pid[ID_LEN + 1];
	id_new(pid);
	const char *v[] = {list, setting, today};
	const char *p[] = {pid, child, setting, u->id, stamp};
	if ((rc = db_begin(db)) != 0)
		return rc;
	rc = placement_exec(db,
			    "UPDATE tailored_list SET chosen_setting_id = $2, chosen_on = $3 WHERE"
			    " id = $1",
			    v, 3);
	/* the choice is the family's preference too, for the LA to answer */
	if (rc == 0)
		rc = placement_exec(
			db,
			"INSERT INTO placement_preference (id, child_id, setting_id,"
			" mainstream_requested, reasons, made_by, made_on) VALUES ($1, $2,"
			" $3, 0, 'Chosen from the list of suitable settings', $4, $5)",
			p, 5);
	if (rc == 0)
		rc = placement_audit(db, u->id, "choose", "tailored_list", list);
	if (rc == 0)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s/placement", child));
}

/* ---- the LA's settings: its local inclusion plan's status, and the switch ---- */

static int settings_page(struct request *req, int status, const struct field_errors *errs)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	const char *plan_status = "none", *by = NULL, *on = NULL;
	struct db_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT status, signed_off_by, signed_off_on FROM local_inclusion_plan"
		       " WHERE la_code = $1",
		       &st) == 0) {
		if (db_bind_text(st, 1, u->la_code) == 0 && db_step(st) == DB_ROW) {
			plan_status = arena_strdup(a, db_column_text(st, 0));
			by = db_column_is_null(st, 1) ? NULL
						      : arena_strdup(a, db_column_text(st, 1));
			on = db_column_is_null(st, 2) ? NULL
						      : arena_strdup(a, db_column_text(st, 2));
		}
		db_reset(st);
	}
	int max_miles, on_now = switched_on(db, u->la_code, &max_miles);
	static const struct gds_choice statuses[] = {
		{.value = "draft", .text = "Draft"},
		{.value = "submitted", .text = "Submitted to the DfE Regions Group"},
		{.value = "signed_off", .text = "Signed off by the DfE Regions Group"}};
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Placements: settings for your area",
					      .errors = errs,
					      .sign_out_csrf = u->csrf});
	gds_heading(&h, &(struct gds_heading){.text = "Placements: settings for your area"});
	html_raw(&h, "<h2 class=\"govuk-heading-m\">Local inclusion plan</h2>");
	gds_p(&h, strcmp(plan_status, "signed_off") == 0
			  ? arena_printf(a, "Signed off by %s on %s.",
					 by ? by : "the Regions Group", on ? on : "")
		  : strcmp(plan_status, "none") == 0 ? "Not recorded."
						     : arena_printf(a, "Status: %s.", plan_status));
	gds_form_start(&h, "/placements/settings/plan");
	gds_hidden(&h, "csrf", u->csrf);
	gds_radios(&h,
		   &(struct gds_choices){.name = "status",
					 .legend = "Its status",
					 .legend_size = GDS_SIZE_S,
					 .items = statuses,
					 .n_items = 3,
					 .value = req_form(req, "status") ? req_form(req, "status")
									  : plan_status,
					 .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "signed_off_by",
					  .label = "Signed off by (for the Regions Group)",
					  .label_size = GDS_SIZE_S,
					  .value = req_form(req, "signed_off_by"),
					  .errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Save the plan's status",
					    .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(&h);
	html_raw(&h, "<h2 class=\"govuk-heading-m\">Tailored lists</h2>");
	gds_p(&h, on_now ? "On: caseworkers can make a list of suitable settings for a child."
			 : "Off. They can be switched on only once the local inclusion plan is "
			   "signed off by the DfE Regions Group.");
	gds_form_start(&h, "/placements/settings/lists");
	gds_hidden(&h, "csrf", u->csrf);
	static const struct gds_choice onoff[] = {{.value = "on", .text = "On"},
						  {.value = "off", .text = "Off"}};
	gds_radios(&h, &(struct gds_choices){.name = "lists",
					     .legend = "Tailored lists",
					     .legend_size = GDS_SIZE_S,
					     .items = onoff,
					     .n_items = 2,
					     .is_inline = 1,
					     .value = on_now ? "on" : "off",
					     .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "max_miles",
					  .label = "Furthest from home, in miles",
					  .label_size = GDS_SIZE_S,
					  .classes = "govuk-input--width-3",
					  .inputmode = "numeric",
					  .value = req_form(req, "max_miles")
							   ? req_form(req, "max_miles")
							   : arena_printf(a, "%d", max_miles),
					  .errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Save", .kind = GDS_BUTTON_SECONDARY});
	gds_form_end(&h);
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, status, &h);
}

static int settings_get(struct request *req)
{
	return settings_page(req, 200, NULL);
}

static int settings_post(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	int rc = auth_require(req, ROLE_BIT(ROLE_LA_MANAGER));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	const char *what = req_param(req, "what");
	struct field_errors errs = {0};
	char now[32], today[DATE_ISO_LEN + 1];
	log_now_iso(now, sizeof(now));
	date_iso(date_today(), today);
	if (strcmp(what, "plan") == 0) {
		const char *status = req_form(req, "status"), *by = req_form(req, "signed_off_by");
		int signed_off = status && strcmp(status, "signed_off") == 0;
		if (!status ||
		    (!signed_off && strcmp(status, "draft") && strcmp(status, "submitted")))
			field_error_add(&errs, "status", NULL, "Choose the plan's status");
		if (signed_off && (!by || !*by))
			field_error_add(&errs, "signed_off_by", NULL,
					"Enter who signed it off for the Regions Group");
		if (errs.n)
			return settings_page(req, 422, &errs);
		const char *v[] = {
			u->la_code, status, signed_off ? by : NULL, signed_off ? today : NULL,
			u->id,      now};
		if ((rc = db_begin(db)) != 0)
			return rc;
		rc = placement_exec(
			db,
			"INSERT INTO local_inclusion_plan (la_code, status, signed_off_by,"
			" signed_off_on, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5,"
			" $6) ON CONFLICT (la_code) DO UPDATE SET status = $2, signed_off_by"
			" = $3, signed_off_on = $4, updated_by = $5, updated_at = $6",
			v, 6);
		/* a plan no longer signed off switches tailored lists off */
		if (rc == 0 && !signed_off)
			rc = placement_exec(
				db,
				"UPDATE la_placement_setting SET tailored_lists = 0 WHERE"
				" la_code = $1",
				v, 1);
		if (rc == 0)
			rc = placement_audit(db, u->id, status, "local_inclusion_plan", u->la_code);
	} else if (strcmp(what, "lists") == 0) {
		const char *lists = req_form(req, "lists"), *m = req_form(req, "max_miles");
		int on = lists && strcmp(lists, "on") == 0;
		char *end = NULL;
		long miles = m && *m ? strtol(m, &end, 10) : 20;
		if (!lists || (!on && strcmp(lists, "off") != 0))
			field_error_add(&errs, "lists", NULL, "Choose on or off");
		else if (on && !tailored_lists_allowed(db, u->la_code))
			field_error_add(&errs, "lists", NULL,
					"Tailored lists can be switched on only when the local "
					"inclusion plan is signed off by the DfE Regions Group");
		if ((m && *m && *end) || miles < 1 || miles > 100)
			field_error_add(&errs, "max_miles", NULL, "Enter miles from 1 to 100");
		if (errs.n)
			return settings_page(req, 422, &errs);
		char ms[8];
		snprintf(ms, sizeof(ms), "%ld", miles);
		const char *v[] = {u->la_code, on ? "1" : "0", ms, u->id, now};
		if ((rc = db_begin(db)) != 0)
			return rc;
		rc = placement_exec(
			db,
			"INSERT INTO la_placement_setting (la_code, tailored_lists,"
			" max_miles, set_by, set_at) VALUES ($1, CAST($2 AS INTEGER),"
			" CAST($3 AS INTEGER), $4, $5) ON CONFLICT (la_code) DO UPDATE SET"
			" tailored_lists = CAST($2 AS INTEGER), max_miles = CAST($3 AS"
			" INTEGER), set_by = $4, set_at = $5",
			v, 5);
		if (rc == 0)
			rc = placement_audit(db, u->id, on ? "lists_on" : "lists_off",
					     "la_placement_setting", u->la_code);
	} else {
		return ERR_NOTFOUND;
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return resp_redirect(req, "/placements/settings");
}

const struct route placement_tailored_routes[] = {
	{"POST", "/children/{id}/placement/list", make_post},
	{"POST", "/children/{id}/placement/choose", choose_post},
	{"GET", "/placements/settings", settings_get},
	{"POST", "/placements/settings/{what}", settings_post},
};
const size_t placement_tailored_routes_count =
	sizeof(placement_tailored_routes) / sizeof(placement_tailored_routes[0]);
