/*
 * gds_form.c: GOV.UK form fields (text input, textarea, date input, radios, checkboxes,
 * select) and the parts they share (label, legend, hint, error message); see gds.h.
 * Markup follows govuk-frontend 6.6.0's templates, with the whitespace between tags left
 * out. Ids are built from the field's name with fixed suffixes ("-hint", "-error", "-2"),
 * and every piece from the caller goes through html_text or html_attr.
 */
#include "platform/gds.h"

#include <stddef.h>
#include <string.h>

/* field_error picks the message to show: an explicit one, else the list's for this name. */
static const char *field_error(const char *error, const struct field_errors *errors,
			       const char *name)
{
	if (error)
		return error;
	if (!name)
		return NULL;
	return field_error_for(errors, name);
}

static void size_modifier_label(struct html *h, enum gds_size size)
{
	switch (size) {
	case GDS_SIZE_S: html_raw(h, " govuk-label--s"); break;
	case GDS_SIZE_M: html_raw(h, " govuk-label--m"); break;
	case GDS_SIZE_L: html_raw(h, " govuk-label--l"); break;
	case GDS_SIZE_XL: html_raw(h, " govuk-label--xl"); break;
	case GDS_SIZE_DEFAULT:
	default: break;
	}
}

static void size_modifier_legend(struct html *h, enum gds_size size)
{
	switch (size) {
	case GDS_SIZE_S: html_raw(h, " govuk-fieldset__legend--s"); break;
	case GDS_SIZE_M: html_raw(h, " govuk-fieldset__legend--m"); break;
	case GDS_SIZE_L: html_raw(h, " govuk-fieldset__legend--l"); break;
	case GDS_SIZE_XL: html_raw(h, " govuk-fieldset__legend--xl"); break;
	case GDS_SIZE_DEFAULT:
	default: break;
	}
}

static void label(struct html *h, const char *text, enum gds_size size, int page_heading,
		  const char *for_id)
{
	if (page_heading)
		html_raw(h, "<h1 class=\"govuk-label-wrapper\">");
	html_raw(h, "<label class=\"govuk-label");
	size_modifier_label(h, size);
	html_raw(h, "\"");
	html_attr(h, "for", for_id);
	html_raw(h, ">");
	html_text(h, text);
	html_raw(h, "</label>");
	if (page_heading)
		html_raw(h, "</h1>");
}

static void hint(struct html *h, const char *id, const char *text)
{
	html_raw(h, "<div id=\"");
	html_text(h, id);
	html_raw(h, "-hint\" class=\"govuk-hint\">");
	html_text(h, text);
	html_raw(h, "</div>");
}

void gds_error_message(struct html *h, const char *id, const char *message)
{
	html_raw(h, "<p id=\"");
	html_text(h, id);
	html_raw(h, "-error\" class=\"govuk-error-message\">"
		    "<span class=\"govuk-visually-hidden\">Error:</span> ");
	html_text(h, message);
	html_raw(h, "</p>");
}

/* described_by writes ` aria-describedby="<id>-hint <id>-error"` for the parts present. */
static void described_by(struct html *h, const char *id, int has_hint, int has_error)
{
	if (!has_hint && !has_error)
		return;
	html_raw(h, " aria-describedby=\"");
	if (has_hint) {
		html_text(h, id);
		html_raw(h, "-hint");
	}
	if (has_hint && has_error)
		html_raw(h, " ");
	if (has_error) {
		html_text(h, id);
		html_raw(h, "-error");
	}
	html_raw(h, "\"");
}

static void form_group_start(struct html *h, int has_error, int small_radios, int small_boxes)
{
	html_raw(h, "<div class=\"govuk-form-group");
	if (has_error)
		html_raw(h, " govuk-form-group--error");
	if (small_radios)
		html_raw(h, " govuk-radios--small");
	if (small_boxes)
		html_raw(h, " govuk-checkboxes--small");
	html_raw(h, "\">");
}

/* fieldset_start opens the fieldset and writes its legend; role="group" for date inputs. */
static void fieldset_start(struct html *h, const char *id, int role_group, const char *legend,
			   enum gds_size size, int page_heading, int has_hint, int has_error)
{
	html_raw(h, "<fieldset class=\"govuk-fieldset\"");
	if (role_group)
		html_raw(h, " role=\"group\"");
	described_by(h, id, has_hint, has_error);
	html_raw(h, "><legend class=\"govuk-fieldset__legend");
	size_modifier_legend(h, size);
	html_raw(h, "\">");
	if (page_heading)
		html_raw(h, "<h1 class=\"govuk-fieldset__heading\">");
	html_text(h, legend);
	if (page_heading)
		html_raw(h, "</h1>");
	html_raw(h, "</legend>");
}

