/*
 * pages.c: the children's pages: the signed-in person's list (my children, my caseload,
 * our pupils, children I advise on), a child's profile (strengths first), who has looked
 * at a record, and finding a child. Adding a child is in form.c.
 *
 * Every page that shows a named child asks access_child first and writes an audit row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/access.h"
#include "people/page.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/csvout.h"
#include "platform/err.h"

#define LIST_PAGE 50

static const char *support_label(const char *status)
{
	if (strcmp(status, "ehcp") == 0)
		return "EHC plan";
	if (strcmp(status, "sen_support") == 0)
		return "SEN support";
	return "No SEN recorded";
}

static void dob_long(const char *iso, char *out, size_t n)
{
	struct date d;
	if (date_parse(iso, &d) == 0)
		date_long(d, out, n);
	else
		snprintf(out, n, "%s", "");
}

/* page_number reads ?page=N (1 when absent or not a number) */
static long page_number(struct request *req)
{
	const char *p = req_query(req, "page");
	char *end = NULL;
	long n = p ? strtol(p, &end, 10) : 1;
	if (!p || !end || *end || n < 1 || n > 1000000)
		return 1;
	return n;
}

/* children_table writes the list as a GOV.UK table, each name a link to the record */
static void children_table(struct html *h, struct arena *a, const struct child_page *pg,
			   const char *caption)
{
	struct gds_table_cell head[] = {{.text = "Name"},
					{.text = "Date of birth"},
					{.text = "Support"},
					{.text = "Primary need"},
					{.text = "Setting"}};
	size_t cols = sizeof(head) / sizeof(head[0]);
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * cols * (pg->n + 1));
	if (!cells)
		return;
	for (size_t i = 0; i < pg->n; i++) {
		const struct child_row *r = &pg->rows[i];
		char *dob = arena_alloc(a, DATE_LONG_MAX);
		if (dob)
			dob_long(r->dob, dob, DATE_LONG_MAX);
		struct gds_table_cell *row = &cells[i * cols];
		char *href = arena_alloc(a, sizeof("/children/") + ID_LEN);
		if (href) {
			memcpy(href, "/children/", sizeof("/children/") - 1);
			memcpy(href + sizeof("/children/") - 1, r->id, ID_LEN + 1);
		}
		row[0] = (struct gds_table_cell){.text = r->name, .href = href};
		row[1] = (struct gds_table_cell){.text = dob};
		row[2] = (struct gds_table_cell){.text = support_label(r->sen_status)};
		row[3] = (struct gds_table_cell){.text = r->need_name};
		row[4] = (struct gds_table_cell){.text = r->setting};
	}
	gds_table(h, &(struct gds_table){.caption = caption,
					 .caption_size = GDS_SIZE_M,
					 .head = head,
					 .cells = cells,
					 .n_cols = cols,
					 .n_rows = pg->n,
					 .scroll_label = caption});
}

static void pager(struct html *h, struct arena *a, const char *base, long page, int64_t total)
{
	long pages = (long)((total + LIST_PAGE - 1) / LIST_PAGE);
	if (pages <= 1)
		return;
	gds_pagination(
		h,
		&(struct gds_pagination){
			.prev_href =
				page > 1 ? arena_printf(a, "%s?page=%ld", base, page - 1) : NULL,
			.next_href = page < pages ? arena_printf(a, "%s?page=%ld", base, page + 1)
						  : NULL,
		});
}

/* children_csv: every child of the list, not one page of it, with ids and ISO dates */
static int children_csv(struct request *req, enum child_list which, const char *key)
{
	enum { CHUNK = 500 };
	struct child_row *rows = malloc(sizeof(*rows) * CHUNK);
	if (!rows)
		return ERR_NOMEM;
	struct buf b;
	csvout_init(&b);
	static const char *const head[] = {
		"child_id",          "name",         "date_of_birth", "support",
		"primary_need_code", "primary_need", "setting"};
	csvout_row(&b, head, sizeof(head) / sizeof(head[0]));
	int rc = 0;
	for (int64_t offset = 0;; offset += CHUNK) {
		struct child_page pg = {.rows = rows, .cap = CHUNK};
		if ((rc = child_list(req_db(req), which, key, offset, &pg)) != 0)
			break;
		for (size_t i = 0; i < pg.n; i++) {
			const struct child_row *r = &pg.rows[i];
			csvout_id(&b, r->id);
			csvout_text(&b, r->name);
			csvout_id(&b, r->dob);
			csvout_text(&b, support_label(r->sen_status));
			csvout_id(&b, r->primary_need);
			csvout_text(&b, r->need_name);
			csvout_text(&b, r->setting);
			csvout_end_row(&b);
		}
		if (pg.n < CHUNK || b.err)
			break;
	}
	free(rows);
	if (rc ||
	    (rc = audit_record(req, "list", "child_list", role_name(auth_user(req)->role))) != 0) {
		buf_release(&b);
		return rc;
	}
	return csvout_send(req, &b, "children.csv");
}

