/*
 * directory.c: the settings directory, for anyone, signed in or not. Search by name, kind
 * of setting, need type, age, and distance from a postcode; each setting's page shows its
 * type, phase and ages, the needs it is designated for, places and how many are filled,
 * its Ofsted grade and its SEN information report.
 */
#include <stdlib.h>
#include <string.h>

#include "people/people.h"
#include "placement/placement.h"
#include "platform/err.h"
#include "platform/gds.h"
#include "platform/http.h"

#define PAGE_SIZE 20
#define NEAR_MILES 30
#define NEAR_MAX 20000

int postcode_where(struct db *db, const char *postcode, int32_t *lat, int32_t *lon)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT lat_e6, lon_e6 FROM postcode WHERE postcode = $1", &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, postcode)) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			*lat = (int32_t)db_column_int64(st, 0);
			*lon = (int32_t)db_column_int64(st, 1);
			rc = 0;
		} else {
			rc = rc == DB_DONE ? ERR_NOTFOUND : rc;
		}
	}
	db_reset(st);
	return rc;
}

struct listing {
	char id[ID_LEN + 1];
	const char *name, *la, *postcode, *ofsted, *report, *phase;
	enum setting_kind kind;
	int age_from, age_to, places, filled, has_coords;
	int32_t lat, lon;
	double miles;
	const char *needs; /* "ASD, SLD" */
};

#define SETTING_COLUMNS                                                                          \
	"o.id, o.name, coalesce(o.setting_type, ''), o.sen_unit, o.resourced_provision,"         \
	" coalesce(o.age_from, -1), coalesce(o.age_to, -1), coalesce(o.capacity, -1),"           \
	" o.lat_e6, o.lon_e6, o.ofsted, o.sen_report_url, o.postcode, l.name,"                   \
	" (SELECT count(*) FROM child_setting s WHERE s.organisation_id = o.id AND s.relation =" \
	" 'roll' AND s.ended_on IS NULL)"                                                        \
	", (SELECT p.name FROM phase p WHERE p.code = o.phase)"

static void read_listing(struct db_stmt *st, struct arena *a, struct listing *x)
{
	memset(x, 0, sizeof(*x));
	snprintf(x->id, sizeof(x->id), "%s", db_column_text(st, 0));
	x->name = arena_strdup(a, db_column_text(st, 1));
	x->kind = setting_kind_of(db_column_text(st, 2), (int)db_column_int64(st, 3),
				  (int)db_column_int64(st, 4));
	x->age_from = (int)db_column_int64(st, 5);
	x->age_to = (int)db_column_int64(st, 6);
	x->places = (int)db_column_int64(st, 7);
	x->has_coords = !db_column_is_null(st, 8) && !db_column_is_null(st, 9);
	x->lat = (int32_t)db_column_int64(st, 8);
	x->lon = (int32_t)db_column_int64(st, 9);
	x->ofsted = db_column_is_null(st, 10) ? NULL : arena_strdup(a, db_column_text(st, 10));
	x->report = db_column_is_null(st, 11) ? NULL : arena_strdup(a, db_column_text(st, 11));
	x->postcode = db_column_is_null(st, 12) ? NULL : arena_strdup(a, db_column_text(st, 12));
	x->la = db_column_is_null(st, 13) ? NULL : arena_strdup(a, db_column_text(st, 13));
	x->filled = (int)db_column_int64(st, 14);
	x->phase = db_column_is_null(st, 15) ? NULL : arena_strdup(a, db_column_text(st, 15));
	x->miles = -1;
}

