/*
 * gds.h: GOV.UK Frontend 6.6.0 components as C functions over the escaping HTML writer.
 *
 * Each function writes one component's markup to a struct html, matching the HTML that
 * govuk-frontend's Nunjucks macros produce (classes, ids, aria attributes; see each
 * component's fixtures.json in node_modules/govuk-frontend/dist/govuk/components), so the
 * compiled CSS and JS in web/ style and enhance it. Options are structs passed by pointer,
 * written with designated initialisers at the call site:
 *
 *	gds_input(h, &(struct gds_input){.name = "email", .label = "Email address",
 *					 .value = form_value, .errors = errs});
 *
 * Every string passed in is escaped (text and attributes alike), so values typed by users
 * may be passed straight through; no function here pastes a string as markup. Strings are
 * borrowed for the duration of the call only. NULL means "absent" for every optional
 * string. Write errors stick in the html writer: check html_error() once at the end.
 *
 * Form components take `errors` (the page's field error list, looked up by the field's
 * name) and/or `error` (a message; it wins over `errors`). With an error they render the
 * GOV.UK error message, the --error modifier classes and aria-describedby, and the error
 * summary links to "#<name>", which is the id of the field's first input.
 *
 * Markup must never rely on inline script or style attributes: the Content-Security-Policy
 * is script-src 'self'; style-src 'self'. The header is GOV.UK's generic header (no crown,
 * no GOV.UK logo) because a council service is not on GOV.UK.
 */
#ifndef SENDAP_GDS_H
#define SENDAP_GDS_H

#include <stddef.h>

#include "platform/fields.h"
#include "platform/html.h"

#define GDS_SERVICE_NAME "sendap"

/* Text sizes for headings, captions, labels and legends (govuk-label--l and so on). */
enum gds_size {
	GDS_SIZE_DEFAULT = 0, /* no size modifier */
	GDS_SIZE_S,
	GDS_SIZE_M,
	GDS_SIZE_L,
	GDS_SIZE_XL,
};

/*
 * A callback that writes the HTML of one slot (a summary list value, a table cell) with
 * the same writer. Used where a slot needs more than plain text: a tag, a link, a list.
 */
struct gds_slot {
	void (*render)(struct html *h, const void *arg);
	const void *arg;
};

/* ---------------------------------------------------------------- page template */

/* One link of the service navigation bar under the header. */
struct gds_nav_item {
	const char *href;
	const char *text;
	int current; /* the page is this item: aria-current="page" */
};

struct gds_page {
	const char *title;                 /* page title, without the service name */
	const struct field_errors *errors; /* n > 0: "Error: " title prefix and error summary */
	const char *back_href;             /* a back link above <main>; NULL for none */
	const char *service_name;          /* NULL: GDS_SERVICE_NAME */
	const char *service_href;          /* where the service name links; NULL: "/" */
	const struct gds_nav_item *nav;    /* service navigation; NULL or n_nav 0 for none */
	size_t n_nav;
	/* non-NULL: someone is signed in; the navigation ends with a "Sign out" button that
	 * posts this CSRF token to /sign-out */
	const char *sign_out_csrf;
};

/*
 * gds_page_start writes everything from <!DOCTYPE html> to the opening of <main
 * id="main-content">: head (charset, viewport, title "[Error: ]<title> – <service>",
 * /assets/css/sendap.css, icons, manifest), body.govuk-template__body, the skip link, the
 * generic header with the service name, optional service navigation, the width container,
 * the optional back link, <main>, and the error summary when p->errors->n > 0. The caller
 * writes the page content and then calls gds_page_end.
 */
void gds_page_start(struct html *h, const struct gds_page *p);

/*
 * gds_page_end closes <main> and the width container, writes the footer (no crown; meta
 * links including "Accessibility statement" -> /accessibility), the module script
 * /assets/js/init.mjs, and closes body and html.
 */
void gds_page_end(struct html *h);

