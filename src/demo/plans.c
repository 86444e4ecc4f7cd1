/*
 * plans.c: EHC plans for the demo. Each LA's children with a plan (up to DEMO_PLANS) get
 * one written from the phrases below, by their primary need: needs in two areas, outcomes
 * answering them, provision specified and quantified; one plan in five keeps a vague line
 * for the quality check to find, and one in five is still a draft. The first demo parent's
 * children have a draft to comment on, and the demo professional is asked to write
 * sections C and G of a plan they advise on. Written through plan_import, plan_issue and
 * plan_contributor_set, as the pages do, after the children are in.
 */
#include "demo/internal.h"
#include "plan/plan.h"
#include "review/review.h"
#include "platform/arena.h"

#define DEMO_PLANS 150

/* the broad area of need (CoP 6.28) for a SEN2 primary need code */
static const char *area_of(const char *need)
{
	static const struct {
		const char *code, *area;
	} map[] = {{"ASD", "communication_interaction"},
		   {"SLCN", "communication_interaction"},
		   {"SEMH", "social_emotional_mental_health"},
		   {"MLD", "cognition_learning"},
		   {"SLD", "cognition_learning"},
		   {"PMLD", "cognition_learning"},
		   {"SPLD", "cognition_learning"},
		   {"DS", "cognition_learning"},
		   {"PD", "sensory_physical"},
		   {"HI", "sensory_physical"},
		   {"VI", "sensory_physical"},
		   {"MSI", "sensory_physical"}};
	for (size_t i = 0; need && i < N_OF(map); i++)
		if (strcmp(map[i].code, need) == 0)
			return map[i].area;
	return "cognition_learning";
}

static const struct phrases {
	const char *area, *need, *outcome, *what, *who, *frequency, *duration, *group;
} phrases[] = {
	{"communication_interaction",
	 "understands short spoken instructions but loses the thread of longer ones, and "
	 "finds it hard to join in conversations with other children.",
	 "will follow three-part instructions in class and "
	 "take two turns in a conversation with a classmate.",
	 "A speech and language programme on following instructions and conversation, planned "
	 "by the therapist and delivered by a trained teaching assistant",
	 "Teaching assistant trained by a speech and language therapist (HCPC registered)",
	 "Three times a week in term time (38 weeks a year)", "20 minutes a session", "1:1"},
	{"cognition_learning",
	 "reads about two years below the level expected for their age and finds it hard "
	 "to hold new words in memory.",
	 "will read a short text at their level aloud and "
	 "answer questions about it.",
	 "A structured, phonics-based reading intervention",
	 "Teaching assistant trained in the intervention, supervised by the SENCo",
	 "Daily in term time (38 weeks a year)", "30 minutes a session", "Group of up to 3"},
	{"social_emotional_mental_health",
	 "becomes very anxious at changes of routine and at break times, and leaves the "
	 "classroom when overwhelmed.",
	 "will use an agreed plan to ask for a break, and stay "
	 "in class for the whole of most lessons.",
	 "Sessions with a key adult on recognising and managing anxiety, using an agreed plan",
	 "Key adult (teaching assistant trained in emotional literacy support)",
	 "Twice a week in term time (38 weeks a year)", "30 minutes a session", "1:1"},
	{"sensory_physical",
	 "has limited grip strength and tires quickly when writing or moving around "
	 "school.",
	 "will record their work using a laptop at the same "
	 "pace as their classmates.",
	 "Occupational therapy programme for fine motor skills and a laptop with training in "
	 "its use",
	 "Occupational therapist (HCPC registered), then a trained teaching assistant",
	 "Once a week in term time (38 weeks a year)", "40 minutes a session", "1:1"},
};

static const struct phrases *phrases_for(const char *area)
{
	for (size_t i = 0; i < N_OF(phrases); i++)
		if (strcmp(phrases[i].area, area) == 0)
			return &phrases[i];
	return &phrases[1];
}