static void spellcheck_attr(struct html *h, int spellcheck)
{
	if (spellcheck > 0)
		html_raw(h, " spellcheck=\"true\"");
	else if (spellcheck < 0)
		html_raw(h, " spellcheck=\"false\"");
}

/* ---------------------------------------------------------------- text input */

void gds_input(struct html *h, const struct gds_input *o)
{
	const char *id = o->id ? o->id : o->name;
	const char *error = field_error(o->error, o->errors, o->name);
	int affixed = o->prefix || o->suffix;

	form_group_start(h, error != NULL, 0, 0);
	label(h, o->label, o->label_size, o->label_is_page_heading, id);
	if (o->hint)
		hint(h, id, o->hint);
	if (error)
		gds_error_message(h, id, error);
	if (affixed)
		html_raw(h, "<div class=\"govuk-input__wrapper\">");
	if (o->prefix) {
		html_raw(h, "<div class=\"govuk-input__prefix\" aria-hidden=\"true\">");
		html_text(h, o->prefix);
		html_raw(h, "</div>");
	}
	html_raw(h, "<input class=\"govuk-input");
	if (o->classes) {
		html_raw(h, " ");
		html_text(h, o->classes);
	}
	if (error)
		html_raw(h, " govuk-input--error");
	html_raw(h, "\"");
	html_attr(h, "id", id);
	html_attr(h, "name", o->name);
	html_attr(h, "type", o->type ? o->type : "text");
	spellcheck_attr(h, o->spellcheck);
	html_attr(h, "value", o->value);
	described_by(h, id, o->hint != NULL, error != NULL);
	html_attr(h, "autocomplete", o->autocomplete);
	html_attr(h, "inputmode", o->inputmode);
	html_raw(h, ">");
	if (o->suffix) {
		html_raw(h, "<div class=\"govuk-input__suffix\" aria-hidden=\"true\">");
		html_text(h, o->suffix);
		html_raw(h, "</div>");
	}
	if (affixed)
		html_raw(h, "</div>");
	html_raw(h, "</div>");
}

/* ---------------------------------------------------------------- textarea */

void gds_textarea(struct html *h, const struct gds_textarea *o)
{
	const char *id = o->id ? o->id : o->name;
	const char *error = field_error(o->error, o->errors, o->name);

	form_group_start(h, error != NULL, 0, 0);
	label(h, o->label, o->label_size, o->label_is_page_heading, id);
	if (o->hint)
		hint(h, id, o->hint);
	if (error)
		gds_error_message(h, id, error);
	if (error)
		html_raw(h, "<textarea class=\"govuk-textarea govuk-textarea--error\"");
	else
		html_raw(h, "<textarea class=\"govuk-textarea\"");
	html_attr(h, "id", id);
	html_attr(h, "name", o->name);
	html_raw(h, " rows=\"");
	html_int(h, o->rows > 0 ? o->rows : 5);
	html_raw(h, "\"");
	spellcheck_attr(h, o->spellcheck);
	described_by(h, id, o->hint != NULL, error != NULL);
	html_attr(h, "autocomplete", o->autocomplete);
	html_raw(h, ">");
	html_text(h, o->value);
	html_raw(h, "</textarea></div>");
}

/* ---------------------------------------------------------------- date input */

/* date_error finds the date's message and which parts it marks (see gds.h). */
static const char *date_error(const struct gds_date_input *o, unsigned *parts)
{
	static const char *const suffix[] = {"-day", "-month", "-year"};
	static const unsigned part[] = {GDS_DATE_DAY, GDS_DATE_MONTH, GDS_DATE_YEAR};
	const char *msg = o->error;
	unsigned found = GDS_DATE_ALL;

	if (!msg && o->errors && o->name) {
		size_t len = strlen(o->name);
		for (size_t e = 0; e < o->errors->n && !msg; e++) {
			const struct field_error *fe = &o->errors->items[e];
			if (!fe->name)
				continue;
			if (strcmp(fe->name, o->name) == 0) {
				msg = fe->message;
				break;
			}
			if (strncmp(fe->name, o->name, len) != 0)
				continue;
			for (size_t i = 0; i < 3; i++) {
				if (strcmp(fe->name + len, suffix[i]) == 0) {
					msg = fe->message;
					/* A whole-date error is recorded on the day, the first input. */
					found = i == 0 ? GDS_DATE_ALL : part[i];
					break;
				}
			}
		}
	}
	*parts = o->error_parts ? o->error_parts & GDS_DATE_ALL : found;
	return msg;
}

