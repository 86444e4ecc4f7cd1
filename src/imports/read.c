/*
 * read.c: one pass over an import file. The file is read in fixed 64 KiB blocks and fed
 * to libcsv (strict RFC 4180 quoting: embedded commas, doubled quotes and line breaks
 * inside quotes); a byte-order mark at the start is skipped. Beside the parser a small
 * state machine checks the bytes are UTF-8, so a bad byte is reported with its offset in
 * the file as well as in the value. A row's fields are copied into one buffer of fixed
 * size, and libcsv's own field buffer may not grow past IMP_FIELD_MAX: memory does not
 * grow with the file. Also here: the safe printer for values in reports, and the rejects
 * file (written with csv_fwrite).
 */
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "imports/internal.h"
#include "platform/err.h"

/* capped_realloc: libcsv grows its field buffer through this; past the cap it fails and
 * csv_parse stops with CSV_ENOMEM */
static void *capped_realloc(void *p, size_t n)
{
	if (n > IMP_FIELD_MAX + 1024)
		return NULL;
	return realloc(p, n);
}

/* u8_start: the state after a first byte b; -1 if no sequence starts with it */
static int u8_start(struct u8_stream *u, unsigned b)
{
	u->lo = 0x80;
	u->hi = 0xBF;
	if (b == 0)
		return -1; /* C strings cannot carry NUL */
	if (b < 0x80)
		u->need = 0;
	else if (b >= 0xC2 && b <= 0xDF)
		u->need = 1;
	else if (b >= 0xE0 && b <= 0xEF) {
		u->need = 2;
		if (b == 0xE0)
			u->lo = 0xA0; /* overlong */
		else if (b == 0xED)
			u->hi = 0x9F; /* surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		u->need = 3;
		if (b == 0xF0)
			u->lo = 0x90;
		else if (b == 0xF4)
			u->hi = 0x8F; /* past U+10FFFF */
	} else
		return -1;
	return 0;
}

/* u8_feed: 0 if byte b (at file offset at) continues well-formed UTF-8, else the state is
 * reset and *bad gets the offset where the broken sequence began */
static int u8_feed(struct u8_stream *u, unsigned b, int64_t at, int64_t *bad)
{
	if (u->need > 0) {
		if (b >= u->lo && b <= u->hi) {
			u->need--;
			u->lo = 0x80;
			u->hi = 0xBF;
			return 0;
		}
		*bad = u->start;
		u->need = 0;
		/* b itself starts afresh; if it is bad too, the first offset is reported */
		u->start = at;
		if (u8_start(u, b) != 0)
			u->need = 0;
		return -1;
	}
	u->start = at;
	if (u8_start(u, b) != 0) {
		u->need = 0;
		*bad = at;
		return -1;
	}
	return 0;
}

size_t imp_first_bad(const char *v, size_t n)
{
	struct u8_stream u = {0};
	int64_t bad = -1;
	for (size_t i = 0; i < n; i++)
		if (u8_feed(&u, (unsigned char)v[i], (int64_t)i, &bad) != 0)
			return (size_t)bad;
	return u.need > 0 ? (size_t)u.start : n;
}

static void on_field(void *data, size_t len, void *p)
{
	struct importer *I = p;
	int c = I->col++;
	if (c >= IMP_MAXCOL) {
		I->pending_bad = -1;
		return;
	}
	size_t room = IMP_ROW_MAX - I->used - 1;
	if (len > room) {
		len = room;
		I->truncated = 1;
	}
	I->off[c] = I->used;
	I->len[c] = len;
	if (len)
		memcpy(I->buf + I->used, data, len);
	I->buf[I->used + len] = '\0';
	I->used += len + 1;
	I->bad_at[c] = I->pending_bad;
	I->pending_bad = -1;
}

static void on_row(int term, void *p)
{
	(void)term;
	struct importer *I = p;
	I->row++;
	if (I->row == 1)
		imp_header(I);
	else if (!I->stop && !I->fatal)
		imp_row(I);
	I->col = 0;
	I->used = 0;
	I->truncated = 0;
}

/* feed: n bytes to the parser; 0, or -1 when the file cannot be read on (reported) */
static int feed(struct importer *I, struct csv_parser *p, const char *s, size_t n)
{
	if (n == 0 || I->stop || I->fatal)
		return I->stop || I->fatal ? -1 : 0;
	if (csv_parse(p, s, n, on_field, on_row, I) == n)
		return 0;
	int e = csv_error(p);
	char where[48];
	snprintf(where, sizeof(where), "column %d", I->col + 1);
	imp_report(I, I->row + 1,
		   I->kind && I->row >= 1 && I->col < I->kind->ncol ? I->kind->cols[I->col] : where,
		   "", 0,
		   e == CSV_ENOMEM
			   ? "a value longer than 1 MiB: the rest of the file was not read"
			   : "a quote in the wrong place (a value with a quote must be in"
			     " quotes, its quotes doubled): the rest of the file was not read");
	I->stop = 1;
	return -1;
}

