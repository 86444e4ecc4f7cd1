/*
 * internal.h: what the SEN2 files share and nothing outside src/returns needs.
 */
#ifndef SENDAP_RETURNS_INTERNAL_H
#define SENDAP_RETURNS_INTERNAL_H

#include "returns/sen2.h"

struct db;

struct loader {
	struct db *db;
	struct sen2_return *ret;
	char census[11], from[11], to[11];
	struct sen2_request **by_id; /* the requests sorted by id */
};

/* sen2_grow: a full arena array of *cap elements, doubled (from 256) into new arena memory
 * holding the old ones; *cap is updated. NULL when the arena is full. The old copy stays
 * in the arena until the return is released. */
void *sen2_grow(struct arena *a, void *old, size_t *cap, size_t size);
struct sen2_person *sen2_find_person(const struct sen2_return *r, const char *child_id);
struct sen2_request *sen2_find_request(struct loader *L, const char *case_id);

/* sen2_scope.c: what each record means for the return */
void sen2_scope_event(struct loader *L, struct sen2_request *q, const char *type, const char *on,
		      const char *source);
void sen2_scope_exception(struct loader *L, struct sen2_request *q, const char *reason,
			  const char *from, const char *to, const char *source);
void sen2_scope_budget(struct sen2_person *p, const char *plan_json);
void sen2_scope_move(struct loader *L, struct sen2_person *p, const char *from_la,
		     const char *to_la, const char *on, const char *source);
void sen2_scope_redress(struct sen2_person *p, int tribunal, const char *decision, const char *on,
			const char *source);
int sen2_scope(struct loader *L);

/* whole weeks from a to b (ISO dates), or -1 when either is missing */
int sen2_weeks(const char *a, const char *b);
/* 1 when the ISO date d lies within from..to */
int sen2_within(const char *d, const char *from, const char *to);

/* the codes the return writes for our records (docs/sen2.md) */
const char *sen2_request_outcome_code(enum sen2_request_outcome o);
const char *sen2_assessment_outcome_code(enum sen2_assessment_outcome o);
const char *sen2_review_outcome_code(const char *decision);
const char *sen2_request_source_code(const char *requested_by);

#endif