int people_children(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_PARENT) | ROLE_BIT(ROLE_YOUNG_PERSON) |
					   ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER) |
					   ROLE_BIT(ROLE_SENCO) | ROLE_BIT(ROLE_AP_PROVIDER) |
					   ROLE_BIT(ROLE_PROFESSIONAL));
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	if (u->role == ROLE_YOUNG_PERSON)
		return resp_redirect(req, arena_printf(a, "/children/%s", u->child_id));
	enum child_list which;
	const char *key, *title;
	switch (u->role) {
	case ROLE_PARENT: which = LIST_FAMILY, key = u->id, title = "My children"; break;
	case ROLE_CASEWORKER: which = LIST_CASELOAD, key = u->id, title = "My caseload"; break;
	case ROLE_LA_MANAGER: which = LIST_LA_CASES, key = u->la_code, title = "All cases"; break;
	case ROLE_PROFESSIONAL:
		which = LIST_ADVICE, key = u->id, title = "Children I advise on";
		break;
	default: which = LIST_PUPILS, key = u->org_id, title = "Our pupils"; break;
	}
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	int csv = csvout_wanted(req);
	if (csv)
		return csv < 0 ? csv : children_csv(req, which, key);
	long page = page_number(req);
	struct child_row *rows = arena_alloc(a, sizeof(*rows) * LIST_PAGE);
	if (!rows)
		return ERR_NOMEM;
	struct child_page pg = {.rows = rows, .cap = LIST_PAGE};
	if ((rc = child_list(db, which, key, (int64_t)(page - 1) * LIST_PAGE, &pg)) != 0)
		return rc;
	if ((rc = audit_record(req, "list", "child_list", role_name(u->role))) != 0)
		return rc;

	struct html h;
	html_init(&h);
	people_page_start(&h, u, title, NULL, "/children");
	gds_heading(&h, &(struct gds_heading){.text = title, .caption = u->name});
	if (pg.total == 0) {
		gds_p(&h, u->role == ROLE_PARENT ? "No children are linked to your account yet. "
						   "Ask your council's SEND team to link them."
						 : "There are no children here yet.");
	} else {
		char caption[96];
		snprintf(caption, sizeof(caption), "%lld %s", (long long)pg.total,
			 pg.total == 1 ? "child" : "children");
		children_table(&h, a, &pg, caption);
		pager(&h, a, "/children", page, pg.total);
		csvout_link(&h, req, "/children", NULL);
	}
	return people_send(req, 200, &h);
}

/* ---- one child's record ---- */

static void text_or_not_given(struct gds_summary_row *row, const char *key, const char *v)
{
	row->key = key;
	row->value = v && *v ? v : "Not recorded";
}

static const char *lookup_name(struct db *db, struct arena *a, const char *sql, const char *code)
{
	struct db_stmt *st = NULL;
	const char *out = NULL;
	if (!code || !*code || db_prepare(db, sql, &st) != 0)
		return NULL;
	if (db_bind_text(st, 1, code) == 0 && db_step(st) == DB_ROW)
		out = arena_strdup(a, db_column_text(st, 0));
	db_reset(st);
	return out;
}

