/*
 * cli.c: `sendap plan check`: a plan as JSON on standard input; its problems (exit 1) or
 * its quality flags (exit 0) as JSON on standard output. The same checks the editor runs.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "plan/plan.h"

static const char usage_plan[] =
	"usage: sendap plan check --dob YYYY-MM-DD [--on YYYY-MM-DD] < plan.json\n"
	"\n"
	"Reads a plan in the schema sendap-plan/1 (docs/plan.md). Prints {\"errors\": [...]}\n"
	"with the JSON pointer of each problem and exits 1 when it is not a plan; otherwise\n"
	"prints {\"flags\": [...]}, the quality check (vague or unquantified provision, needs\n"
	"with no outcome or provision, no preparation for adulthood from Year 9, ...), judged\n"
	"for a child born on --dob on the day --on (default today).\n";

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