/* the designated needs of the listed settings, in one query */
static void load_needs(struct db *db, struct arena *a, struct listing *xs, size_t n)
{
	if (!n)
		return;
	const char *sql = "SELECT organisation_id, need_code FROM organisation_need WHERE"
			  " organisation_id IN (";
	for (size_t i = 0; i < n; i++)
		sql = arena_printf(a, "%s%s$%zu", sql, i ? ", " : "", i + 1);
	sql = arena_printf(a, "%s) ORDER BY organisation_id, need_code", sql);
	struct db_stmt *st = NULL;
	if (!sql || db_prepare(db, sql, &st) != 0)
		return;
	for (size_t i = 0; i < n; i++)
		db_bind_text(st, (int)i + 1, xs[i].id);
	while (db_step(st) == DB_ROW)
		for (size_t i = 0; i < n; i++)
			if (strcmp(xs[i].id, db_column_text(st, 0)) == 0)
				xs[i].needs = xs[i].needs ? arena_printf(a, "%s, %s", xs[i].needs,
									 db_column_text(st, 1))
							  : arena_strdup(a, db_column_text(st, 1));
	db_reset(st);
}

static const char *ages(struct arena *a, const struct listing *x)
{
	if (x->age_from < 0)
		return "Not known";
	if (x->age_to >= 99)
		return arena_printf(a, "%d and over", x->age_from);
	return arena_printf(a, "%d to %d", x->age_from, x->age_to);
}

static const char *places_text(struct arena *a, const struct listing *x)
{
	if (x->places < 0)
		return arena_printf(a, "%d on roll", x->filled);
	return arena_printf(a, "%d place%s, %d filled", x->places, x->places == 1 ? "" : "s",
			    x->filled);
}

static int by_miles(const void *pa, const void *pb)
{
	const struct listing *a = pa, *b = pb;
	if (a->miles != b->miles)
		return a->miles < b->miles ? -1 : 1;
	return strcmp(a->name, b->name);
}

static const struct gds_option kind_options[] = {
	{.value = "", .text = "Any kind"},
	{.value = "mainstream", .text = "Mainstream"},
	{.value = "unit", .text = "Mainstream with a SEN unit or resourced provision"},
	{.value = "special", .text = "Special school"},
	{.value = "independent", .text = "Independent or non-maintained special school"},
	{.value = "fe", .text = "Further education and post-16"},
	{.value = "early", .text = "Early years"},
	{.value = "ap", .text = "Alternative provision"},
};

/* kind_where: the SQL condition for the kind asked for ("fe" is two kinds) */
static const char *kind_where(struct arena *a, const char *want)
{
	static const struct {
		const char *name;
		enum setting_kind a, b;
	} m[] = {{"mainstream", KIND_MAINSTREAM, KIND_MAINSTREAM},
		 {"unit", KIND_MAINSTREAM_UNIT, KIND_MAINSTREAM_UNIT},
		 {"special", KIND_SPECIAL, KIND_SPECIAL},
		 {"independent", KIND_INDEPENDENT, KIND_INDEPENDENT},
		 {"fe", KIND_FE, KIND_POST16_SPECIAL},
		 {"early", KIND_EARLY_YEARS, KIND_EARLY_YEARS},
		 {"ap", KIND_AP, KIND_AP}};
	if (!want || !*want)
		return "1 = 1";
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strcmp(want, m[i].name) == 0) {
			char x[400], y[400];
			setting_kind_where(m[i].a, x, sizeof(x));
			setting_kind_where(m[i].b, y, sizeof(y));
			return arena_printf(a, "(%s OR %s)", x, y);
		}
	return "1 = 0";
}

static int bind_filters(struct db_stmt *st, const char *like, const char *need, long age, int box,
			int64_t lat0, int64_t lat1, int64_t lon0, int64_t lon1)
{
	int rc = db_bind_text(st, 1, like);
	if (rc == 0)
		rc = db_bind_text(st, 2, need ? need : "");
	if (rc == 0)
		rc = db_bind_int64(st, 3, age);
	if (rc == 0 && box)
		rc = db_bind_int64(st, 4, lat0) || db_bind_int64(st, 5, lat1) ||
		     db_bind_int64(st, 6, lon0) || db_bind_int64(st, 7, lon1);
	return rc;
}

