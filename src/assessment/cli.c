/*
 * cli.c: `sendap clock`: case histories as JSON on standard input, their statutory
 * deadlines as JSON on standard output, computed by the code the server uses
 * (clock_compute). Input and output are documented in docs/clock.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "assessment/assessment.h"
#include "assessment/clock.h"
#include "platform/err.h"

static const char usage_clock[] =
	"usage: sendap clock [--reference DIR] [--today YYYY-MM-DD] [--compact] < case.json\n"
	"\n"
	"Reads one case history (a JSON object) or a list of them (a JSON array) and prints\n"
	"every statutory deadline, with the rule, the law and its source, as JSON. The rules\n"
	"are DIR/rules/*.json and DIR/bank_holidays.csv (default DIR: reference). \"Overdue\"\n"
	"is judged on --today (default: today), unless a case gives \"as_of\". A case that\n"
	"cannot be read is answered with {\"errors\": [{\"pointer\", \"detail\"}]} and the\n"
	"exit status is 1. See docs/clock.md.\n";

static json_t *one(const struct clock_rules *r, json_t *c, struct date today, int *bad)
{
	struct arena a;
	arena_init(&a, 0);
	struct field_errors errs = {0};
	json_t *out = clock_compute(r, c, today, &a, &errs);
	if (!out) {
		*bad = 1;
		json_t *list = json_array();
		for (size_t i = 0; i < errs.n; i++)
			json_array_append_new(
				list, json_pack("{s:s, s:s}", "pointer",
						errs.items[i].pointer ? errs.items[i].pointer : "",
						"detail", errs.items[i].message));
		out = json_pack("{s:o}", "errors", list);
	}
	arena_release(&a);
	return out;
}

int assessment_cli_clock(int argc, char **argv)
{
	static const struct option opts[] = {
		{"reference", required_argument, NULL, 'r'},
		{"today", required_argument, NULL, 't'},
		{"compact", no_argument, NULL, 'c'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *dir = "reference";
	struct date today = date_today();
	int compact = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': dir = optarg; break;
		case 't':
			if (date_parse(optarg, &today) != 0) {
				fputs("sendap clock: --today must be a date, written as "
				      "YYYY-MM-DD\n",
				      stderr);
				return 2;
			}
			break;
		case 'c': compact = 1; break;
		case 'h': fputs(usage_clock, stdout); return 0;
		default: fputs(usage_clock, stderr); return 2;
		}
	}
	struct clock_rules rules;
	char err[512];
	if (clock_rules_load(dir, &rules, err, sizeof(err)) != 0) {
		fprintf(stderr, "sendap clock: %s\n", err);
		return 1;
	}
	json_error_t je;
	json_t *in = json_loadf(stdin, JSON_REJECT_DUPLICATES, &je);
	if (!in) {
		fprintf(stderr, "sendap clock: the input is not JSON (line %d, column %d): %s\n",
			je.line, je.column, je.text);
		clock_rules_release(&rules);
		return 1;
	}
	int bad = 0;
	size_t flags =
		(compact ? JSON_COMPACT : JSON_INDENT(2)) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII;
	if (json_is_array(in)) {
		/* each answer is printed and freed as it is made: memory stays that of the
		 * input */
		fputs("[", stdout);
		size_t i;
		json_t *cs;
		json_array_foreach(in, i, cs)
		{
			json_t *one_out = one(&rules, cs, today, &bad);
			fputs(i ? ",\n" : "\n", stdout);
			json_dumpf(one_out, stdout, flags);
			json_decref(one_out);
		}
		fputs("\n]\n", stdout);
	} else {
		json_t *out = one(&rules, in, today, &bad);
		json_dumpf(out, stdout, flags);
		fputc('\n', stdout);
		json_decref(out);
	}
	json_decref(in);
	clock_rules_release(&rules);
	return bad ? 1 : 0;
}
