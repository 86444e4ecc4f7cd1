/*
 * main.c: the `sendap` command. Each subcommand parses its own options with
 * getopt_long and has --help. `serve` mounts every area's routes on the HTTP server;
 * `migrate` brings a database to the newest schema; `version` prints the version.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "demo/demo.h"
#include "assessment/assessment.h"
#include "organisations/organisations.h"
#include "people/people.h"
#include "placement/placement.h"
#include "plan/plan.h"
#include "redress/redress.h"
#include "review/review.h"
#include "imports/imports.h"
#include "platform/version.h"
#include "returns/sen2.h"
#include "platform/audit.h"
#include "platform/auth.h"
#include "platform/db.h"
#include "platform/err.h"
#include "platform/http.h"
#include "platform/log.h"
#include "platform/migrate.h"
#include "site/site.h"

#define DEFAULT_DB "var/sendap.db"
#define MAX_ROUTES 256

static const char usage_main[] =
	"usage: sendap <command> [options]\n"
	"\n"
	"commands:\n"
	"  serve     serve the web pages and the JSON API\n"
	"  migrate   create or update the database schema\n"
	"  demo      fill the database with a demo dataset\n"
	"  user      add, disable or reset a user account\n"
	"  audit     check the audit trail has not been changed\n"
	"  clock     statutory deadlines of case histories (JSON in, JSON out)\n"
	"  plan      check, import, export or issue an EHC plan (JSON)\n"
	"  review    schedule the reviews of issued plans; list those due (CSV)\n"
	"  postcodes import postcode coordinates (ONS postcode directory CSV)\n"
	"  export    the SEN2 return (XML), its checks and published tables\n"
	"  import    children, contacts, settings, requests, plans, placements, reviews (CSV)\n"
	"  version   print the version\n"
	"\n"
	"`sendap <command> --help` describes each command.\n";

static const char usage_serve[] =
	"usage: sendap serve [options]\n"
	"\n"
	"  --db PATH|URL    SQLite file or postgres:// URL (default " DEFAULT_DB
	", or $SENDAP_DB)\n"
	"  --port N         TCP port (default 8080; 0 picks a free one)\n"
	"  --bind ADDR      address to listen on (default 127.0.0.1)\n"
	"  --threads N      worker threads (default 2)\n"
	"  --timeout S      seconds before an idle or slow connection is closed (default 30)\n"
	"  --max-body N     largest request body in bytes (default 1048576)\n"
	"  --web DIR        directory holding assets/ (default web)\n"
	"  --quiet          no access log\n"
	"  --secure-cookies mark session cookies Secure (when a TLS proxy is in front)\n"
	"  --reference DIR  the rules of the statutory clock and bank holidays (default "
	"reference)\n"
	"  --help           this text\n"
	"\n"
	"Prints \"listening on http://ADDR:PORT\" once serving. SIGTERM or SIGINT stops it\n"
	"cleanly: requests in flight finish, the database closes, the exit status is 0.\n";

static const char usage_migrate[] =
	"usage: sendap migrate [--db PATH|URL] [--reference DIR]\n"
	"\n"
	"  --db PATH|URL     SQLite file or postgres:// URL (default " DEFAULT_DB
	", or $SENDAP_DB)\n"
	"  --reference DIR   directory of the reference CSV files (default reference)\n"
	"  --help            this text\n"
	"\n"
	"Applies the numbered migrations the database lacks, each in one transaction, then\n"
	"loads the reference data (local authorities, need types, ethnicity codes, phases,\n"
	"setting types, bank holidays) from DIR in one transaction: every file or none.\n"
	"Running it again changes nothing.\n";

/* parse_uint reads a whole decimal number in [min, max]; -1 if it is not one. */
static int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char *end = NULL;
	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static const char *default_db(void)
{
	const char *env = getenv("SENDAP_DB");
	return env && *env ? env : DEFAULT_DB;
}