/* ---------------------------------------------------------------- layout and text */

enum gds_column {
	GDS_COLUMN_TWO_THIRDS = 0,
	GDS_COLUMN_FULL,
	GDS_COLUMN_ONE_HALF,
	GDS_COLUMN_ONE_THIRD,
};

/* gds_grid_start opens <div class="govuk-grid-row"> and one column; gds_grid_end closes both. */
void gds_grid_start(struct html *h, enum gds_column column);
void gds_grid_end(struct html *h);

struct gds_heading {
	const char *text;
	int level;           /* 1..6; 0 means 1 */
	enum gds_size size;  /* govuk-heading-<size>; DEFAULT means l for h1, m otherwise */
	const char *caption; /* govuk-caption-<size> above the heading; NULL for none */
};

/* gds_heading writes an optional caption and <hN class="govuk-heading-SIZE">text</hN>. */
void gds_heading(struct html *h, const struct gds_heading *o);

/* gds_p writes <p class="govuk-body">text</p>. */
void gds_p(struct html *h, const char *text);
/* gds_link writes <a class="govuk-link" href="href">text</a>. */
void gds_link(struct html *h, const char *href, const char *text);
/* gds_inset_text writes <div class="govuk-inset-text">text</div>. */
void gds_inset_text(struct html *h, const char *text);

/* gds_back_link writes <a href="href" class="govuk-back-link">text</a>; text NULL: "Back". */
void gds_back_link(struct html *h, const char *href, const char *text);

/*
 * gds_form_start opens <form method="post" action="action" novalidate> (GOV.UK validates on
 * the server, so the browser's own validation bubbles are turned off); action NULL posts to
 * the same URL. gds_hidden writes a hidden input. gds_form_end closes the form.
 */
void gds_form_start(struct html *h, const char *action);
void gds_hidden(struct html *h, const char *name, const char *value);
void gds_form_end(struct html *h);

/* ---------------------------------------------------------------- tag */

enum gds_tag_colour {
	GDS_TAG_BLUE = 0, /* the default govuk-tag, no modifier */
	GDS_TAG_GREY,
	GDS_TAG_GREEN,
	GDS_TAG_TEAL,
	GDS_TAG_TURQUOISE,
	GDS_TAG_PURPLE,
	GDS_TAG_MAGENTA,
	GDS_TAG_PINK,
	GDS_TAG_RED,
	GDS_TAG_ORANGE,
	GDS_TAG_YELLOW,
};

/* gds_tag writes <strong class="govuk-tag govuk-tag--COLOUR">text</strong>. */
void gds_tag(struct html *h, const char *text, enum gds_tag_colour colour);

/* ---------------------------------------------------------------- error summary */

/*
 * gds_error_summary writes the GOV.UK error summary ("There is a problem") with one link
 * per error, to "#<name>"; nothing when errors is NULL or empty. gds_page_start calls it.
 */
void gds_error_summary(struct html *h, const struct field_errors *errors);

/* ---------------------------------------------------------------- button */

enum gds_button_kind {
	GDS_BUTTON_PRIMARY = 0,
	GDS_BUTTON_SECONDARY,
	GDS_BUTTON_WARNING,
	GDS_BUTTON_INVERSE,
};

struct gds_button {
	const char *text;
	enum gds_button_kind kind;
	int start;        /* the start button variant, with its arrow */
	const char *href; /* a link styled as a button; NULL for <button type="submit"> */
	const char *name; /* <button name> and value, to tell buttons apart */
	const char *value;
	const char *id;
	int prevent_double_click; /* data-prevent-double-click="true" */
};

void gds_button(struct html *h, const struct gds_button *o);

/* ---------------------------------------------------------------- notification banner */

struct gds_banner {
	int success;           /* the green "Success" banner with role="alert" */
	const char *title;     /* NULL: "Important" or "Success" */
	const char *heading;   /* the banner's main message */
	const char *link_href; /* an optional link after the heading */
	const char *link_text;
	const char *body; /* an optional paragraph under the heading */
};

