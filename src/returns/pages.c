/*
 * pages.c: the SEN2 return for the LA's SEND manager or caseworker.
 *
 *   GET /returns/sen2?year=YYYY            the checks (errors, then queries), each child
 *                                          linked to the page to fix it, and downloads
 *   GET /returns/sen2/return.xml?year=     the return, validated against the XSD first
 *   GET /returns/sen2/tables/{name}?year=  one of the tables DfE publishes, as CSV
 *
 * The year defaults to the next census: this January's until its census day, then next
 * year's. Every view of the checks (which name children) is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "people/page.h"
#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/err.h"
#include "platform/gds.h"
#include "platform/html.h"
#include "platform/http.h"
#include "platform/router.h"
#include "returns/sen2.h"

#define SEN2_STAFF (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))

static char reference_dir[512] = "reference";

void sen2_init(const char *dir)
{
	snprintf(reference_dir, sizeof(reference_dir), "%s", dir);
}

/* the year asked for, else the next census's; 0 when ?year= is not a year */
static int year_of(struct request *req)
{
	const char *q = req_query(req, "year");
	if (q) {
		char *end;
		long y = strtol(q, &end, 10);
		return *end || end == q || y < 2000 || y > 2100 ? 0 : (int)y;
	}
	struct date today = date_today();
	struct sen2_year y;
	char err[256];
	if (!sen2_year_load(reference_dir, today.y, &y, err, sizeof(err)) &&
	    date_cmp(today, y.census) <= 0)
		return today.y;
	return today.y + 1;
}

/* load the year and the LA's return; an error status when it cannot be had */
static int load(struct request *req, struct sen2_year *y, struct sen2_return *r)
{
	int rc = auth_require(req, SEN2_STAFF);
	if (rc)
		return rc;
	int year = year_of(req);
	char err[512];
	if (!year || sen2_year_load(reference_dir, year, y, err, sizeof(err)))
		return ERR_NOTFOUND;
	if (sen2_load(req_db(req), y, auth_user(req)->la_code, r, err, sizeof(err)))
		return ERR_DB;
	sen2_stamp(r);
	return 0;
}

static void issues_table(struct html *h, struct arena *a, const struct sen2_checks *c,
			 enum sen2_severity sev, const char *caption)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += c->issues[i].severity == sev;
	if (!n)
		return;
	struct gds_table_cell *cells = arena_alloc(a, sizeof(*cells) * 3 * n);
	if (!cells)
		return;
	size_t k = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct sen2_issue *x = &c->issues[i];
		if (x->severity != sev)
			continue;
		struct gds_table_cell *row = &cells[3 * k++];
		row[0] = (struct gds_table_cell){
			.text = x->child_name ? x->child_name : "The whole return", .href = x->fix};
		row[1] = (struct gds_table_cell){.text = x->code};
		row[2] = (struct gds_table_cell){.text = x->message};
	}
	static const struct gds_table_cell head[] = {{.text = "Child or young person"},
						     {.text = "Check"},
						     {.text = "What to fix or explain"}};
	gds_table(h, &(struct gds_table){.caption = caption,
					 .caption_size = GDS_SIZE_M,
					 .head = head,
					 .cells = cells,
					 .n_cols = 3,
					 .n_rows = n,
					 .first_cell_is_header = 1,
					 .scroll_label = caption});
}

