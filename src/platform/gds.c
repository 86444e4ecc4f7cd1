/*
 * gds.c: the GOV.UK page template and the display components (tag, error summary, button,
 * notification banner, summary list, table, task list, pagination, text helpers); the
 * form fields are in gds_form.c. Markup follows govuk-frontend 6.6.0's templates, with the
 * whitespace between tags left out. Every string from the caller goes through html_text
 * or html_attr; html_raw only ever sees the literals in this file.
 */
#include "platform/gds.h"

#include <stddef.h>

static const char *or_default(const char *s, const char *def)
{
	return s ? s : def;
}

/* ---------------------------------------------------------------- page template */

static void service_navigation(struct html *h, const struct gds_page *p)
{
	html_raw(h,
		 "<div class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\">"
		 "<div class=\"govuk-width-container\">"
		 "<div class=\"govuk-service-navigation__container\">"
		 "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">");
	/* GOV.UK collapses the menu behind a button on mobile only when there are 2+ items. */
	if (p->n_nav > 1)
		html_raw(h,
			 "<button type=\"button\" class=\"govuk-service-navigation__toggle "
			 "govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden "
			 "aria-hidden=\"true\">Menu</button>");
	html_raw(h, "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">");
	for (size_t i = 0; i < p->n_nav; i++) {
		const struct gds_nav_item *it = &p->nav[i];
		if (it->current) {
			html_raw(h, "<li class=\"govuk-service-navigation__item "
				    "govuk-service-navigation__item--active\">"
				    "<a class=\"govuk-service-navigation__link\"");
			html_attr(h, "href", it->href);
			html_raw(h, " aria-current=\"page\"><strong "
				    "class=\"govuk-service-navigation__active-fallback\">");
			html_text(h, it->text);
			html_raw(h, "</strong></a></li>");
		} else {
			html_raw(h, "<li class=\"govuk-service-navigation__item\">"
				    "<a class=\"govuk-service-navigation__link\"");
			html_attr(h, "href", it->href);
			html_raw(h, ">");
			html_text(h, it->text);
			html_raw(h, "</a></li>");
		}
	}
	if (p->sign_out_csrf) {
		html_raw(h, "<li class=\"govuk-service-navigation__item\">"
			    "<form method=\"post\" action=\"/sign-out\" novalidate>");
		gds_hidden(h, "csrf", p->sign_out_csrf);
		html_raw(h, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
			    "govuk-!-margin-bottom-0\">Sign out</button></form></li>");
	}
	html_raw(h, "</ul></nav></div></div></div>");
}

void gds_page_start(struct html *h, const struct gds_page *p)
{
	const char *service = or_default(p->service_name, GDS_SERVICE_NAME);
	int has_errors = p->errors && p->errors->n > 0;

	html_raw(h, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\"><head>"
		    "<meta charset=\"utf-8\"><title>");
	if (has_errors)
		html_raw(h, "Error: ");
	if (p->title) {
		html_text(h, p->title);
		html_raw(h, " \xe2\x80\x93 "); /* an en dash, as GOV.UK titles use */
	}
	html_text(h, service);
	html_raw(h, "</title>"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, "
		    "viewport-fit=cover\">"
		    "<meta name=\"theme-color\" content=\"#1d70b8\">"
		    "<link rel=\"stylesheet\" href=\"/assets/css/sendap.css\">"
		    "<link rel=\"icon\" sizes=\"48x48\" href=\"/assets/images/favicon.ico\">"
		    "<link rel=\"icon\" sizes=\"any\" href=\"/assets/images/favicon.svg\" "
		    "type=\"image/svg+xml\">"
		    "<link rel=\"mask-icon\" href=\"/assets/images/govuk-icon-mask.svg\" "
		    "color=\"#1d70b8\">"
		    "<link rel=\"apple-touch-icon\" href=\"/assets/images/govuk-icon-180.png\">"
		    "<link rel=\"manifest\" href=\"/assets/manifest.json\">"
		    "</head>"
		    "<body class=\"govuk-template__body\">"
		    "<a href=\"#main-content\" class=\"govuk-skip-link\" "
		    "data-module=\"govuk-skip-link\">Skip to main content</a>"
		    "<header class=\"govuk-template__header\">"
		    "<div class=\"govuk-generic-header\">"
		    "<div class=\"govuk-generic-header__container govuk-width-container\">"
		    "<div class=\"govuk-generic-header__logo\">"
		    "<a");
	html_attr(h, "href", or_default(p->service_href, "/"));
	html_raw(h, " class=\"govuk-generic-header__homepage-link\">");
	html_text(h, service);
	html_raw(h, "</a></div></div></div>");
	if ((p->nav && p->n_nav > 0) || p->sign_out_csrf)
		service_navigation(h, p);
	html_raw(h, "</header><div class=\"govuk-width-container\">");
	if (p->back_href)
		gds_back_link(h, p->back_href, NULL);
	html_raw(h, "<main class=\"govuk-main-wrapper\" id=\"main-content\">");
	if (has_errors)
		gds_error_summary(h, p->errors);
}

void gds_page_end(struct html *h)
{
	html_raw(h, "</main></div>"
		    "<footer class=\"govuk-template__footer\">"
		    "<div class=\"govuk-footer\"><div class=\"govuk-width-container\">"
		    "<div class=\"govuk-footer__meta\">"
		    "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">"
		    "<h2 class=\"govuk-visually-hidden\">Support links</h2>"
		    "<ul class=\"govuk-footer__inline-list\">"
		    "<li class=\"govuk-footer__inline-list-item\">"
		    "<a class=\"govuk-footer__link\" href=\"/accessibility\">Accessibility "
		    "statement</a></li>"
		    "</ul></div></div></div></div></footer>"
		    "<script type=\"module\" src=\"/assets/js/init.mjs\"></script>"
		    "</body></html>\n");
}

/* ---------------------------------------------------------------- layout and text */

void gds_grid_start(struct html *h, enum gds_column column)
{
	html_raw(h, "<div class=\"govuk-grid-row\">");
	switch (column) {
	case GDS_COLUMN_FULL: html_raw(h, "<div class=\"govuk-grid-column-full\">"); break;
	case GDS_COLUMN_ONE_HALF: html_raw(h, "<div class=\"govuk-grid-column-one-half\">"); break;
	case GDS_COLUMN_ONE_THIRD:
		html_raw(h, "<div class=\"govuk-grid-column-one-third\">");
		break;
	case GDS_COLUMN_TWO_THIRDS:
	default: html_raw(h, "<div class=\"govuk-grid-column-two-thirds\">"); break;
	}
}

void gds_grid_end(struct html *h)
{
	html_raw(h, "</div></div>");
}

static void size_suffix(struct html *h, enum gds_size size)
{
	switch (size) {
	case GDS_SIZE_S: html_raw(h, "s"); break;
	case GDS_SIZE_M: html_raw(h, "m"); break;
	case GDS_SIZE_XL: html_raw(h, "xl"); break;
	case GDS_SIZE_L:
	case GDS_SIZE_DEFAULT:
	default: html_raw(h, "l"); break;
	}
}

void gds_heading(struct html *h, const struct gds_heading *o)
{
	int level = o->level >= 1 && o->level <= 6 ? o->level : 1;
	enum gds_size size = o->size;
	if (size == GDS_SIZE_DEFAULT)
		size = level == 1 ? GDS_SIZE_L : GDS_SIZE_M;

	if (o->caption) {
		html_raw(h, "<span class=\"govuk-caption-");
		size_suffix(h, size);
		html_raw(h, "\">");
		html_text(h, o->caption);
		html_raw(h, "</span>");
	}
	html_raw(h, "<h");
	html_int(h, level);
	html_raw(h, " class=\"govuk-heading-");
	size_suffix(h, size);
	html_raw(h, "\">");
	html_text(h, o->text);
	html_raw(h, "</h");
	html_int(h, level);
	html_raw(h, ">");
}

void gds_p(struct html *h, const char *text)
{
	html_raw(h, "<p class=\"govuk-body\">");
	html_text(h, text);
	html_raw(h, "</p>");
}

void gds_link(struct html *h, const char *href, const char *text)
{
	html_raw(h, "<a class=\"govuk-link\"");
	html_attr(h, "href", href);
	html_raw(h, ">");
	html_text(h, text);
	html_raw(h, "</a>");
}

void gds_inset_text(struct html *h, const char *text)
{
	html_raw(h, "<div class=\"govuk-inset-text\">");
	html_text(h, text);
	html_raw(h, "</div>");
}

void gds_back_link(struct html *h, const char *href, const char *text)
{
	html_raw(h, "<a");
	html_attr(h, "href", or_default(href, "#"));
	html_raw(h, " class=\"govuk-back-link\">");
	html_text(h, or_default(text, "Back"));
	html_raw(h, "</a>");
}

void gds_form_start(struct html *h, const char *action)
{
	html_raw(h, "<form method=\"post\"");
	html_attr(h, "action", action);
	html_raw(h, " novalidate>");
}

void gds_hidden(struct html *h, const char *name, const char *value)
{
	html_raw(h, "<input type=\"hidden\"");
	html_attr(h, "name", name);
	html_attr(h, "value", or_default(value, ""));
	html_raw(h, ">");
}

void gds_form_end(struct html *h)
{
	html_raw(h, "</form>");
}

/* ---------------------------------------------------------------- tag */

static void tag_class(struct html *h, enum gds_tag_colour colour)
{
	switch (colour) {
	case GDS_TAG_GREY: html_raw(h, " govuk-tag--grey"); break;
	case GDS_TAG_GREEN: html_raw(h, " govuk-tag--green"); break;
	case GDS_TAG_TEAL: html_raw(h, " govuk-tag--teal"); break;
	case GDS_TAG_TURQUOISE: html_raw(h, " govuk-tag--turquoise"); break;
	case GDS_TAG_PURPLE: html_raw(h, " govuk-tag--purple"); break;
	case GDS_TAG_MAGENTA: html_raw(h, " govuk-tag--magenta"); break;
	case GDS_TAG_PINK: html_raw(h, " govuk-tag--pink"); break;
	case GDS_TAG_RED: html_raw(h, " govuk-tag--red"); break;
	case GDS_TAG_ORANGE: html_raw(h, " govuk-tag--orange"); break;
	case GDS_TAG_YELLOW: html_raw(h, " govuk-tag--yellow"); break;
	case GDS_TAG_BLUE:
	default: break;
	}
}

void gds_tag(struct html *h, const char *text, enum gds_tag_colour colour)
{
	html_raw(h, "<strong class=\"govuk-tag");
	tag_class(h, colour);
	html_raw(h, "\">");
	html_text(h, text);
	html_raw(h, "</strong>");
}

/* ---------------------------------------------------------------- error summary */

void gds_error_summary(struct html *h, const struct field_errors *errors)
{
	if (!errors || errors->n == 0)
		return;
	html_raw(h, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">"
		    "<div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a "
		    "problem</h2><div class=\"govuk-error-summary__body\">"
		    "<ul class=\"govuk-list govuk-error-summary__list\">");
	for (size_t i = 0; i < errors->n && i < FIELD_ERRORS_MAX; i++) {
		const struct field_error *e = &errors->items[i];
		if (e->name) {
			html_raw(h, "<li><a href=\"#");
			html_text(h, e->name);
			html_raw(h, "\">");
			html_text(h, e->message);
			html_raw(h, "</a></li>");
		} else {
			html_raw(h, "<li>");
			html_text(h, e->message);
			html_raw(h, "</li>");
		}
	}
	html_raw(h, "</ul></div></div></div>");
}

/* ---------------------------------------------------------------- button */

static void start_icon(struct html *h)
{
	html_raw(h, "<svg class=\"govuk-button__start-icon\" xmlns=\"http://www.w3.org/2000/svg\" "
		    "width=\"17.5\" height=\"19\" viewBox=\"0 0 33 40\" aria-hidden=\"true\" "
		    "focusable=\"false\"><path fill=\"currentColor\" "
		    "d=\"M0 0h13l20 20-20 20H0l20-20z\"/></svg>");
}

static void button_common(struct html *h, const struct gds_button *o)
{
	html_raw(h, " class=\"govuk-button");
	switch (o->kind) {
	case GDS_BUTTON_SECONDARY: html_raw(h, " govuk-button--secondary"); break;
	case GDS_BUTTON_WARNING: html_raw(h, " govuk-button--warning"); break;
	case GDS_BUTTON_INVERSE: html_raw(h, " govuk-button--inverse"); break;
	case GDS_BUTTON_PRIMARY:
	default: break;
	}
	if (o->start)
		html_raw(h, " govuk-button--start");
	html_raw(h, "\" data-module=\"govuk-button\"");
	html_attr(h, "id", o->id);
	html_raw(h, ">");
	html_text(h, o->text);
	if (o->start) {
		html_raw(h, " ");
		start_icon(h);
	}
}

void gds_button(struct html *h, const struct gds_button *o)
{
	if (o->href) {
		html_raw(h, "<a");
		html_attr(h, "href", o->href);
		html_raw(h, " role=\"button\" draggable=\"false\"");
		button_common(h, o);
		html_raw(h, "</a>");
		return;
	}
	html_raw(h, "<button type=\"submit\"");
	html_attr(h, "value", o->value);
	html_attr(h, "name", o->name);
	if (o->prevent_double_click)
		html_raw(h, " data-prevent-double-click=\"true\"");
	button_common(h, o);
	html_raw(h, "</button>");
}

/* ---------------------------------------------------------------- notification banner */

void gds_notification_banner(struct html *h, const struct gds_banner *o)
{
	if (o->success)
		html_raw(h, "<div class=\"govuk-notification-banner "
			    "govuk-notification-banner--success\" role=\"alert\"");
	else
		html_raw(h, "<div class=\"govuk-notification-banner\" role=\"region\"");
	html_raw(h, " aria-labelledby=\"govuk-notification-banner-title\" "
		    "data-module=\"govuk-notification-banner\">"
		    "<div class=\"govuk-notification-banner__header\">"
		    "<h2 class=\"govuk-notification-banner__title\" "
		    "id=\"govuk-notification-banner-title\">");
	html_text(h, or_default(o->title, o->success ? "Success" : "Important"));
	html_raw(h, "</h2></div><div class=\"govuk-notification-banner__content\">");
	if (o->heading || o->link_href) {
		html_raw(h, "<p class=\"govuk-notification-banner__heading\">");
		html_text(h, o->heading);
		if (o->link_href) {
			if (o->heading)
				html_raw(h, " ");
			html_raw(h, "<a class=\"govuk-notification-banner__link\"");
			html_attr(h, "href", o->link_href);
			html_raw(h, ">");
			html_text(h, or_default(o->link_text, o->link_href));
			html_raw(h, "</a>");
		}
		html_raw(h, "</p>");
	}
	if (o->body)
		gds_p(h, o->body);
	html_raw(h, "</div></div>");
}

/* ---------------------------------------------------------------- summary list */

static size_t count_actions(const struct gds_summary_row *r)
{
	size_t n = 0;
	while (n < GDS_SUMMARY_ACTIONS_MAX && r->actions[n].href)
		n++;
	return n;
}

static void summary_action(struct html *h, const struct gds_summary_action *a,
			   const char *card_title)
{
	html_raw(h, "<a class=\"govuk-link\"");
	html_attr(h, "href", a->href);
	html_raw(h, ">");
	html_text(h, or_default(a->text, "Change"));
	if (a->visually_hidden || card_title) {
		html_raw(h, "<span class=\"govuk-visually-hidden\">");
		if (a->visually_hidden) {
			html_raw(h, " ");
			html_text(h, a->visually_hidden);
		}
		if (card_title) {
			html_raw(h, " (");
			html_text(h, card_title);
			html_raw(h, ")");
		}
		html_raw(h, "</span>");
	}
	html_raw(h, "</a>");
}

void gds_summary_list(struct html *h, const struct gds_summary_list *o)
{
	int any_actions = 0;
	for (size_t i = 0; i < o->n_rows; i++)
		if (count_actions(&o->rows[i]) > 0)
			any_actions = 1;

	if (o->card_title) {
		html_raw(h, "<div class=\"govuk-summary-card\"><div "
			    "class=\"govuk-summary-card__title-wrapper\"><h2 "
			    "class=\"govuk-summary-card__title\">");
		html_text(h, o->card_title);
		html_raw(h, "</h2></div><div class=\"govuk-summary-card__content\">");
	}
	if (o->no_border)
		html_raw(h, "<dl class=\"govuk-summary-list govuk-summary-list--no-border\">");
	else
		html_raw(h, "<dl class=\"govuk-summary-list\">");
	for (size_t i = 0; i < o->n_rows; i++) {
		const struct gds_summary_row *r = &o->rows[i];
		size_t n_actions = count_actions(r);
		if (any_actions && n_actions == 0)
			html_raw(h, "<div class=\"govuk-summary-list__row "
				    "govuk-summary-list__row--no-actions\">");
		else
			html_raw(h, "<div class=\"govuk-summary-list__row\">");
		html_raw(h, "<dt class=\"govuk-summary-list__key\">");
		html_text(h, r->key);
		html_raw(h, "</dt><dd class=\"govuk-summary-list__value\">");
		if (r->slot.render)
			r->slot.render(h, r->slot.arg);
		else
			html_text(h, r->value);
		html_raw(h, "</dd>");
		if (n_actions == 1) {
			html_raw(h, "<dd class=\"govuk-summary-list__actions\">");
			summary_action(h, &r->actions[0], o->card_title);
			html_raw(h, "</dd>");
		} else if (n_actions > 1) {
			html_raw(h, "<dd class=\"govuk-summary-list__actions\">"
				    "<ul class=\"govuk-summary-list__actions-list\">");
			for (size_t j = 0; j < n_actions; j++) {
				html_raw(h, "<li class=\"govuk-summary-list__actions-list-item\">");
				summary_action(h, &r->actions[j], o->card_title);
				html_raw(h, "</li>");
			}
			html_raw(h, "</ul></dd>");
		}
		html_raw(h, "</div>");
	}
	html_raw(h, "</dl>");
	if (o->card_title)
		html_raw(h, "</div></div>");
}

/* ---------------------------------------------------------------- table */

static void cell_content(struct html *h, const struct gds_table_cell *c)
{
	if (c->slot.render) {
		c->slot.render(h, c->slot.arg);
	} else if (c->href) {
		gds_link(h, c->href, c->text);
	} else {
		html_text(h, c->text);
	}
}

void gds_table(struct html *h, const struct gds_table *o)
{
	if (o->scroll_label) {
		html_raw(h, "<div class=\"sendap-table-scroll\" role=\"region\" tabindex=\"0\"");
		html_attr(h, "aria-label", o->scroll_label);
		html_raw(h, ">");
	}
	html_raw(h, "<table class=\"govuk-table\">");
	if (o->caption) {
		html_raw(h, "<caption class=\"govuk-table__caption");
		if (o->caption_size != GDS_SIZE_DEFAULT) {
			html_raw(h, " govuk-table__caption--");
			size_suffix(h, o->caption_size);
		}
		html_raw(h, "\">");
		html_text(h, o->caption);
		html_raw(h, "</caption>");
	}
	if (o->head) {
		html_raw(h, "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
		for (size_t j = 0; j < o->n_cols; j++) {
			const struct gds_table_cell *c = &o->head[j];
			if (c->numeric)
				html_raw(h, "<th scope=\"col\" class=\"govuk-table__header "
					    "govuk-table__header--numeric\">");
			else
				html_raw(h, "<th scope=\"col\" class=\"govuk-table__header\">");
			cell_content(h, c);
			html_raw(h, "</th>");
		}
		html_raw(h, "</tr></thead>");
	}
	html_raw(h, "<tbody class=\"govuk-table__body\">");
	for (size_t i = 0; i < o->n_rows; i++) {
		html_raw(h, "<tr class=\"govuk-table__row\">");
		for (size_t j = 0; j < o->n_cols; j++) {
			const struct gds_table_cell *c = &o->cells[i * o->n_cols + j];
			int header = j == 0 && o->first_cell_is_header;
			if (header && c->numeric)
				html_raw(h, "<th scope=\"row\" class=\"govuk-table__header "
					    "govuk-table__header--numeric\">");
			else if (header)
				html_raw(h, "<th scope=\"row\" class=\"govuk-table__header\">");
			else if (c->numeric)
				html_raw(h, "<td class=\"govuk-table__cell "
					    "govuk-table__cell--numeric\">");
			else
				html_raw(h, "<td class=\"govuk-table__cell\">");
			cell_content(h, c);
			if (header)
				html_raw(h, "</th>");
			else
				html_raw(h, "</td>");
		}
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table>");
	if (o->scroll_label)
		html_raw(h, "</div>");
}

/* ---------------------------------------------------------------- task list */

/* task_id writes <prefix>-<n>-<what>, the ids the task list's aria-describedby uses. */
static void task_id(struct html *h, const char *prefix, size_t n, const char *what)
{
	html_text(h, prefix);
	html_raw(h, "-");
	html_int(h, (int64_t)n);
	html_raw(h, "-");
	html_text(h, what);
}

void gds_task_list(struct html *h, const struct gds_task_list *o)
{
	const char *prefix = or_default(o->id_prefix, "task-list");

	html_raw(h, "<ul class=\"govuk-task-list\">");
	for (size_t i = 0; i < o->n_items; i++) {
		const struct gds_task *t = &o->items[i];
		size_t n = i + 1;
		if (t->href)
			html_raw(h, "<li class=\"govuk-task-list__item "
				    "govuk-task-list__item--with-link\">");
		else
			html_raw(h, "<li class=\"govuk-task-list__item\">");
		html_raw(h, "<div class=\"govuk-task-list__name-and-hint\">");
		if (t->href) {
			html_raw(h, "<a class=\"govuk-link govuk-task-list__link\"");
			html_attr(h, "href", t->href);
			html_raw(h, " aria-describedby=\"");
			if (t->hint) {
				task_id(h, prefix, n, "hint");
				html_raw(h, " ");
			}
			task_id(h, prefix, n, "status");
			html_raw(h, "\">");
			html_text(h, t->title);
			html_raw(h, "</a>");
		} else {
			html_raw(h, "<div>");
			html_text(h, t->title);
			html_raw(h, "</div>");
		}
		if (t->hint) {
			html_raw(h, "<div id=\"");
			task_id(h, prefix, n, "hint");
			html_raw(h, "\" class=\"govuk-task-list__hint\">");
			html_text(h, t->hint);
			html_raw(h, "</div>");
		}
		html_raw(h, "</div>");
		if (t->status_style == GDS_TASK_CANNOT_START)
			html_raw(h, "<div class=\"govuk-task-list__status "
				    "govuk-task-list__status--cannot-start-yet\" id=\"");
		else
			html_raw(h, "<div class=\"govuk-task-list__status\" id=\"");
		task_id(h, prefix, n, "status");
		html_raw(h, "\">");
		if (t->status_style == GDS_TASK_TAG)
			gds_tag(h, t->status, t->status_colour);
		else
			html_text(h, t->status);
		html_raw(h, "</div></li>");
	}
	html_raw(h, "</ul>");
}

/* ---------------------------------------------------------------- pagination */

static void prev_icon(struct html *h)
{
	html_raw(h,
		 "<svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" "
		 "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" "
		 "aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path "
		 "d=\"m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12."
		 "896v-2h-12.984l4.2931-4.293-1.414-1.414z\"></path></svg>");
}

static void next_icon(struct html *h)
{
	html_raw(h, "<svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" "
		    "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" "
		    "aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 15 13\"><path "
		    "d=\"m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 "
		    "3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z\"></path></svg>");
}

/* The title of a previous or next link: custom text, or "Previous"/"Next" + hidden " page". */
static void pagination_title(struct html *h, int block, const char *text, const char *label,
			     int next)
{
	if (block && !label)
		html_raw(h, "<span class=\"govuk-pagination__link-title "
			    "govuk-pagination__link-title--decorated\">");
	else
		html_raw(h, "<span class=\"govuk-pagination__link-title\">");
	if (text)
		html_text(h, text);
	else if (next)
		html_raw(h, "Next<span class=\"govuk-visually-hidden\"> page</span>");
	else
		html_raw(h, "Previous<span class=\"govuk-visually-hidden\"> page</span>");
	html_raw(h, "</span>");
	if (block && label) {
		html_raw(h, "<span class=\"govuk-visually-hidden\">:</span>"
			    "<span class=\"govuk-pagination__link-label\">");
		html_text(h, label);
		html_raw(h, "</span>");
	}
}

void gds_pagination(struct html *h, const struct gds_pagination *o)
{
	int block = o->n_items == 0;

	if (block)
		html_raw(h, "<nav class=\"govuk-pagination govuk-pagination--block\" "
			    "aria-label=\"Pagination\">");
	else
		html_raw(h, "<nav class=\"govuk-pagination\" aria-label=\"Pagination\">");
	if (o->prev_href) {
		html_raw(h, "<div class=\"govuk-pagination__prev\">"
			    "<a class=\"govuk-link govuk-pagination__link\"");
		html_attr(h, "href", o->prev_href);
		html_raw(h, " rel=\"prev\">");
		prev_icon(h);
		pagination_title(h, block, o->prev_text, o->prev_label, 0);
		html_raw(h, "</a></div>");
	}
	if (!block) {
		html_raw(h, "<ul class=\"govuk-pagination__list\">");
		for (size_t i = 0; i < o->n_items; i++) {
			const struct gds_page_link *p = &o->items[i];
			if (p->ellipsis) {
				html_raw(h, "<li class=\"govuk-pagination__item "
					    "govuk-pagination__item--ellipsis\">&ctdot;</li>");
				continue;
			}
			if (p->current)
				html_raw(h, "<li class=\"govuk-pagination__item "
					    "govuk-pagination__item--current\">");
			else
				html_raw(h, "<li class=\"govuk-pagination__item\">");
			html_raw(h, "<a class=\"govuk-link govuk-pagination__link\"");
			html_attr(h, "href", p->href);
			html_raw(h, " aria-label=\"Page ");
			html_int(h, p->number);
			html_raw(h, "\"");
			if (p->current)
				html_raw(h, " aria-current=\"page\"");
			html_raw(h, ">");
			html_int(h, p->number);
			html_raw(h, "</a></li>");
		}
		html_raw(h, "</ul>");
	}
	if (o->next_href) {
		html_raw(h, "<div class=\"govuk-pagination__next\">"
			    "<a class=\"govuk-link govuk-pagination__link\"");
		html_attr(h, "href", o->next_href);
		html_raw(h, " rel=\"next\">");
		/* In the block style the arrow comes first on both links. */
		if (block)
			next_icon(h);
		pagination_title(h, block, o->next_text, o->next_label, 1);
		if (!block)
			next_icon(h);
		html_raw(h, "</a></div>");
	}
	html_raw(h, "</nav>");
}
