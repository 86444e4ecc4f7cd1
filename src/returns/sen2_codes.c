/*
 * sen2_codes.c: a return year (reference/sen2/YYYY.json: its census date and code
 * lists), the codes the return writes for our records, and the walk over the return
 * that the XML and the trace share, so the two can never disagree.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "returns/internal.h"

int sen2_year_load(const char *reference_dir, int year, struct sen2_year *out, char *err, size_t n)
{
	char path[512];
	json_error_t je;
	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "%s/sen2/%d.json", reference_dir, year);
	json_t *doc = json_load_file(path, 0, &je);
	if (!doc) {
		snprintf(err, n, "no SEN2 return is held for %d (%s: %s)", year, path, je.text);
		return 1;
	}
	const char *census = json_string_value(json_object_get(doc, "census_date"));
	json_t *codes = json_object_get(doc, "codes");
	int rc = 0;
	if (!census || date_parse(census, &out->census) || out->census.y != year ||
	    !json_is_object(codes)) {
		snprintf(err, n, "%s: census_date must be a day in January %d, codes an object",
			 path, year);
		rc = 1;
	}
	out->year = year;
	out->from = (struct date){year - 1, 1, 1};
	out->to = (struct date){year - 1, 12, 31};
	snprintf(out->spec, sizeof(out->spec), "%s",
		 json_string_value(json_object_get(doc, "guide")) ?: "");
	snprintf(out->xsd, sizeof(out->xsd), "%s/sen2/%s", reference_dir,
		 json_string_value(json_object_get(doc, "xsd")) ?: "missing.xsd");
	const char *key;
	json_t *list;
	json_object_foreach(codes, key, list)
	{
		if (rc || out->nlists == sizeof(out->lists) / sizeof(out->lists[0]) ||
		    !json_is_array(list) || json_array_size(list) > SEN2_MAX_CODES) {
			if (!rc)
				snprintf(err, n,
					 "%s: code list %s is not a list of [code, meaning]", path,
					 key);
			rc = 1;
			break;
		}
		struct sen2_code_list *l = &out->lists[out->nlists++];
		snprintf(l->name, sizeof(l->name), "%s", key);
		for (size_t i = 0; i < json_array_size(list); i++) {
			json_t *pair = json_array_get(list, i);
			const char *c = json_string_value(json_array_get(pair, 0));
			const char *m = json_string_value(json_array_get(pair, 1));
			if (!c || !m || strlen(c) >= sizeof(l->code[0])) {
				snprintf(err, n,
					 "%s: code list %s, entry %zu is not [code, meaning]", path,
					 key, i + 1);
				rc = 1;
				break;
			}
			snprintf(l->code[l->n], sizeof(l->code[0]), "%s", c);
			snprintf(l->meaning[l->n++], sizeof(l->meaning[0]), "%s", m);
		}
	}
	json_decref(doc);
	return rc;
}

static const struct sen2_code_list *list_of(const struct sen2_year *y, const char *list)
{
	for (size_t i = 0; i < y->nlists; i++)
		if (strcmp(y->lists[i].name, list) == 0)
			return &y->lists[i];
	return NULL;
}

const char *sen2_code_meaning(const struct sen2_year *y, const char *list, const char *code)
{
	const struct sen2_code_list *l = list_of(y, list);
	for (size_t i = 0; l && code && i < l->n; i++)
		if (strcmp(l->code[i], code) == 0)
			return l->meaning[i];
	return NULL;
}

int sen2_code_ok(const struct sen2_year *y, const char *list, const char *code)
{
	return sen2_code_meaning(y, list, code) != NULL;
}

const char *sen2_request_outcome_code(enum sen2_request_outcome o)
{
	static const char *const c[] = {"", "A", "N", "W"};
	return c[o];
}

const char *sen2_assessment_outcome_code(enum sen2_assessment_outcome o)
{
	static const char *const c[] = {"", "Y", "N", "W"};
	return c[o];
}

const char *sen2_review_outcome_code(const char *decision)
{
	if (!decision)
		return "";
	if (strcmp(decision, "maintain") == 0)
		return "M";
	if (strcmp(decision, "amend") == 0)
		return "A";
	if (strcmp(decision, "cease") == 0)
		return "C";
	return "";
}

const char *sen2_request_source_code(const char *requested_by)
{
	if (!requested_by)
		return "5";
	if (strcmp(requested_by, "parent") == 0 || strcmp(requested_by, "young_person") == 0)
		return "1";
	if (strcmp(requested_by, "setting") == 0)
		return "2";
	if (strcmp(requested_by, "health") == 0)
		return "3";
	if (strcmp(requested_by, "social_care") == 0)
		return "4";
	return "5";
}

/* ---- the walk ---- */

