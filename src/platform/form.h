/*
 * form.h: reading the typed values of a GOV.UK form: a date from its three boxes.
 */
#ifndef SENDAP_FORM_H
#define SENDAP_FORM_H

#include "platform/dates.h"
#include "platform/fields.h"
#include "platform/http.h"

enum {
	FORM_DATE_OPTIONAL = 1,  /* all three boxes blank is no date, not an error */
	FORM_DATE_FUTURE_OK = 2, /* a day after today is allowed */
};

/*
 * form_date reads the date input named name (boxes <name>-day, -month, -year) into iso
 * (DATE_ISO_LEN + 1 bytes, "" for no date). Errors are named for the day box, as
 * gds_date_input expects: "Enter the date", "The date must be a real date", "The date
 * must be today or in the past". 0 for a date, 1 for none (optional), -1 for an error.
 */
int form_date(struct request *req, const char *name, char *iso, struct field_errors *errs,
	      unsigned flags);

struct html;
struct field_errors;
/* form_date_input writes the GOV.UK date input <name>, its boxes filled from the form as
 * sent (after an error) */
void form_date_input(struct html *h, struct request *req, const char *name, const char *legend,
		     const char *hint, const struct field_errors *errs);

#endif
