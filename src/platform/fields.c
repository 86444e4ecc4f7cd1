/* fields.c: the shared field-error list; see fields.h. */
#include "platform/fields.h"

#include <string.h>

void field_error_add(struct field_errors *e, const char *name, const char *pointer,
		     const char *message)
{
	if (field_error_for(e, name) || e->n >= FIELD_ERRORS_MAX)
		return;
	e->items[e->n].name = name;
	e->items[e->n].pointer = pointer;
	e->items[e->n].message = message;
	e->n++;
}

const char *field_error_for(const struct field_errors *e, const char *name)
{
	if (!e)
		return NULL;
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->items[i].name, name) == 0)
			return e->items[i].message;
	return NULL;
}
