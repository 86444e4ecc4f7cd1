/*
 * sen2_feed.c: the de-identified extract of the return for national monitoring
 * (requirements C52: "anonymised extracts ... data minimisation"). One CSV row per
 * request in the return, with no name, date of birth, postcode, UPN or ULN: the child is
 * a pseudonym, a keyed BLAKE2b (libsodium's crypto_generichash) of their id under a key
 * the LA holds and never sends, so the same child has the same pseudonym in every year's
 * extract and only the LA can go back from it. Ages are whole years on 31 August before
 * the census, dates of the case are kept (they carry the timeliness), codes are the
 * return's. Cells go through csvout_fcell (quoted by libcsv).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "platform/csvout.h"
#include "returns/internal.h"

static void pseudonym(const unsigned char *key, size_t keylen, const char *id, char out[33])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)id, strlen(id), key, keylen);
	sodium_bin2hex(out, 33, h, sizeof(h));
}

int sen2_feed_write(const struct sen2_return *r, const unsigned char *key, size_t keylen, FILE *f)
{
	static const char *const cols[] = {"pseudonym",
					   "la_code",
					   "age_31_august",
					   "sex",
					   "ethnicity",
					   "primary_need",
					   "received",
					   "request_source",
					   "request_outcome",
					   "request_outcome_date",
					   "assessment_outcome",
					   "assessment_outcome_date",
					   "week20",
					   "plan_start",
					   "active_on_census",
					   "cease_date",
					   "cease_reason",
					   "transferred_in",
					   "mediation",
					   "tribunal"};
	const size_t ncols = sizeof(cols) / sizeof(*cols);
	if (keylen < crypto_generichash_KEYBYTES_MIN || keylen > crypto_generichash_KEYBYTES_MAX ||
	    sodium_init() < 0)
		return 1;
	for (size_t i = 0; i < ncols; i++)
		csvout_fcell(f, cols[i], i + 1 == ncols);
	struct date start = {r->year->census.y - 1, 8, 31};
	for (size_t i = 0; i < r->npersons; i++) {
		const struct sen2_person *p = &r->persons[i];
		char pid[33], age[8] = "";
		struct date b;
		if (!p->nin)
			continue;
		pseudonym(key, keylen, p->id, pid);
		if (!date_parse(p->birth, &b))
			snprintf(age, sizeof(age), "%d", date_age(b, start));
		for (size_t j = 0; j < p->nall; j++) {
			const struct sen2_request *q = &p->all[j];
			if (!q->in)
				continue;
			int med = q->mediation || q->as_mediation || q->other_mediation;
			int trib = q->tribunal || q->as_tribunal || q->other_tribunal;
			const char *v[] = {pid,
					   r->la_code,
					   age,
					   p->sex,
					   p->ethnicity,
					   p->primary_need,
					   q->received,
					   q->source_code,
					   sen2_request_outcome_code(q->outcome),
					   q->outcome_on,
					   q->assessed ? sen2_assessment_outcome_code(q->as_outcome)
						       : "",
					   q->as_outcome_on,
					   q->week20 ? "1" : "0",
					   q->has_plan ? q->plan_start : "",
					   q->active ? "1" : "0",
					   q->cease_on,
					   q->cease_reason,
					   q->transferla ? "1" : "0",
					   med ? "1" : "0",
					   trib ? "1" : "0"};
			for (size_t k = 0; k < ncols; k++)
				csvout_fcell(f, v[k], k + 1 == ncols);
		}
	}
	return ferror(f) != 0;
}
