/*
 * plan_write_fixture.h: the reads that http_plan_write.c and http_plan_write2.c share,
 * included after each has declared tdb, got, num, before, J and child_id: a query's
 * answer, the child's stored plan and its versions, a snapshot to compare after a
 * refusal, and the stored plan parsed with a line of it found by id.
 */
#ifndef SENDAP_TEST_PLAN_WRITE_FIXTURE_H
#define SENDAP_TEST_PLAN_WRITE_FIXTURE_H

/* text_of: the first column of the first row ("" for NULL), or NULL when there is none */
#define text_of(...) harness_text(tdb, &got, __VA_ARGS__)
#define count_of(...) harness_number(harness_text(tdb, &num, __VA_ARGS__))

/* stored: the content of the child's latest plan version, "" when there is none */
static const char *stored(int ch)
{
	const char *s = text_of("SELECT content FROM plan_version WHERE child_ref = $1"
				" ORDER BY version DESC LIMIT 1",
				1, child_id[ch]);
	return s ? s : "";
}

static long versions(int ch)
{
	return count_of("SELECT count(*) FROM plan_version WHERE child_ref = $1", 1, child_id[ch]);
}

static void snap(int ch)
{
	buf_reset(&before);
	buf_puts(&before, stored(ch));
}

#define assert_unchanged(ch) assert_string_equal(stored(ch), buf_cstr(&before))

/* latest: the child's stored plan parsed into J (owned here, replaced by the next call) */
static json_t *latest(int ch)
{
	json_error_t je;
	json_decref(J);
	J = json_loads(stored(ch), 0, &je);
	return J;
}

/* line_in: the line of J's list with that id (borrowed), or NULL */
static json_t *line_in(const char *list, const char *id)
{
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(J, list), i, x)
	{
		const char *xid = json_string_value(json_object_get(x, "id"));
		if (xid && strcmp(xid, id) == 0)
			return x;
	}
	return NULL;
}

static const char *member(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "(none)";
}

#endif
