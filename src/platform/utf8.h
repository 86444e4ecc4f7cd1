/*
 * utf8.h: UTF-8 validation for everything that arrives from outside (paths, query and
 * form values). Overlong forms, surrogates, code points past U+10FFFF and NUL bytes are
 * refused, as RFC 3629 requires (NUL because C strings cannot carry it).
 */
#ifndef SENDAP_UTF8_H
#define SENDAP_UTF8_H

#include <stddef.h>

/* utf8_valid: 1 if the n bytes at s are well-formed UTF-8 with no NUL, else 0. */
int utf8_valid(const char *s, size_t n);

#endif