static int cmd_migrate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"reference", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *url = default_db();
	const char *ref_dir = "reference";
	struct reference_counts ref;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': url = optarg; break;
		case 'r': ref_dir = optarg; break;
		case 'h': fputs(usage_migrate, stdout); return 0;
		default: fputs(usage_migrate, stderr); return 2;
		}
	}
	/* before the database changes at all */
	memset(&ref, 0, sizeof(ref));
	if (reference_check_dir(ref_dir, &ref)) {
		fprintf(stderr, "sendap: %s (give the directory with --reference DIR)\n",
			ref.error);
		return 1;
	}
	struct db *db = NULL;
	int rc = db_open(url, &db);
	if (rc) {
		fprintf(stderr, "sendap: cannot open the database (%s)\n", err_name(rc));
		return 1;
	}
	int applied = 0, version = 0;
	rc = migrate_apply(db, &applied);
	if (rc == 0)
		rc = migrate_current(db, &version);
	if (rc) {
		db_close(db);
		fprintf(stderr, "sendap: migration failed (%s)\n", err_name(rc));
		return 1;
	}
	printf("schema at version %d (%d applied now)\n", version, applied);
	rc = reference_load(db, ref_dir, &ref);
	if (rc) {
		db_close(db);
		fprintf(stderr, "sendap: reference data not loaded (%s): %s\n", err_name(rc),
			ref.error);
		return 1;
	}
	char tpl_dir[4096], why[512] = "";
	int templates = 0;
	snprintf(tpl_dir, sizeof(tpl_dir), "%s/templates", ref_dir);
	rc = plan_templates_load(db, tpl_dir, &templates, why, sizeof(why));
	db_close(db);
	if (rc) {
		fprintf(stderr, "sendap: plan templates not loaded (%s): %s\n", err_name(rc), why);
		return 1;
	}
	printf("reference: %d local authorities, %d LA reorganisations (checked), %d need types,"
	       " %d ethnicity codes, %d phases, %d setting types, %d bank holidays loaded;"
	       " %d plan templates held\n",
	       ref.local_authorities, ref.la_reorganisations, ref.need_types, ref.ethnicities,
	       ref.phases, ref.setting_types, ref.bank_holidays, templates);
	return 0;
}

static const char usage_demo[] =
	"usage: sendap demo [options]\n"
	"\n"
	"  --db PATH|URL    SQLite file or postgres:// URL (default " DEFAULT_DB
	", or $SENDAP_DB)\n"
	"  --las N          local authorities to fill (default 1: Camden; more are spread\n"
	"                   over England's regions)\n"
	"  --children N     children and young people in all (default 2000)\n"
	"  --seed S         the seed the data follows from (default 1)\n"
	"  --replace        delete the children (with their assessments, plans and\n"
	"                   reviews), organisations, accounts and sessions already there\n"
	"                   first (the audit trail is kept)\n"
	"  --if-empty       if the database already holds children, change nothing and\n"
	"                   print the demo sign-ins\n"
	"  --help           this text\n"
	"\n"
	"Applies any missing migrations, then builds a deterministic, realistic dataset in one\n"
	"transaction and prints the demo sign-ins. The reference data must be loaded first\n"
	"(`sendap migrate`). It refuses a database that already holds children unless\n"
	"--replace or --if-empty is given.\n";

static int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},       {"las", required_argument, NULL, 'l'},
		{"children", required_argument, NULL, 'c'}, {"seed", required_argument, NULL, 's'},
		{"replace", no_argument, NULL, 'r'},        {"if-empty", no_argument, NULL, 'e'},
		{"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0},
	};
	struct demo_options o;
	demo_options_default(&o);
	const char *url = default_db();
	unsigned long v;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': url = optarg; break;
		case 'r': o.replace = 1; break;
		case 'e': o.if_empty = 1; break;
		case 'h': fputs(usage_demo, stdout); return 0;
		case 'l':
			if (parse_uint(optarg, 1, 200, &v)) {
				fputs("sendap: --las must be a whole number from 1 to 200\n",
				      stderr);
				return 2;
			}
			o.las = (unsigned)v;
			break;
		case 'c':
			if (parse_uint(optarg, 1, DEMO_MAX_CHILDREN, &o.children)) {
				fprintf(stderr,
					"sendap: --children must be a whole number from 1 to %lu\n",
					DEMO_MAX_CHILDREN);
				return 2;
			}
			break;
		case 's':
			if (parse_uint(optarg, 0, ULONG_MAX, &v)) {
				fputs("sendap: --seed must be a whole number\n", stderr);
				return 2;
			}
			o.seed = v;
			break;
		default: fputs(usage_demo, stderr); return 2;
		}
	}
	struct db *db = NULL;
	int rc = db_open(url, &db);
	if (rc) {
		fprintf(stderr, "sendap: cannot open the database (%s)\n", err_name(rc));
		return 1;
	}
	rc = demo_build(db, &o, stdout);
	db_close(db);
	return rc ? 1 : 0;
}

