/*
 * page.h: what the people area's pages share: the page frame with the navigation for the
 * signed-in person's role, and sending a finished page.
 */
#ifndef SENDAP_PEOPLE_PAGE_H
#define SENDAP_PEOPLE_PAGE_H

#include "platform/auth.h"
#include "platform/gds.h"
#include "platform/http.h"

/* people_page_start: gds_page_start with the user's navigation and sign-out button
 * (u may be NULL); current is the href of the navigation item this page is. */
void people_page_start(struct html *h, const struct user *u, const char *title,
		       const struct field_errors *errs, const char *current);
/* people_send ends the page and answers with it. */
int people_send(struct request *req, int status, struct html *h);
/* people_home_for: where a role lands after signing in. */
const char *people_home_for(const struct user *u, struct arena *a);

struct child_query;
/*
 * people_search_check checks a search (form: the three date boxes; API: dob_iso): at
 * least one of name, date of birth or UPN, a real date, a 13-character UPN. Fills q
 * (strings in a) and returns the number of errors.
 */
int people_search_check(const char *name, const char *dd, const char *mm, const char *yy,
			const char *dob_iso, const char *upn, struct arena *a,
			struct child_query *q, struct field_errors *errs);
/* people_search_scope limits a search to what the user may see: their LA or setting. */
void people_search_scope(const struct user *u, struct child_query *q);

/* people_code_exists: 1 if sql ("SELECT 1 FROM t WHERE code = $1") finds the code. */
int people_code_exists(struct db *db, const char *sql, const char *code);
/* people_ethnicity_options: the ethnicity code list for a select (at most cap, with a
 * first "not known" option); the form of a new child and of a change share it */
#define ETHNICITY_MAX 32
size_t people_ethnicity_options(struct db *db, struct arena *a, struct gds_option *out, size_t cap);
int people_edit_child_form(struct request *req);
int people_edit_child(struct request *req);

/* the handlers, for people_routes */
int people_sign_in_form(struct request *req);
int people_sign_in(struct request *req);
int people_sign_out(struct request *req);
int people_signed_out(struct request *req);
int people_children(struct request *req);
int people_child(struct request *req);
int people_child_access_log(struct request *req);
int people_search_form(struct request *req);
int people_search(struct request *req);
int people_new_child_form(struct request *req);
int people_new_child(struct request *req);
int people_admin_users(struct request *req);
int people_admin_new_user_form(struct request *req);
int people_admin_new_user(struct request *req);
int people_admin_disable_user(struct request *req);
int people_api_sign_in(struct request *req);
int people_api_sign_out(struct request *req);
int people_api_me(struct request *req);
int people_api_children(struct request *req);
int people_api_child(struct request *req);
int people_api_child_create(struct request *req);
int people_api_search(struct request *req);
int people_api_access_log(struct request *req);

#endif