int people_child(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct child c;
	if ((rc = child_get_text(db, id, a, &c)) != 0)
		return rc;
	if ((rc = audit_record(req, "read", "child", id)) != 0)
		return rc;

	char name[sizeof(c.given_name) + sizeof(c.family_name) + 2];
	snprintf(name, sizeof(name), "%s %s", c.given_name, c.family_name);
	struct html h;
	html_init(&h);
	people_page_start(&h, u, name, NULL, NULL);
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h,
		    &(struct gds_heading){.text = name, .caption = support_label(c.sen_status)});

	/* strengths first (R2): what people like about them comes before any detail */
	struct gds_summary_row about[4] = {0};
	text_or_not_given(&about[0], "What people like and admire about me", c.admired_for);
	text_or_not_given(&about[1], "My interests", c.interests);
	text_or_not_given(&about[2], "What I want to achieve", c.aspirations);
	text_or_not_given(&about[3], "How I like to communicate", c.communication);
	gds_summary_list(&h, &(struct gds_summary_list){
				     .rows = about, .n_rows = 4, .card_title = "About me"});

	struct date today = date_today();
	char dob[DATE_LONG_MAX], age[64];
	date_long(c.date_of_birth, dob, sizeof(dob));
	snprintf(age, sizeof(age), "%s (age %d)", dob, date_age(c.date_of_birth, today));
	const char *eth =
		lookup_name(db, a, "SELECT name FROM ethnicity WHERE code = $1", c.ethnicity);
	const char *la =
		lookup_name(db, a, "SELECT name FROM local_authority WHERE code = $1", c.la_code);
	const char *need =
		lookup_name(db, a, "SELECT name FROM need_type WHERE code = $1", c.primary_need);
	struct gds_summary_row details[12] = {0};
	size_t n = 0;
	details[n++] = (struct gds_summary_row){.key = "Date of birth", .value = age};
	details[n++] = (struct gds_summary_row){
		.key = "Sex", .value = strcmp(c.sex, "F") == 0 ? "Female" : "Male"};
	text_or_not_given(&details[n++], "Ethnicity", eth);
	text_or_not_given(&details[n++], "Home local authority", la);
	text_or_not_given(&details[n++], "Postcode", c.postcode);
	text_or_not_given(&details[n++], "Unique pupil number", c.upn);
	text_or_not_given(&details[n++], "Unique learner number", c.uln);
	text_or_not_given(&details[n++], "First language", c.first_language);
	text_or_not_given(&details[n++], "Primary need", need);
	if (c.secondary_need[0])
		text_or_not_given(&details[n++], "Secondary need",
				  lookup_name(db, a, "SELECT name FROM need_type WHERE code = $1",
					      c.secondary_need));
	if (c.upn_unknown[0])
		text_or_not_given(&details[n++], "Why there is no UPN or ULN", c.upn_unknown);
	gds_summary_list(&h, &(struct gds_summary_list){
				     .rows = details, .n_rows = n, .card_title = "Details"});
	if (u->role == ROLE_CASEWORKER || u->role == ROLE_LA_MANAGER) {
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_link(&h, arena_printf(a, "/children/%s/edit", id), "Change their details");
		html_raw(&h, "</p>");
	}

	/* parents and carers linked to the record, and who holds parental responsibility */
	struct db_stmt *st = NULL;
	struct gds_summary_row family[8] = {0};
	size_t nf = 0;
	if (db_prepare(db,
		       "SELECT m.name, f.relationship, f.parental_responsibility FROM family_link f"
		       " JOIN family_member m ON m.id = f.family_member_id WHERE f.child_id = $1"
		       " ORDER BY m.name",
		       &st) == 0) {
		if (db_bind_text(st, 1, id) == 0)
			while (nf < 8 && db_step(st) == DB_ROW) {
				const char *rel = db_column_text(st, 1);
				if (!rel || !*rel)
					rel = "family";
				family[nf].key = arena_strdup(a, db_column_text(st, 0));
				family[nf].value = arena_printf(
					a, "%c%s%s",
					rel[0] >= 'a' && rel[0] <= 'z' ? rel[0] - 32 : rel[0],
					rel + 1,
					db_column_int64(st, 2) ? ", with parental responsibility"
							       : "");
				nf++;
			}
		db_reset(st);
	}
	if (nf)
		gds_summary_list(&h,
				 &(struct gds_summary_list){.rows = family,
							    .n_rows = nf,
							    .card_title = "Parents and carers"});
	gds_heading(&h, &(struct gds_heading){.text = "Who makes decisions", .level = 2});
	if (rights_holder_is_young_person(c.date_of_birth, today))
		gds_inset_text(&h, "They are over compulsory school age, so they make decisions "
				   "about their own support and this record. Their parents take "
				   "part only if they agree (Children and Families Act 2014, "
				   "section 80).");
	else
		gds_inset_text(&h, "They are of compulsory school age or younger, so their "
				   "parents or carers make decisions about their support with "
				   "them.");
	html_raw(&h, "<p class=\"govuk-body\">");
	gds_link(&h, arena_printf(a, "/children/%s/assessment", c.id),
		 "Education, health and care needs assessment");
	html_raw(&h, "</p><p class=\"govuk-body\">");
	gds_link(&h, arena_printf(a, "/children/%s/plan", c.id), "Education, health and care plan");
	html_raw(&h, "</p><p class=\"govuk-body\">");
	gds_link(&h, arena_printf(a, "/children/%s/placement", c.id), "School or college");
	html_raw(&h, "</p><p class=\"govuk-body\">");
	gds_link(&h, arena_printf(a, "/children/%s/disagree", c.id), "Disagreeing with a decision");
	html_raw(&h, "</p><p class=\"govuk-body\">");
	gds_link(&h, arena_printf(a, "/children/%s/access-log", c.id),
		 "See who has looked at this record");
	html_raw(&h, "</p>");
	gds_grid_end(&h);
	return people_send(req, 200, &h);
}

