/*
 * edit.c: changing a child or young person's details (LA caseworkers and managers): the
 * names, date of birth, sex, ethnicity, postcode, UPN, ULN, why neither is held, and the
 * primary and secondary needs. These are what the SEN2 return reads about a person, and
 * its checks (docs/sen2.md) link here. The fields shared with a new record are checked
 * by child_check; the record and its audit row are saved in one transaction, or nothing.
 */
#include <stdio.h>
#include <string.h>

#include "access/access.h"
#include "people/page.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/err.h"

#define LA_STAFF (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))
#define NEEDS_MAX 20

/* the reasons of SEN2's UPNunknown item (reference/sen2/YYYY.json, list UPNunknown) */
static const struct gds_option upn_unknown[] = {
	{.value = "", .text = "Not needed: they have a UPN or ULN"},
	{.value = "UN1", .text = "UN1"},
	{.value = "UN2", .text = "UN2"},
	{.value = "UN3", .text = "UN3"},
	{.value = "UN4", .text = "UN4"},
	{.value = "UN5", .text = "UN5"},
};
#define N_UNKNOWN (sizeof(upn_unknown) / sizeof(upn_unknown[0]))

static size_t need_options(struct db *db, struct arena *a, struct gds_option *out, size_t cap)
{
	size_t n = 0;
	out[n++] = (struct gds_option){.value = "", .text = "None recorded"};
	struct db_stmt *st = NULL;
	if (db_prepare(db, "SELECT code, name FROM need_type ORDER BY sort_order", &st))
		return n;
	while (n < cap && db_step(st) == DB_ROW)
		out[n++] = (struct gds_option){.value = arena_strdup(a, db_column_text(st, 0)),
					       .text = arena_strdup(a, db_column_text(st, 1))};
	db_reset(st);
	return n;
}

/* a field's value: as sent when the form came back with errors, else as stored */
static const char *value(struct request *req, int sent, const char *name, const char *stored)
{
	return sent ? req_form(req, name) : stored;
}

static int form_page(struct request *req, int status, const struct child *c,
		     const struct field_errors *errs)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	int sent = errs != NULL;
	struct gds_option eth[ETHNICITY_MAX], needs[NEEDS_MAX];
	size_t n_eth = people_ethnicity_options(db, a, eth, ETHNICITY_MAX);
	size_t n_needs = need_options(db, a, needs, NEEDS_MAX);
	char d[3][8];
	snprintf(d[0], sizeof(d[0]), "%d", c->date_of_birth.d);
	snprintf(d[1], sizeof(d[1]), "%d", c->date_of_birth.m);
	snprintf(d[2], sizeof(d[2]), "%d", c->date_of_birth.y);
	const char *action = arena_printf(a, "/children/%s/edit", c->id);
	struct html h;
	html_init(&h);
	people_page_start(&h, u, "Change their details", errs, NULL);
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_back_link(&h, arena_printf(a, "/children/%s", c->id), "Back to the record");
	gds_heading(&h, &(struct gds_heading){.text = "Change their details",
					      .caption = arena_printf(a, "%s %s", c->given_name,
								      c->family_name)});
	gds_form_start(&h, action);
	gds_hidden(&h, "csrf", u->csrf);
	gds_input(&h, &(struct gds_input){.name = "given-name",
					  .label = "First name",
					  .value = value(req, sent, "given-name", c->given_name),
					  .spellcheck = -1,
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "family-name",
					  .label = "Last name",
					  .value = value(req, sent, "family-name", c->family_name),
					  .spellcheck = -1,
					  .errors = errs});
	gds_date_input(&h, &(struct gds_date_input){.name = "dob",
						    .legend = "Date of birth",
						    .legend_size = GDS_SIZE_S,
						    .day = value(req, sent, "dob-day", d[0]),
						    .month = value(req, sent, "dob-month", d[1]),
						    .year = value(req, sent, "dob-year", d[2]),
						    .errors = errs});
	static const struct gds_choice sexes[] = {{.value = "F", .text = "Female"},
						  {.value = "M", .text = "Male"}};
	gds_radios(&h, &(struct gds_choices){.name = "sex",
					     .legend = "Sex",
					     .legend_size = GDS_SIZE_S,
					     .items = sexes,
					     .n_items = 2,
					     .value = value(req, sent, "sex", c->sex),
					     .is_inline = 1,
					     .errors = errs});
	gds_select(&h, &(struct gds_select){.name = "ethnicity",
					    .label = "Ethnicity",
					    .items = eth,
					    .n_items = n_eth,
					    .value = value(req, sent, "ethnicity", c->ethnicity),
					    .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "postcode",
					  .label = "Home postcode",
					  .classes = "govuk-input--width-10",
					  .autocomplete = "off",
					  .value = value(req, sent, "postcode", c->postcode),
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "upn",
					  .label = "Unique pupil number (UPN), if they have one",
					  .hint = "13 characters, starting with a letter",
					  .classes = "govuk-input--width-20",
					  .spellcheck = -1,
					  .value = value(req, sent, "upn", c->upn),
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "uln",
					  .label = "Unique learner number (ULN), if they have one",
					  .hint = "10 digits",
					  .classes = "govuk-input--width-10",
					  .inputmode = "numeric",
					  .value = value(req, sent, "uln", c->uln),
					  .errors = errs});
	gds_select(&h,
		   &(struct gds_select){
			   .name = "upn-unknown",
			   .label = "Why there is neither a UPN nor a ULN",
			   .hint = "The reason code the SEN2 return asks for when both are missing",
			   .items = upn_unknown,
			   .n_items = N_UNKNOWN,
			   .value = value(req, sent, "upn-unknown", c->upn_unknown),
			   .errors = errs});
	gds_select(&h,
		   &(struct gds_select){.name = "primary-need",
					.label = "Primary need",
					.items = needs,
					.n_items = n_needs,
					.value = value(req, sent, "primary-need", c->primary_need),
					.errors = errs});
	gds_select(&h, &(struct gds_select){
			       .name = "secondary-need",
			       .label = "Secondary need",
			       .items = needs,
			       .n_items = n_needs,
			       .value = value(req, sent, "secondary-need", c->secondary_need),
			       .errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Save changes", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_grid_end(&h);
	return people_send(req, status, &h);
}

/* the child, when the signed-in LA caseworker or manager may change their record */
static int load(struct request *req, struct child *c)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc || (rc = auth_require(req, LA_STAFF)) != 0)
		return rc;
	return child_get(req_db(req), id, c);
}

