/*
 * sen2_trace.c: every value of the return with the record it came from, as CSV (path,
 * value, source): "Persons/Person[12]/Requests[1]/ReceivedDate", "2026-03-02",
 * "assessment_case 7f3k...". The path counts records the way the XML holds them, and the
 * source names the table and the row (a case event as CASE/SEQ), so an analyst can go
 * from any figure in the return to the event that made it. Cells go through csvout_fcell:
 * quoted by libcsv, and a name that starts like a formula is defused.
 */
#include <stdio.h>
#include <string.h>

#include "platform/csvout.h"
#include "returns/internal.h"

#define DEPTH 8

struct trace {
	FILE *out;
	int depth;
	char name[DEPTH][24];
	unsigned count[DEPTH]; /* the index of the open record among its siblings */
	unsigned last[DEPTH];  /* children of each level seen so far, by name below */
	char last_name[DEPTH][24];
};

static int t_open(void *data, const char *module, const char *id)
{
	struct trace *T = data;
	(void)id;
	if (T->depth == DEPTH)
		return 1;
	int d = T->depth;
	/* siblings of the same name are numbered 1, 2, ... */
	if (strcmp(T->last_name[d], module) == 0)
		T->last[d]++;
	else {
		snprintf(T->last_name[d], sizeof(T->last_name[d]), "%s", module);
		T->last[d] = 1;
	}
	snprintf(T->name[d], sizeof(T->name[d]), "%s", module);
	T->count[d] = T->last[d];
	T->depth++;
	if (d + 1 < DEPTH)
		T->last_name[d + 1][0] = 0;
	return 0;
}

static int t_close(void *data, const char *module)
{
	struct trace *T = data;
	(void)module;
	T->depth--;
	return 0;
}

static int t_item(void *data, const char *name, const char *value, const char *source)
{
	struct trace *T = data;
	char path[512];
	size_t u = 0;
	for (int i = 0; i < T->depth && u < sizeof(path); i++) {
		int w = strcmp(T->name[i], "Person") == 0 || strcmp(T->name[i], "Requests") == 0 ||
					strcmp(T->name[i], "PlanDetail") == 0 ||
					strcmp(T->name[i], "PlacementDetail") == 0 ||
					strcmp(T->name[i], "SENneed") == 0
				? snprintf(path + u, sizeof(path) - u, "%s[%u]/", T->name[i],
					   T->count[i])
				: snprintf(path + u, sizeof(path) - u, "%s/", T->name[i]);
		u += w > 0 ? (size_t)w : 0;
	}
	if (u < sizeof(path))
		snprintf(path + u, sizeof(path) - u, "%s", name);
	return csvout_fcell(T->out, path, 0) || csvout_fcell(T->out, value, 0) ||
	       csvout_fcell(T->out, source ? source : "", 1);
}

int sen2_trace_write(const struct sen2_return *ret, FILE *out)
{
	struct trace T = {.out = out};
	struct sen2_visit v = {.data = &T, .open = t_open, .item = t_item, .close = t_close};
	if (csvout_fcell(out, "path", 0) || csvout_fcell(out, "value", 0) ||
	    csvout_fcell(out, "source", 1))
		return 1;
	return sen2_walk(ret, &v);
}