#define OPEN(m, id)                                      \
	do {                                             \
		if ((rc = v->open(v->data, m, id)) != 0) \
			return rc;                       \
	} while (0)
#define CLOSE(m)                                      \
	do {                                          \
		if ((rc = v->close(v->data, m)) != 0) \
			return rc;                    \
	} while (0)
/* an item; an empty value is left out (every item that may be empty is optional) */
#define ITEM(name, value, src)                                                        \
	do {                                                                          \
		const char *val_ = (value);                                           \
		if (val_ && val_[0] && (rc = v->item(v->data, name, val_, src)) != 0) \
			return rc;                                                    \
	} while (0)
#define FLAG(name, f, src) ITEM(name, (f) ? "1" : "0", (f) ? (src) : "no such record")

static int place(const struct sen2_visit *v, const char *module, const struct sen2_place *p,
		 int detail)
{
	int rc;
	char rank[4];
	snprintf(rank, sizeof(rank), "%d", p->rank);
	OPEN(module, p->source);
	ITEM("URN", p->urn, p->source);
	ITEM("UKPRN", p->ukprn, p->source);
	if (!p->urn[0] && !p->ukprn[0]) {
		ITEM("SENsetting", p->sensetting, p->source);
		ITEM("SENsettingOther", p->sensettingother, p->source);
	}
	ITEM("PlacementRank", rank, p->source);
	if (detail) {
		ITEM("EntryDate", p->entry, p->source);
		ITEM("LeavingDate", p->leaving, p->source);
		ITEM("RES", p->res, p->source);
		ITEM("WBP", p->wbp, p->source);
	}
	FLAG("SENunitIndicator", p->unit, p->source);
	FLAG("ResourcedProvisionIndicator", p->rp, p->source);
	CLOSE(module);
	return 0;
}

static int named_plan(const struct sen2_visit *v, const struct sen2_request *q)
{
	int rc;
	const char *res = "", *wbp = "";
	for (size_t i = 0; i < q->ndetail; i++) {
		if (q->detail[i].res && q->detail[i].res[0])
			res = q->detail[i].res;
		if (q->detail[i].wbp && q->detail[i].wbp[0])
			wbp = q->detail[i].wbp;
	}
	const char *pv = q->plan_version ? q->plan_version : q->plan_src;
	OPEN("NamedPlan", q->plan_src);
	ITEM("StartDate", q->plan_start, q->plan_src);
	ITEM("PlanRes", res, q->ndetail ? q->detail[0].source : NULL);
	ITEM("PlanWBP", wbp, q->ndetail ? q->detail[0].source : NULL);
	FLAG("PB", q->pb, pv);
	FLAG("OA", q->oa, pv);
	FLAG("DP", q->dp, pv);
	ITEM("CeaseDate", q->cease_on, q->cease_src);
	ITEM("CeaseReason", q->cease_reason, q->cease_src);
	for (size_t i = 0; i < q->ndetail; i++)
		if ((rc = place(v, "PlanDetail", &q->detail[i], 0)) != 0)
			return rc;
	CLOSE("NamedPlan");
	return 0;
}

static int active_plan(const struct sen2_visit *v, const struct sen2_request *q)
{
	int rc;
	OPEN("ActivePlans", q->plan_src);
	FLAG("TransferLA", q->transferla, q->transfer_src);
	ITEM("ReviewMeeting", q->review_meeting, q->review_src);
	ITEM("ReviewOutcome", sen2_review_outcome_code(q->review_outcome), q->review_src);
	ITEM("LastReview", q->review_on, q->review_src);
	for (size_t i = 0; i < q->nplaces; i++)
		if ((rc = place(v, "PlacementDetail", &q->places[i], 1)) != 0)
			return rc;
	for (int i = 0; i < 2; i++) {
		if (!q->need[i] || !q->need[i][0])
			continue;
		OPEN("SENneed", q->need_src);
		ITEM("SENtype", q->need[i], q->need_src);
		ITEM("SENtypeRank", i ? "2" : "1", q->need_src);
		CLOSE("SENneed");
	}
	CLOSE("ActivePlans");
	return 0;
}

