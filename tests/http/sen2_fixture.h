/*
 * sen2_fixture.h: what the two SEN2 suites (http_sen2.c, http_sen2_checks.c) share: the
 * records of a small LA written by SQL into a fresh migrated database, the real
 * `sendap export sen2` run as a child process (its status, standard output and error),
 * and readers for what it writes (XPath over the XML, CSV cells by column name). Each
 * suite includes it once; everything here is static.
 */
#ifndef SENDAP_TEST_SEN2_FIXTURE_H
#define SENDAP_TEST_SEN2_FIXTURE_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <stdint.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "harness.h"
#include "people/people.h"
#include "platform/db.h"

static struct server srv;
static struct db *tdb;
static char work[64];     /* a temp dir for what the exports write */
static int fix_failed;    /* fixture statements that failed */
static struct buf o_, e_; /* the last run's standard output and error */
static int upn_serial;

/* fmt: printf into one of 16 buffers that take turns */
__attribute__((format(printf, 1, 2))) static inline const char *fmt(const char *f, ...)
{
	static char b[16][512];
	static int k;
	k = (k + 1) % 16;
	va_list ap;
	va_start(ap, f);
	vsnprintf(b[k], sizeof(b[k]), f, ap);
	va_end(ap);
	return b[k];
}

#define SQL(...)                                                                      \
	do {                                                                          \
		if (harness_sql(tdb, __VA_ARGS__)) {                                  \
			fprintf(stderr, "fixture SQL failed at line %d\n", __LINE__); \
			fix_failed++;                                                 \
		}                                                                     \
	} while (0)

/* a UPN with the right check letter, never used before (the UPN index is unique) */
static inline const char *new_upn(void)
{
	char rest[13];
	snprintf(rest, sizeof(rest), "%03d%09d", 820, ++upn_serial);
	return fmt("%c%s", upn_check_letter(rest), rest);
}

/* a child of LA la: F/M, WBRI, postcode NW1 2DB, a valid UPN, primary need (or NULL) */
static inline void child(const char *id, const char *la, const char *name, const char *dob,
			 const char *sex, const char *need)
{
	SQL("INSERT INTO child (id, given_name, family_name, search_given, search_family,"
	    " date_of_birth, sex, ethnicity, postcode, la_code, upn, primary_need, sen_status,"
	    " created_at, updated_at) VALUES ($1, $2, 'Test', lower($2), 'test', $3, $4, 'WBRI',"
	    " 'NW1 2DB', $5, $6, $7, 'ehcp', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
	    7, id, name, dob, sex, la, new_upn(), need);
}

/* a request (assessment case) with its request event */
static inline void kase(const char *id, const char *child_id, const char *la, const char *by,
			const char *on)
{
	SQL("INSERT INTO assessment_case (id, child_id, la_code, requested_by, requested_on, state,"
	    " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'open', '2026-01-01T00:00:00Z',"
	    " '2026-01-01T00:00:00Z')",
	    5, id, child_id, la, by, on);
	SQL("INSERT INTO case_event (case_id, seq, type, happened_on, recorded_at)"
	    " VALUES ($1, 1, 'request', $2, '2026-01-01T00:00:00Z')",
	    2, id, on);
}

/* the next event of a case */
static inline void ev(const char *case_id, const char *type, const char *on)
{
	SQL("INSERT INTO case_event (case_id, seq, type, happened_on, recorded_at)"
	    " SELECT CAST($1 AS TEXT), COALESCE(MAX(seq), 0) + 1, CAST($2 AS TEXT),"
	    " CAST($3 AS TEXT), '2026-01-01T00:00:00Z' FROM case_event WHERE case_id = $1",
	    3, case_id, type, on);
}

static inline void exception(const char *case_id, const char *reason, const char *from,
			     const char *to)
{
	SQL("INSERT INTO case_exception (case_id, starts_on, ends_on, reason, recorded_at)"
	    " VALUES ($1, $2, $3, $4, '2026-01-01T00:00:00Z')",
	    4, case_id, from, to, reason);
}

