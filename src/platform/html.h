/*
 * html.h: an HTML writer that escapes by default (after kcgi's khtml_*).
 *
 * Text and attribute values always pass through html_text / html_attr, which escape
 * & < > " and '. Markup that is not escaped can only come from string literals:
 * html_raw(h, "<p class=\"govuk-body\">") compiles, html_raw(h, some_variable) does not,
 * because the macro pastes "" on both sides of its argument. So no user-supplied byte
 * can become markup.
 *
 * Errors (size cap, out of memory) stick in h->b.err; check html_error() once at the end.
 */
#ifndef SENDAP_HTML_H
#define SENDAP_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "platform/buf.h"

struct html {
	struct buf b;
};

#define HTML_MAX ((size_t)8 << 20)

void html_init(struct html *h);
void html_release(struct html *h);
/* html_error returns the first ERR_* from any write, or 0. */
int html_error(const struct html *h);

/* html_raw writes literal markup; the argument must be a string literal. */
#define html_raw(h, lit) html_raw_((h), "" lit "", sizeof("" lit "") - 1)
void html_raw_(struct html *h, const char *lit, size_t n);

/* html_text writes s escaped; NULL writes nothing. */
void html_text(struct html *h, const char *s);
void html_text_n(struct html *h, const char *s, size_t n);
/* html_textf formats, then escapes the result. */
void html_textf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_int(struct html *h, int64_t v);

/*
 * html_attr writes ` name="value"` with the value escaped; the name must be a literal.
 * A NULL value writes nothing, so optional attributes need no if around them.
 */
#define html_attr(h, name, value) html_attr_((h), "" name "", (value))
void html_attr_(struct html *h, const char *name, const char *value);
/* html_attr_flag writes ` name` (a boolean attribute) when on is non-zero. */
#define html_attr_flag(h, name, on) html_attr_flag_((h), "" name "", (on))
void html_attr_flag_(struct html *h, const char *name, int on);

/*
 * url_encode writes s into out (n bytes, always terminated) for a URL's query: letters,
 * digits, '-', '_' and '.' as they are, every other byte as %XX. Returns the length
 * written; a value that does not fit is cut at a whole escape.
 */
size_t url_encode(char *out, size_t n, const char *s);

#endif
