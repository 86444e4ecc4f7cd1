/*
 * http_sen2_page.c: the SEN2 return's pages (src/returns/pages.c) against a real sendap:
 * GET /returns/sen2?year=, /returns/sen2/return.xml?year= and /returns/sen2/tables/NAME.
 * Two LAs' records are written by SQL (sen2_fixture.h); collection year 2027, so the
 * census is 21 January 2027 and the year is 2026.
 *
 *   LA 202 (Camden): Ada Marchbanks and Bea Thistlewood, plans of 2024 on the roll of
 *     s202 (clean); Eli Cotterill, a plan of 2024 and no placement (E08); Fay
 *     Wolstenholme, a request of 16 March 2026 refused 20 April (clean). So 4 persons,
 *     4 requests (1 received in 2026), 3 plans on the census date, none new or ceased,
 *     1 error, no queries.
 *   LA 203 (Greenwich): Cyd Ravensworth and Ivo Kingsolver, plans on s203's roll; Dov
 *     Peverell, a plan with no placement (E08); Gil Fairweather and Hew Ormerod, requests
 *     of 2026 refused. So 5 persons, 2 requests received in 2026, 1 error.
 *
 * The people: the SEND managers of 202 and 203, a caseworker of 202, the SENCo of s202,
 * a parent, a DfE analyst and an admin. Checked, as tally lines: each LA sees its own
 * children only, on the page, in the XML (which validates against the XSD) and in the
 * tables; the page's figures and its E08 row with the link to fix it; each view of the
 * checks and of the XML is audited; every other role is refused 403 and nobody signed in
 * is sent to sign in; a year that is not one, or has no year file, is 404; no surname
 * reaches the server's log.
 *
 * Against SQLite by default; with SENDAP_TEST_PG_URL set, against that PostgreSQL
 * (sh scripts/with-pg.sh build/asan/tests/http_sen2_page).
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "platform/auth.h"
#include "platform/dates.h"
#include "platform/ids.h"
#include "sen2_fixture.h"

#define PASSWORD "correct horse battery"
#define PAGE "/returns/sen2?year=2027"
#define XML "/returns/sen2/return.xml?year=2027"
#define REQUESTS "/returns/sen2/tables/requests.csv?year=2027"

static struct tally tl = {"http sen2 page (sqlite)", 0, 0};
static struct response R; /* the last answer: each request releases the one before */
static struct buf got;

enum who { ANON, MGR, CW, MGR3, SENCO, PARENT, ANALYST, ADMIN, N_WHO };
static struct {
	const char *key, *role, *la, *org;
	char id[ID_LEN + 1], cookie[300], csrf[64];
} who[N_WHO] = {
	[ANON] = {"nobody", NULL, NULL, NULL},
	[MGR] = {"mgr202", "la_manager", "202", NULL},
	[CW] = {"cw202", "caseworker", "202", NULL},
	[MGR3] = {"mgr203", "la_manager", "203", NULL},
	[SENCO] = {"senco202", "senco", NULL, "s202"},
	[PARENT] = {"parent", "parent", NULL, NULL},
	[ANALYST] = {"analyst", "dfe_analyst", NULL, NULL},
	[ADMIN] = {"admin", "admin", NULL, NULL},
};

/* the children: id, LA, forename, surname */
static const struct {
	const char *id, *la, *forename, *surname;
} kids[] = {
	{"c-ada", "202", "Ada", "Marchbanks"},  {"c-bea", "202", "Bea", "Thistlewood"},
	{"c-eli", "202", "Eli", "Cotterill"},   {"c-fay", "202", "Fay", "Wolstenholme"},
	{"c-cyd", "203", "Cyd", "Ravensworth"}, {"c-ivo", "203", "Ivo", "Kingsolver"},
	{"c-dov", "203", "Dov", "Peverell"},    {"c-gil", "203", "Gil", "Fairweather"},
	{"c-hew", "203", "Hew", "Ormerod"},
};
#define N_KIDS (sizeof(kids) / sizeof(kids[0]))

static int check(int ok, const char *f, ...) __attribute__((format(printf, 2, 3)));
static int check(int ok, const char *f, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, f);
	vsnprintf(what, sizeof(what), f, ap);
	va_end(ap);
	return tally_check(&tl, ok, what);
}

#define count_of(...) harness_number(harness_text(tdb, &got, __VA_ARGS__))

/* ---- the records ---- */

