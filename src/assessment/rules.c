/*
 * rules.c: loading the clock's rules (the JSON files in reference/rules) and England's bank holidays
 * (reference/bank_holidays.csv, the first column). See clock.h.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "assessment/clock.h"
#include "platform/err.h"

struct holiday_reader {
	struct date *days;
	size_t n, cap;
	size_t field, line;
	int bad;
};

static void on_field(void *s, size_t len, void *data)
{
	struct holiday_reader *r = data;
	if (r->field++ != 0 || r->line == 0 || r->bad)
		return;
	char text[16];
	struct date d;
	if (len >= sizeof(text)) {
		r->bad = 1;
		return;
	}
	memcpy(text, s, len);
	text[len] = '\0';
	if (date_parse(text, &d) != 0) {
		r->bad = 1;
		return;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		struct date *p = realloc(r->days, cap * sizeof(*p));
		if (!p) {
			r->bad = 1;
			return;
		}
		r->days = p;
		r->cap = cap;
	}
	r->days[r->n++] = d;
}

static void on_record(int c, void *data)
{
	struct holiday_reader *r = data;
	(void)c;
	r->field = 0;
	r->line++;
}

static int by_date(const void *a, const void *b)
{
	return date_cmp(*(const struct date *)a, *(const struct date *)b);
}

static int load_holidays(const char *path, struct clock_rules *out, char *err, size_t n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, n, "%s: cannot be read", path);
		return ERR_IO;
	}
	struct csv_parser p;
	struct holiday_reader r = {0};
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fclose(f);
		return ERR_NOMEM;
	}
	char chunk[8192];
	size_t got;
	int failed = 0;
	while (!failed && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		failed = csv_parse(&p, chunk, got, on_field, on_record, &r) != got;
	if (!failed)
		failed = csv_fini(&p, on_field, on_record, &r) != 0;
	csv_free(&p);
	fclose(f);
	if (failed || r.bad || r.n == 0) {
		free(r.days);
		snprintf(err, n, "%s: line %zu is not a date in the first column", path,
			 r.line + 1);
		return ERR_INVALID;
	}
	qsort(r.days, r.n, sizeof(*r.days), by_date);
	out->holidays = r.days;
	out->n_holidays = r.n;
	return 0;
}

int clock_rules_load(const char *dir, struct clock_rules *out, char *err, size_t n)
{
	memset(out, 0, sizeof(*out));
	char path[1024];
	snprintf(path, sizeof(path), "%s/bank_holidays.csv", dir);
	int rc = load_holidays(path, out, err, n);
	if (rc)
		return rc;
	out->families = json_object();
	snprintf(path, sizeof(path), "%s/rules", dir);
	DIR *d = opendir(path);
	if (!d) {
		snprintf(err, n, "%s: no such folder", path);
		clock_rules_release(out);
		return ERR_IO;
	}
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		char file[1300];
		snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
		json_error_t je;
		json_t *doc = json_load_file(file, JSON_REJECT_DUPLICATES, &je);
		const char *family = doc ? json_string_value(json_object_get(doc, "family")) : NULL;
		if (!doc || !family || !json_is_array(json_object_get(doc, "versions")) ||
		    !json_is_object(json_object_get(doc, "step_sets"))) {
			snprintf(err, n, "%s: %s", file,
				 doc ? "needs family, versions and step_sets" : je.text);
			json_decref(doc);
			rc = ERR_INVALID;
			break;
		}
		json_object_set_new(out->families, family, doc);
	}
	closedir(d);
	if (rc == 0 && json_object_size(out->families) == 0) {
		snprintf(err, n, "%s: no rules (*.json) in it", path);
		rc = ERR_INVALID;
	}
	if (rc)
		clock_rules_release(out);
	return rc;
}

void clock_rules_release(struct clock_rules *r)
{
	json_decref(r->families);
	free(r->holidays);
	memset(r, 0, sizeof(*r));
}
