/*
 * bare_json.c: the baseline for bench/clock.sh. It does what `sendap clock --compact` does
 * around the clock itself, and nothing else: reads standard input as JSON with jansson
 * (the same flags), and for every case in the array builds an answer of the same shape
 * (a copy of the case's events under "deadlines"), then writes the array compactly.
 * What sendap takes beyond this is the clock's own work: loading the rules, reading each
 * history, the date arithmetic and building the deadlines.
 */
#include <stdio.h>

#include <jansson.h>

int main(void)
{
	json_error_t je;
	json_t *in = json_loadf(stdin, JSON_REJECT_DUPLICATES, &je);
	if (!in) {
		fprintf(stderr, "bare_json: line %d: %s\n", je.line, je.text);
		return 1;
	}
	json_t *out = json_array();
	size_t i;
	json_t *c;
	json_array_foreach(in, i, c)
	{
		json_array_append_new(out, json_pack("{s:s, s:O}", "rule_family", "england",
						     "deadlines", json_object_get(c, "events")));
	}
	json_dumpf(out, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	fputc('\n', stdout);
	json_decref(out);
	json_decref(in);
	return 0;
}
