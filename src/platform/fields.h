/*
 * fields.h: the list of field errors that one bad submission produces.
 *
 * The same list drives the GOV.UK error summary on a page and the `errors` array of an
 * RFC 9457 problem in the API, so a validator is written once. Each error names the form
 * field (`name`, also the id of its first input, used as the summary's link target) and
 * the JSON pointer of the same field in the API body (`pointer`, for example "/email").
 * Strings are borrowed: use literals or request-arena memory.
 */
#ifndef SENDAP_FIELDS_H
#define SENDAP_FIELDS_H

#include <stddef.h>

#define FIELD_ERRORS_MAX 32

struct field_error {
	const char *name;    /* form field name, e.g. "description" */
	const char *pointer; /* JSON pointer, e.g. "/description" */
	const char *message; /* GOV.UK style: "Enter a description of the problem" */
};

struct field_errors {
	size_t n;
	struct field_error items[FIELD_ERRORS_MAX];
};

/*
 * field_error_add records one error; a second error for the same name is ignored (GOV.UK
 * shows one message per field) and errors past FIELD_ERRORS_MAX are dropped.
 * pointer may be NULL: "/<name>" is then implied by whoever renders it.
 */
void field_error_add(struct field_errors *e, const char *name, const char *pointer,
		     const char *message);
/* field_error_for returns the message for a field name, or NULL. */
const char *field_error_for(const struct field_errors *e, const char *name);

#endif
