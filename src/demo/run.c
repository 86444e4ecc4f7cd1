/*
 * run.c: the entry points of demo.h: choosing the LAs, checking the database is ready,
 * building every LA in one transaction, and printing the demo sign-ins.
 */
#include "demo/internal.h"

/* ---- choosing LAs ---- */

/* choose_las fills want LAs into out: 202 Camden (or the first) and then one region at a
 * time in turn, by code within a region. Returns how many it found. */
static int choose_las(struct db *db, unsigned want, struct la *out, unsigned *found)
{
	struct la *all = NULL;
	size_t n = 0, cap = 0;
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT code, name, region FROM local_authority"
			    " WHERE effective_to IS NULL ORDER BY region, code",
			    &st);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *code = db_column_text(st, 0);
		/* City of London and the Isles of Scilly have too few children for a demo */
		if (!code || !strcmp(code, "201") || !strcmp(code, "420"))
			continue;
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			struct la *bigger = realloc(all, nc * sizeof(*all));
			if (!bigger) {
				rc = ERR_NOMEM;
				break;
			}
			all = bigger;
			cap = nc;
		}
		struct la *la = &all[n++];
		snprintf(la->code, sizeof(la->code), "%s", code);
		snprintf(la->name, sizeof(la->name), "%s", db_column_text(st, 1));
		snprintf(la->region, sizeof(la->region), "%s", db_column_text(st, 2));
	}
	db_reset(st);
	rc = rc == DB_DONE ? 0 : rc;
	*found = 0;
	unsigned char *taken = rc == 0 && n ? calloc(n, 1) : NULL;
	if (rc == 0 && n && !taken)
		rc = ERR_NOMEM;
	if (rc == 0 && n) {
		size_t start = 0;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(all[i].code, "202"))
				start = i;
		out[(*found)++] = all[start];
		taken[start] = 1;
		/* walk the regions in turn from the one after the first LA's */
		const char *region = all[start].region;
		while (*found < want) {
			/* the first untaken LA of the next region after `region` (cyclic) */
			size_t best = n;
			for (size_t step = 1; step <= n && best == n; step++) {
				size_t i = (start + step) % n;
				if (!taken[i] && strcmp(all[i].region, region) != 0) {
					/* first untaken in that region */
					size_t j = i;
					while (j > 0 && !strcmp(all[j - 1].region, all[i].region))
						j--;
					while (taken[j])
						j++;
					best = j;
				}
			}
			if (best == n) /* one region left */
				for (size_t i = 0; i < n && best == n; i++)
					if (!taken[i])
						best = i;
			if (best == n)
				break;
			taken[best] = 1;
			out[(*found)++] = all[best];
			region = all[best].region;
			start = best;
		}
	}
	free(taken);
	free(all);
	return rc;
}

/* ---- entry points ---- */

void demo_options_default(struct demo_options *o)
{
	memset(o, 0, sizeof(*o));
	o->las = 1;
	o->children = 2000;
	o->seed = 1;
}

int demo_print_sign_ins(struct db *db, const char *prefer_domain, FILE *out)
{
	char best[ROLE_COUNT][256];
	int best_pref[ROLE_COUNT];
	memset(best, 0, sizeof(best));
	memset(best_pref, 0, sizeof(best_pref));
	struct db_stmt *st = NULL;
	int rc = db_prepare(db,
			    "SELECT role, email FROM user_account WHERE disabled = 0"
			    " AND email LIKE $1 ORDER BY email",
			    &st);
	if (rc)
		return rc;
	if ((rc = db_bind_text(st, 1, "%" DEMO_DOMAIN)) == 0) {
		while ((rc = db_step(st)) == DB_ROW) {
			enum role r = role_parse(db_column_text(st, 0));
			const char *email = db_column_text(st, 1);
			const char *at = email ? strchr(email, '@') : NULL;
			if (r == ROLE_NONE || !at)
				continue;
			int pref = prefer_domain && !strcmp(at + 1, prefer_domain);
			if (!best[r][0] || (pref && !best_pref[r])) {
				snprintf(best[r], sizeof(best[r]), "%s", email);
				best_pref[r] = pref;
			}
		}
		rc = rc == DB_DONE ? 0 : rc;
	}
	db_reset(st);
	if (rc || !out)
		return rc;
	fprintf(out, "Demo sign-ins (password: %s):\n", DEMO_PASSWORD);
	for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
		if (best[r][0])
			fprintf(out, "  %-13s %s\n", role_name((enum role)r), best[r]);
	return 0;
}

/* check_ready: the reference tables the demo refers to hold rows */
static int check_ready(struct db *db)
{
	static const struct {
		const char *sql, *what;
	} tables[] = {
		{"SELECT COUNT(*) FROM local_authority", "local authorities"},
		{"SELECT COUNT(*) FROM need_type", "need types"},
		{"SELECT COUNT(*) FROM ethnicity", "ethnicity codes"},
		{"SELECT COUNT(*) FROM setting_type", "setting types"},
		{"SELECT COUNT(*) FROM phase", "phases"},
	};
	for (size_t i = 0; i < N_OF(tables); i++) {
		int64_t n = 0;
		int rc = count_rows(db, tables[i].sql, &n);
		if (rc)
			return rc;
		if (n == 0) {
			fprintf(stderr,
				"sendap demo: the database has no %s yet: run `sendap migrate`"
				" first to load the reference data\n",
				tables[i].what);
			return ERR_NOTFOUND;
		}
	}
	return 0;
}

