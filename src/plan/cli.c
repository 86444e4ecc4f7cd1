/*
 * cli.c: `sendap plan check`: a plan as JSON on standard input; its problems (exit 1) or
 * its quality flags (exit 0) as JSON on standard output. The same checks the editor runs.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "platform/err.h"
#include "platform/ids.h"

static const char usage_plan[] =
	"usage: sendap plan check --dob YYYY-MM-DD [--on YYYY-MM-DD] < plan.json\n"
	"       sendap plan import [--db PATH|URL] < plan.json     (prints the version's id)\n"
	"       sendap plan export --child ID [--version N] [--db PATH|URL]\n"
	"       sendap plan issue --id ID [--db PATH|URL]           (prints its hash)\n"
	"\n"
	"import keeps a plan as the child's next version, a draft (refused, with the errors\n"
	"as for check, if it is not a plan); export prints a version exactly as stored\n"
	"(canonical JSON: keys sorted, compact); issue makes a draft final for good and writes\n"
	"its hash to the audit trail.\n"
	"\n"
	"Reads a plan in the schema sendap-plan/1 (docs/plan.md). Prints {\"errors\": [...]}\n"
	"with the JSON pointer of each problem and exits 1 when it is not a plan; otherwise\n"
	"prints {\"flags\": [...]}, the quality check (vague or unquantified provision, needs\n"
	"with no outcome or provision, no preparation for adulthood from Year 9, ...), judged\n"
	"for a child born on --dob on the day --on (default today).\n";

static void print_errors(const struct field_errors *errs)
{
	json_t *list = json_array();
	for (size_t i = 0; i < errs->n; i++)
		json_array_append_new(list,
				      json_pack("{s:s, s:s}", "pointer", errs->items[i].pointer,
						"detail", errs->items[i].message));
	json_t *out = json_pack("{s:o}", "errors", list);
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	fputc('\n', stdout);
	json_decref(out);
}

/* store_action: import, export and issue, on the database */
static int store_action(const char *action, int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'b'},      {"child", required_argument, NULL, 'c'},
		{"version", required_argument, NULL, 'v'}, {"id", required_argument, NULL, 'i'},
		{"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
	};
	const char *url = getenv("SENDAP_DB") ? getenv("SENDAP_DB") : "var/sendap.db";
	const char *child = NULL, *id = NULL;
	long version = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b': url = optarg; break;
		case 'c': child = optarg; break;
		case 'i': id = optarg; break;
		case 'v': {
			char *end = NULL;
			version = strtol(optarg, &end, 10);
			if (!end || *end || version < 1) {
				fputs("sendap plan: --version must be a whole number from 1\n",
				      stderr);
				return 2;
			}
			break;
		}
		case 'h': fputs(usage_plan, stdout); return 0;
		default: fputs(usage_plan, stderr); return 2;
		}
	}
	struct db *db = NULL;
	if (db_open(url, &db) != 0) {
		fprintf(stderr, "sendap plan: cannot open the database %s\n", url);
		return 1;
	}
	int rc = 0, status = 0;
	if (strcmp(action, "import") == 0) {
		json_error_t je;
		json_t *plan = json_loadf(stdin, JSON_REJECT_DUPLICATES, &je);
		if (!plan) {
			fprintf(stderr,
				"sendap plan: the input is not JSON (line %d, column %d): %s\n",
				je.line, je.column, je.text);
			status = 1;
		} else {
			struct arena a;
			arena_init(&a, 0);
			struct field_errors errs = {0};
			char vid[ID_LEN + 1];
			rc = plan_import(db, plan, NULL, &a, &errs, vid);
			if (rc == ERR_INVALID)
				print_errors(&errs);
			else if (rc == 0)
				printf("%s\n", vid);
			arena_release(&a);
			json_decref(plan);
		}
	} else if (strcmp(action, "export") == 0) {
		char *out = NULL;
		if (!child) {
			fputs("sendap plan: --child is required\n", stderr);
			status = 2;
		} else if ((rc = plan_export(db, child, version, &out)) == 0) {
			fputs(out, stdout);
			fputc('\n', stdout);
		}
		free(out);
	} else {
		char hash[65];
		if (!id) {
			fputs("sendap plan: --id is required\n", stderr);
			status = 2;
		} else if ((rc = plan_issue(db, id, NULL, hash)) == 0) {
			printf("%s\n", hash);
		} else if (rc == ERR_CONFLICT) {
			fputs("sendap plan: that version is already issued: it cannot change\n",
			      stderr);
		}
	}
	db_close(db);
	if (rc && rc != ERR_INVALID && rc != ERR_CONFLICT)
		fprintf(stderr, "sendap plan: %s\n", err_name(rc));
	return status ? status : rc ? 1 : 0;
}

int plan_cli(int argc, char **argv)
{
	static const struct option opts[] = {
		{"dob", required_argument, NULL, 'd'},
		{"on", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(usage_plan, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "import") == 0 || strcmp(argv[1], "export") == 0 ||
	    strcmp(argv[1], "issue") == 0)
		return store_action(argv[1], argc, argv);
	if (strcmp(argv[1], "check") != 0) {
		fprintf(stderr, "sendap plan: unknown action \"%s\"\n\n%s", argv[1], usage_plan);
		return 2;
	}
	struct date dob = {0, 0, 0}, on = date_today();
	int have_dob = 0, c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': have_dob = date_parse(optarg, &dob) == 0; break;
		case 'o':
			if (date_parse(optarg, &on) != 0) {
				fputs("sendap plan: --on must be a date, YYYY-MM-DD\n", stderr);
				return 2;
			}
			break;
		case 'h': fputs(usage_plan, stdout); return 0;
		default: fputs(usage_plan, stderr); return 2;
		}
	}
	if (!have_dob) {
		fputs("sendap plan: --dob (the child's date of birth, YYYY-MM-DD) is required\n",
		      stderr);
		return 2;
	}
	json_error_t je;
	json_t *plan = json_loadf(stdin, JSON_REJECT_DUPLICATES, &je);
	if (!plan) {
		fprintf(stderr, "sendap plan: the input is not JSON (line %d, column %d): %s\n",
			je.line, je.column, je.text);
		return 1;
	}
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	json_t *out;
	int rc = 0;
	if (plan_validate(plan, &a, &errs)) {
		json_t *list = json_array();
		for (size_t i = 0; i < errs.n; i++)
			json_array_append_new(list, json_pack("{s:s, s:s}", "pointer",
							      errs.items[i].pointer, "detail",
							      errs.items[i].message));
		out = json_pack("{s:o}", "errors", list);
		rc = 1;
	} else {
		out = json_pack("{s:o}", "flags", plan_quality(plan, dob, on));
	}
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	fputc('\n', stdout);
	json_decref(out);
	json_decref(plan);
	arena_release(&a);
	return rc;
}