void gds_notification_banner(struct html *h, const struct gds_banner *o);

/* ---------------------------------------------------------------- summary list */

#define GDS_SUMMARY_ACTIONS_MAX 3

struct gds_summary_action {
	const char *href;            /* NULL ends the list of actions */
	const char *text;            /* "Change" */
	const char *visually_hidden; /* " name": what is changed, for screen readers */
};

struct gds_summary_row {
	const char *key;
	const char *value;    /* plain text; or */
	struct gds_slot slot; /* render != NULL: writes the value's HTML instead */
	struct gds_summary_action actions[GDS_SUMMARY_ACTIONS_MAX];
};

struct gds_summary_list {
	const struct gds_summary_row *rows;
	size_t n_rows;
	int no_border;
	const char *card_title; /* non-NULL: wrap the list in a summary card with this title */
};

void gds_summary_list(struct html *h, const struct gds_summary_list *o);

/* ---------------------------------------------------------------- table */

struct gds_table_cell {
	const char *text;
	int numeric;          /* right-aligned, tabular figures */
	const char *href;     /* non-NULL: the text is a govuk-link to href */
	struct gds_slot slot; /* render != NULL: writes the cell's HTML instead of text */
};

struct gds_table {
	const char *caption;
	enum gds_size caption_size;
	const struct gds_table_cell *head;  /* n_cols header cells; NULL for no <thead> */
	const struct gds_table_cell *cells; /* n_rows * n_cols, row by row */
	size_t n_cols;
	size_t n_rows;
	int first_cell_is_header; /* each row's first cell is <th scope="row"> */
	/* non-NULL: the table sits in a keyboard-focusable region with this label that
	 * scrolls sideways on a narrow screen, so the page itself never does (WCAG 1.4.10) */
	const char *scroll_label;
};

void gds_table(struct html *h, const struct gds_table *o);

/* ---------------------------------------------------------------- task list */

enum gds_task_status {
	GDS_TASK_TEXT = 0,     /* plain text, for "Completed" */
	GDS_TASK_TAG,          /* a tag in status_colour, for "Incomplete" (blue) */
	GDS_TASK_CANNOT_START, /* grey text, for "Cannot start yet" */
};

struct gds_task {
	const char *title;
	const char *href; /* NULL: the task cannot be opened yet */
	const char *hint;
	const char *status;
	enum gds_task_status status_style;
	enum gds_tag_colour status_colour;
};

struct gds_task_list {
	const struct gds_task *items;
	size_t n_items;
	const char *id_prefix; /* NULL: "task-list"; ids are <prefix>-<n>-status */
};

void gds_task_list(struct html *h, const struct gds_task_list *o);

/* ---------------------------------------------------------------- pagination */

struct gds_page_link {
	long number; /* the page number shown */
	const char *href;
	int current;
	int ellipsis; /* a "⋯" gap instead of a link */
};

struct gds_pagination {
	const char *prev_href;  /* NULL: no previous link */
	const char *prev_text;  /* NULL: "Previous" + visually hidden " page" */
	const char *prev_label; /* block style only: the previous page's title */
	const char *next_href;
	const char *next_text;
	const char *next_label;
	const struct gds_page_link *items; /* numbered links; none gives the block style */
	size_t n_items;
};

void gds_pagination(struct html *h, const struct gds_pagination *o);

/* ---------------------------------------------------------------- form fields */

/*
 * The label or legend of a field. is_page_heading wraps it in <h1> (the GOV.UK pattern
 * for a page that asks one question); use size L with it.
 */