static void listing_row(struct html *h, struct arena *a, const struct listing *x)
{
	html_raw(h, "<div class=\"govuk-summary-card\"><div class=\"govuk-summary-card__title-"
		    "wrapper\"><h2 class=\"govuk-summary-card__title\">");
	gds_link(h, arena_printf(a, "/settings/%s", x->id), x->name);
	html_raw(h, "</h2></div><div class=\"govuk-summary-card__content\">");
	struct gds_summary_row rows[6] = {
		{.key = "Kind", .value = setting_kind_label(x->kind)},
		{.key = "Ages", .value = ages(a, x)},
		{.key = "Designated for", .value = x->needs ? x->needs : "No particular need"},
		{.key = "Places", .value = places_text(a, x)},
		{.key = "Ofsted", .value = ofsted_label(ofsted_parse(x->ofsted))},
		{.key = "Distance",
		 .value = x->miles >= 0 ? arena_printf(a, "%.1f miles", x->miles)
					: "Not worked out"}};
	gds_summary_list(h, &(struct gds_summary_list){
				    .rows = rows, .n_rows = x->miles >= 0 ? 6 : 5, .no_border = 1});
	html_raw(h, "</div></div>");
}

static int directory(struct request *req)
{
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	const char *q = req_query(req, "q"), *kind = req_query(req, "kind");
	const char *need = req_query(req, "need"), *near = req_query(req, "near");
	const char *age_s = req_query(req, "age"), *page_s = req_query(req, "page");
	struct field_errors errs = {0};
	char pc[16] = "";
	int32_t lat = 0, lon = 0;
	int has_near = 0;
	if (near && *near) {
		if (postcode_normalise(near, pc, sizeof(pc)) != 0)
			field_error_add(&errs, "near", NULL, "Enter a postcode, like SW1A 1AA");
		else if (postcode_where(db, pc, &lat, &lon) != 0)
			field_error_add(&errs, "near", NULL,
					"We do not know where that postcode is: try a nearby one");
		else
			has_near = 1;
	}
	char *end = NULL;
	long age = age_s && *age_s ? strtol(age_s, &end, 10) : -1;
	if (age_s && *age_s && (*end || age < 0 || age > 25)) {
		field_error_add(&errs, "age", NULL, "Enter an age from 0 to 25");
		age = -1;
	}
	long page = page_s ? strtol(page_s, &end, 10) : 1;
	if (page < 1 || page > 10000)
		page = 1;
	/* every filter in SQL; near a postcode, the distance in C over the box around it and
	 * the page cut after sorting; otherwise the page cut in SQL, with a count */
	const char *like = q && *q ? arena_printf(a, "%%%s%%", q) : "%";
	const char *kinds = kind_where(a, kind);
	const char *from =
		arena_printf(a,
			     " FROM organisation o LEFT JOIN local_authority l ON l.code ="
			     " o.la_code WHERE o.kind = 'setting' AND lower(o.name) LIKE lower($1)"
			     " AND ($2 = '' OR EXISTS (SELECT 1 FROM organisation_need n WHERE"
			     " n.organisation_id = o.id AND n.need_code = $2)) AND ($3 < 0 OR"
			     " (o.age_from <= $3 AND o.age_to >= $3)) AND %s%s",
			     kinds,
			     has_near ? " AND o.lat_e6 BETWEEN $4 AND $5 AND o.lon_e6 BETWEEN $6"
					" AND $7"
				      : "");
	int32_t dlat = NEAR_MILES * LAT_PER_MILE, dlon = NEAR_MILES * LON_PER_MILE;
	size_t first = (size_t)(page - 1) * PAGE_SIZE, n = 0, total = 0, shown = 0;
	struct listing *xs = arena_alloc(a, sizeof(*xs) * (has_near ? NEAR_MAX : PAGE_SIZE));
	struct db_stmt *st = NULL;
	int rc = xs && from ? 0 : ERR_NOMEM;
	if (rc == 0 && !has_near &&
	    (rc = db_prepare(db, arena_printf(a, "SELECT count(*)%s", from), &st)) == 0) {
		if (bind_filters(st, like, need, age, 0, 0, 0, 0, 0) == 0 && db_step(st) == DB_ROW)
			total = (size_t)db_column_int64(st, 0);
		db_reset(st);
	}
	if (rc == 0)
		rc = db_prepare(
			db,
			has_near ? arena_printf(a, "SELECT " SETTING_COLUMNS "%s LIMIT %d", from,
						NEAR_MAX)
				 : arena_printf(a,
						"SELECT " SETTING_COLUMNS
						"%s ORDER BY o.name, o.id LIMIT %d OFFSET $4",
						from, PAGE_SIZE),
			&st);
	if (rc)
		return rc;
	/* the SQL text is one of a fixed few (statements are cached by it): the page's
	 * offset is a parameter */
	if (bind_filters(st, like, need, age, has_near, lat - dlat, lat + dlat, lon - dlon,
			 lon + dlon) == 0 &&
	    (has_near || db_bind_int64(st, 4, (int64_t)first) == 0))
		while (n < (has_near ? NEAR_MAX : PAGE_SIZE) && db_step(st) == DB_ROW) {
			read_listing(st, a, &xs[n]);
			if (has_near) {
				if (!xs[n].has_coords)
					continue;
				xs[n].miles = distance_miles(lat, lon, xs[n].lat, xs[n].lon);
				if (xs[n].miles > NEAR_MILES)
					continue;
			}
			n++;
		}
	db_reset(st);
	struct listing *rows = xs;
	if (has_near) {
		qsort(xs, n, sizeof(*xs), by_miles);
		total = n;
		rows = xs + (first < n ? first : n);
		shown = first < n ? (n - first < PAGE_SIZE ? n - first : PAGE_SIZE) : 0;
	} else {
		shown = n;
	}
	load_needs(db, a, rows, shown);

	struct gds_option needs[20] = {{.value = "", .text = "Any need"}};
	size_t nn = 1;
	if (db_prepare(db, "SELECT code, name FROM need_type ORDER BY name", &st) == 0) {
		while (nn < 20 && db_step(st) == DB_ROW)
			needs[nn++] =
				(struct gds_option){.value = arena_strdup(a, db_column_text(st, 0)),
						    .text = arena_strdup(a, db_column_text(st, 1))};
		db_reset(st);
	}
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Find a school, college or other setting",
					      .errors = errs.n ? &errs : NULL,
					      .sign_out_csrf = u ? u->csrf : NULL});
	gds_heading(&h, &(struct gds_heading){.text = "Find a school, college or other setting"});
	gds_p(&h, "Every school, college, special school and other setting, with the needs it is "
		  "designated for and its places. You can ask for any of them to be named in a "
		  "plan, including a mainstream school.");
	html_raw(&h, "<form method=\"get\" action=\"/settings\" novalidate>");
	gds_input(&h, &(struct gds_input){.name = "q",
					  .label = "Name",
					  .label_size = GDS_SIZE_S,
					  .value = q,
					  .errors = &errs});
	gds_select(&h,
		   &(struct gds_select){.name = "kind",
					.label = "Kind of setting",
					.label_size = GDS_SIZE_S,
					.items = kind_options,
					.n_items = sizeof(kind_options) / sizeof(kind_options[0]),
					.value = kind,
					.errors = &errs});
	gds_select(&h, &(struct gds_select){.name = "need",
					    .label = "Designated for",
					    .label_size = GDS_SIZE_S,
					    .items = needs,
					    .n_items = nn,
					    .value = need,
					    .errors = &errs});
	gds_input(&h, &(struct gds_input){.name = "age",
					  .label = "Age of the child or young person",
					  .label_size = GDS_SIZE_S,
					  .inputmode = "numeric",
					  .classes = "govuk-input--width-2",
					  .value = age_s,
					  .errors = &errs});
	gds_input(&h, &(struct gds_input){
			      .name = "near",
			      .label = "Near a postcode",
			      .label_size = GDS_SIZE_S,
			      .hint = "Shows how far each is, nearest first, within 30 miles",
			      .autocomplete = "postal-code",
			      .classes = "govuk-input--width-10",
			      .value = near,
			      .errors = &errs});
	gds_button(&h, &(struct gds_button){.text = "Search"});
	html_raw(&h, "</form>");
	gds_p(&h,
	      total == 1 ? "1 setting matches." : arena_printf(a, "%zu settings match.", total));
	for (size_t i = 0; i < shown; i++)
		listing_row(&h, a, &rows[i]);
	if (total > PAGE_SIZE) {
		/* the search as typed, for the next and previous pages */
		const char *const keys[] = {"q", "kind", "need", "age", "near"};
		const char *vals[] = {q, kind, need, age_s, near};
		const char *base = "/settings?";
		for (size_t k = 0; k < 5; k++) {
			char enc[256];
			url_encode(enc, sizeof(enc), vals[k]);
			base = arena_printf(a, "%s%s=%s&", base, keys[k], enc);
		}
		gds_pagination(&h, &(struct gds_pagination){
					   .prev_href = page > 1 ? arena_printf(a, "%spage=%ld",
										base, page - 1)
								 : NULL,
					   .next_href = first + PAGE_SIZE < total
								? arena_printf(a, "%spage=%ld",
									       base, page + 1)
								: NULL});
	}
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, errs.n ? 422 : 200, &h);
}