/* a refused request of 2026, decided within 6 weeks: in the return, and clean */
static void refused(const char *id, const char *la, const char *on, const char *decided)
{
	child(id, la, "X", "2017-06-01", "M", NULL);
	kase(fmt("k-%s", id), id, la, "parent", on);
	ev(fmt("k-%s", id), "decision_not_to_assess", decided);
}

static void seed(void)
{
	org("s202", "202", "100021", NULL, "01");
	org("s203", "203", "100031", NULL, "01");
	old_plan("c-ada", "202", "s202");
	old_plan("c-bea", "202", "s202");
	old_plan("c-eli", "202", NULL);
	refused("c-fay", "202", "2026-03-16", "2026-04-20");
	old_plan("c-cyd", "203", "s203");
	old_plan("c-ivo", "203", "s203");
	old_plan("c-dov", "203", NULL);
	refused("c-gil", "203", "2026-05-04", "2026-06-01");
	refused("c-hew", "203", "2026-06-01", "2026-07-01");
	for (size_t i = 0; i < N_KIDS; i++)
		SQL("UPDATE child SET given_name = $1, family_name = $2, search_given = lower($1),"
		    " search_family = lower($2) WHERE id = $3",
		    3, kids[i].forename, kids[i].surname, kids[i].id);

	char hash[128], ts[TIME_ISO_LEN + 1];
	time_iso(time_now(), ts);
	if (password_hash(PASSWORD, hash, sizeof(hash))) {
		fix_failed++;
		return;
	}
	for (int w = 1; w < N_WHO; w++) {
		snprintf(who[w].id, sizeof(who[w].id), "u-%s", who[w].key);
		SQL("INSERT INTO user_account (id, email, name, role, la_code, organisation_id,"
		    " password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0,"
		    " $8)",
		    8, who[w].id, fmt("%s@example.org", who[w].key), who[w].key, who[w].role,
		    who[w].la, who[w].org, hash, ts);
	}
}

/* ---- requests ---- */

static void get(enum who w, const char *path)
{
	const char *h[] = {who[w].cookie[0] ? who[w].cookie : NULL, NULL};
	response_release(&R);
	memset(&R, 0, sizeof(R));
	harness_request(&srv, "GET", path, h, NULL, 0, &R);
}

#define has(text) response_has(&R, text)

static int header_is(const char *name, const char *want)
{
	char v[256] = "";
	return response_header(&R, name, v, sizeof(v)) == 0 && strcmp(v, want) == 0;
}

/* a summary list's row, exactly */
#define ROW(k, v)                                  \
	"<dt class=\"govuk-summary-list__key\">" k \
	"</dt><dd class=\"govuk-summary-list__value\">" v "</dd>"

/* the audit rows of w's reads of their LA's return, once the background writer has
 * written at least want of them (or after 5 s) */
static long audits(enum who w, long want)
{
	long n = -1;
	for (int i = 0; i < 1000; i++) {
		n = count_of("SELECT count(*) FROM audit_event WHERE actor_id = $1 AND action ="
			     " 'read' AND record_type = 'sen2_return' AND record_id = $2",
			     2, who[w].id, who[w].la);
		if (n >= want)
			break;
		struct timespec pause = {0, 5 * 1000 * 1000};
		nanosleep(&pause, NULL);
	}
	return n;
}

/* the names of the LA's children the body holds, and of the other LA's */
static int names_of(const char *la, int own)
{
	int n = 0;
	for (size_t i = 0; i < N_KIDS; i++)
		if ((strcmp(kids[i].la, la) == 0) == own && has(kids[i].surname))
			n++;
	return n;
}

/* ---- the checks ---- */

/* the part of the body from the table captioned caption to its end, "" for none */
static const char *table_of(const char *caption)
{
	static char part[8192];
	const char *b = strstr(buf_cstr(&R.body), fmt(">%s</caption>", caption));
	const char *e = b ? strstr(b, "</table>") : NULL;
	snprintf(part, sizeof(part), "%.*s", e ? (int)(e - b) : 0, b ? b : "");
	return part;
}

/* the table's row that names the child, as text: their link, then the check */
static int error_row(const char *id, const char *name, const char *code)
{
	/* a row of the Errors table that links the child by name and holds the code */
	char link[160], cell[32];
	snprintf(link, sizeof(link), "\">%s</a>", name);
	snprintf(cell, sizeof(cell), ">%s<", code);
	for (const char *r = strstr(table_of("Errors"), "<tr"); r; r = strstr(r + 3, "<tr")) {
		const char *end = strstr(r, "</tr>");
		const char *a = strstr(r, fmt("href=\"/children/%s/", id));
		const char *n = a ? strstr(a, link) : NULL;
		const char *c = n ? strstr(n, cell) : NULL;
		if (end && c && c < end)
			return 1;
	}
	return 0;
}