struct gds_input {
	const char *name;
	const char *id; /* NULL: name */
	const char *label;
	enum gds_size label_size;
	int label_is_page_heading;
	const char *hint;
	const char *value;
	const char *type;         /* NULL: "text" */
	const char *classes;      /* extra input classes, e.g. "govuk-input--width-10" */
	const char *autocomplete; /* e.g. "email", "postal-code" */
	const char *inputmode;    /* e.g. "numeric" */
	int spellcheck;           /* 0: leave out, 1: spellcheck="true", -1: "false" */
	const char *prefix;       /* e.g. "£" */
	const char *suffix;       /* e.g. "kg" */
	const struct field_errors *errors;
	const char *error;
};

void gds_input(struct html *h, const struct gds_input *o);

struct gds_textarea {
	const char *name;
	const char *id; /* NULL: name */
	const char *label;
	enum gds_size label_size;
	int label_is_page_heading;
	const char *hint;
	const char *value;
	int rows; /* 0: 5 */
	const char *autocomplete;
	int spellcheck; /* as for gds_input */
	const struct field_errors *errors;
	const char *error;
};

void gds_textarea(struct html *h, const struct gds_textarea *o);

/* Parts of a date input, for gds_date_input.error_parts. */
enum {
	GDS_DATE_DAY = 1,
	GDS_DATE_MONTH = 2,
	GDS_DATE_YEAR = 4,
	GDS_DATE_ALL = 7,
};

/*
 * A date as three inputs named and identified <name>-day, <name>-month, <name>-year; the
 * container has id <name>. The error is looked up under <name>-day, <name>-month,
 * <name>-year, then <name>: a validator records a whole-date error ("Enter a real date")
 * under <name>-day, the first input, so the error summary link lands on it, and a missing
 * part under that part's name. error_parts says which inputs get the error style; 0 means
 * all three, or just the month or year when the error is recorded under that part.
 */
struct gds_date_input {
	const char *name;
	const char *legend;
	enum gds_size legend_size;
	int legend_is_page_heading;
	const char *hint; /* e.g. "For example, 27 3 2007" */
	const char *day;
	const char *month;
	const char *year;
	int birthday; /* autocomplete="bday-day" and so on */
	const struct field_errors *errors;
	const char *error;
	unsigned error_parts;
};

void gds_date_input(struct html *h, const struct gds_date_input *o);

/*
 * One radio or checkbox. A divider ("or") is an item with only divider set; it still
 * counts for the numbering of ids: items are <name>, <name>-2, <name>-3, ...
 */
struct gds_choice {
	const char *value;
	const char *text;
	const char *hint;
	const char *divider;
	int checked;   /* checked whatever the field's value(s) */
	int exclusive; /* checkboxes only: "None of these", unticks the others (with JS) */
};

struct gds_choices {
	const char *name;
	const char *legend; /* NULL: no fieldset (a single question's only checkbox) */
	enum gds_size legend_size;
	int legend_is_page_heading;
	const char *hint;
	const struct gds_choice *items;
	size_t n_items;
	const char *value;         /* radios: the item with this value is checked */
	const char *const *values; /* checkboxes: items with these values are checked */
	size_t n_values;
	int is_inline; /* radios side by side (for two short answers) */
	int small;
	const struct field_errors *errors;
	const char *error;
};

void gds_radios(struct html *h, const struct gds_choices *o);
void gds_checkboxes(struct html *h, const struct gds_choices *o);

struct gds_option {
	const char *value;
	const char *text;
	int selected;
	int disabled;
};

struct gds_select {
	const char *name;
	const char *id; /* NULL: name */
	const char *label;
	enum gds_size label_size;
	int label_is_page_heading;
	const char *hint;
	const struct gds_option *items;
	size_t n_items;
	const char *value; /* the option with this value is selected */
	const struct field_errors *errors;
	const char *error;
};

void gds_select(struct html *h, const struct gds_select *o);

/*
 * gds_error_message writes <p id="<id>-error" class="govuk-error-message"> with the
 * visually hidden "Error:" prefix; the form components call it.
 */
void gds_error_message(struct html *h, const char *id, const char *message);

#endif
