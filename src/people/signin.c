/*
 * signin.c: signing in and out, and the page frame every signed-in page uses.
 *
 * The sign-in form lets browsers and password managers fill it and allows pasting
 * (WCAG 2.2 success criterion 3.3.8, accessible authentication): plain email and
 * password inputs with the right autocomplete values, nothing that blocks paste.
 */
#include <stdio.h>
#include <string.h>

#include "people/page.h"
#include "people/people.h"
#include "platform/audit.h"
#include "platform/err.h"

void people_page_start(struct html *h, const struct user *u, const char *title,
		       const struct field_errors *errs, const char *current)
{
	struct gds_nav_item nav[10];
	size_t n = 0;
	if (u) {
		switch (u->role) {
		case ROLE_PARENT:
			nav[n++] = (struct gds_nav_item){"/children", "My children", 0};
			break;
		case ROLE_YOUNG_PERSON:
			nav[n++] = (struct gds_nav_item){"/children", "My record", 0};
			break;
		case ROLE_CASEWORKER:
		case ROLE_LA_MANAGER:
			nav[n++] = (struct gds_nav_item){
				"/children",
				u->role == ROLE_CASEWORKER ? "My caseload" : "All cases", 0};
			nav[n++] = (struct gds_nav_item){"/assessments", "Assessments", 0};
			nav[n++] = (struct gds_nav_item){"/panels", "Panels", 0};
			nav[n++] = (struct gds_nav_item){"/reviews", "Reviews", 0};
			nav[n++] = (struct gds_nav_item){"/plans/quality", "Plan quality", 0};
			nav[n++] = (struct gds_nav_item){"/children/search", "Find a child", 0};
			nav[n++] = (struct gds_nav_item){"/children/new", "Add a child", 0};
			if (u->role == ROLE_LA_MANAGER)
				nav[n++] = (struct gds_nav_item){"/returns/sen2", "SEN2 return", 0};
			break;
		case ROLE_SENCO:
		case ROLE_AP_PROVIDER:
			nav[n++] = (struct gds_nav_item){"/children", "Our pupils", 0};
			nav[n++] = (struct gds_nav_item){"/children/search", "Find a child", 0};
			if (u->role == ROLE_SENCO) {
				nav[n++] = (struct gds_nav_item){"/reviews/setting", "Reviews", 0};
				nav[n++] = (struct gds_nav_item){"/placements/consultations",
								 "Consultations", 0};
			}
			break;
		case ROLE_PROFESSIONAL:
			nav[n++] = (struct gds_nav_item){"/children", "Children I advise on", 0};
			break;
		case ROLE_ADMIN:
			nav[n++] = (struct gds_nav_item){"/admin/users", "Users", 0};
			break;
		default: break;
		}
	}
	for (size_t i = 0; i < n; i++)
		nav[i].current = current && strcmp(nav[i].href, current) == 0;
	gds_page_start(h, &(struct gds_page){.title = title,
					     .errors = errs,
					     .nav = n ? nav : NULL,
					     .n_nav = n,
					     .sign_out_csrf = u ? u->csrf : NULL});
}

int people_send(struct request *req, int status, struct html *h)
{
	gds_page_end(h);
	int rc = html_error(h);
	if (rc) {
		html_release(h);
		return rc;
	}
	return resp_html(req, status, h);
}

const char *people_home_for(const struct user *u, struct arena *a)
{
	(void)a;
	switch (u->role) {
	case ROLE_ADMIN: return "/admin/users";
	case ROLE_DFE_ANALYST:
	case ROLE_PARTNERSHIP:
	case ROLE_NONE:
	case ROLE_COUNT: return "/";
	default: return "/children";
	}
}

static int sign_in_page(struct request *req, int status, const char *email,
			const struct field_errors *errs)
{
	struct html h;
	html_init(&h);
	people_page_start(&h, NULL, "Sign in", errs, NULL);
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h, &(struct gds_heading){.text = "Sign in"});
	gds_form_start(&h, "/sign-in");
	gds_input(&h, &(struct gds_input){.name = "email",
					  .label = "Email address",
					  .type = "email",
					  .autocomplete = "username",
					  .spellcheck = -1,
					  .value = email,
					  .errors = errs});
	gds_input(&h, &(struct gds_input){.name = "password",
					  .label = "Password",
					  .type = "password",
					  .autocomplete = "current-password",
					  .errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Sign in", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_p(&h, "If you have forgotten your password, ask your council's SEND team or the "
		  "person who gave you your account to reset it.");
	gds_grid_end(&h);
	return people_send(req, status, &h);
}

int people_sign_in_form(struct request *req)
{
	const struct user *u = auth_user(req);
	if (u)
		return resp_redirect(req, people_home_for(u, req_arena(req)));
	return sign_in_page(req, 200, NULL, NULL);
}

int people_sign_in(struct request *req)
{
	if (req_form_bad(req))
		return ERR_INVALID;
	const char *email = req_form(req, "email");
	const char *password = req_form(req, "password");
	struct field_errors errs = {0};
	if (!email || !*email)
		field_error_add(&errs, "email", "/email", "Enter your email address");
	if (!password || !*password)
		field_error_add(&errs, "password", "/password", "Enter your password");
	if (errs.n)
		return sign_in_page(req, 422, email, &errs);
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	struct user u;
	int rc = sign_in(db, email, password, req_address(req), &u);
	if (rc == ERR_DENIED) {
		field_error_add(&errs, "email", "/email",
				"Enter the email address and password for your account: these "
				"do not match");
		return sign_in_page(req, 422, email, &errs);
	}
	if (rc == ERR_THROTTLED) {
		field_error_add(&errs, "email", "/email",
				"You have tried to sign in too many times. Wait 15 minutes and "
				"try again");
		return sign_in_page(req, 429, email, &errs);
	}
	if (rc)
		return rc;
	char token[64];
	if ((rc = session_start(db, &u, token, sizeof(token))) != 0)
		return rc;
	struct audit_entry e = {.actor_id = u.id,
				.actor_role = role_name(u.role),
				.action = "sign_in",
				.record_type = "user",
				.record_id = u.id,
				.request_id = req_id(req)};
	if ((rc = db_begin(db)) == 0) {
		rc = audit_append(db, &e);
		rc = rc ? rc : db_commit(db);
		if (rc)
			db_rollback(db);
	}
	if (rc)
		return rc;
	auth_set_cookie(req, token);
	return resp_redirect(req, people_home_for(&u, req_arena(req)));
}

int people_sign_out(struct request *req)
{
	const struct user *u = auth_user(req);
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	if (u) {
		int rc = session_end(db, req_cookie(req, SESSION_COOKIE));
		if (rc == 0)
			rc = audit_record(req, "sign_out", "user", u->id);
		if (rc)
			return rc;
	}
	auth_clear_cookie(req);
	return resp_redirect(req, "/signed-out");
}

int people_signed_out(struct request *req)
{
	struct html h;
	html_init(&h);
	people_page_start(&h, NULL, "You have signed out", NULL, NULL);
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h, &(struct gds_heading){.text = "You have signed out"});
	html_raw(&h, "<p class=\"govuk-body\">");
	gds_link(&h, "/sign-in", "Sign in again");
	html_raw(&h, "</p>");
	gds_grid_end(&h);
	return people_send(req, 200, &h);
}