/* schema_ready refuses to serve a database that `sendap migrate` has not brought up to date. */
static int schema_ready(const char *url)
{
	struct db *db = NULL;
	int version = 0;
	int rc = db_open(url, &db);
	if (rc == 0)
		rc = migrate_current(db, &version);
	db_close(db);
	if (rc) {
		fprintf(stderr, "sendap: cannot open the database (%s)\n", err_name(rc));
		return 0;
	}
	int newest = migrations_count ? migrations[migrations_count - 1].version : 0;
	if (version < newest) {
		fprintf(stderr,
			"sendap: the database is at schema %d, not %d: run `sendap migrate`\n",
			version, newest);
		return 0;
	}
	return 1;
}

/* mount copies every area's route table into one. */
static size_t mount(struct route *all, size_t n, const struct route *add, size_t count)
{
	for (size_t i = 0; i < count && n < MAX_ROUTES; i++)
		all[n++] = add[i];
	return n;
}

static int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"port", required_argument, NULL, 'p'},
		{"bind", required_argument, NULL, 'b'},
		{"threads", required_argument, NULL, 't'},
		{"timeout", required_argument, NULL, 'T'},
		{"max-body", required_argument, NULL, 'm'},
		{"web", required_argument, NULL, 'w'},
		{"quiet", no_argument, NULL, 'q'},
		{"secure-cookies", no_argument, NULL, 's'},
		{"reference", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	static struct route routes[MAX_ROUTES];
	const char *reference_dir = "reference";
	struct http_config cfg = {
		.bind = "127.0.0.1",
		.port = 8080,
		.db_url = default_db(),
		.web_dir = "web",
		.error_page = site_error_page,
		.guard = auth_guard,
	};
	unsigned long v;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': cfg.db_url = optarg; break;
		case 'b': cfg.bind = optarg; break;
		case 'w': cfg.web_dir = optarg; break;
		case 'q': log_set_fd(-1); break;
		case 's': auth_cookie_secure = 1; break;
		case 'r': reference_dir = optarg; break;
		case 'h': fputs(usage_serve, stdout); return 0;
		case 'p':
		case 't':
		case 'T':
		case 'm': {
			unsigned long max = c == 'p'   ? 65535
					    : c == 't' ? 64
					    : c == 'T' ? 3600
						       : 1 << 30;
			if (parse_uint(optarg, c == 'p' ? 0 : 1, max, &v)) {
				fprintf(stderr,
					"sendap: --%s must be a whole number from %d to %lu\n",
					c == 'p'   ? "port"
					: c == 't' ? "threads"
					: c == 'T' ? "timeout"
						   : "max-body",
					c == 'p' ? 0 : 1, max);
				return 2;
			}
			if (c == 'p')
				cfg.port = (uint16_t)v;
			else if (c == 't')
				cfg.threads = (unsigned)v;
			else if (c == 'T')
				cfg.timeout_s = (unsigned)v;
			else
				cfg.max_body = v;
			break;
		}
		default: fputs(usage_serve, stderr); return 2;
		}
	}
	if (!schema_ready(cfg.db_url))
		return 1;
	char why[512];
	if (clock_rules_load(reference_dir, &assessment_rules, why, sizeof(why)) != 0 ||
	    review_rules_init(reference_dir, why, sizeof(why)) != 0 ||
	    redress_rules_init(reference_dir, why, sizeof(why)) != 0) {
		fprintf(stderr, "sendap: cannot load the statutory rules: %s\n", why);
		return 1;
	}
	size_t n = 0;
	n = mount(routes, n, site_routes, site_routes_count);
	n = mount(routes, n, organisations_routes, organisations_routes_count);
	n = mount(routes, n, people_routes, people_routes_count);
	n = mount(routes, n, assessment_routes, assessment_routes_count);
	n = mount(routes, n, assessment_caseload_routes, assessment_caseload_routes_count);
	n = mount(routes, n, assessment_api_routes, assessment_api_routes_count);
	n = mount(routes, n, assessment_panel_routes, assessment_panel_routes_count);
	n = mount(routes, n, plan_routes, plan_routes_count);
	/* before review_routes: /reviews/provision is not a review's id */
	n = mount(routes, n, review_delivery_routes, review_delivery_routes_count);
	n = mount(routes, n, review_cease_routes, review_cease_routes_count);
	n = mount(routes, n, review_routes, review_routes_count);
	n = mount(routes, n, placement_directory_routes, placement_directory_routes_count);
	n = mount(routes, n, placement_child_routes, placement_child_routes_count);
	n = mount(routes, n, placement_consult_routes, placement_consult_routes_count);
	n = mount(routes, n, placement_tailored_routes, placement_tailored_routes_count);
	n = mount(routes, n, placement_sufficiency_routes, placement_sufficiency_routes_count);
	n = mount(routes, n, redress_routes, redress_routes_count);
	n = mount(routes, n, sen2_routes, sen2_routes_count);
	sen2_init(reference_dir);
	cfg.routes = routes;
	cfg.nroutes = n;

	/* Block the stop signals before any thread exists, so the pool threads inherit the
	 * mask and only sigwait below sees them (reference/stack-notes.md, gotcha 2). */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* read rows of the audit trail are written by their own thread (audit_writer.c) */
	if (audit_writer_start(cfg.db_url) != 0) {
		fputs("sendap: cannot start the audit writer\n", stderr);
		return 1;
	}
	struct http_server *srv = NULL;
	int rc = http_start(&cfg, &srv);
	if (rc) {
		audit_writer_stop();
		fprintf(stderr, "sendap: cannot serve on %s port %u (%s)\n", cfg.bind,
			(unsigned)cfg.port, err_name(rc));
		return 1;
	}
	printf("listening on http://%s:%u\n", cfg.bind, (unsigned)http_port(srv));
	fflush(stdout);
	log_info("serving", NULL);
	int sig = 0;
	sigwait(&stop, &sig);
	log_info("stopping", "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT", NULL);
	http_stop(srv, 5);
	audit_writer_stop(); /* every queued audit row is written before exit */
	clock_rules_release(&assessment_rules);
	log_info("stopped", NULL);
	return 0;
}