/* the page of w's LA: 200, its own children only, its figures, the error, audited */
static void the_page(enum who w, const char *persons, const char *requests, int e,
		     const char *other)
{
	const char *la = who[w].la, *key = who[w].key,
		   *name = fmt("%s %s", kids[e].forename, kids[e].surname);
	long before = audits(w, 0);
	get(w, PAGE);
	check(R.status == 200, "%s: GET " PAGE " answers 200 (got %ld)", key, R.status);
	check(has("SEN2 return 2027") && has(strcmp(la, "202") == 0 ? "Camden" : "Greenwich"),
	      "%s: the page is %s's return of 2027", key, la);
	check(has(fmt(ROW("%s", "%s"), "Children and young people", persons)) &&
		      has(fmt(ROW("%s", "%s"), "Requests", requests)) &&
		      has(ROW("Plans on the census date", "3")) &&
		      has(ROW("Plans started or ceased in the year", "0")) &&
		      has(ROW("Errors (must be fixed)", "1")) &&
		      has(ROW("Queries (fix or explain)", "0")),
	      "%s: the summary has %s children, %s requests, 3 plans, 0 new or ceased, 1 error,"
	      " 0 queries",
	      key, persons, requests);
	check(error_row(kids[e].id, name, "E08"),
	      "%s: the Errors table names %s, E08, linked to /children/%s/placement", key, name,
	      kids[e].id);
	check(!strstr(table_of("Queries"), "<tr"), "%s: no Queries table", key);
	check(names_of(other, 1) == 0, "%s: the page names none of %s's children (%d named)", key,
	      other, names_of(other, 1));
	check(has("href=\"/returns/sen2/return.xml?year=2027\"") &&
		      has("href=\"/returns/sen2/tables/requests.csv?year=2027\""),
	      "%s: the page links to the XML and the tables of 2027", key);
	check(audits(w, before + 1) == before + 1,
	      "%s: the view is audited (read, sen2_return, %s) once", key, la);
}

/* the XML of w's LA: an attachment, <LEA> the LA, its persons only, valid */
static void the_xml(enum who w, int persons, const char *other)
{
	const char *la = who[w].la, *key = who[w].key;
	long before = audits(w, 0);
	get(w, XML);
	check(R.status == 200, "%s: GET " XML " answers 200 (got %ld)", key, R.status);
	check(header_is("Content-Type", "application/xml"), "%s: the XML is application/xml", key);
	check(header_is("Content-Disposition",
			fmt("attachment; filename=\"sen2-%s-2027.xml\"", la)),
	      "%s: the XML is the attachment sen2-%s-2027.xml", key, la);
	check(header_is("Cache-Control", "no-store"), "%s: the XML is not to be stored", key);
	xmlDocPtr d = xmlReadMemory(buf_cstr(&R.body), (int)R.body.len, "return.xml", NULL,
				    XML_PARSE_NONET);
	check(d != NULL, "%s: the body is XML", key);
	check(strcmp(xstr(d, "string(/Message/Header/Source/LEA)"), la) == 0,
	      "%s: its LEA is %s (got \"%s\")", key, la, xstr(d, "string(//LEA)"));
	check(strcmp(xstr(d, "string(//CollectionDetails/Year)"), "2027") == 0,
	      "%s: its year is 2027", key);
	check(xnum(d, "count(//Person)") == persons, "%s: it has %d persons (got %g)", key, persons,
	      xnum(d, "count(//Person)"));
	int mine = 0;
	for (size_t i = 0; i < N_KIDS; i++)
		if (strcmp(kids[i].la, la) == 0)
			mine += xnum(d, fmt("count(//Person[Surname='%s'])", kids[i].surname)) == 1;
	check(mine == persons, "%s: every one of %s's children is a Person (%d)", key, la, mine);
	check(names_of(other, 1) == 0, "%s: none of %s's children is in the XML", key, other);
	xmlFreeDoc(d);
	const char *path = fmt("%s/return-%s.xml", work, la);
	FILE *f = fopen(path, "wb");
	int wrote = f && fwrite(buf_cstr(&R.body), 1, R.body.len, f) == R.body.len;
	if (f)
		fclose(f);
	const char *argv[] = {"xmllint", "--noout", "--schema", "reference/sen2/sen2-2026.xsd",
			      path,      NULL};
	int rc = wrote ? spawn(argv) : -1;
	check(rc == 0, "%s: xmllint validates the XML against sen2-2026.xsd (exit %d) %.200s", key,
	      rc, rc ? buf_cstr(&e_) : "");
	check(audits(w, before + 1) == before + 1, "%s: the download is audited", key);
}