/* a setting: urn and ukprn may be NULL; type is a setting_type code */
static inline void org(const char *id, const char *la, const char *urn, const char *ukprn,
		       const char *type)
{
	SQL("INSERT INTO organisation (id, kind, name, la_code, urn, ukprn, setting_type,"
	    " created_at) VALUES ($1, 'setting', $1, $2, $3, $4, $5, '2026-01-01T00:00:00Z')",
	    5, id, la, urn, ukprn, type);
}

/* on the roll of a setting from..to (to NULL: still there) */
static inline void roll(const char *child_id, const char *org_id, const char *from, const char *to)
{
	SQL("INSERT INTO child_setting (child_id, organisation_id, relation, started_on, ended_on)"
	    " VALUES ($1, $2, 'roll', $3, $4)",
	    4, child_id, org_id, from, to);
}

/* the setting (or only a type of setting) named in the plan */
static inline void named(const char *id, const char *child_id, const char *org_id, const char *type,
			 const char *on)
{
	SQL("INSERT INTO placement_named (id, child_id, setting_id, setting_type, reasons,"
	    " named_on) VALUES ($1, $2, $3, $4, 'named', $5)",
	    5, id, child_id, org_id, type, on);
}

/* a version of the plan: content is the JSON document ("{}" for none) */
static inline void plan(const char *id, const char *child_id, const char *version,
			const char *status, const char *issued_on, const char *content)
{
	SQL("INSERT INTO plan_version (id, child_ref, version, status, template, content,"
	    " created_at, issued_on) VALUES ($1, $2, $3, $4, 'national/1', $5,"
	    " '2020-01-01T00:00:00Z', $6)",
	    6, id, child_id, version, status, content, issued_on);
}

static inline void review(const char *id, const char *child_id, const char *la, const char *meeting,
			  const char *decision, const char *decided)
{
	SQL("INSERT INTO review (id, child_id, la_code, kind, due_on, rules_version, meeting_on,"
	    " decision, decision_on, created_at, updated_at) VALUES ($1, $2, $3, 'annual', $4,"
	    " 'test', $4, $5, $6, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
	    6, id, child_id, la, meeting, decision, decided);
}

static inline void cease(const char *id, const char *child_id, const char *la, const char *reason,
			 const char *on)
{
	SQL("INSERT INTO plan_cease (id, child_id, la_code, reason, reason_on, decided_on,"
	    " notice_on, appeal_by, ceases_on, recorded_at) VALUES ($1, $2, $3, $4, $5, $5, $5,"
	    " $5, $5, '2026-01-01T00:00:00Z')",
	    5, id, child_id, la, reason, on);
}

static inline void move(const char *id, const char *child_id, const char *from, const char *to,
			const char *on)
{
	SQL("INSERT INTO child_move (id, child_id, from_la, to_la, transferred_on, notify_by,"
	    " recorded_at) VALUES ($1, $2, $3, $4, $5, $5, '2026-01-01T00:00:00Z')",
	    5, id, child_id, from, to, on);
}

static inline void mediation(const char *id, const char *child_id, const char *la,
			     const char *decision, const char *held)
{
	SQL("INSERT INTO mediation (id, child_id, la_code, decision, decision_served_on,"
	    " contacted_on, held_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5, $5,"
	    " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
	    5, id, child_id, la, decision, held);
}

static inline void appeal(const char *id, const char *child_id, const char *la,
			  const char *decision, const char *registered)
{
	SQL("INSERT INTO tribunal_appeal (id, child_id, la_code, decision, decision_served_on,"
	    " registered_on, issues, grounds, created_at) VALUES ($1, $2, $3, $4, $5, $5, 'x',"
	    " 'x', '2026-01-01T00:00:00Z')",
	    5, id, child_id, la, decision, registered);
}

/*
 * an active plan made before 2026 that is clean for every check: request 8 January
 * 2024, decided 12 February, final plan 20 May 2024; on the roll of org since September
 * 2024; reviewed (maintain) in May 2026. Its case is "k-ID".
 */