static int setting_page(struct request *req)
{
	struct db *db = req_db(req);
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	struct db_stmt *st = NULL;
	struct listing x;
	int rc = db_prepare(db,
			    "SELECT " SETTING_COLUMNS
			    " FROM organisation o LEFT JOIN local_authority"
			    " l ON l.code = o.la_code WHERE o.id = $1 AND o.kind = 'setting'",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, req_param(req, "id"))) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			read_listing(st, a, &x);
			rc = 0;
		} else {
			rc = rc == DB_DONE ? ERR_NOTFOUND : rc;
		}
	}
	db_reset(st);
	if (rc)
		return rc;
	load_needs(db, a, &x, 1);
	struct gds_summary_row rows[8] = {
		{.key = "Kind", .value = setting_kind_label(x.kind)},
		{.key = "Phase", .value = x.phase ? x.phase : "Not known"},
		{.key = "Ages", .value = ages(a, &x)},
		{.key = "Designated for", .value = x.needs ? x.needs : "No particular need"},
		{.key = "Places", .value = places_text(a, &x)},
		{.key = "Ofsted", .value = ofsted_label(ofsted_parse(x.ofsted))},
		{.key = "Postcode", .value = x.postcode ? x.postcode : "Not known"},
		{.key = "Local authority", .value = x.la ? x.la : "Not known"}};
	struct html h;
	html_init(&h);
	gds_page_start(&h,
		       &(struct gds_page){.title = x.name, .sign_out_csrf = u ? u->csrf : NULL});
	gds_back_link(&h, "/settings", "Back to the directory");
	gds_heading(&h, &(struct gds_heading){.text = x.name});
	gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = 8});
	if (x.report) {
		html_raw(&h, "<p class=\"govuk-body\">");
		gds_link(&h, x.report, "Its SEN information report (on its own website)");
		html_raw(&h, "</p>");
	}
	gds_page_end(&h);
	if ((rc = html_error(&h)) != 0) {
		html_release(&h);
		return rc;
	}
	return resp_html(req, 200, &h);
}

const struct route placement_directory_routes[] = {
	{"GET", "/settings", directory},
	{"GET", "/settings/{id}", setting_page},
};
const size_t placement_directory_routes_count =
	sizeof(placement_directory_routes) / sizeof(placement_directory_routes[0]);