/* requests.csv of w's LA: text/csv, the geography first, requests_received */
static void the_table(enum who w, const char *received)
{
	const char *la = who[w].la, *key = who[w].key;
	get(w, REQUESTS);
	check(R.status == 200, "%s: GET " REQUESTS " answers 200 (got %ld)", key, R.status);
	check(header_is("Content-Type", "text/csv; charset=utf-8"), "%s: it is text/csv", key);
	check(header_is("Content-Disposition",
			fmt("attachment; filename=\"sen2-%s-2027-requests.csv\"", la)),
	      "%s: it is the attachment sen2-%s-2027-requests.csv", key, la);
	const char *body = buf_cstr(&R.body);
	const char *nl = strchr(body, '\n');
	char head[1024] = "", row[1024] = "";
	snprintf(head, sizeof(head), "%.*s", nl ? (int)(nl - body) : 0, body);
	const char *nl2 = nl ? strchr(nl + 1, '\n') : NULL;
	snprintf(row, sizeof(row), "%.*s", nl2 ? (int)(nl2 - nl - 1) : 0, nl ? nl + 1 : "");
	check(strncmp(head, "time_period,", 12) == 0 || strncmp(head, "\"time_period\",", 14) == 0,
	      "%s: the header row begins time_period (%.40s)", key, head);
	/* the column requests_received, counted in the header, is the same in the row */
	int k = -1, c = 0;
	for (const char *p = head; *p; p++) {
		if (strncmp(p, "requests_received", 17) == 0 ||
		    strncmp(p, "\"requests_received\"", 19) == 0) {
			k = c;
			break;
		}
		c += *p == ',';
	}
	const char *v = row;
	for (int i = 0; k >= 0 && i < k && v; i++)
		v = strchr(v, ',') ? strchr(v, ',') + 1 : NULL;
	char cell[32] = "";
	if (v && k >= 0)
		snprintf(cell, sizeof(cell), "%.*s", (int)strcspn(v, ",\r\n"), v);
	check(strcmp(cell, received) == 0 || strcmp(cell, fmt("\"%s\"", received)) == 0,
	      "%s: requests_received is %s (got %s)", key, received, cell);
	check(strstr(row, la) != NULL &&
		      strstr(row, strcmp(la, "202") == 0 ? "Camden" : "Greenwich"),
	      "%s: the row is %s's", key, la);
}

/* a role without the return: 403 for each URL, the table's too */
static void refused_all(enum who w)
{
	static const char *const urls[] = {PAGE, XML, REQUESTS, "/returns/sen2/tables/nope.csv"};
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		get(w, urls[i]);
		check(R.status == 403 && !has("Marchbanks") && !has("Ravensworth"),
		      "%s: GET %s is refused 403 (got %ld)", who[w].key, urls[i], R.status);
	}
}

static void post(enum who w, const char *path, const char *body)
{
	response_release(&R);
	memset(&R, 0, sizeof(R));
	harness_send(&srv, who[w].cookie, who[w].csrf, "POST", path, body, CSRF_RIGHT, &R);
}

/* the form body that changes Wyn's details: as seeded, but for the postcode and needs */
static const char *wyn_form(const char *id, const char *postcode, const char *primary,
			    const char *secondary)
{
	return fmt("given-name=Wyn&family-name=Tegwen&dob-day=7&dob-month=7&dob-year=2014"
		   "&sex=F&ethnicity=WBRI&postcode=%s&upn=%s&uln=&upn-unknown="
		   "&primary-need=%s&secondary-need=%s",
		   postcode, harness_text(tdb, &got, "SELECT upn FROM child WHERE id = $1", 1, id),
		   primary, secondary);
}

/* a check the return makes of a person links to the page that fixes it: Wyn (202, a
 * plan, on a roll) has a broken postcode (E13), the manager follows the link, a wrong
 * change is refused with nothing saved, the right one is saved and audited, and the
 * check is gone; nobody else may change it */
