/*
 * pages.c: the site's HTML pages: home, the accessibility statement, the form to report
 * an accessibility problem (post, redirect, get), and the error pages the server shows
 * for 404, 405, 413, 500 and the rest.
 */
#include <string.h>

#include "platform/auth.h"
#include "platform/err.h"
#include "platform/gds.h"
#include "platform/http.h"
#include "site/handlers.h"
#include "site/site.h"

/* send finishes a page started with gds_page_start and answers with it. */
static int send(struct request *req, int status, struct html *h)
{
	gds_page_end(h);
	int rc = html_error(h);
	if (rc) {
		html_release(h);
		return rc;
	}
	return resp_html(req, status, h);
}

int site_home(struct request *req)
{
	struct html h;
	html_init(&h);
	const struct user *u = auth_user(req);
	gds_page_start(&h, &(struct gds_page){.title = "Special educational needs and "
						       "disabilities support",
					      .sign_out_csrf = u ? u->csrf : NULL});
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h, &(struct gds_heading){.text = "Special educational needs and "
						      "disabilities (SEND) support",
					      .size = GDS_SIZE_XL});
	gds_p(&h, "Use this service to ask for an education, health and care (EHC) needs "
		  "assessment, follow a request through each step, and read and respond to an "
		  "education, health and care plan (EHCP).");
	gds_p(&h, "Families, schools and colleges, health and care professionals and council "
		  "teams work on the same record, so nobody has to tell their story twice.");
	gds_heading(&h, &(struct gds_heading){.text = "Before you start", .level = 2});
	gds_p(&h, "A council must decide whether to carry out an assessment within 6 weeks of "
		  "a request, and issue a final plan within 20 weeks.");
	if (u) {
		gds_p(&h, "You are signed in.");
		gds_button(&h, &(struct gds_button){.text = "Continue",
						    .href = u->role == ROLE_ADMIN ? "/admin/users"
										  : "/children"});
	} else {
		gds_button(&h,
			   &(struct gds_button){.text = "Sign in", .start = 1, .href = "/sign-in"});
	}
	gds_heading(&h, &(struct gds_heading){.text = "Schools and colleges", .level = 2});
	html_raw(&h, "<p class=\"govuk-body\">");
	gds_link(&h, "/settings", "Find a school, college or other setting");
	html_raw(&h, ": what each offers, the needs it is designated for, and how far it is. "
		     "You do not need to sign in.</p>");
	gds_grid_end(&h);
	return send(req, 200, &h);
}

int site_accessibility(struct request *req)
{
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Accessibility statement"});
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h, &(struct gds_heading){.text = "Accessibility statement for sendap"});
	gds_p(&h, "This statement applies to the sendap service for special educational needs "
		  "and disabilities support. We want as many people as possible to be able to use "
		  "it. You should be able to:");
	html_raw(&h, "<ul class=\"govuk-list govuk-list--bullet\">"
		     "<li>change colours, contrast levels and fonts using browser or device "
		     "settings</li>"
		     "<li>zoom in up to 400% without the text spilling off the screen</li>"
		     "<li>navigate the whole service using just a keyboard or speech recognition "
		     "software</li>"
		     "<li>listen to the service using a screen reader</li>"
		     "<li>use every page without JavaScript</li>"
		     "</ul>");
	gds_heading(&h,
		    &(struct gds_heading){.text = "How accessible this service is", .level = 2});
	gds_p(&h, "We build to the Web Content Accessibility Guidelines version 2.2 AA standard "
		  "and check every page automatically with axe-core in a real browser before each "
		  "release. We know of no parts of the service that fail the standard.");
	gds_heading(&h,
		    &(struct gds_heading){.text = "Reporting accessibility problems", .level = 2});
	gds_p(&h, "If you find a problem that is not listed on this page, or you need "
		  "information in a different format, tell us.");
	html_raw(&h, "<p class=\"govuk-body\">");
	gds_link(&h, "/accessibility/report", "Report an accessibility problem");
	html_raw(&h, "</p>");
	gds_heading(&h, &(struct gds_heading){.text = "Enforcement procedure", .level = 2});
	gds_p(&h, "The Equality and Human Rights Commission (EHRC) is responsible for enforcing "
		  "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
		  "Accessibility Regulations 2018. If you are not happy with how we respond to "
		  "your complaint, contact the Equality Advisory and Support Service (EASS).");
	gds_heading(&h, &(struct gds_heading){.text = "Preparation of this statement", .level = 2});
	gds_p(&h, "This statement was prepared on 24 November 2026.");
	gds_grid_end(&h);
	return send(req, 200, &h);
}

