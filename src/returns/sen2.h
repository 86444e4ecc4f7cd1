/*
 * sen2.h: the SEN2 return, DfE's annual person-level survey of EHC needs assessments
 * and plans, generated from the case records (never retyped). docs/sen2.md says which
 * record each item comes from; reference/sen2/YYYY.json holds each return year's census
 * date and code lists, reference/sen2/YYYY.xsd the structure every export is validated
 * against.
 *
 * One return is one LA and one year. Requests, assessments, new and ceased plans and
 * annual reviews cover the calendar year before the census date; the caseload and the
 * placements are as at the census date. sen2_load builds the return in memory (an LA's
 * worth: a few MB even for the largest), and everything else reads that one model: the
 * XML (sen2_xml.c), the checks like DfE COLLECT's (sen2_check.c), the tables DfE
 * publishes (sen2_tables.c) and the trace of every value to its record (sen2_trace.c).
 */
#ifndef SENDAP_SEN2_H
#define SENDAP_SEN2_H

#include <stddef.h>
#include <stdio.h>

#include "platform/arena.h"
#include "platform/dates.h"
#include "platform/router.h"

struct db;

/* ---- a return year: reference/sen2/YYYY.json ---- */

#define SEN2_MAX_CODES 24

struct sen2_code_list {
	char name[24]; /* "SENtype", "SENsetting", "CeaseReason", ... */
	size_t n;
	char code[SEN2_MAX_CODES][8]; /* in the file's order */
	char meaning[SEN2_MAX_CODES][96];
};

struct sen2_year {
	int year;             /* the collection year: the census is in its January */
	struct date census;   /* the census date (a Thursday in January) */
	struct date from, to; /* the calendar year before: 1 January to 31 December */
	char spec[64];        /* which DfE guide the year follows */
	char xsd[512];        /* path of the year's XSD */
	size_t nlists;
	struct sen2_code_list lists[12];
};

/* sen2_year_load reads reference_dir/sen2/YEAR.json; non-zero with the reason in err
 * when the year is not held or the file is wrong */
int sen2_year_load(const char *reference_dir, int year, struct sen2_year *out, char *err, size_t n);
/* sen2_code_ok: 1 when code is in the named list of that year */
int sen2_code_ok(const struct sen2_year *y, const char *list, const char *code);
/* sen2_code_meaning: the words for a code, or NULL */
const char *sen2_code_meaning(const struct sen2_year *y, const char *list, const char *code);

/* ---- the return in memory ---- */

/* a place at a setting: PlanDetail (named in a new plan) or PlacementDetail (at census) */
struct sen2_place {
	const char *urn, *ukprn;     /* "" when the setting has none */
	const char *sensetting;      /* a SENsetting code when there is no URN or UKPRN */
	const char *sensettingother; /* words for OTH */
	int rank;                    /* 1 main, 2 second */
	char entry[11], leaving[11]; /* PlacementDetail only */
	const char *res, *wbp;       /* residential A/B; work-based learning A/S/T; "" none */
	int unit, rp;                /* at the setting's SEN unit / resourced provision */
	const char *setting_type;    /* our setting type code, for the published tables */
	int setting_has_unit, setting_has_rp; /* what the setting says it has */
	const char *source; /* "child_setting CHILD/ORG" or "placement_named ID" */
};

enum sen2_request_outcome {
	SEN2_REQ_ONGOING,
	SEN2_REQ_ASSESS,
	SEN2_REQ_NOT_ASSESS,
	SEN2_REQ_WITHDRAWN
};
enum sen2_assessment_outcome {
	SEN2_AS_ONGOING,
	SEN2_AS_ISSUE,
	SEN2_AS_NOT_ISSUE,
	SEN2_AS_WITHDRAWN
};

struct sen2_request {
	const char *id;  /* assessment_case.id: RequestsTableID */
	const char *src; /* "assessment_case ID", for the trace */
	struct sen2_person *person;
	int in;                  /* in this year's return (docs/sen2.md says which are) */
	char received[11];       /* the request event */
	const char *source_code; /* RequestSource, from who asked */
	const char *requested_by;
	int rya;
	enum sen2_request_outcome outcome;
	char outcome_on[11];
	const char *outcome_src;
	int mediation, tribunal; /* about the decision whether to assess */
	const char *mediation_src, *tribunal_src;
	int exported; /* moved out of the LA before the assessment ended */
	const char *exported_src;
	/* the assessment (0-1) */
	int assessed;
	enum sen2_assessment_outcome as_outcome;
	char as_outcome_on[11];
	const char *as_src;
	int as_mediation, as_tribunal, other_mediation, other_tribunal;
	const char *as_mediation_src, *as_tribunal_src, *other_mediation_src, *other_tribunal_src;
	int week20; /* an exception to the 20 weeks applied */
	const char *week20_src;
	struct { /* exceptions recorded on the case */
		char from[11], to[11];
		const char *source;
	} exc[4];
	size_t nexc;
	/* the plan it led to (NamedPlan when it started or ceased in the year) */
	int has_plan, named, active;
	char plan_start[11];
	const char *plan_src;     /* the case event that issued it */
	const char *plan_version; /* the latest issued version at the census */
	int pb, oa, dp;           /* personal budget; organised arrangements; direct payments */
	char cease_on[11];
	const char *cease_reason, *cease_src;
	struct sen2_place detail[2]; /* PlanDetail */
	size_t ndetail;
	/* ActivePlans */
	int transferla;
	const char *transfer_src;
	char review_meeting[11], review_on[11];
	const char *review_outcome, *review_src;
	struct sen2_place *places; /* PlacementDetail */
	size_t nplaces;
	const char *need[2]; /* SENneed: primary, secondary */
	const char *need_src;
};

