/* rules.c: what makes an accessibility problem report acceptable. No I/O. */
#include <string.h>

#include "site/site.h"

/* chars counts characters, not bytes: the text is valid UTF-8 by the time it gets here. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\r\n", *s))
			return 0;
	return 1;
}

void report_validate(const char *page, const char *description, struct field_errors *errs)
{
	if (page && *page) {
		if (page[0] != '/' || page[1] == '/' || strpbrk(page, " \t\r\n"))
			field_error_add(errs, "page", "/page",
					"Enter the page address as a path starting with /, "
					"like /accessibility");
		else if (chars(page) > REPORT_PAGE_MAX)
			field_error_add(errs, "page", "/page",
					"Page address must be 200 characters or fewer");
	}
	if (blank(description))
		field_error_add(errs, "description", "/description",
				"Enter a description of the problem");
	else if (chars(description) > REPORT_DESCRIPTION_MAX)
		field_error_add(errs, "description", "/description",
				"Description must be 2000 characters or fewer");
}