/* report_page writes the report form, with the values typed so far and their errors. */
static int report_page(struct request *req, int status, const char *page, const char *desc,
		       const struct field_errors *errs)
{
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Report an accessibility problem",
					      .errors = errs,
					      .back_href = "/accessibility"});
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h, &(struct gds_heading){.text = "Report an accessibility problem"});
	gds_p(&h, "Tell us what you could not do, so we can fix it. Do not include personal "
		  "details about a child or young person.");
	gds_form_start(&h, "/accessibility/report");
	gds_input(&h, &(struct gds_input){.name = "page",
					  .label = "Page address (optional)",
					  .hint = "The part of the address after the service name, "
						  "for example /accessibility",
					  .value = page,
					  .spellcheck = -1,
					  .errors = errs});
	gds_textarea(&h, &(struct gds_textarea){.name = "description",
						.label = "What was the problem?",
						.label_size = GDS_SIZE_M,
						.hint = "Say what you were trying to do and what "
							"happened. Up to 2000 characters.",
						.value = desc,
						.errors = errs});
	gds_button(&h, &(struct gds_button){.text = "Send report", .prevent_double_click = 1});
	gds_form_end(&h);
	gds_grid_end(&h);
	return send(req, status, &h);
}

int site_report_form(struct request *req)
{
	return report_page(req, 200, NULL, NULL, NULL);
}

int site_report_submit(struct request *req)
{
	const char *page = req_form(req, "page");
	const char *desc = req_form(req, "description");
	struct field_errors errs = {0};
	report_validate(page, desc ? desc : "", &errs);
	if (errs.n) /* 400 for a body that could not be read, 422 for values that fail a rule */
		return report_page(req, req_form_bad(req) ? 400 : 422, page, desc, &errs);
	struct db *db = req_db(req);
	if (!db)
		return ERR_DB;
	struct accessibility_report r = {.page = page && *page ? page : NULL, .description = desc};
	int rc = report_insert(db, &r);
	if (rc)
		return rc;
	return resp_redirect(req, "/accessibility/report/sent");
}

int site_report_done(struct request *req)
{
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = "Report sent"});
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	html_raw(&h, "<div class=\"govuk-panel govuk-panel--confirmation\">"
		     "<h1 class=\"govuk-panel__title\">Report sent</h1>"
		     "<div class=\"govuk-panel__body\">Thank you for telling us</div></div>");
	gds_p(&h, "We read every report and aim to fix problems within 20 working days.");
	html_raw(&h, "<p class=\"govuk-body\">");
	gds_link(&h, "/accessibility", "Back to the accessibility statement");
	html_raw(&h, "</p>");
	gds_grid_end(&h);
	return send(req, 200, &h);
}

/* The words of each error page, after the GOV.UK error page patterns. */
struct error_words {
	int status;
	const char *title;
	const char *body;
};

static const struct error_words error_words[] = {
	{400, "Sorry, there is a problem with the request",
	 "The page could not read what your browser sent. Go back and try again."},
	{401, "You need to sign in", "Sign in to see this page."},
	{403, "Sorry, you cannot do that",
	 "Your account cannot use this page, or the form you sent had expired. Go back, "
	 "reload the page and try again."},
	{404, "Page not found",
	 "If you typed the web address, check it is correct. If you pasted the web address, "
	 "check you copied the entire address."},
	{405, "Sorry, that cannot be done on this page",
	 "This page does not accept that kind of request. Go back and try again."},
	{413, "Sorry, what you sent is too large",
	 "The form or file was larger than this service accepts. Go back, make it shorter "
	 "and try again."},
	{414, "Sorry, the web address is too long",
	 "Check the web address, or go back to the previous page."},
	{415, "Sorry, there is a problem with the request",
	 "The page could not read what your browser sent. Go back and try again."},
	{429, "Too many attempts", "You have tried too many times. Wait 15 minutes and try again."},
	{431, "Sorry, the request is too large",
	 "Your browser sent more than this service accepts. Try clearing cookies for this site."},
	{503, "Sorry, the service is unavailable",
	 "The service is busy or being updated. Try again in a few minutes."},
};

int site_error_page(struct request *req, int status)
{
	const struct error_words *w = NULL;
	for (size_t i = 0; i < sizeof(error_words) / sizeof(error_words[0]); i++)
		if (error_words[i].status == status)
			w = &error_words[i];
	static const struct error_words fallback = {
		500, "Sorry, there is a problem with the service",
		"Try again later. Nothing you entered has been saved unless the page said so."};
	if (!w)
		w = &fallback;
	struct html h;
	html_init(&h);
	gds_page_start(&h, &(struct gds_page){.title = w->title});
	gds_grid_start(&h, GDS_COLUMN_TWO_THIRDS);
	gds_heading(&h, &(struct gds_heading){.text = w->title});
	gds_p(&h, w->body);
	html_raw(&h, "<p class=\"govuk-body\">");
	gds_link(&h, "/", "Go to the start page");
	html_raw(&h, "</p>");
	gds_grid_end(&h);
	return send(req, status, &h);
}
