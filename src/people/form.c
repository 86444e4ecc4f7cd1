/*
 * form.c: adding a child or young person's record (LA caseworkers and managers). Every
 * field is checked by child_check (rules.c); the record and its audit row are saved in
 * one transaction, or nothing is.
 */
#include <stdio.h>
#include <string.h>

#include "people/page.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/err.h"

size_t people_ethnicity_options(struct db *db, struct arena *a, struct gds_option *out, size_t cap)
{
	size_t n = 0;
	out[n++] = (struct gds_option){.value = "", .text = "Not known or not given"};
	struct db_stmt *st = NULL;
	if (db_prepare(db, "SELECT code, name FROM ethnicity ORDER BY major_group, name", &st))
		return n;
	while (n < cap && db_step(st) == DB_ROW)
		out[n++] = (struct gds_option){.value = arena_strdup(a, db_column_text(st, 0)),
					       .text = arena_strdup(a, db_column_text(st, 1))};
	db_reset(st);
	return n;
}

static int form_page(struct request *req, int status, const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	struct arena *a = req_arena(req);
	struct gds_option eth[ETHNICITY_MAX];
	size_t n_eth = people_ethnicity_options(db, a, eth, ETHNICITY_MAX);
	struct html h;
	html_init(&h);
	people_page_start(&h, u, "Add a child or young person", errs, "/children/new");
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h, &(struct gds_heading){.text = "Add a child or young person"});
	gds_form_start(&h, "/children/new");
	gds_hidden(&h, "csrf", u->csrf);
	gds_input(&h, &(struct gds_input){.name = "given-name",
					  .label = "First name",
					  .value = req_form(req, "given-name"),
					  .spellcheck = -1,
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "family-name",
					  .label = "Last name",
					  .value = req_form(req, "family-name"),
					  .spellcheck = -1,
					  .errors = errs});
	gds_date_input(&h, &(struct gds_date_input){.name = "dob",
						    .legend = "Date of birth",
						    .legend_size = GDS_SIZE_S,
						    .hint = "For example, 27 3 2015",
						    .day = req_form(req, "dob-day"),
						    .month = req_form(req, "dob-month"),
						    .year = req_form(req, "dob-year"),
						    .errors = errs});
	static const struct gds_choice sexes[] = {{.value = "F", .text = "Female"},
						  {.value = "M", .text = "Male"}};
	gds_radios(&h,
		   &(struct gds_choices){.name = "sex",
					 .legend = "Sex",
					 .legend_size = GDS_SIZE_S,
					 .hint = "As recorded by their school, for the SEN2 return",
					 .items = sexes,
					 .n_items = 2,
					 .value = req_form(req, "sex"),
					 .is_inline = 1,
					 .errors = errs});
	gds_select(&h, &(struct gds_select){.name = "ethnicity",
					    .label = "Ethnicity",
					    .items = eth,
					    .n_items = n_eth,
					    .value = req_form(req, "ethnicity"),
					    .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "postcode",
					  .label = "Home postcode",
					  .classes = "govuk-input--width-10",
					  .autocomplete = "off",
					  .value = req_form(req, "postcode"),
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "upn",
					  .label = "Unique pupil number (UPN), if they have one",
					  .hint = "13 characters, starting with a letter",
					  .classes = "govuk-input--width-20",
					  .spellcheck = -1,
					  .value = req_form(req, "upn"),
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "uln",
					  .label = "Unique learner number (ULN), if they have one",
					  .hint = "10 digits",
					  .classes = "govuk-input--width-10",
					  .inputmode = "numeric",
					  .value = req_form(req, "uln"),
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "first-language",
					  .label = "First language",
					  .value = req_form(req, "first-language"),
					  .errors = errs});
	gds_textarea(&h, &(struct gds_textarea){.name = "admired-for",
						.label = "What people like and admire about them",
						.value = req_form(req, "admired-for"),
						.errors = errs});
	gds_textarea(&h, &(struct gds_textarea){.name = "interests",
						.label = "Their interests",
						.value = req_form(req, "interests"),
						.errors = errs});
	gds_textarea(&h, &(struct gds_textarea){.name = "aspirations",
						.label = "What they want to achieve",
						.value = req_form(req, "aspirations"),
						.errors = errs});
	gds_textarea(&h, &(struct gds_textarea){.name = "communication",
						.label = "How they like to communicate",
						.hint = "For example, signing, symbols, or short "
							"sentences with time to answer",
						.value = req_form(req, "communication"),
						.errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Save record", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_grid_end(&h);
	return people_send(req, status, &h);
}

#define LA_STAFF (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))

int people_new_child_form(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	return rc ? rc : form_page(req, 200, NULL);
}

int people_code_exists(struct db *db, const char *sql, const char *code)
{
	struct db_stmt *st = NULL;
	int found = 0;
	if (db_prepare(db, sql, &st) == 0) {
		found = db_bind_text(st, 1, code) == 0 && db_step(st) == DB_ROW;
		db_reset(st);
	}
	return found;
}

int people_new_child(struct request *req)
{
	int rc = auth_require(req, LA_STAFF);
	if (rc)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	struct child_input in = {
		.given_name = req_form(req, "given-name"),
		.family_name = req_form(req, "family-name"),
		.dob_day = req_form(req, "dob-day"),
		.dob_month = req_form(req, "dob-month"),
		.dob_year = req_form(req, "dob-year"),
		.sex = req_form(req, "sex"),
		.ethnicity = req_form(req, "ethnicity"),
		.postcode = req_form(req, "postcode"),
		.la_code = u->la_code,
		.upn = req_form(req, "upn"),
		.uln = req_form(req, "uln"),
		.first_language = req_form(req, "first-language"),
		.communication = req_form(req, "communication"),
		.admired_for = req_form(req, "admired-for"),
		.interests = req_form(req, "interests"),
		.aspirations = req_form(req, "aspirations"),
	};
	struct field_errors errs = {0};
	struct child c;
	child_check(&in, date_today(), &c, &errs);
	if (c.ethnicity[0] &&
	    !people_code_exists(db, "SELECT 1 FROM ethnicity WHERE code = $1", c.ethnicity))
		field_error_add(&errs, "ethnicity", "/ethnicity",
				"Select an ethnicity from the list");
	if (c.upn[0] && people_code_exists(db, "SELECT 1 FROM child WHERE upn = $1", c.upn))
		field_error_add(&errs, "upn", "/upn",
				"A child with this unique pupil number already has a record: "
				"find them instead");
	if (errs.n)
		return form_page(req, 422, &errs);
	struct audit_entry why = {.actor_id = u->id,
				  .actor_role = role_name(u->role),
				  .action = "create",
				  .record_type = "child",
				  .request_id = req_id(req)};
	rc = child_insert(db, &c, &why);
	if (rc == ERR_CONFLICT) {
		field_error_add(&errs, "upn", "/upn",
				"A child with this unique pupil number already has a record");
		return form_page(req, 422, &errs);
	}
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s", c.id));
}