static inline void old_plan(const char *id, const char *la, const char *org_id)
{
	const char *k = fmt("k-%s", id);
	child(id, la, "Old", "2014-07-07", "F", "ASD");
	kase(k, id, la, "parent", "2024-01-08");
	ev(k, "decision_to_assess", "2024-02-12");
	ev(k, "final_plan_issued", "2024-05-20");
	plan(fmt("pv-%s", id), id, "1", "final", "2024-05-20", "{}");
	if (org_id)
		roll(id, org_id, "2024-09-01", NULL);
	review(fmt("rv-%s", id), id, la, "2026-05-11", "maintain", "2026-05-20");
}

/* ---- running sendap ---- */

static inline void slurp(const char *path, struct buf *b)
{
	if (!b->max)
		buf_init(b, 0);
	buf_reset(b);
	FILE *f = fopen(path, "r");
	char chunk[4096];
	size_t n;
	while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(b, chunk, n);
	if (f)
		fclose(f);
}

/* run argv (NULL-terminated) with stdout and stderr into o_ and e_; the exit status */
static inline int spawn(const char *const *argv)
{
	char out[128], err[128];
	snprintf(out, sizeof(out), "%s/stdout", work);
	snprintf(err, sizeof(err), "%s/stderr", work);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fo = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fe = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fo < 0 || fe < 0)
			_exit(126);
		dup2(fo, 1);
		dup2(fe, 2);
		execvp(argv[0], (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	slurp(out, &o_);
	slurp(err, &e_);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* sendap export sen2 --db URL --year 2027 --la LA, then the extra arguments (NULL ended) */
static inline int export_sen2(const char *la, ...)
{
	const char *bin = getenv("SENDAP_BIN");
	const char *argv[24] = {bin && *bin ? bin : "build/asan/sendap",
				"export",
				"sen2",
				"--db",
				srv.db_url,
				"--year",
				"2027",
				"--la",
				la};
	size_t n = 9;
	va_list ap;
	va_start(ap, la);
	for (const char *a; n < 23 && (a = va_arg(ap, const char *)) != NULL;)
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	int rc = spawn(argv);
	/* a crash under the sanitizers exits 1 too: show what it said */
	const char *e = buf_cstr(&e_);
	if ((rc != 0 && rc != 1) || strstr(e, "Sanitizer") || strstr(e, "runtime error") ||
	    strstr(e, "failed ("))
		fprintf(stderr, "sendap export sen2 --la %s exited %d:\n%.600s\n", la, rc, e);
	return rc;
}

/* the checks of an LA (--check): the exit status; o_ holds the lines */
static inline int checks_of(const char *la)
{
	return export_sen2(la, "--check", (const char *)NULL);
}

/* a line of the last run's standard output contains both a and b */
static inline int line_has(const char *a, const char *b)
{
	const char *s = buf_cstr(&o_);
	while (s && *s) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char line[1024];
		snprintf(line, sizeof(line), "%.*s", (int)len, s);
		if (strstr(line, a) && strstr(line, b))
			return 1;
		s = end ? end + 1 : NULL;
	}
	return 0;
}

static inline int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* ---- reading the XML ---- */

/* the number an XPath expression gives (count(...), a number), or -1 */
static inline double xnum(xmlDocPtr d, const char *expr)
{
	xmlXPathContextPtr c = d ? xmlXPathNewContext(d) : NULL;
	xmlXPathObjectPtr r = c ? xmlXPathEvalExpression((const xmlChar *)expr, c) : NULL;
	double v = r && r->type == XPATH_NUMBER ? r->floatval : -1;
	if (r && r->type != XPATH_NUMBER)
		fprintf(stderr, "XPath %s is not a number\n", expr);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(c);
	return v;
}

/* the string value of an XPath expression (string(...)), "" for none */
static inline const char *xstr(xmlDocPtr d, const char *expr)
{
	static char out[4][256];
	static int k;
	k = (k + 1) % 4;
	out[k][0] = 0;
	xmlXPathContextPtr c = d ? xmlXPathNewContext(d) : NULL;
	xmlXPathObjectPtr r = c ? xmlXPathEvalExpression((const xmlChar *)expr, c) : NULL;
	if (r && r->type == XPATH_STRING && r->stringval)
		snprintf(out[k], sizeof(out[k]), "%s", (const char *)r->stringval);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(c);
	return out[k];
}

#endif
