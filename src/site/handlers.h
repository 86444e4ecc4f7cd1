/* handlers.h: the site's handlers, shared between its api.c, pages.c and routes.c. */
#ifndef SENDAP_SITE_HANDLERS_H
#define SENDAP_SITE_HANDLERS_H

struct request;

int site_healthz(struct request *req);
int site_api_index(struct request *req);
int site_api_report_create(struct request *req);

int site_home(struct request *req);
int site_accessibility(struct request *req);
int site_report_form(struct request *req);
int site_report_submit(struct request *req);
int site_report_done(struct request *req);

#endif