static int delete_all(struct db *db)
{
	/* children and accounts first: the others refer to them */
	return db_exec(
		db, "DELETE FROM plan_cease; DELETE FROM provision_missed; DELETE FROM child_move;"
		    " DELETE FROM review; DELETE FROM la_review_setting;"
		    " DELETE FROM tailored_list; DELETE FROM placement_named;"
		    " DELETE FROM placement_preference; DELETE FROM placement_consultation;"
		    " DELETE FROM organisation_need; DELETE FROM la_placement_setting;"
		    " DELETE FROM local_inclusion_plan;"
		    " DELETE FROM panel_item; DELETE FROM panel_meeting; DELETE FROM panel_member;"
		    " DELETE FROM panel; DELETE FROM advice; DELETE FROM case_exception;"
		    " DELETE FROM notice; DELETE FROM case_event; DELETE FROM assessment_case;"
		    " DELETE FROM plan_comment; DELETE FROM plan_contributor;"
		    " DELETE FROM plan_version;"
		    " DELETE FROM user_session; DELETE FROM advice_request;"
		    " DELETE FROM family_link; DELETE FROM family_member;"
		    " DELETE FROM child_setting;"
		    " DELETE FROM user_account; DELETE FROM child; DELETE FROM organisation;");
}

int demo_build(struct db *db, const struct demo_options *o, FILE *out)
{
	struct run run;
	struct la *las = NULL;
	unsigned found = 0;
	int rc, in_tx = 0;
	memset(&run, 0, sizeof(run));
	run.db = db;
	run.out = out;
	run.seed = o->seed;
	run.today = o->today.y ? o->today : date_today();
	run.year = run.today.m >= 9 ? run.today.y : run.today.y - 1;
	log_now_iso(run.now, sizeof(run.now));

	if (o->las < 1 || o->children > DEMO_MAX_CHILDREN ||
	    o->children < DEMO_MIN_PER_LA * o->las || o->children / o->las > DEMO_MAX_PER_LA) {
		fprintf(stderr,
			"sendap demo: --children must be from %lu per LA (--las) up to %lu in all"
			" and %lu per LA\n",
			DEMO_MIN_PER_LA, DEMO_MAX_CHILDREN, DEMO_MAX_PER_LA);
		return ERR_INVALID;
	}
	if ((rc = migrate_apply(db, NULL)))
		return rc;
	if ((rc = check_ready(db)))
		return rc;
	int64_t children = 0;
	if ((rc = count_rows(db, "SELECT COUNT(*) FROM child", &children)))
		return rc;
	if (children > 0 && o->if_empty) {
		if (out)
			fprintf(out,
				"The database already holds %lld children and young people;"
				" the demo data was left as it is.\n",
				(long long)children);
		return demo_print_sign_ins(db, "camden." DEMO_DOMAIN, out);
	}
	if (children > 0 && !o->replace) {
		fprintf(stderr,
			"sendap demo: the database already holds %lld children and young people:"
			" give --replace to delete them (and every organisation, account and"
			" session) and build the demo again\n",
			(long long)children);
		return ERR_CONFLICT;
	}
	las = calloc(o->las, sizeof(*las));
	if (!las)
		return ERR_NOMEM;
	if ((rc = choose_las(db, o->las, las, &found)))
		goto out;
	if (found < o->las) {
		fprintf(stderr, "sendap demo: --las can be at most %u with this reference data\n",
			found);
		rc = ERR_INVALID;
		goto out;
	}
	/* one hash for every demo sign-in: argon2id is slow on purpose */
	if ((rc = password_hash(DEMO_PASSWORD, run.hash, sizeof(run.hash))))
		goto out;
	/* a bigger page cache for this connection while it writes: the random ids spread
	 * the inserts over every page of each index */
	if (db_kind(db) == DB_SQLITE && (rc = db_exec(db, "PRAGMA cache_size = -131072")))
		goto out;
	if ((rc = db_begin(db)))
		goto out;
	in_tx = 1;
	if (o->replace && (rc = delete_all(db)))
		goto out;
	if (out)
		fprintf(out, "Building the demo (seed %llu):\n", (unsigned long long)o->seed);
	for (unsigned k = 0; k < o->las && rc == 0; k++) {
		unsigned long n = o->children / o->las + (k < o->children % o->las);
		rc = build_la(&run, &las[k], n, k == 0);
	}
	if (rc == 0) {
		char id[ID_LEN + 1];
		id_new(id);
		rc = add_user(&run, id, "analyst@dfe." DEMO_DOMAIN, "DfE Analyst", ROLE_DFE_ANALYST,
			      NULL, NULL, NULL, 1);
		if (rc == 0) {
			id_new(id);
			rc = add_user(&run, id, "admin@" DEMO_DOMAIN, "Demo Administrator",
				      ROLE_ADMIN, NULL, NULL, NULL, 1);
		}
	}
	if (rc == 0 && (rc = db_commit(db)) == 0) {
		in_tx = 0;
		rc = demo_plans(&run, las, o->las);
	}
	if (rc == 0) {
		/* fresh statistics, so the query planner knows the new data's shape (without
		 * them SQLite searches names by scanning the whole LA) */
		rc = db_exec(db, "ANALYZE");
	}
	if (rc == 0) {
		char prefer[160], s[96];
		slug(las[0].name, s, sizeof(s));
		snprintf(prefer, sizeof(prefer), "%s.%s", s, DEMO_DOMAIN);
		rc = demo_print_sign_ins(db, prefer, out);
	}
out:
	if (in_tx)
		db_rollback(db);
	if (db_kind(db) == DB_SQLITE)
		db_exec(db, "PRAGMA cache_size = -2000"); /* SQLite's default */
	if (rc && rc != ERR_INVALID)
		fprintf(stderr, "sendap demo: building the demo failed (%s%s%s)\n", err_name(rc),
			rc == ERR_DB || rc == ERR_CONFLICT ? ", " : "",
			rc == ERR_DB || rc == ERR_CONFLICT ? db_errcode(db) : "");
	free(las);
	return rc;
}
