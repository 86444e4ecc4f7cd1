/*
 * buf.h: a growable byte buffer with a hard maximum size (after git's strbuf).
 *
 * The bytes live on the heap and are always NUL-terminated. Appends past the maximum
 * fail with ERR_TOOBIG and leave the buffer as it was; a failed allocation gives
 * ERR_NOMEM. Once any append has failed, buf->err keeps the first error, so a writer can
 * append many pieces and check once at the end.
 */
#ifndef SENDAP_BUF_H
#define SENDAP_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t alloc;
	size_t max; /* 0 means BUF_DEFAULT_MAX */
	int err;    /* first ERR_* seen, or 0 */
};

#define BUF_DEFAULT_MAX ((size_t)64 << 20)

void buf_init(struct buf *b, size_t max);
/* buf_release frees the bytes; the buffer is empty and reusable afterwards. */
void buf_release(struct buf *b);
/* buf_steal hands the bytes to the caller (free() them) and leaves the buffer empty. */
char *buf_steal(struct buf *b, size_t *len);
void buf_reset(struct buf *b);

int buf_append(struct buf *b, const void *data, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* buf_cstr returns the text so far, "" for an empty buffer; borrowed. */
const char *buf_cstr(const struct buf *b);

#endif