static void date_item(struct html *h, const struct gds_date_input *o, const char *part,
		      const char *label_text, const char *value, int wide, int has_error,
		      const char *autocomplete)
{
	html_raw(h, "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">"
		    "<label class=\"govuk-label govuk-date-input__label\" for=\"");
	html_text(h, o->name);
	html_text(h, part);
	html_raw(h, "\">");
	html_text(h, label_text);
	html_raw(h, "</label><input class=\"govuk-input govuk-date-input__input");
	if (has_error)
		html_raw(h, " govuk-input--error");
	if (wide)
		html_raw(h, " govuk-input--width-4\" id=\"");
	else
		html_raw(h, " govuk-input--width-2\" id=\"");
	html_text(h, o->name);
	html_text(h, part);
	html_raw(h, "\" name=\"");
	html_text(h, o->name);
	html_text(h, part);
	html_raw(h, "\" type=\"text\"");
	html_attr(h, "value", value);
	if (o->birthday)
		html_attr(h, "autocomplete", autocomplete);
	html_raw(h, " inputmode=\"numeric\"></div></div>");
}

void gds_date_input(struct html *h, const struct gds_date_input *o)
{
	unsigned parts = 0;
	const char *error = date_error(o, &parts);
	int bad = error != NULL;

	form_group_start(h, bad, 0, 0);
	fieldset_start(h, o->name, 1, o->legend, o->legend_size, o->legend_is_page_heading,
		       o->hint != NULL, bad);
	if (o->hint)
		hint(h, o->name, o->hint);
	if (error)
		gds_error_message(h, o->name, error);
	html_raw(h, "<div class=\"govuk-date-input\"");
	html_attr(h, "id", o->name);
	html_raw(h, ">");
	date_item(h, o, "-day", "Day", o->day, 0, bad && (parts & GDS_DATE_DAY), "bday-day");
	date_item(h, o, "-month", "Month", o->month, 0, bad && (parts & GDS_DATE_MONTH),
		  "bday-month");
	date_item(h, o, "-year", "Year", o->year, 1, bad && (parts & GDS_DATE_YEAR), "bday-year");
	html_raw(h, "</div></fieldset></div>");
}

/* ---------------------------------------------------------------- radios and checkboxes */

/* item_id writes <name> for the first item and <name>-<n> after it, as GOV.UK numbers them. */
static void item_id(struct html *h, const char *name, size_t n)
{
	html_text(h, name);
	if (n > 1) {
		html_raw(h, "-");
		html_int(h, (int64_t)n);
	}
}

static int is_checked(const struct gds_choices *o, const struct gds_choice *c, int multiple)
{
	if (c->checked)
		return 1;
	if (!c->value)
		return 0;
	if (!multiple)
		return o->value && strcmp(o->value, c->value) == 0;
	for (size_t i = 0; i < o->n_values; i++)
		if (o->values[i] && strcmp(o->values[i], c->value) == 0)
			return 1;
	return 0;
}