static int sen2_page(struct request *req)
{
	struct sen2_year y;
	struct sen2_return r;
	int rc = load(req, &y, &r);
	if (rc)
		return rc;
	struct sen2_checks c;
	struct arena *a = req_arena(req);
	const struct user *u = auth_user(req);
	if (sen2_check(&r, &c) != 0 ||
	    (rc = audit_record(req, "read", "sen2_return", u->la_code)) != 0) {
		sen2_release(&r);
		return rc ? rc : ERR_NOMEM;
	}
	size_t persons = 0, requests = 0, active = 0, named = 0;
	for (size_t i = 0; i < r.npersons; i++) {
		persons += r.persons[i].nin != 0;
		for (size_t j = 0; j < r.persons[i].nall; j++) {
			const struct sen2_request *q = &r.persons[i].all[j];
			requests += q->in != 0;
			active += q->in && q->active;
			named += q->in && q->named;
		}
	}
	char census[40], from[40], to[40];
	date_long(y.census, census, sizeof(census));
	date_long(y.from, from, sizeof(from));
	date_long(y.to, to, sizeof(to));
	const char *title = arena_printf(a, "SEN2 return %d", y.year);
	struct html h;
	html_init(&h);
	people_page_start(&h, u, title, NULL, "/returns/sen2");
	gds_heading(&h, &(struct gds_heading){.text = title, .caption = r.la_name});
	gds_p(&h,
	      arena_printf(a,
			   "Made from your case records. The caseload and placements are as "
			   "on the census date, %s; requests, assessments, new and ceased plans "
			   "and reviews are those of %s to %s.",
			   census, from, to));
	struct gds_summary_row rows[6] = {
		{.key = "Children and young people", .value = arena_printf(a, "%zu", persons)},
		{.key = "Requests", .value = arena_printf(a, "%zu", requests)},
		{.key = "Plans on the census date", .value = arena_printf(a, "%zu", active)},
		{.key = "Plans started or ceased in the year",
		 .value = arena_printf(a, "%zu", named)},
		{.key = "Errors (must be fixed)", .value = arena_printf(a, "%zu", c.errors)},
		{.key = "Queries (fix or explain)", .value = arena_printf(a, "%zu", c.queries)},
	};
	gds_summary_list(&h, &(struct gds_summary_list){.rows = rows, .n_rows = 6});
	if (!c.n)
		gds_inset_text(&h, "No errors and no queries: the return is ready to submit.");
	sen2_checks_sort(&c);
	issues_table(&h, a, &c, SEN2_ERROR, "Errors");
	issues_table(&h, a, &c, SEN2_QUERY, "Queries");
	gds_heading(&h, &(struct gds_heading){.text = "Downloads", .size = GDS_SIZE_M, .level = 2});
	html_raw(&h, "<ul class=\"govuk-list\"><li>");
	gds_link(&h, arena_printf(a, "/returns/sen2/return.xml?year=%d", y.year),
		 arena_printf(a, "The return for DfE COLLECT (XML, checked against the schema)"));
	html_raw(&h, "</li>");
	for (size_t i = 0; i < SEN2_TABLES; i++) {
		html_raw(&h, "<li>");
		gds_link(&h,
			 arena_printf(a, "/returns/sen2/tables/%s?year=%d", sen2_table_names[i],
				      y.year),
			 arena_printf(a, "Published table: %s (CSV)", sen2_table_names[i]));
		html_raw(&h, "</li>");
	}
	html_raw(&h, "</ul>");
	gds_page_end(&h);
	sen2_release(&r);
	return resp_html(req, 200, &h);
}

/* the return as a download: written to a private temporary directory, validated, sent */
static int sen2_xml(struct request *req)
{
	struct sen2_year y;
	struct sen2_return r;
	int rc = load(req, &y, &r);
	if (rc)
		return rc;
	if ((rc = audit_record(req, "read", "sen2_return", auth_user(req)->la_code)) != 0) {
		sen2_release(&r);
		return rc;
	}
	char dir[] = "/tmp/sendap-sen2-XXXXXX", path[64], err[1024];
	if (!mkdtemp(dir)) {
		sen2_release(&r);
		return ERR_DB;
	}
	snprintf(path, sizeof(path), "%s/return.xml", dir);
	rc = sen2_xml_write(&r, path, err, sizeof(err));
	sen2_release(&r);
	char *data = NULL;
	size_t len = 0;
	FILE *f = rc ? NULL : fopen(path, "rb");
	if (f) {
		fseek(f, 0, SEEK_END);
		long sz = ftell(f);
		rewind(f);
		data = sz >= 0 ? malloc((size_t)sz + 1) : NULL;
		len = data ? fread(data, 1, (size_t)sz, f) : 0;
		fclose(f);
	}
	char part[80];
	snprintf(part, sizeof(part), "%s.part", path);
	unlink(path);
	unlink(part);
	rmdir(dir);
	if (!data)
		return ERR_DB;
	char name[96];
	snprintf(name, sizeof(name), "attachment; filename=\"sen2-%s-%d.xml\"",
		 auth_user(req)->la_code, y.year);
	resp_header(req, "Content-Disposition", name);
	return resp_bytes(req, 200, "application/xml", data, len);
}

static int sen2_table(struct request *req)
{
	const char *name = req_param(req, "name");
	size_t i = 0;
	while (i < SEN2_TABLES && strcmp(sen2_table_names[i], name) != 0)
		i++;
	if (i == SEN2_TABLES) {
		int rc = auth_require(req, SEN2_STAFF);
		return rc ? rc : ERR_NOTFOUND;
	}
	struct sen2_year y;
	struct sen2_return r;
	int rc = load(req, &y, &r);
	if (rc)
		return rc;
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	rc = !f || sen2_table_write(&r, name, f) != 0;
	if (f)
		fclose(f);
	sen2_release(&r);
	if (rc) {
		free(data);
		return ERR_DB;
	}
	char disp[96];
	snprintf(disp, sizeof(disp), "attachment; filename=\"sen2-%s-%d-%s\"",
		 auth_user(req)->la_code, y.year, name);
	resp_header(req, "Content-Disposition", disp);
	return resp_bytes(req, 200, "text/csv; charset=utf-8", data, len);
}

const struct route sen2_routes[] = {
	{"GET", "/returns/sen2", sen2_page},
	{"GET", "/returns/sen2/return.xml", sen2_xml},
	{"GET", "/returns/sen2/tables/{name}", sen2_table},
};
const size_t sen2_routes_count = sizeof(sen2_routes) / sizeof(sen2_routes[0]);
