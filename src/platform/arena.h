/*
 * arena.h: request-scoped memory.
 *
 * An arena hands out memory from large blocks and frees it all at once. Each request gets
 * one arena; everything a handler allocates from it (route parameters, form values, field
 * errors, small strings) is released when the response has been sent, so a handler never
 * frees anything it took from the arena. The total is capped: past the cap an allocation
 * returns NULL and the request ends with a 500, never with unbounded growth.
 */
#ifndef SENDAP_ARENA_H
#define SENDAP_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head; /* newest block first */
	size_t used;              /* bytes taken from blocks, for the cap */
	size_t cap;               /* 0 means ARENA_DEFAULT_CAP */
};

#define ARENA_DEFAULT_CAP ((size_t)16 << 20)

/* arena_init prepares an empty arena; it allocates nothing until first use. */
void arena_init(struct arena *a, size_t cap);
/* arena_release frees every block; the arena can be used again afterwards. */
void arena_release(struct arena *a);

/* arena_alloc returns n zeroed bytes aligned for any type, or NULL past the cap. */
void *arena_alloc(struct arena *a, size_t n);
/* arena_strdup / arena_strndup copy a string into the arena (NULL in gives NULL out). */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* arena_printf formats into the arena; NULL if out of memory or the format fails. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
