/* html.c: escaping HTML writer; see html.h. */
#include "platform/html.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void html_init(struct html *h)
{
	buf_init(&h->b, HTML_MAX);
}

void html_release(struct html *h)
{
	buf_release(&h->b);
}

int html_error(const struct html *h)
{
	return h->b.err;
}

void html_raw_(struct html *h, const char *lit, size_t n)
{
	buf_append(&h->b, lit, n);
}

void html_text_n(struct html *h, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(&h->b, s + start, i - start);
		buf_puts(&h->b, rep);
		start = i + 1;
	}
	buf_append(&h->b, s + start, n - start);
}

void html_text(struct html *h, const char *s)
{
	if (s)
		html_text_n(h, s, strlen(s));
}

void html_textf(struct html *h, const char *fmt, ...)
{
	struct buf tmp;
	buf_init(&tmp, HTML_MAX);
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(&tmp, fmt, ap);
	va_end(ap);
	if (rc)
		h->b.err = h->b.err ? h->b.err : rc;
	else
		html_text_n(h, buf_cstr(&tmp), tmp.len);
	buf_release(&tmp);
}

void html_int(struct html *h, int64_t v)
{
	buf_printf(&h->b, "%" PRId64, v);
}

void html_attr_(struct html *h, const char *name, const char *value)
{
	if (!value)
		return;
	buf_putc(&h->b, ' ');
	buf_puts(&h->b, name);
	buf_puts(&h->b, "=\"");
	html_text(h, value);
	buf_putc(&h->b, '"');
}

void html_attr_flag_(struct html *h, const char *name, int on)
{
	if (!on)
		return;
	buf_putc(&h->b, ' ');
	buf_puts(&h->b, name);
}

size_t url_encode(char *out, size_t n, const char *s)
{
	size_t m = 0;
	if (!n)
		return 0;
	for (; s && *s && m + 4 < n; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.')
			out[m++] = (char)ch;
		else
			m += (size_t)snprintf(out + m, 4, "%%%02X", ch);
	}
	out[m] = '\0';
	return m;
}