struct sen2_person {
	const char *id;  /* child.id: PersonTableID */
	const char *src; /* "child ID", for the trace */
	const char *surname, *forename, *sex, *ethnicity, *postcode, *upn, *uln, *upn_unknown;
	char birth[11];
	const char *primary_need, *secondary_need;
	struct sen2_request *all; /* every request of the LA up to the year's end */
	size_t nall;
	size_t nin; /* how many of them are in the return */
	/* the plan, as the LA maintains it at the census */
	const char *plan_version; /* the latest version issued by the census */
	char plan_first[11];      /* the day it was first issued */
	int pb, oa, dp;
	char cease_on[11];
	const char *cease_reason, *cease_src;
	struct sen2_place places[2]; /* on a roll at the census */
	size_t nplaces;
	struct sen2_place named; /* the setting (or type) last named in the plan */
	int has_named;
	char review_meeting[11], review_on[11];
	const char *review_outcome, *review_src;
	char moved_in[11], moved_out[11];
	const char *moved_in_src, *moved_out_src;
	/* mediations held and appeals registered: decision kind and date, for the flags */
	struct sen2_redress {
		int tribunal;
		const char *decision;
		char on[11];
		const char *source;
	} redress[8];
	size_t nredress;
};

/* a plan we hold that no request in the return issued: a check, never silently left out */
struct sen2_orphan {
	const char *child_id, *name;
	char plan_start[11];
	const char *source;
};

struct sen2_return {
	const struct sen2_year *year;
	char la_code[4], la_name[96], region[48];
	struct sen2_person *persons;
	size_t npersons;
	struct sen2_request *requests;
	size_t nrequests;
	struct sen2_orphan *orphans;
	size_t norphans;
	char datetime[20];   /* the header's DateTime: when it was made */
	const char *release; /* the header's Release: sendap's version */
	struct arena arena;
};

/* sen2_load builds the return of one LA for one year from the store. 0, or non-zero with
 * the reason in err (and ret released). */
int sen2_load(struct db *db, const struct sen2_year *year, const char *la_code,
	      struct sen2_return *ret, char *err, size_t n);
void sen2_release(struct sen2_return *ret);
/* sen2_stamp: the header's DateTime (now, UTC) and Release (sendap's version) */
void sen2_stamp(struct sen2_return *ret);

/* ---- what is made from it ---- */

/* sen2_xml_write writes the return to path (a temporary file renamed into place only
 * once it validates against the year's XSD with libxml2's streaming validator). 0, or
 * non-zero with the reason in err (the first validation errors). */
int sen2_xml_write(const struct sen2_return *ret, const char *path, char *err, size_t n);
/* sen2_xml_validate: validate any file against an XSD, streaming; errors into err */
int sen2_xml_validate(const char *xsd, const char *path, char *err, size_t n);

enum sen2_severity { SEN2_ERROR, SEN2_QUERY };

struct sen2_issue {
	enum sen2_severity severity;
	const char *code;     /* "E01", "Q03": docs/sen2.md lists them */
	const char *child_id; /* NULL for a check of the whole return */
	const char *child_name;
	const char *message;
	const char *fix; /* the page to fix it on, or NULL */
};

struct sen2_checks {
	struct sen2_issue *issues;
	size_t n, cap;
	size_t errors, queries;
};

/* sen2_check runs every check, allocating from the return's arena */
int sen2_check(struct sen2_return *ret, struct sen2_checks *out);
/* sen2_checks_sort: errors first, then by code; sen2_checks_print: sorted, one a line */
void sen2_checks_sort(struct sen2_checks *c);
void sen2_checks_print(struct sen2_checks *c, FILE *out);

/* the published tables, by file name; sen2_table_write writes one (1: no such table) */
#define SEN2_TABLES 7
extern const char *const sen2_table_names[SEN2_TABLES];
int sen2_table_write(const struct sen2_return *ret, const char *name, FILE *f);
/* sen2_tables_write writes the published tables as CSV files into dir */
int sen2_tables_write(const struct sen2_return *ret, const char *dir, char *err, size_t n);
/* sen2_feed_write: the de-identified extract (one row per request, the child a keyed
 * pseudonym; no names, birth dates, postcodes, UPNs or ULNs), as CSV; 1 when the key is
 * not 16 to 64 bytes */
int sen2_feed_write(const struct sen2_return *r, const unsigned char *key, size_t keylen, FILE *f);
/* sen2_trace_write: every value of the return with the record it came from, as CSV */
int sen2_trace_write(const struct sen2_return *ret, FILE *out);

/* the visitor the XML and the trace share: each module record, then its items */
struct sen2_visit {
	void *data;
	int (*open)(void *data, const char *module, const char *id);
	int (*item)(void *data, const char *name, const char *value, const char *source);
	int (*close)(void *data, const char *module);
};
int sen2_walk(const struct sen2_return *ret, const struct sen2_visit *v);

int sen2_cli(int argc, char **argv);

/* the pages: /returns/sen2 (checks, downloads); sen2_init tells them where reference/ is */

void sen2_init(const char *reference_dir);
extern const struct route sen2_routes[];
extern const size_t sen2_routes_count;

#endif