int imp_read_pass(struct importer *I)
{
	FILE *f = fopen(I->path, "rb");
	if (!f) {
		fprintf(I->report, "%s: cannot be read\n", I->path);
		return ERR_IO;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fclose(f);
		return ERR_NOMEM;
	}
	csv_set_realloc_func(&p, capped_realloc);
	I->row = 0;
	I->col = 0;
	I->used = 0;
	I->truncated = 0;
	I->pending_bad = -1;
	I->stop = 0;
	memset(&I->u8, 0, sizeof(I->u8));
	char block[65536];
	int64_t at = 0;
	size_t n;
	int rc = 0, first = 1;
	while (rc == 0 && (n = fread(block, 1, sizeof(block), f)) > 0) {
		size_t i = 0, seg = 0;
		if (first && n >= 3 && memcmp(block, "\xEF\xBB\xBF", 3) == 0) {
			i = seg = 3;
			at = 3;
		}
		first = 0;
		for (; i < n && rc == 0; i++, at++) {
			int64_t bad;
			if (u8_feed(&I->u8, (unsigned char)block[i], at, &bad) == 0)
				continue;
			/* the bytes before this one may end fields; the field still open
			 * holds the bad sequence */
			rc = feed(I, &p, block + seg, i - seg);
			seg = i;
			if (I->pending_bad < 0)
				I->pending_bad = bad;
		}
		if (rc == 0)
			rc = feed(I, &p, block + seg, n - seg);
	}
	if (ferror(f)) {
		fprintf(I->report, "%s: a read failed\n", I->path);
		rc = ERR_IO;
	} else if (rc == 0) {
		if (I->u8.need > 0 && I->pending_bad < 0)
			I->pending_bad = I->u8.start;
		if (csv_fini(&p, on_field, on_row, I) != 0 && !I->stop && !I->fatal) {
			imp_report(I, I->row + 1, "-", "", 0,
				   "a quoted value is not closed before the end of the file");
			I->stop = 1;
		}
	}
	if (rc != ERR_IO)
		rc = I->fatal ? I->fatal : I->stop ? ERR_INVALID : 0;
	csv_free(&p);
	fclose(f);
	return rc;
}

void imp_safe(const char *v, size_t n, char *out, size_t outn)
{
	size_t o = 0, chars = 0;
	for (size_t i = 0; i < n; chars++) {
		if (chars >= 60 || o + 12 >= outn) {
			if (o + 4 < outn) {
				memcpy(out + o, "...", 3);
				o += 3;
			}
			break;
		}
		unsigned char c = (unsigned char)v[i];
		if (c < 0x20 || c == 0x7f) {
			const char *e = c == '\n'   ? "\\n"
					: c == '\r' ? "\\r"
					: c == '\t' ? "\\t"
						    : NULL;
			if (e) {
				memcpy(out + o, e, 2);
				o += 2;
			} else {
				o += (size_t)snprintf(out + o, outn - o, "\\x%02X", c);
			}
			i++;
		} else if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
			i++;
		} else if (c < 0x80) {
			out[o++] = (char)c;
			i++;
		} else {
			size_t l = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (i + l <= n && imp_first_bad(v + i, l) == l) {
				memcpy(out + o, v + i, l);
				o += l;
				i += l;
			} else {
				o += (size_t)snprintf(out + o, outn - o, "\\x%02X", c);
				i++;
			}
		}
	}
	out[o] = '\0';
}

void imp_report(struct importer *I, long row, const char *column, const char *v, size_t n,
		const char *reason)
{
	if (!I->reporting)
		return;
	char safe[256];
	imp_safe(v, n, safe, sizeof(safe));
	fprintf(I->report, "%s:%ld:%s: value \"%s\": %s\n", I->path, row, column, safe, reason);
}

int imp_reject_row(struct importer *I)
{
	if (!I->rejects)
		return 0;
	int n = I->col < IMP_MAXCOL ? I->col : IMP_MAXCOL;
	for (int c = 0; c < n; c++) {
		csv_fwrite(I->rejects, I->buf + I->off[c], I->len[c]);
		fputc(',', I->rejects);
	}
	csv_fwrite(I->rejects, I->errtext, strlen(I->errtext));
	fputs("\r\n", I->rejects);
	return ferror(I->rejects) ? ERR_IO : 0;
}