int people_child_access_log(struct request *req)
{
	const char *id = req_param(req, "id");
	int rc = access_child(req, id);
	if (rc)
		return rc;
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	struct child c;
	if ((rc = child_get(db, id, &c)) != 0)
		return rc;
	if ((rc = audit_record(req, "read", "child_access_log", id)) != 0)
		return rc;
	audit_writer_flush(); /* the list includes every read so far, this one too */
	struct db_stmt *st = NULL;
	rc = db_prepare(db,
			"SELECT e.at, u.name, e.actor_role, e.action FROM audit_event e"
			" LEFT JOIN user_account u ON u.id = e.actor_id"
			" WHERE e.record_type IN ('child', 'child_access_log') AND e.record_id = $1"
			" ORDER BY e.seq DESC LIMIT 200",
			&st);
	if (rc)
		return rc;
	size_t cap = 200, n = 0;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 3 * cap);
	if (!cells) {
		db_reset(st);
		return ERR_NOMEM;
	}
	if ((rc = db_bind_text(st, 1, id)) == 0) {
		while ((rc = db_step(st)) == DB_ROW && n < cap) {
			const char *at = db_column_text(st, 0);
			struct date d;
			char when[DATE_LONG_MAX + 16] = "";
			if (at && strlen(at) >= 16 &&
			    date_parse(arena_strndup(a, at, 10), &d) == 0) {
				char day[DATE_LONG_MAX];
				date_long(d, day, sizeof(day));
				snprintf(when, sizeof(when), "%s, %.5s", day, at + 11);
			}
			const char *who =
				db_column_is_null(st, 1) ? "The system" : db_column_text(st, 1);
			const char *role = role_label(role_parse(db_column_text(st, 2)));
			const char *action = db_column_text(st, 3);
			cells[n * 3] = (struct gds_table_cell){.text = arena_strdup(a, when)};
			cells[n * 3 + 1] = (struct gds_table_cell){
				.text = arena_printf(a, "%s (%s)", who, role)};
			cells[n * 3 + 2] = (struct gds_table_cell){
				.text = strcmp(action, "create") == 0   ? "Created the record"
					: strcmp(action, "update") == 0 ? "Changed the record"
									: "Looked at the record"};
			n++;
		}
		rc = rc == DB_ROW || rc == DB_DONE ? 0 : rc;
	}
	db_reset(st);
	if (rc)
		return rc;
	char name[sizeof(c.given_name) + sizeof(c.family_name) + 2];
	snprintf(name, sizeof(name), "%s %s", c.given_name, c.family_name);
	struct html h;
	html_init(&h);
	people_page_start(&h, u, "Who has looked at this record", NULL, NULL);
	gds_back_link(&h, arena_printf(a, "/children/%s", c.id), "Back to the record");
	gds_heading(&h, &(struct gds_heading){.text = "Who has looked at this record",
					      .caption = name});
	gds_p(&h, "Every time someone opens this record, we write down who it was and when. "
		  "Nobody can change or remove this list.");
	static const struct gds_table_cell head[] = {
		{.text = "When (UK time is shown as UTC)"}, {.text = "Who"}, {.text = "What"}};
	gds_table(&h, &(struct gds_table){.head = head,
					  .cells = cells,
					  .n_cols = 3,
					  .n_rows = n,
					  .scroll_label = "Who has looked at this record"});
	return people_send(req, 200, &h);
}

/* ---- finding a child ---- */