static void fixed_through_the_link(void)
{
	char id[ID_LEN + 1];
	id_new(id); /* the record pages take only ids of sendap's own shape */
	old_plan(id, "202", "s202");
	SQL("UPDATE child SET given_name = 'Wyn', family_name = 'Tegwen', search_given = 'wyn',"
	    " search_family = 'tegwen', postcode = 'NOT A PC' WHERE id = $1",
	    1, id);
	const char *edit = fmt("/children/%s/edit", id);
	char path[96];
	snprintf(path, sizeof(path), "%s", edit);
	get(MGR, PAGE);
	check(R.status == 200 && error_row(id, "Wyn Tegwen", "E13") &&
		      has(fmt("href=\"%s\"", path)),
	      "mgr202: E13 names Wyn with a link to the page that changes their details");
	get(MGR, path);
	check(R.status == 200 && has("Change their details") && has("value=\"NOT A PC\""),
	      "mgr202: the form answers 200 with Wyn's details (got %ld)", R.status);
	post(MGR, path, wyn_form(id, "NW1%202DB", "ASD", "ASD"));
	check(R.status == 422 && has("govuk-error-summary") &&
		      has("Select a secondary need other than the primary need"),
	      "mgr202: the same need twice is refused with 422 and the reason (got %ld)", R.status);
	check(count_of("SELECT count(*) FROM child WHERE id = $1 AND postcode = 'NOT A PC'", 1,
		       id) == 1,
	      "mgr202: nothing of the refused change is saved");
	post(MGR, path, wyn_form(id, "nw1%202db", "ASD", "SLCN"));
	check(R.status == 303 && response_location_is(&R, fmt("/children/%s", id)),
	      "mgr202: the change is saved and the record shown (got %ld)", R.status);
	check(count_of("SELECT count(*) FROM child WHERE id = $1 AND postcode = 'NW1 2DB'"
		       " AND secondary_need = 'SLCN'",
		       1, id) == 1,
	      "mgr202: the postcode is saved normalised, the secondary need with it");
	check(count_of("SELECT count(*) FROM audit_event WHERE actor_id = $1 AND action ="
		       " 'update' AND record_type = 'child' AND record_id = $2",
		       2, who[MGR].id, id) == 1,
	      "mgr202: the change is audited");
	get(MGR, PAGE);
	check(R.status == 200 && !error_row(id, "Wyn Tegwen", "E13") && has("Wyn Tegwen") == 0,
	      "mgr202: the E13 check is gone");
	static const enum who others[] = {MGR3, SENCO, PARENT};
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		get(others[i], path);
		long g = R.status;
		post(others[i], path, wyn_form(id, "SW1A%201AA", "ASD", ""));
		check((g == 403 || g == 404) && (R.status == 403 || R.status == 404),
		      "%s: may not see or change Wyn's details (GET %ld, POST %ld)",
		      who[others[i]].key, g, R.status);
	}
	check(count_of("SELECT count(*) FROM child WHERE id = $1 AND postcode = 'NW1 2DB'", 1,
		       id) == 1,
	      "nobody else's change was saved");
}