static int request(const struct sen2_visit *v, const struct sen2_request *q)
{
	int rc;
	char rya[2] = {q->rya ? '1' : '0', 0};
	const char *case_src = q->src;
	OPEN("Requests", case_src);
	ITEM("ReceivedDate", q->received, case_src);
	ITEM("RequestSource", q->source_code, case_src);
	ITEM("RYA", rya, case_src);
	ITEM("RequestOutcomeDate", q->outcome_on, q->outcome_src);
	ITEM("RequestOutcome", sen2_request_outcome_code(q->outcome), q->outcome_src);
	FLAG("RequestMediation", q->mediation, q->mediation_src);
	FLAG("RequestTribunal", q->tribunal, q->tribunal_src);
	FLAG("Exported", q->exported, q->exported_src);
	if (q->assessed) {
		OPEN("Assessment", q->outcome_src);
		ITEM("AssessmentOutcome", sen2_assessment_outcome_code(q->as_outcome), q->as_src);
		ITEM("AssessmentOutcomeDate", q->as_outcome_on, q->as_src);
		FLAG("AssessmentMediation", q->as_mediation, q->as_mediation_src);
		FLAG("AssessmentTribunal", q->as_tribunal, q->as_tribunal_src);
		FLAG("OtherMediation", q->other_mediation, q->other_mediation_src);
		FLAG("OtherTribunal", q->other_tribunal, q->other_tribunal_src);
		FLAG("Week20", q->week20, q->week20_src);
		if (q->has_plan && q->named && (rc = named_plan(v, q)) != 0)
			return rc;
		CLOSE("Assessment");
	}
	if (q->active && (rc = active_plan(v, q)) != 0)
		return rc;
	CLOSE("Requests");
	return 0;
}

int sen2_walk(const struct sen2_return *r, const struct sen2_visit *v)
{
	int rc;
	char year[8], census[11];
	snprintf(year, sizeof(year), "%d", r->year->year);
	date_iso(r->year->census, census);
	OPEN("Header", NULL);
	OPEN("CollectionDetails", NULL);
	ITEM("Collection", "SEN2", "fixed");
	ITEM("Year", year, "reference/sen2");
	ITEM("ReferenceDate", census, "reference/sen2");
	CLOSE("CollectionDetails");
	OPEN("Source", NULL);
	ITEM("SourceLevel", "L", "fixed");
	ITEM("LEA", r->la_code, "local_authority");
	ITEM("SoftwareCode", "sendap", "fixed");
	ITEM("Release", r->release ? r->release : "0", "fixed");
	ITEM("SerialNo", "1", "fixed");
	ITEM("DateTime", r->datetime, "the time of the export");
	CLOSE("Source");
	CLOSE("Header");
	OPEN("Persons", NULL);
	for (size_t i = 0; i < r->npersons; i++) {
		const struct sen2_person *p = &r->persons[i];
		if (!p->nin)
			continue;
		const char *src = p->src;
		OPEN("Person", src);
		ITEM("Surname", p->surname, src);
		ITEM("Forename", p->forename, src);
		ITEM("PersonBirthDate", p->birth, src);
		ITEM("Sex", p->sex, src);
		ITEM("Ethnicity", p->ethnicity, src);
		ITEM("Postcode", p->postcode, src);
		ITEM("UPN", p->upn, src);
		ITEM("UniqueLearnerNumber", p->uln, src);
		ITEM("UPNunknown", p->upn_unknown, src);
		for (size_t j = 0; j < p->nall; j++)
			if (p->all[j].in && (rc = request(v, &p->all[j])) != 0)
				return rc;
		CLOSE("Person");
	}
	CLOSE("Persons");
	return 0;
}
