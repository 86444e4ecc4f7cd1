/*
 * csvout.h: lists as CSV for analysts, written so that a spreadsheet cannot be made to run
 * what a record holds.
 *
 * Rows are appended to a struct buf (buf.h): each cell is quoted by libcsv's csv_write
 * (RFC 4180: every text cell in double quotes, a quote doubled), cells are separated by
 * commas and rows end with CRLF. A text cell that a spreadsheet would read as a formula
 * (its first character = + - @ tab or carriage return, or the full-width = + - @) is
 * written with a leading single quote, as OWASP's "CSV Injection" advises, so Excel,
 * LibreOffice and Google Sheets show it as text. Numbers the code computed itself go
 * through csvout_number, unquoted and never prefixed, so a count or a negative figure
 * stays a number.
 *
 * Errors: the writers return 0 or the buffer's first ERR_* (ERR_TOOBIG past its maximum,
 * ERR_NOMEM); like buf, a writer may append everything and look at b->err once.
 *
 * The HTTP side: a list page answers ?format=csv with the same rows as its table (all of
 * them, not one page), after the same access check and with the same audit row, and
 * links to it with csvout_link.
 */
#ifndef SENDAP_CSVOUT_H
#define SENDAP_CSVOUT_H

#include <stddef.h>
#include <stdio.h>

#include "platform/buf.h"
#include "platform/html.h"

struct request;

/* the largest CSV answered; a list past it is a 413 rather than a truncated file */
#define CSVOUT_MAX ((size_t)48 << 20)

/* csvout_init prepares b (buf_init with CSVOUT_MAX) and writes the UTF-8 byte order mark
 * that Excel needs to read the file as UTF-8 rather than Windows-1252 (without it, "Zoë"
 * shows as "ZoÃ«"); other readers skip it. Release b with buf_release or csvout_send. */
void csvout_init(struct buf *b);

/* csvout_text appends one quoted text cell; NULL is written as an empty cell. */
int csvout_text(struct buf *b, const char *s);
/*
 * csvout_id appends a value the service generated (an id, an ISO date, a code) quoted and,
 * when it is made only of letters, digits, '-' and '_', never prefixed: ids are base64url,
 * so one in 64 starts with '-', and must stay the same value in every file to be joined
 * on. Such a value can call nothing; anything else is guarded as csvout_text guards it.
 */
int csvout_id(struct buf *b, const char *s);
/* csvout_fcell writes one cell to a file (a command's output, an export), quoted by
 * libcsv and guarded as csvout_id guards it, then ',' or, when last, the line's end. */
int csvout_fcell(FILE *f, const char *s, int last);
/* csvout_number appends a number the code computed, unquoted, as it is. */
int csvout_number(struct buf *b, long long v);
/* csvout_end_row ends the row begun by the cells appended since the last one. */
int csvout_end_row(struct buf *b);
/* csvout_row appends the n text cells (a header row, say) and ends the row. */
int csvout_row(struct buf *b, const char *const *cells, size_t n);

/*
 * csvout_wanted reads ?format=: 0 when absent or "html" (the page), 1 for "csv".
 * Any other value is ERR_INVALID, which a handler returns as it is to answer 400 with
 * the error page.
 */
int csvout_wanted(struct request *req);

/*
 * csvout_link writes a paragraph with the link "Download this list as CSV (spreadsheet)"
 * to path with the query arguments named in keys (NULL-terminated, may be NULL) that this
 * request carries, and format=csv: the filters on the page carry over to the file.
 */
void csvout_link(struct html *h, struct request *req, const char *path, const char *const *keys);

/*
 * csvout_send answers 200 with the CSV in b as an attachment named filename (a fixed
 * name of letters, digits, '-' and '.'; nothing from the request). b is taken: it is left
 * empty whatever happens. The server adds Cache-Control: no-store to every such answer
 * (http.c), which these files of children's records need. Returns 0, or b's error.
 */
int csvout_send(struct request *req, struct buf *b, const char *filename);

#endif