static void run_all(void)
{
	/* 202's manager, then 203's: each LA's own */
	the_page(MGR, "4", "4", 2, "203");
	the_xml(MGR, 4, "203");
	the_table(MGR, "1");
	the_page(MGR3, "5", "5", 6, "202");
	the_xml(MGR3, 5, "202");
	the_table(MGR3, "2");
	get(MGR, "/returns/sen2/tables/nope.csv?year=2027");
	check(R.status == 404, "mgr202: a table that does not exist is 404 (got %ld)", R.status);
	get(MGR, "/returns/sen2/tables/nope.csv");
	check(R.status == 404, "mgr202: /returns/sen2/tables/nope.csv is 404 (got %ld)", R.status);

	/* the caseworker of 202 sees 202's */
	get(CW, PAGE);
	check(R.status == 200 && has(ROW("Children and young people", "4")) &&
		      has("Eli Cotterill") && names_of("203", 1) == 0,
	      "cw202: the page answers 200 with 202's return (got %ld)", R.status);
	check(audits(CW, 1) == 1, "cw202: their view is audited");
	get(CW, XML);
	check(R.status == 200 && has("<LEA>202</LEA>"), "cw202: the XML answers 200 (%ld)",
	      R.status);
	get(CW, REQUESTS);
	check(R.status == 200, "cw202: the table answers 200 (%ld)", R.status);

	/* everyone else: refused; nobody signed in: off to sign in */
	refused_all(SENCO);
	refused_all(PARENT);
	refused_all(ANALYST);
	refused_all(ADMIN);
	static const char *const urls[] = {PAGE, XML, REQUESTS};
	for (size_t i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		get(ANON, urls[i]);
		check(R.status == 303 && response_location_is(&R, "/sign-in"),
		      "nobody signed in: GET %s is sent to /sign-in (got %ld)", urls[i], R.status);
	}
	check(count_of("SELECT count(*) FROM audit_event WHERE record_type = 'sen2_return' AND"
		       " actor_id NOT IN ($1, $2, $3)",
		       3, who[MGR].id, who[MGR3].id, who[CW].id) == 0,
	      "no refused request is audited as a read of the return");

	/* the year */
	static const char *const bad[] = {"abc", "2019", "", "2027x"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		get(MGR, fmt("/returns/sen2?year=%s", bad[i]));
		check(R.status == 404, "mgr202: /returns/sen2?year=%s is 404 (got %ld)", bad[i],
		      R.status);
		get(MGR, fmt("/returns/sen2/return.xml?year=%s", bad[i]));
		check(R.status == 404, "mgr202: the XML of year=%s is 404 (got %ld)", bad[i],
		      R.status);
		get(MGR, fmt("/returns/sen2/tables/requests.csv?year=%s", bad[i]));
		check(R.status == 404, "mgr202: requests.csv of year=%s is 404 (got %ld)", bad[i],
		      R.status);
	}
	get(MGR, "/returns/sen2?year=2026");
	check(R.status == 200 && has("SEN2 return 2026"),
	      "mgr202: ?year=2026 answers 200, SEN2 return 2026 (got %ld)", R.status);
	/* today is after the 2026 census (15 January), so the default is 2027 */
	struct date today = date_today();
	if (today.y == 2026 && date_cmp(today, (struct date){2026, 1, 15}) > 0) {
		get(MGR, "/returns/sen2");
		check(R.status == 200 && has("SEN2 return 2027"),
		      "mgr202: with no year, the page is 2027's (got %ld)", R.status);
	}

	fixed_through_the_link();

	/* nothing personal in the log */
	check(harness_log_count(srv.pid, "/returns/sen2") > 0,
	      "the server's log has the requests to /returns/sen2");
	for (size_t i = 0; i < N_KIDS; i++)
		check(harness_log_count(srv.pid, kids[i].surname) == 0,
		      "the server's log does not name %s", kids[i].surname);
}

static int sign_in_all(void)
{
	for (int w = 1; w < N_WHO; w++) {
		if (!check(harness_sign_in(&srv, fmt("%s@example.org", who[w].key), PASSWORD,
					   who[w].cookie, sizeof(who[w].cookie), who[w].csrf,
					   sizeof(who[w].csrf), NULL, 0) == 0,
			   "%s signs in", who[w].key))
			return -1;
	}
	return 0;
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (getenv("SENDAP_TEST_PG_URL"))
		tl.name = "http sen2 page (postgresql)";
	buf_init(&o_, 0);
	buf_init(&e_, 0);
	buf_init(&got, 0);
	snprintf(work, sizeof(work), "/tmp/sendap-sen2p-XXXXXX");
	int ok = check(mkdtemp(work) && harness_db_fresh(&srv) == 0 && harness_migrate(&srv) == 0 &&
			       db_open(srv.db_url, &tdb) == 0,
		       "a fresh database, migrated");
	if (ok) {
		seed();
		ok = check(fix_failed == 0, "the two LAs and the people are written (%d failed)",
			   fix_failed);
	}
	if (ok && check(harness_start(&srv, NULL) == 0, "sendap serve started") &&
	    sign_in_all() == 0)
		run_all();
	pid_t pid = srv.pid;
	int status = pid > 0 ? harness_stop(&srv, SIGTERM) : 0;
	check(status == 0,
	      "sendap exited cleanly (a sanitizer report would be in"
	      " build/test-logs/server-%d.log)",
	      (int)pid);
	response_release(&R);
	db_close(tdb);
	harness_cleanup(&srv);
	const char *keep = getenv("SENDAP_TEST_KEEP");
	if (!(keep && *keep) && work[0]) {
		const char *rm[] = {"rm", "-rf", work, NULL};
		spawn(rm);
	}
	buf_release(&got);
	curl_global_cleanup();
	return tally_finish(&tl);
}