static void choices(struct html *h, const struct gds_choices *o, int multiple)
{
	const char *error = field_error(o->error, o->errors, o->name);
	int fieldset = o->legend != NULL;

	form_group_start(h, error != NULL, o->small && !multiple, o->small && multiple);
	if (fieldset)
		fieldset_start(h, o->name, 0, o->legend, o->legend_size, o->legend_is_page_heading,
			       o->hint != NULL, error != NULL);
	if (o->hint)
		hint(h, o->name, o->hint);
	if (error)
		gds_error_message(h, o->name, error);
	if (multiple)
		html_raw(h, "<div class=\"govuk-checkboxes\" data-module=\"govuk-checkboxes\">");
	else if (o->is_inline)
		html_raw(h, "<div class=\"govuk-radios govuk-radios--inline\" "
			    "data-module=\"govuk-radios\">");
	else
		html_raw(h, "<div class=\"govuk-radios\" data-module=\"govuk-radios\">");

	for (size_t i = 0; i < o->n_items; i++) {
		const struct gds_choice *c = &o->items[i];
		size_t n = i + 1;
		if (c->divider) {
			if (multiple)
				html_raw(h, "<div class=\"govuk-checkboxes__divider\">");
			else
				html_raw(h, "<div class=\"govuk-radios__divider\">");
			html_text(h, c->divider);
			html_raw(h, "</div>");
			continue;
		}
		if (multiple)
			html_raw(h, "<div class=\"govuk-checkboxes__item\"><input "
				    "class=\"govuk-checkboxes__input\" id=\"");
		else
			html_raw(h, "<div class=\"govuk-radios__item\"><input "
				    "class=\"govuk-radios__input\" id=\"");
		item_id(h, o->name, n);
		html_raw(h, "\"");
		html_attr(h, "name", o->name);
		if (multiple)
			html_raw(h, " type=\"checkbox\"");
		else
			html_raw(h, " type=\"radio\"");
		html_attr(h, "value", c->value ? c->value : "");
		html_attr_flag(h, "checked", is_checked(o, c, multiple));
		if (multiple && c->exclusive)
			html_raw(h, " data-behaviour=\"exclusive\"");
		/*
		 * Checkboxes without a fieldset (a single "I agree" box) tie the group's hint
		 * and error to each input, as GOV.UK does; radios always have a fieldset.
		 */
		int group_hint = multiple && !fieldset && o->hint;
		int group_error = multiple && !fieldset && error;
		if (group_hint || group_error || c->hint) {
			html_raw(h, " aria-describedby=\"");
			const char *sep = "";
			if (group_hint) {
				html_text(h, o->name);
				html_raw(h, "-hint");
				sep = " ";
			}
			if (group_error) {
				html_text(h, sep);
				html_text(h, o->name);
				html_raw(h, "-error");
				sep = " ";
			}
			if (c->hint) {
				html_text(h, sep);
				item_id(h, o->name, n);
				html_raw(h, "-item-hint");
			}
			html_raw(h, "\"");
		}
		if (multiple)
			html_raw(h, "><label class=\"govuk-label govuk-checkboxes__label\" for=\"");
		else
			html_raw(h, "><label class=\"govuk-label govuk-radios__label\" for=\"");
		item_id(h, o->name, n);
		html_raw(h, "\">");
		html_text(h, c->text);
		html_raw(h, "</label>");
		if (c->hint) {
			html_raw(h, "<div id=\"");
			item_id(h, o->name, n);
			if (multiple)
				html_raw(h, "-item-hint\" class=\"govuk-hint "
					    "govuk-checkboxes__hint\">");
			else
				html_raw(h,
					 "-item-hint\" class=\"govuk-hint govuk-radios__hint\">");
			html_text(h, c->hint);
			html_raw(h, "</div>");
		}
		html_raw(h, "</div>");
	}
	html_raw(h, "</div>");
	if (fieldset)
		html_raw(h, "</fieldset>");
	html_raw(h, "</div>");
}

void gds_radios(struct html *h, const struct gds_choices *o)
{
	choices(h, o, 0);
}

void gds_checkboxes(struct html *h, const struct gds_choices *o)
{
	choices(h, o, 1);
}

/* ---------------------------------------------------------------- select */

void gds_select(struct html *h, const struct gds_select *o)
{
	const char *id = o->id ? o->id : o->name;
	const char *error = field_error(o->error, o->errors, o->name);

	form_group_start(h, error != NULL, 0, 0);
	label(h, o->label, o->label_size, o->label_is_page_heading, id);
	if (o->hint)
		hint(h, id, o->hint);
	if (error)
		gds_error_message(h, id, error);
	if (error)
		html_raw(h, "<select class=\"govuk-select govuk-select--error\"");
	else
		html_raw(h, "<select class=\"govuk-select\"");
	html_attr(h, "id", id);
	html_attr(h, "name", o->name);
	described_by(h, id, o->hint != NULL, error != NULL);
	html_raw(h, ">");
	for (size_t i = 0; i < o->n_items; i++) {
		const struct gds_option *it = &o->items[i];
		const char *value = it->value ? it->value : "";
		int selected = it->selected || (o->value && strcmp(o->value, value) == 0);
		html_raw(h, "<option");
		html_attr(h, "value", value);
		html_attr_flag(h, "selected", selected);
		html_attr_flag(h, "disabled", it->disabled);
		html_raw(h, ">");
		html_text(h, it->text);
		html_raw(h, "</option>");
	}
	html_raw(h, "</select></div>");
}
