/* routes.c: the site's route table, mounted by main.c. */
#include "site/handlers.h"
#include "site/site.h"

const struct route site_routes[] = {
	{"GET", "/", site_home},
	{"GET", "/accessibility", site_accessibility},
	{"GET", "/accessibility/report", site_report_form},
	{"POST", "/accessibility/report", site_report_submit},
	{"GET", "/accessibility/report/sent", site_report_done},
	{"GET", "/healthz", site_healthz},
	{"GET", "/api/v1", site_api_index},
	{"POST", "/api/v1/accessibility-reports", site_api_report_create},
};
const size_t site_routes_count = sizeof(site_routes) / sizeof(site_routes[0]);
