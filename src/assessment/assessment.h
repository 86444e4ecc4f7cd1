/*
 * assessment.h: EHC needs assessments, from the request to the final plan. What other
 * areas may call. The statutory clock itself is in clock.h.
 */
#ifndef SENDAP_ASSESSMENT_H
#define SENDAP_ASSESSMENT_H

#include <stddef.h>

#include "assessment/clock.h"
#include "platform/dates.h"
#include "platform/router.h"

/* ---- state.c: no I/O ---- */

/* assessment_next_state: the state after event in state, or NULL if the event may not
 * happen there (a final plan before a draft, anything after withdrawal). */
const char *assessment_next_state(const char *state, const char *event);
/* assessment_allowed lists the events that may happen next in state. */
size_t assessment_allowed(const char *state, const char **out, size_t cap);
/* assessment_is_decision: the event is a statutory decision that needs reasons and a
 * notice to the family. */
int assessment_is_decision(const char *event);
int assessment_state_closed(const char *state);
/* assessment_served_on: when a notice sent on sent counts as served (post: the second
 * working day after; email and portal: that day if a working day, else the next). */
struct date assessment_served_on(const char *channel, struct date sent, const struct holidays *h);
/* assessment_event_label: words for pages. */
const char *assessment_event_label(const char *event);

/* ---- the rules the server runs on (loaded by `sendap serve`) ---- */
extern struct clock_rules assessment_rules;

/* `sendap clock` (cli.c) */
int assessment_cli_clock(int argc, char **argv);

/* the routes (pages.c, api.c) */
extern const struct route assessment_routes[];
extern const size_t assessment_routes_count;
extern const struct route assessment_api_routes[];
extern const size_t assessment_api_routes_count;
extern const struct route assessment_panel_routes[];
extern const size_t assessment_panel_routes_count;
extern const struct route assessment_caseload_routes[];
extern const size_t assessment_caseload_routes_count;

#endif
