/*
 * cli.c: `sendap review schedule`: keeps every LA's reviews current (run it daily, or to
 * simulate a school year day by day with --on); `sendap review due` lists the open
 * reviews of an LA as CSV for a spreadsheet.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/csvout.h"
#include "platform/err.h"
#include "review/review.h"

static const char usage_review[] =
	"usage: sendap review schedule [--la CODE] [--on YYYY-MM-DD] [--db PATH|URL]\n"
	"                              [--reference DIR]\n"
	"       sendap review due --la CODE [--db PATH|URL]\n"
	"\n"
	"schedule makes sure every child with an issued plan has its next review: a phase\n"
	"transfer review in the school year before they change phase, else the annual review\n"
	"(12 months starting with the plan's making or the last meeting); and closes\n"
	"amendment reviews whose amended plan has been issued. It changes nothing twice: run\n"
	"it every day. --on judges as on that day (default today); --la limits it to one LA.\n"
	"\n"
	"due prints the LA's open reviews as CSV: child, kind, due date, steps recorded.\n";

static int each_la(struct db *db, const char *only, struct date on, int *total)
{
	struct db_stmt *st = NULL;
	char las[400][4];
	size_t n = 0;
	int rc = db_prepare(db, "SELECT DISTINCT la_code FROM child ORDER BY 1", &st);
	if (rc)
		return rc;
	while (n < 400 && db_step(st) == DB_ROW)
		snprintf(las[n++], 4, "%s", db_column_text(st, 0));
	db_reset(st);
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (only && strcmp(only, las[i]) != 0)
			continue;
		int created = 0;
		rc = review_schedule(db, las[i], on, &created);
		*total += created;
	}
	return rc;
}

static int due(struct db *db, const char *la)
{
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT r.child_id, c.given_name || ' ' || c.family_name, r.kind,"
			    " r.transfer_kind, r.due_on, r.invitations_on, r.meeting_on,"
			    " r.decision FROM review r JOIN child c ON c.id = r.child_id WHERE"
			    " r.la_code = $1 AND r.closed_on IS NULL ORDER BY r.due_on, r.child_id",
			    &st);
	if (rc)
		return rc;
	puts("child_id,name,kind,transfer,due_on,invitations_on,meeting_on,decision");
	if ((rc = db_bind_text(st, 1, la)) == 0)
		while (db_step(st) == DB_ROW)
			for (int i = 0; i < 8; i++)
				csvout_fcell(stdout,
					     db_column_is_null(st, i) ? NULL
								      : db_column_text(st, i),
					     i == 7);
	db_reset(st);
	return rc;
}

int review_cli(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'b'}, {"la", required_argument, NULL, 'l'},
		{"on", required_argument, NULL, 'o'}, {"reference", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},     {NULL, 0, NULL, 0},
	};
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_review, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *action = argv[1];
	const char *url = getenv("SENDAP_DB") ? getenv("SENDAP_DB") : "var/sendap.db";
	const char *la = NULL, *ref = "reference";
	struct date on = date_today();
	int c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b': url = optarg; break;
		case 'l': la = optarg; break;
		case 'r': ref = optarg; break;
		case 'o':
			if (date_parse(optarg, &on) != 0) {
				fprintf(stderr, "sendap review: --on must be a date, YYYY-MM-DD\n");
				return 2;
			}
			break;
		case 'h': fputs(usage_review, stdout); return 0;
		default: fputs(usage_review, stderr); return 2;
		}
	}
	int is_schedule = strcmp(action, "schedule") == 0;
	if ((!is_schedule && strcmp(action, "due") != 0) || (!is_schedule && !la)) {
		fputs(usage_review, stderr);
		return 2;
	}
	char why[512];
	if (review_rules_init(ref, why, sizeof(why)) != 0) {
		fprintf(stderr, "sendap review: cannot load the review rules: %s\n", why);
		return 1;
	}
	struct db *db = NULL;
	int rc = db_open(url, &db);
	if (rc) {
		fprintf(stderr, "sendap review: cannot open the database (%s)\n", err_name(rc));
		return 1;
	}
	int total = 0;
	rc = is_schedule ? each_la(db, la, on, &total) : due(db, la);
	db_close(db);
	if (rc) {
		fprintf(stderr, "sendap review: %s failed (%s)\n", action, err_name(rc));
		return 1;
	}
	if (is_schedule)
		printf("%d reviews scheduled\n", total);
	return 0;
}