/* a plan for one child: their primary area first, then a second area */
static json_t *demo_plan(struct arena *a, const char *child, const char *given, const char *need,
			 const char *template_id, struct date today, int vague, unsigned pick)
{
	const struct phrases *p1 = phrases_for(area_of(need));
	const struct phrases *p2 = &phrases[pick % N_OF(phrases)];
	if (p2 == p1)
		p2 = &phrases[(pick + 1) % N_OF(phrases)];
	char by[DATE_ISO_LEN + 1], advised[DATE_ISO_LEN + 1];
	date_iso(date_add_days(today, -60), advised);
	date_iso((struct date){today.m >= 7 ? today.y + 1 : today.y, 7, 17}, by);
	json_t *provision = json_pack(
		"[{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:[s]},"
		" {s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:[s]}]",
		"id", "p1", "section", "F", "what", p1->what, "who", p1->who, "frequency",
		p1->frequency, "duration", p1->duration, "group_size", p1->group, "secured_by",
		"The local authority (SEND team)", "budget", "high_needs", "needs", "n1",
		"outcomes", "o1", "id", "p2", "section", "F", "what", p2->what, "who", p2->who,
		"frequency", p2->frequency, "duration", p2->duration, "group_size", p2->group,
		"secured_by", "The school", "budget", "school", "needs", "n2", "outcomes", "o2");
	if (vague)
		json_array_append_new(provision,
				      json_pack("{s:s, s:s, s:s, s:[s]}", "id", "p3", "section",
						"F", "what",
						"Access to regular adult support in lessons as "
						"required",
						"needs", "n2"));
	return json_pack(
		"{s:s, s:s, s:{s:s}, s:{s:s, s:s},"
		" s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}],"
		" s:[{s:s, s:[s], s:s, s:s, s:b}, {s:s, s:[s], s:s, s:s, s:b}], s:o,"
		" s:[{s:s, s:s, s:s}]}",
		"schema", PLAN_SCHEMA, "template", template_id, "child", "id", child, "section_a",
		"views",
		arena_printf(a,
			     "%s wants people to know what they are good at, and to explain "
			     "things one step at a time.",
			     given),
		"family_views", "We want school to tell us early when something is not working.",
		"needs", "id", "n1", "area", p1->area, "text",
		arena_printf(a, "%s %s", given, p1->need), "id", "n2", "area", p2->area, "text",
		arena_printf(a, "%s %s", given, p2->need), "outcomes", "id", "o1", "needs", "n1",
		"text", arena_printf(a, "By the end of the school year %s %s", given, p1->outcome),
		"by", by, "preparation_for_adulthood", 0, "id", "o2", "needs", "n2", "text",
		arena_printf(a, "By the end of the school year %s %s", given, p2->outcome), "by",
		by, "preparation_for_adulthood", 0, "provision", provision, "advice", "id", "k1",
		"from", "Educational psychologist", "date", advised);
}

/* the children of one LA with a plan, up to DEMO_PLANS; returns how many */
static size_t ehcp_children(struct db *db, const char *la, struct arena *a,
			    const char *ids[DEMO_PLANS], const char *given[DEMO_PLANS],
			    const char *need[DEMO_PLANS])
{
	struct db_stmt *st = NULL;
	size_t n = 0;
	if (db_prepare(db,
		       "SELECT id, given_name, primary_need FROM child WHERE la_code = $1 AND"
		       " sen_status = 'ehcp' ORDER BY upn, family_name, given_name, date_of_birth "
		       "LIMIT 150",
		       &st) != 0)
		return 0;
	if (db_bind_text(st, 1, la) == 0)
		while (n < DEMO_PLANS && db_step(st) == DB_ROW) {
			ids[n] = arena_strdup(a, db_column_text(st, 0));
			given[n] = arena_strdup(a, db_column_text(st, 1));
			need[n] = arena_strdup(a, db_column_text(st, 2));
			n++;
		}
	db_reset(st);
	return n;
}

static int one_plan(struct run *run, struct arena *a, const char *child, const char *given,
		    const char *need, const char *tpl, unsigned k, int issue)
{
	json_t *plan =
		demo_plan(a, child, given, need, tpl, run->today, k % 5 == 2, (unsigned)k * 7 + 1);
	struct field_errors errs = {0};
	char vid[ID_LEN + 1], hash[65];
	if (!plan)
		return ERR_NOMEM;
	int rc = plan_import(run->db, plan, NULL, a, &errs, vid);
	json_decref(plan);
	if (rc == 0 && issue)
		rc = plan_issue(run->db, vid, NULL, hash);
	if (rc == 0 && issue) {
		/* issued some time in the last 14 months, so that reviews fall due all year
		 * round and a few are late */
		char on[DATE_ISO_LEN + 1];
		date_iso(date_add_days(run->today, -(int64_t)((k * 37u + 11u) % 420u)), on);
		const struct val v[] = {T(vid), T(on)};
		rc = exec_row(run->db, "UPDATE plan_version SET issued_on = $2 WHERE id = $1", v,
			      2);
	}
	return rc;
}