int people_edit_child_form(struct request *req)
{
	struct child c;
	int rc = load(req, &c);
	return rc ? rc : form_page(req, 200, &c, NULL);
}

/* a code of the list, or "" */
static int known(struct db *db, const char *sql, const char *code)
{
	return !code[0] || people_code_exists(db, sql, code);
}

int people_edit_child(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	struct child c;
	int rc = load(req, &c);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct child_input in = {
		.given_name = req_form(req, "given-name"),
		.family_name = req_form(req, "family-name"),
		.dob_day = req_form(req, "dob-day"),
		.dob_month = req_form(req, "dob-month"),
		.dob_year = req_form(req, "dob-year"),
		.sex = req_form(req, "sex"),
		.ethnicity = req_form(req, "ethnicity"),
		.postcode = req_form(req, "postcode"),
		.la_code = c.la_code,
		.upn = req_form(req, "upn"),
		.uln = req_form(req, "uln"),
	};
	struct field_errors errs = {0};
	struct child n;
	child_check(&in, date_today(), &n, &errs);
	const char *unknown = req_form(req, "upn-unknown");
	const char *primary = req_form(req, "primary-need");
	const char *secondary = req_form(req, "secondary-need");
	int unknown_ok = 0;
	for (size_t i = 0; unknown && i < N_UNKNOWN; i++)
		unknown_ok |= strcmp(unknown, upn_unknown[i].value) == 0;
	if (!unknown_ok)
		field_error_add(&errs, "upn-unknown", "/upn_unknown",
				"Select a reason from the list");
	static const char need_sql[] = "SELECT 1 FROM need_type WHERE code = $1";
	if (!primary || strlen(primary) >= sizeof(c.primary_need) || !known(db, need_sql, primary))
		field_error_add(&errs, "primary-need", "/primary_need",
				"Select a need from the list");
	if (!secondary || strlen(secondary) >= sizeof(c.secondary_need) ||
	    !known(db, need_sql, secondary))
		field_error_add(&errs, "secondary-need", "/secondary_need",
				"Select a need from the list");
	else if (secondary[0] && (!primary || !primary[0]))
		field_error_add(&errs, "secondary-need", "/secondary_need",
				"Select the primary need first, or no secondary need");
	else if (secondary[0] && strcmp(secondary, primary) == 0)
		field_error_add(&errs, "secondary-need", "/secondary_need",
				"Select a secondary need other than the primary need");
	if (n.ethnicity[0] &&
	    !people_code_exists(db, "SELECT 1 FROM ethnicity WHERE code = $1", n.ethnicity))
		field_error_add(&errs, "ethnicity", "/ethnicity",
				"Select an ethnicity from the list");
	if (errs.n)
		return form_page(req, 422, &c, &errs);
	/* the checked details onto the stored record; everything else stays */
	memcpy(c.given_name, n.given_name, sizeof(c.given_name));
	memcpy(c.family_name, n.family_name, sizeof(c.family_name));
	c.date_of_birth = n.date_of_birth;
	memcpy(c.sex, n.sex, sizeof(c.sex));
	memcpy(c.ethnicity, n.ethnicity, sizeof(c.ethnicity));
	memcpy(c.postcode, n.postcode, sizeof(c.postcode));
	memcpy(c.upn, n.upn, sizeof(c.upn));
	memcpy(c.uln, n.uln, sizeof(c.uln));
	snprintf(c.upn_unknown, sizeof(c.upn_unknown), "%s", unknown);
	snprintf(c.primary_need, sizeof(c.primary_need), "%s", primary);
	snprintf(c.secondary_need, sizeof(c.secondary_need), "%s", secondary);
	struct audit_entry why = {.actor_id = u->id,
				  .actor_role = role_name(u->role),
				  .action = "update",
				  .record_type = "child",
				  .request_id = req_id(req)};
	rc = child_update(db, &c, &why);
	if (rc == ERR_CONFLICT) {
		field_error_add(&errs, "upn", "/upn",
				"Another child's record has this unique pupil number");
		return form_page(req, 422, &c, &errs);
	}
	if (rc)
		return rc;
	return resp_redirect(req, arena_printf(req_arena(req), "/children/%s", c.id));
}
