/*
 * internal.h: what the placement pages share.
 */
#ifndef SENDAP_PLACEMENT_INTERNAL_H
#define SENDAP_PLACEMENT_INTERNAL_H

#include "people/people.h"
#include "placement/placement.h"
#include "platform/auth.h"
#include "platform/gds.h"
#include "platform/http.h"

#define PLACEMENT_OFFICERS (ROLE_BIT(ROLE_CASEWORKER) | ROLE_BIT(ROLE_LA_MANAGER))
#define PLACEMENT_FAMILY (ROLE_BIT(ROLE_PARENT) | ROLE_BIT(ROLE_YOUNG_PERSON))

/* find_setting: a setting by its URN or id; its id into out (ID_LEN + 1) and its name
 * (arena); ERR_NOTFOUND when there is none */
int find_setting(struct db *db, const char *urn_or_id, char *out, const char **name,
		 struct arena *a);
/* the child's placement page (child.c), with errors after a refused form */
int placement_child_page(struct request *req, int status, const char *child,
			 const struct field_errors *errs);
/* the parts of it that consult.c and tailored.c write */
void consultations_block(struct html *h, struct request *req, const char *child,
			 const struct field_errors *errs);
void tailored_block(struct html *h, struct request *req, const struct child *c,
		    const struct field_errors *errs);
/* run one statement with text parameters (NULL binds NULL), with its audit row */
int placement_exec(struct db *db, const char *sql, const char *const *v, int n);
int placement_audit(struct db *db, const char *actor, const char *action, const char *type,
		    const char *id);

#endif
