/*
 * access.h: who may see which child's record. Every handler that touches a child asks
 * here, and nowhere else decides it (requirements.md R5; DESIGN.md principle 3).
 *
 *   parent or carer    the children linked to them (family_member, family_link)
 *   young person       their own record only
 *   LA caseworker or   children whose cases sit with their LA (child.la_code)
 *   manager
 *   SENCo, AP provider children on their setting's roll or under consultation with it
 *   professional       children they have an open request for advice on
 *   DfE analyst,       no named child, ever: aggregates only
 *   partnership,
 *   administrator
 *
 * A record someone may not see answers exactly as one that does not exist: 404.
 */
#ifndef SENDAP_ACCESS_H
#define SENDAP_ACCESS_H

#include "platform/auth.h"
#include "platform/db.h"
#include "platform/http.h"

/*
 * access_child: 0 if the request's user may see the child; ERR_UNAUTH when nobody is
 * signed in; ERR_NOTFOUND when the child does not exist or is not theirs to see.
 */
int access_child(struct request *req, const char *child_id);

/* access_child_for: the same decision for a given user, with no request (tests, CLI). */
int access_child_for(struct db *db, const struct user *u, const char *child_id);

/* access_may_search: 1 if the role may search for children (within its own scope). */
int access_may_search(enum role r);

#endif