static int search_page(struct request *req, int status, const struct field_errors *errs,
		       const struct child_page *pg)
{
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct html h;
	html_init(&h);
	people_page_start(&h, u, "Find a child", errs, "/children/search");
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h, &(struct gds_heading){.text = "Find a child"});
	gds_p(&h, u->role == ROLE_CASEWORKER || u->role == ROLE_LA_MANAGER
			  ? "Search the children and young people who live in your local "
			    "authority."
			  : "Search the children on your roll or under consultation with you.");
	gds_form_start(&h, "/children/search");
	gds_hidden(&h, "csrf", u->csrf);
	gds_input(&h, &(struct gds_input){.name = "name",
					  .label = "Name",
					  .hint = "The start of their first or last name",
					  .value = req_form(req, "name"),
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
	gds_input(&h, &(struct gds_input){.name = "upn",
					  .label = "Unique pupil number (UPN)",
					  .classes = "govuk-input--width-20",
					  .spellcheck = -1,
					  .value = req_form(req, "upn"),
					  .errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Search"});
	gds_form_end(&h);
	gds_grid_end(&h);
	if (pg) {
		char caption[96];
		snprintf(caption, sizeof(caption), "%lld %s found%s", (long long)pg->total,
			 pg->total == 1 ? "child" : "children",
			 pg->total > (int64_t)pg->n ? ": the first 50 are shown" : "");
		if (pg->total == 0)
			gds_p(&h, "No children match. Check the spelling, or search with fewer "
				  "details.");
		else
			children_table(&h, a, pg, caption);
	}
	return people_send(req, status, &h);
}

int people_search_form(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER) |
					   ROLE_BIT(ROLE_SENCO) | ROLE_BIT(ROLE_AP_PROVIDER));
	return rc ? rc : search_page(req, 200, NULL, NULL);
}

int people_search_check(const char *name, const char *dd, const char *mm, const char *yy,
			const char *dob_iso, const char *upn, struct arena *a,
			struct child_query *q, struct field_errors *errs)
{
	memset(q, 0, sizeof(*q));
	int have_date = (dd && *dd) || (mm && *mm) || (yy && *yy) || (dob_iso && *dob_iso);
	if (have_date) {
		struct date d;
		char iso[DATE_ISO_LEN + 1];
		int ok;
		if (dob_iso) {
			ok = date_parse(dob_iso, &d) == 0;
		} else {
			char *e1 = NULL, *e2 = NULL, *e3 = NULL;
			long v1 = dd ? strtol(dd, &e1, 10) : 0, v2 = mm ? strtol(mm, &e2, 10) : 0,
			     v3 = yy ? strtol(yy, &e3, 10) : 0;
			ok = dd && mm && yy && *dd && *mm && *yy && !*e1 && !*e2 && !*e3 &&
			     v3 >= 1000 && date_valid((int)v3, (int)v2, (int)v1);
			d = (struct date){(int)v3, (int)v2, (int)v1};
		}
		if (!ok) {
			field_error_add(errs, "dob-day", "/date_of_birth",
					"Date of birth must be a real date");
		} else {
			date_iso(d, iso);
			q->dob = arena_strdup(a, iso);
		}
	}
	if (name && *name) {
		if (strlen(name) > NAME_MAX_LEN * 4)
			field_error_add(errs, "name", "/name",
					"Name must be 100 characters or fewer");
		else
			q->name = name;
	}
	if (upn && *upn) {
		char up[16];
		size_t l = strlen(upn);
		if (l != 13) {
			field_error_add(errs, "upn", "/upn",
					"Unique pupil number must be 13 characters");
		} else {
			for (size_t i = 0; i <= l; i++)
				up[i] = (char)(upn[i] >= 'a' && upn[i] <= 'z' ? upn[i] - 32
									      : upn[i]);
			q->upn = arena_strdup(a, up);
		}
	}
	if (!errs->n && !q->name && !q->dob && !q->upn)
		field_error_add(errs, "name", "/name",
				"Enter a name, a date of birth or a unique pupil number");
	return (int)errs->n;
}

void people_search_scope(const struct user *u, struct child_query *q)
{
	if (u->role == ROLE_CASEWORKER || u->role == ROLE_LA_MANAGER)
		q->la_code = u->la_code;
	else
		q->org_id = u->org_id;
}

int people_search(struct request *req)
{
	int rc = auth_require(req, ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER) |
					   ROLE_BIT(ROLE_SENCO) | ROLE_BIT(ROLE_AP_PROVIDER));
	if (rc)
		return rc;
	if (req_form_bad(req))
		return ERR_INVALID;
	const struct user *u = auth_user(req);
	struct arena *a = req_arena(req);
	struct field_errors errs = {0};
	struct child_query q;
	if (people_search_check(req_form(req, "name"), req_form(req, "dob-day"),
				req_form(req, "dob-month"), req_form(req, "dob-year"), NULL,
				req_form(req, "upn"), a, &q, &errs))
		return search_page(req, 422, &errs, NULL);
	people_search_scope(u, &q);
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	struct child_row *rows = arena_alloc(a, sizeof(*rows) * LIST_PAGE);
	if (!rows)
		return ERR_NOMEM;
	struct child_page pg = {.rows = rows, .cap = LIST_PAGE};
	if ((rc = child_search(db, &q, 0, &pg)) != 0)
		return rc;
	if ((rc = audit_record(req, "search", "child_list", NULL)) != 0)
		return rc;
	return search_page(req, 200, NULL, &pg);
}
