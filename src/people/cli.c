/*
 * cli.c: `sendap user add|disable|enable|reset` and `sendap audit verify`.
 *
 * Passwords are read from standard input (one line), never from the command line, where
 * other users of the machine could read them in the process list.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "people/people.h"
#include "platform/audit.h"
#include "platform/err.h"

static const char usage_user[] =
	"usage: sendap user add --email E --name N --role R [--la CODE] [--organisation ID]\n"
	"                       [--child ID] [--db PATH|URL]   (password on standard input)\n"
	"       sendap user disable --email E [--db PATH|URL]\n"
	"       sendap user enable --email E [--db PATH|URL]\n"
	"       sendap user reset --email E [--db PATH|URL]    (new password on standard input)\n"
	"\n"
	"Roles: parent, young_person, caseworker, la_manager, senco, professional,\n"
	"ap_provider, partnership, dfe_analyst, admin. Caseworkers and managers need --la;\n"
	"SENCos and AP providers --organisation. Disabling or resetting an account ends its\n"
	"sessions at once. Each change is written to the audit trail.\n";

static const char usage_audit[] =
	"usage: sendap audit verify [--db PATH|URL]\n"
	"\n"
	"Walks the hash-chained audit trail from the first row. Prints the number of rows\n"
	"checked, or the first row that was edited, deleted or inserted, and then exits 1.\n";

/* read_password: one line of standard input without its line ending */
static int read_password(char *out, size_t n)
{
	if (!fgets(out, (int)n, stdin))
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

static struct audit_entry cli_why(const char *action)
{
	return (struct audit_entry){
		.actor_id = NULL, .actor_role = "system", .action = action, .record_type = "user"};
}

int people_cli_user(int argc, char **argv, const char *default_db)
{
	static const struct option opts[] = {
		{"email", required_argument, NULL, 'e'},
		{"name", required_argument, NULL, 'n'},
		{"role", required_argument, NULL, 'r'},
		{"la", required_argument, NULL, 'l'},
		{"organisation", required_argument, NULL, 'o'},
		{"child", required_argument, NULL, 'c'},
		{"db", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(usage_user, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *action = argv[1];
	struct user_input in = {0};
	const char *db_url = default_db, *child = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 'e': in.email = optarg; break;
		case 'n': in.name = optarg; break;
		case 'r': in.role = optarg; break;
		case 'l': in.la_code = optarg; break;
		case 'o': in.org_id = optarg; break;
		case 'c': child = optarg; break;
		case 'd': db_url = optarg; break;
		case 'h': fputs(usage_user, stdout); return 0;
		default: fputs(usage_user, stderr); return 2;
		}
	}
	if (!in.email) {
		fputs("sendap user: --email is required\n", stderr);
		return 2;
	}
	struct db *db = NULL;
	if (db_open(db_url, &db) != 0) {
		fprintf(stderr, "sendap user: cannot open the database %s\n", db_url);
		return 1;
	}
	int rc;
	char pw[PASSWORD_MAX + 2];
	if (strcmp(action, "add") == 0) {
		if (read_password(pw, sizeof(pw)) != 0) {
			fputs("sendap user: give the password on standard input\n", stderr);
			db_close(db);
			return 2;
		}
		in.password = pw;
		struct field_errors errs = {0};
		struct user u;
		char hash[128];
		rc = user_check(&in, &u, hash, sizeof(hash), &errs);
		for (size_t i = 0; i < errs.n; i++)
			fprintf(stderr, "sendap user: %s: %s\n", errs.items[i].name,
				errs.items[i].message);
		if (rc == 0 && child)
			snprintf(u.child_id, sizeof(u.child_id), "%s", child);
		if (rc == 0) {
			struct audit_entry why = cli_why("create");
			rc = user_insert(db, &u, hash, &why);
			if (rc == ERR_CONFLICT)
				fprintf(stderr, "sendap user: %s already has an account\n",
					u.email);
			else if (rc == 0)
				printf("added %s (%s)\n", u.email, role_name(u.role));
		}
	} else if (strcmp(action, "disable") == 0 || strcmp(action, "enable") == 0 ||
		   strcmp(action, "reset") == 0) {
		char id[ID_LEN + 1];
		rc = user_find_by_email(db, in.email, id, sizeof(id));
		if (rc == ERR_NOTFOUND || rc == ERR_INVALID) {
			fprintf(stderr, "sendap user: no account for %s\n", in.email);
		} else if (rc == 0 && strcmp(action, "reset") == 0) {
			if (read_password(pw, sizeof(pw)) != 0 || strlen(pw) < PASSWORD_MIN) {
				fputs("sendap user: give a new password of at least 10 characters "
				      "on standard input\n",
				      stderr);
				rc = ERR_INVALID;
			} else {
				struct audit_entry why = cli_why("reset_password");
				rc = user_set_password(db, id, pw, &why);
			}
		} else if (rc == 0) {
			int off = strcmp(action, "disable") == 0;
			struct audit_entry why = cli_why(off ? "disable" : "enable");
			rc = user_set_disabled(db, id, off, &why);
		}
		if (rc == 0)
			printf("%s: %s\n", action, in.email);
	} else {
		fprintf(stderr, "sendap user: unknown action \"%s\"\n\n%s", action, usage_user);
		db_close(db);
		return 2;
	}
	db_close(db);
	return rc ? 1 : 0;
}

int people_cli_audit(int argc, char **argv, const char *default_db)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(usage_audit, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "verify") != 0) {
		fprintf(stderr, "sendap audit: unknown action \"%s\"\n\n%s", argv[1], usage_audit);
		return 2;
	}
	const char *db_url = default_db;
	int c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db_url = optarg; break;
		case 'h': fputs(usage_audit, stdout); return 0;
		default: fputs(usage_audit, stderr); return 2;
		}
	}
	struct db *db = NULL;
	if (db_open(db_url, &db) != 0) {
		fprintf(stderr, "sendap audit: cannot open the database %s\n", db_url);
		return 1;
	}
	struct audit_problem p;
	int64_t rows = 0;
	int rc = audit_verify(db, &p, &rows);
	db_close(db);
	if (rc == 0) {
		printf("audit trail intact: %" PRId64 " rows checked\n", rows);
		return 0;
	}
	if (rc == 1) {
		printf("audit trail broken at row %" PRId64 ": %s (%" PRId64
		       " rows before it are intact)\n",
		       p.seq, p.what, rows);
		return 1;
	}
	fprintf(stderr, "sendap audit: could not read the audit trail (%s)\n", err_name(rc));
	return 1;
}
