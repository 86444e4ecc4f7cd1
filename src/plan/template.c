/*
 * template.c: EHC plan templates as data. A template maps its own headings and hints
 * onto the lettered sections of the one plan model; sections it leaves out keep the
 * national headings. Templates are loaded from reference/templates/ by `sendap migrate`
 * and never change in place, so a plan written in "202/1" reads the same after "202/2"
 * arrives.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"
#include "platform/err.h"

#define TEMPLATE_ID_MAX 64
#define TEMPLATE_TEXT_MAX 400

static void national(struct plan_template *t)
{
	memset(t, 0, sizeof(*t));
	t->id = PLAN_TEMPLATE_NATIONAL;
	t->name = "EHC plan: the sections required by the SEND Code of Practice 2015";
	for (int i = 0; i < PLAN_SECTIONS; i++)
		t->heading[i] = plan_section_info[i].heading;
}

/* template_check: why a template file cannot be loaded, or NULL */
static const char *template_check(json_t *t)
{
	const char *id = json_string_value(json_object_get(t, "id"));
	if (!id || !*id || strlen(id) > TEMPLATE_ID_MAX)
		return "\"id\" must be a string of 1 to 64 characters";
	if (!json_is_string(json_object_get(t, "name")))
		return "\"name\" must be a string";
	json_t *la = json_object_get(t, "la_code");
	if (la && !json_is_null(la) && (!json_is_string(la) || strlen(json_string_value(la)) != 3))
		return "\"la_code\" must be null or a three-digit LA code";
	if (json_integer_value(json_object_get(t, "version")) < 1)
		return "\"version\" must be a whole number from 1";
	json_t *sections = json_object_get(t, "sections");
	if (!json_is_object(sections))
		return "\"sections\" must be an object";
	const char *code;
	json_t *s;
	json_object_foreach(sections, code, s)
	{
		if (plan_section_parse(code) < 0)
			return "a member of \"sections\" is not a section of a plan (A to K, H1, "
			       "H2)";
		json_t *heading = json_object_get(s, "heading"), *hint = json_object_get(s, "hint");
		if (heading && (!json_is_string(heading) || !*json_string_value(heading) ||
				strlen(json_string_value(heading)) > TEMPLATE_TEXT_MAX))
			return "a section's \"heading\" must be a string of 1 to 400 characters";
		if (hint &&
		    (!json_is_string(hint) || strlen(json_string_value(hint)) > TEMPLATE_TEXT_MAX))
			return "a section's \"hint\" must be a string of up to 400 characters";
	}
	return NULL;
}

int plan_template_get(struct db *db, const char *id, struct arena *a, struct plan_template *out)
{
	national(out);
	out->known = id && strcmp(id, PLAN_TEMPLATE_NATIONAL) == 0;
	if (id)
		out->id = arena_strdup(a, id);
	struct db_stmt *st = NULL;
	int rc = db_prepare(db, "SELECT name, content FROM plan_template WHERE id = $1", &st);
	if (rc)
		return rc;
	json_t *t = NULL;
	if ((rc = db_bind_text(st, 1, id ? id : "")) == 0) {
		rc = db_step(st);
		if (rc == DB_ROW) {
			json_error_t je;
			out->name = arena_strdup(a, db_column_text(st, 0));
			t = json_loads(db_column_text(st, 1), 0, &je);
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = 0;
		}
	}
	db_reset(st);
	if (!t)
		return rc;
	out->known = 1;
	const char *code;
	json_t *s;
	json_object_foreach(json_object_get(t, "sections"), code, s)
	{
		int k = plan_section_parse(code);
		const char *heading = json_string_value(json_object_get(s, "heading"));
		const char *hint = json_string_value(json_object_get(s, "hint"));
		if (k < 0)
			continue;
		if (heading)
			out->heading[k] = arena_strdup(a, heading);
		if (hint)
			out->hint[k] = arena_strdup(a, hint);
	}
	json_decref(t);
	return 0;
}

const char *plan_template_for_la(struct db *db, const char *la_code, struct arena *a)
{
	const char *id = PLAN_TEMPLATE_NATIONAL;
	struct db_stmt *st = NULL;
	if (db_prepare(db,
		       "SELECT id FROM plan_template WHERE la_code = $1 OR la_code IS NULL"
		       " ORDER BY la_code IS NULL, version DESC LIMIT 1",
		       &st) != 0)
		return id;
	if (db_bind_text(st, 1, la_code ? la_code : "") == 0 && db_step(st) == DB_ROW)
		id = arena_strdup(a, db_column_text(st, 0));
	db_reset(st);
	return id ? id : PLAN_TEMPLATE_NATIONAL;
}

static int load_one(struct db *db, const char *path, int *loaded, char *err, size_t n)
{
	json_error_t je;
	json_t *t = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!t) {
		snprintf(err, n, "%s: line %d: %s", path, je.line, je.text);
		return ERR_INVALID;
	}
	const char *why = template_check(t);
	if (why) {
		snprintf(err, n, "%s: %s", path, why);
		json_decref(t);
		return ERR_INVALID;
	}
	char *content = json_dumps(t, JSON_COMPACT | JSON_SORT_KEYS);
	char version[24], now[TIME_ISO_LEN + 1];
	snprintf(version, sizeof(version), "%lld",
		 (long long)json_integer_value(json_object_get(t, "version")));
	time_iso(time_now(), now);
	struct db_stmt *st = NULL;
	int rc = content ? db_prepare(db,
				      "INSERT INTO plan_template (id, la_code, version, name,"
				      " content, loaded_at) VALUES ($1, $2, $3, $4, $5, $6)"
				      " ON CONFLICT (id) DO NOTHING",
				      &st)
			 : ERR_NOMEM;
	if (rc == 0) {
		const char *v[] = {json_string_value(json_object_get(t, "id")),
				   json_string_value(json_object_get(t, "la_code")),
				   version,
				   json_string_value(json_object_get(t, "name")),
				   content,
				   now};
		for (int i = 0; i < 6 && rc == 0; i++)
			rc = v[i] ? db_bind_text(st, i + 1, v[i]) : db_bind_null(st, i + 1);
		if (rc == 0 && (rc = db_step(st)) == DB_DONE) {
			rc = 0;
			(*loaded)++;
		} else if (rc == 0) {
			rc = ERR_DB;
		}
		db_reset(st);
	}
	if (rc)
		snprintf(err, n, "%s: not stored (%s)", path, err_name(rc));
	free(content);
	json_decref(t);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int plan_templates_load(struct db *db, const char *dir, int *loaded, char *err, size_t n)
{
	*loaded = 0;
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, n, "%s: cannot open the directory", dir);
		return ERR_NOTFOUND;
	}
	char *names[256];
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && count < 256) {
		size_t len = strlen(e->d_name);
		if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0)
			names[count++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, count, sizeof(names[0]), by_name);
	int rc = db_begin(db);
	for (size_t i = 0; i < count; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i] ? names[i] : "");
		if (rc == 0 && names[i])
			rc = load_one(db, path, loaded, err, n);
		free(names[i]);
	}
	if (rc == 0)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}
