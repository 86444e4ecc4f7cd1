/*
 * site.h: the pages that belong to the service as a whole rather than to one part of the
 * SEND system: the home page, the accessibility statement and its problem-report form,
 * the health check, the API index and the error pages.
 */
#ifndef SENDAP_SITE_H
#define SENDAP_SITE_H

#include <stddef.h>

#include "platform/db.h"
#include "platform/fields.h"
#include "platform/ids.h"
#include "platform/router.h"

struct request;

#define REPORT_DESCRIPTION_MAX 2000 /* characters */
#define REPORT_PAGE_MAX 200         /* characters */

struct accessibility_report {
	char id[ID_LEN + 1];
	const char *page; /* NULL when not given */
	const char *description;
	char created_at[32];
};

/*
 * report_validate checks a report as sent (from the form or the API) and adds a GOV.UK
 * style message per bad field. page may be NULL or empty (not given).
 */
void report_validate(const char *page, const char *description, struct field_errors *errs);

/* report_insert stores a valid report in one transaction, filling id and created_at. */
int report_insert(struct db *db, struct accessibility_report *r);

/* site_error_page renders the HTML page for an error status; used by the HTTP server. */
int site_error_page(struct request *req, int status);

extern const struct route site_routes[];
extern const size_t site_routes_count;

#endif