/* the first parent's children: each has a draft to comment on */
static int parents_drafts(struct run *run, struct arena *a, const char *domain, const char *tpl)
{
	struct db_stmt *st = NULL;
	const char *kids[8], *names[8];
	size_t n = 0;
	int rc = db_prepare(run->db,
			    "SELECT c.id, c.given_name FROM user_account u JOIN family_member m ON"
			    " m.user_id = u.id JOIN family_link l ON l.family_member_id = m.id JOIN"
			    " child c ON c.id = l.child_id WHERE u.email = $1 ORDER BY c.id",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, arena_printf(a, "parent1@%s", domain))) == 0)
		while (n < 8 && db_step(st) == DB_ROW) {
			kids[n] = arena_strdup(a, db_column_text(st, 0));
			names[n++] = arena_strdup(a, db_column_text(st, 1));
		}
	db_reset(st);
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct plan_doc d;
		struct field_errors errs = {0};
		char vid[ID_LEN + 1];
		rc = plan_latest(run->db, kids[i], &d);
		if (rc == ERR_NOTFOUND)
			rc = one_plan(run, a, kids[i], names[i], NULL, tpl, (unsigned)i, 0);
		else if (rc == 0 && strcmp(d.status, "draft") != 0)
			rc = plan_amend(run->db, kids[i], NULL, a, &errs, vid);
		json_decref(d.plan);
	}
	return rc;
}

/* reviews due within 8 weeks have had their invitations sent, three days ago */
static int invitations_sent(struct run *run, struct arena *a, const char *la)
{
	char soon[DATE_ISO_LEN + 1], ids[200][ID_LEN + 1];
	date_iso(date_add_days(run->today, 56), soon);
	struct db_stmt *st = NULL;
	size_t n = 0;
	int rc = db_prepare(run->db,
			    "SELECT id FROM review WHERE la_code = $1 AND closed_on IS NULL AND"
			    " invitations_on IS NULL AND due_on >= $2 AND due_on <= $3 AND kind ="
			    " 'annual' ORDER BY id",
			    &st);
	if (rc)
		return rc;
	char today[DATE_ISO_LEN + 1];
	date_iso(run->today, today);
	if (db_bind_text(st, 1, la) == 0 && db_bind_text(st, 2, today) == 0 &&
	    db_bind_text(st, 3, soon) == 0)
		while (n < 200 && db_step(st) == DB_ROW)
			snprintf(ids[n++], ID_LEN + 1, "%s", db_column_text(st, 0));
	db_reset(st);
	(void)a;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct field_errors errs = {0};
		rc = review_invitations(run->db, ids[i], date_add_days(run->today, -3), NULL,
					&errs);
	}
	return rc;
}

int demo_plans(struct run *run, const struct la *las, unsigned nlas)
{
	int rc = 0, total = 0;
	for (unsigned l = 0; l < nlas && rc == 0; l++) {
		struct arena a;
		arena_init(&a, 0);
		const char *ids[DEMO_PLANS], *given[DEMO_PLANS], *need[DEMO_PLANS];
		size_t n = ehcp_children(run->db, las[l].code, &a, ids, given, need);
		const char *tpl = plan_template_for_la(run->db, las[l].code, &a);
		for (size_t k = 0; k < n && rc == 0; k++)
			rc = one_plan(run, &a, ids[k], given[k], need[k], tpl, (unsigned)k,
				      k % 5 != 4);
		total += (int)n;
		char s[96];
		slug(las[l].name, s, sizeof(s));
		const char *domain = arena_printf(&a, "%s.%s", s, DEMO_DOMAIN);
		if (rc == 0 && l == 0)
			rc = parents_drafts(run, &a, domain, tpl);
		/* the demo professional writes sections C and G of the first plan they advise on */
		struct db_stmt *st = NULL;
		if (rc == 0 && l == 0 &&
		    (rc = db_prepare(run->db,
				     "SELECT r.user_id, r.child_id FROM advice_request r JOIN"
				     " user_account u ON u.id = r.user_id JOIN plan_version p ON"
				     " p.child_ref = r.child_id AND p.status = 'draft' JOIN child c"
				     " ON c.id = r.child_id WHERE u.email = $1 ORDER BY c.upn,"
				     " c.family_name, c.given_name LIMIT 1",
				     &st)) == 0) {
			char user[ID_LEN + 1] = "", child[ID_LEN + 1] = "";
			if (db_bind_text(st, 1, arena_printf(&a, "professional1@%s", domain)) ==
				    0 &&
			    db_step(st) == DB_ROW) {
				snprintf(user, sizeof(user), "%s", db_column_text(st, 0));
				snprintf(child, sizeof(child), "%s", db_column_text(st, 1));
			}
			db_reset(st);
			if (user[0])
				rc = plan_contributor_set(run->db, child, user,
							  (1u << PLAN_C) | (1u << PLAN_G), NULL);
		}
		if (rc == 0)
			rc = demo_cases(run, &las[l]);
		int scheduled = 0;
		if (rc == 0)
			rc = review_schedule(run->db, las[l].code, run->today, &scheduled);
		if (rc == 0)
			rc = invitations_sent(run, &a, las[l].code);
		arena_release(&a);
	}
	if (rc == 0 && run->out)
		fprintf(run->out, "  %d EHC plans written (one in five still a draft)\n", total);
	return rc;
}
