/*
 * static.h: the files under web/assets/ (compiled GOV.UK Frontend CSS and JS, images),
 * read once at start-up into ready-made responses that every request reuses. Only the
 * files found at start-up can be served, so no request path can reach outside web/.
 */
#ifndef SENDAP_STATIC_H
#define SENDAP_STATIC_H

#include <microhttpd.h>

struct static_files;

/*
 * static_load reads dir/assets/ recursively (at most 256 files of at most 4 MiB). A
 * missing directory gives an empty set, not an error. Each response carries the security
 * headers with the given CSP. *out is freed with static_free.
 */
int static_load(const char *dir, const char *csp, struct static_files **out);
/* static_lookup: the response for a path below /assets/ ("css/sendap.css"), or NULL. */
struct MHD_Response *static_lookup(const struct static_files *f, const char *rel);
void static_free(struct static_files *f);

#endif
