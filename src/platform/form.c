/*
 * form.c: typed values from GOV.UK forms.
 */
#include <stdlib.h>

#include "platform/arena.h"
#include "platform/form.h"
#include "platform/gds.h"

int form_date(struct request *req, const char *name, char *iso, struct field_errors *errs,
	      unsigned flags)
{
	struct arena *a = req_arena(req);
	const char *dd = req_form(req, arena_printf(a, "%s-day", name));
	const char *mm = req_form(req, arena_printf(a, "%s-month", name));
	const char *yy = req_form(req, arena_printf(a, "%s-year", name));
	const char *field = arena_printf(a, "%s-day", name);
	const char *pointer = arena_printf(a, "/%s", name);
	iso[0] = '\0';
	if ((!dd || !*dd) && (!mm || !*mm) && (!yy || !*yy)) {
		if (flags & FORM_DATE_OPTIONAL)
			return 1;
		field_error_add(errs, field, pointer, "Enter the date");
		return -1;
	}
	char *e1 = NULL, *e2 = NULL, *e3 = NULL;
	long d = dd ? strtol(dd, &e1, 10) : 0, m = mm ? strtol(mm, &e2, 10) : 0,
	     y = yy ? strtol(yy, &e3, 10) : 0;
	if (!dd || !mm || !yy || !*dd || !*mm || !*yy || *e1 || *e2 || *e3 || y < 2000 ||
	    y > 9999 || !date_valid((int)y, (int)m, (int)d)) {
		field_error_add(errs, field, pointer, "The date must be a real date");
		return -1;
	}
	struct date dt = {(int)y, (int)m, (int)d};
	if (!(flags & FORM_DATE_FUTURE_OK) && date_cmp(dt, date_today()) > 0) {
		field_error_add(errs, field, pointer, "The date must be today or in the past");
		return -1;
	}
	date_iso(dt, iso);
	return 0;
}

void form_date_input(struct html *h, struct request *req, const char *name, const char *legend,
		     const char *hint, const struct field_errors *errs)
{
	struct arena *a = req_arena(req);
	gds_date_input(h, &(struct gds_date_input){
				  .name = name,
				  .legend = legend,
				  .legend_size = GDS_SIZE_S,
				  .hint = hint,
				  .day = req_form(req, arena_printf(a, "%s-day", name)),
				  .month = req_form(req, arena_printf(a, "%s-month", name)),
				  .year = req_form(req, arena_printf(a, "%s-year", name)),
				  .errors = errs});
}
