/*
 * plan_render.c: bench/plan.sh's program. Builds a plan with N provision lines (and as
 * many needs and outcomes), renders it to HTML with plan_render (src/plan/render.c) over
 * and over for a few seconds, and then, as the baseline, writes the same bytes into the
 * same kind of buffer with no logic (one buf_append of the finished page). Prints both
 * and the ratio.
 *
 * usage: plan_render N SECONDS
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "plan/plan.h"
#include "platform/buf.h"
#include "platform/html.h"

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static json_t *make_plan(int n)
{
	json_t *needs = json_array(), *outcomes = json_array(), *prov = json_array();
	static const char *const areas[] = {"communication_interaction", "cognition_learning",
					    "social_emotional_mental_health", "sensory_physical"};
	for (int i = 0; i < n; i++) {
		char id[16], oid[16], pid[16], text[200];
		snprintf(id, sizeof(id), "n%d", i);
		snprintf(oid, sizeof(oid), "o%d", i);
		snprintf(pid, sizeof(pid), "p%d", i);
		snprintf(text, sizeof(text),
			 "Need %d: finds it hard to follow spoken instructions with more than two "
			 "steps & needs them broken down <with> visual support",
			 i);
		json_array_append_new(needs, json_pack("{s:s, s:s, s:s}", "id", id, "area",
						       areas[i % 4], "text", text));
		json_array_append_new(
			outcomes, json_pack("{s:s, s:s, s:s, s:[s]}", "id", oid, "text",
					    "Follows a three-step instruction in 4 of 5 lessons",
					    "by", "2027-07-16", "needs", id));
		json_array_append_new(
			prov,
			json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:[s]}",
				  "id", pid, "section", i % 10 == 9 ? "G" : "F", "what",
				  "Speech and language therapy programme on following "
				  "instructions, delivered in class and 1:1",
				  "who", "Speech and language therapist (HCPC registered)",
				  "secured_by", "Local authority", "frequency",
				  "Once a week in term time", "duration", "30 minutes",
				  "group_size", "1:1", "budget", "high_needs", "needs", id,
				  "outcomes", oid));
	}
	return json_pack("{s:s, s:s, s:{s:s}, s:{s:s, s:s}, s:o, s:o, s:o}", "schema", PLAN_SCHEMA,
			 "template", "bench/1", "child", "id", "bench", "section_a", "views",
			 "I like trains", "aspirations", "To drive one", "needs", needs, "outcomes",
			 outcomes, "provision", prov);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 100;
	double seconds = argc > 2 ? strtod(argv[2], NULL) : 3;
	json_t *plan = make_plan(n);
	size_t bytes = 0;
	long loops = 0;
	double t0 = now_s(), t;
	do {
		struct html h;
		html_init(&h);
		plan_render(&h, plan, NULL);
		bytes = h.b.len;
		html_release(&h);
		loops++;
		t = now_s();
	} while (t - t0 < seconds);
	double render_us = (t - t0) * 1e6 / (double)loops;

	struct html once;
	html_init(&once);
	plan_render(&once, plan, NULL);
	long copies = 0;
	t0 = now_s();
	do {
		struct buf b;
		buf_init(&b, HTML_MAX);
		buf_append(&b, once.b.data, once.b.len);
		buf_release(&b);
		copies++;
		t = now_s();
	} while (t - t0 < seconds);
	double copy_us = (t - t0) * 1e6 / (double)copies;
	printf("plan with %d provision lines: %zu bytes of HTML\n", n, bytes);
	printf("  plan_render           %9.1f us per plan\n", render_us);
	printf("  the same bytes, no logic %6.1f us per plan\n", copy_us);
	printf("  ratio                 %9.1fx\n", render_us / copy_us);
	html_release(&once);
	json_decref(plan);
	return 0;
}
