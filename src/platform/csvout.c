/*
 * csvout.c: CSV rows into a buffer, quoted by libcsv and guarded against formula
 * injection, and the download links and answers of the list pages (csvout.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "platform/csvout.h"
#include "platform/err.h"
#include "platform/gds.h"
#include "platform/http.h"

/* the UTF-8 byte order mark, for Excel (see csvout_init) */
static const char BOM[] = "\xEF\xBB\xBF";

void csvout_init(struct buf *b)
{
	buf_init(b, CSVOUT_MAX);
	buf_append(b, BOM, sizeof(BOM) - 1);
}

/*
 * dangerous: the first character makes a spreadsheet read the cell as a formula (or, for
 * tab and carriage return, hide one behind white space that some strip). The full-width
 * forms (U+FF1D, U+FF0B, U+FF0D, U+FF20) are normalised to ASCII by some spreadsheets.
 */
static int dangerous(const char *s)
{
	static const char *const wide[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D",
					   "\xEF\xBC\xA0"};
	if (s[0] && strchr("=+-@\t\r", s[0]))
		return 1;
	for (size_t i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (strncmp(s, wide[i], 3) == 0)
			return 1;
	return 0;
}

/* id_like: only letters, digits, '-' and '_': nothing a spreadsheet could call or link */
static int id_like(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int cell(struct buf *b, const char *s, int guard)
{
	size_t len = strlen(s);
	/* csv_write doubles each quote and adds two: at worst 2 * len + 2, here + 1 for the
	 * guard's quote; small cells on the stack, larger ones on the heap */
	char small[512];
	char *in = NULL, *out = small;
	if (len > CSVOUT_MAX) {
		b->err = b->err ? b->err : ERR_TOOBIG;
		return ERR_TOOBIG;
	}
	size_t need = 2 * (len + 1) + 2;
	if (guard) {
		in = malloc(len + 2);
		if (!in) {
			b->err = b->err ? b->err : ERR_NOMEM;
			return ERR_NOMEM;
		}
		in[0] = '\'';
		memcpy(in + 1, s, len + 1);
		s = in;
		len++;
	}
	if (need > sizeof(small))
		out = malloc(need);
	int rc = ERR_NOMEM;
	if (out) {
		size_t w = csv_write(out, need, s, len);
		rc = w <= need ? buf_append(b, out, w) : ERR_TOOBIG;
		if (rc == 0)
			rc = buf_putc(b, ',');
	}
	if (rc && !b->err)
		b->err = rc;
	if (out != small)
		free(out);
	free(in);
	return rc;
}

int csvout_text(struct buf *b, const char *s)
{
	return cell(b, s ? s : "", s && dangerous(s));
}

int csvout_id(struct buf *b, const char *s)
{
	return cell(b, s ? s : "", s && dangerous(s) && !id_like(s));
}

int csvout_fcell(FILE *f, const char *s, int last)
{
	if (!s)
		s = "";
	size_t len = strlen(s);
	char *guarded = NULL;
	if (dangerous(s) && !id_like(s)) {
		if (!(guarded = malloc(len + 2)))
			return ERR_NOMEM;
		guarded[0] = '\'';
		memcpy(guarded + 1, s, len + 1);
		s = guarded;
		len++;
	}
	int bad = csv_fwrite(f, s, len) != 0 || fputc(last ? '\n' : ',', f) == EOF;
	free(guarded);
	return bad ? ERR_IO : 0;
}

int csvout_number(struct buf *b, long long v)
{
	return buf_printf(b, "%lld,", v);
}

int csvout_end_row(struct buf *b)
{
	/* each cell ends with a comma: the last one's becomes the row's end */
	if (b->len && b->data[b->len - 1] == ',')
		b->data[--b->len] = '\0';
	buf_puts(b, "\r\n");
	return b->err;
}

int csvout_row(struct buf *b, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csvout_text(b, cells[i]);
	return csvout_end_row(b);
}

int csvout_wanted(struct request *req)
{
	const char *f = req_query(req, "format");
	if (!f || strcmp(f, "html") == 0)
		return 0;
	return strcmp(f, "csv") == 0 ? 1 : ERR_INVALID;
}

void csvout_link(struct html *h, struct request *req, const char *path, const char *const *keys)
{
	struct buf href;
	buf_init(&href, 4096);
	buf_puts(&href, path);
	buf_putc(&href, '?');
	for (size_t i = 0; keys && keys[i]; i++) {
		const char *v = req_query(req, keys[i]);
		if (!v)
			continue;
		/* url_encode writes up to three bytes for each one */
		size_t n = 3 * strlen(v) + 1;
		char *enc = malloc(n);
		if (!enc) {
			href.err = ERR_NOMEM;
			break;
		}
		url_encode(enc, n, v);
		buf_printf(&href, "%s=%s&", keys[i], enc);
		free(enc);
	}
	buf_puts(&href, "format=csv");
	if (!href.err) {
		html_raw(h, "<p class=\"govuk-body\">");
		gds_link(h, buf_cstr(&href), "Download this list as CSV (spreadsheet)");
		html_raw(h, "</p>");
	}
	buf_release(&href);
}

int csvout_send(struct request *req, struct buf *b, const char *filename)
{
	char disposition[160];
	int rc = b->err;
	if (!rc && snprintf(disposition, sizeof(disposition), "attachment; filename=\"%s\"",
			    filename) >= (int)sizeof(disposition))
		rc = ERR_INVALID;
	if (!rc)
		rc = resp_header(req, "Content-Disposition", disposition);
	if (rc) {
		buf_release(b);
		return rc;
	}
	size_t len;
	char *data = buf_steal(b, &len);
	if (!data)
		return ERR_NOMEM;
	return resp_bytes(req, 200, "text/csv; charset=utf-8", data, len);
}
