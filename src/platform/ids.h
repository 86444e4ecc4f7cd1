/*
 * ids.h: opaque identifiers for records (DESIGN.md: never sequential in URLs). An id is
 * 128 random bits from libsodium, written as 22 characters of URL-safe base64.
 */
#ifndef SENDAP_IDS_H
#define SENDAP_IDS_H

#include <stddef.h>

#define ID_LEN 22

/* id_new writes a fresh id and its NUL into out (at least ID_LEN + 1 bytes). */
void id_new(char out[ID_LEN + 1]);
/* id_valid: 1 if s has the shape of an id (so a lookup with it is worth a query). */
int id_valid(const char *s);

#endif