int main(int argc, char **argv)
{
	if (sodium_init() < 0) {
		fputs("sendap: libsodium failed to start\n", stderr);
		return 1;
	}
	if (argc < 2) {
		fputs(usage_main, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "migrate") == 0)
		return cmd_migrate(argc - 1, argv + 1);
	if (strcmp(cmd, "demo") == 0)
		return cmd_demo(argc - 1, argv + 1);
	if (strcmp(cmd, "user") == 0)
		return people_cli_user(argc - 1, argv + 1, default_db());
	if (strcmp(cmd, "plan") == 0)
		return plan_cli(argc - 1, argv + 1);
	if (strcmp(cmd, "clock") == 0)
		return assessment_cli_clock(argc - 1, argv + 1);
	if (strcmp(cmd, "review") == 0)
		return review_cli(argc - 1, argv + 1);
	if (strcmp(cmd, "postcodes") == 0)
		return placement_cli(argc - 1, argv + 1);
	if (strcmp(cmd, "import") == 0)
		return import_cli(argc - 1, argv + 1);
	if (strcmp(cmd, "export") == 0)
		return sen2_cli(argc - 1, argv + 1);
	if (strcmp(cmd, "audit") == 0)
		return people_cli_audit(argc - 1, argv + 1, default_db());
	if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
		if (argc > 2 && strcmp(argv[2], "--help") == 0) {
			puts("usage: sendap version\n\nPrints the version of sendap.");
			return 0;
		}
		printf("sendap %s\n", SENDAP_VERSION);
		return 0;
	}
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		fputs(usage_main, stdout);
		return 0;
	}
	fprintf(stderr, "sendap: unknown command \"%s\"\n\n%s", cmd, usage_main);
	return 2;
}
