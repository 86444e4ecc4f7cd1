/*
 * sen2_xml.c: the return as XML, written with libxml2's xmlTextWriter as it walks the
 * return (no tree is built), then validated against the year's XSD with the streaming
 * validator (xmlSchemaValidateFile: a few MiB whatever the size, where building the tree
 * of a national-size file takes about 1.7 GiB; ../shared/reference/raw-limits.md §3-4).
 * The file is written beside its destination and renamed into place only once it is
 * valid, so a file at the destination has always passed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>

#include "returns/internal.h"

static int x_open(void *data, const char *module, const char *id)
{
	(void)id;
	return xmlTextWriterStartElement(data, (const xmlChar *)module) < 0;
}

static int x_item(void *data, const char *name, const char *value, const char *source)
{
	(void)source;
	return xmlTextWriterWriteElement(data, (const xmlChar *)name, (const xmlChar *)value) < 0;
}

static int x_close(void *data, const char *module)
{
	(void)module;
	return xmlTextWriterEndElement(data) < 0;
}

struct errs {
	char *out;
	size_t n, used;
	int count;
};

static void on_error(void *data, xmlErrorPtr e)
{
	struct errs *E = data;
	if (E->count++ >= 5 || E->used + 1 >= E->n)
		return;
	int w = snprintf(E->out + E->used, E->n - E->used, "%sline %d: %s", E->used ? "; " : "",
			 e->line, e->message ? e->message : "invalid");
	if (w > 0)
		E->used += (size_t)w < E->n - E->used ? (size_t)w : E->n - E->used - 1;
	/* libxml2's messages end with a newline */
	while (E->used && (E->out[E->used - 1] == '\n' || E->out[E->used - 1] == ' '))
		E->out[--E->used] = 0;
}

int sen2_xml_validate(const char *xsd, const char *path, char *err, size_t n)
{
	struct errs E = {.out = err, .n = n};
	err[0] = 0;
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
	xmlSchemaPtr schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	if (!schema) {
		snprintf(err, n, "the schema %s could not be read", xsd);
		return 1;
	}
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	int rc = 1;
	if (vc) {
		xmlSchemaSetValidStructuredErrors(vc, on_error, &E);
		rc = xmlSchemaValidateFile(vc, path, XML_PARSE_NONET);
		xmlSchemaFreeValidCtxt(vc);
	}
	xmlSchemaFree(schema);
	if (rc && !err[0])
		snprintf(err, n, "%s is not valid against %s", path, xsd);
	if (rc && E.count > 5) {
		size_t u = strlen(err);
		snprintf(err + u, n - u, " (and %d more)", E.count - 5);
	}
	return rc != 0;
}

int sen2_xml_write(const struct sen2_return *ret, const char *path, char *err, size_t n)
{
	char tmp[1024];
	snprintf(tmp, sizeof(tmp), "%s.part", path);
	xmlTextWriterPtr w = xmlNewTextWriterFilename(tmp, 0);
	if (!w) {
		snprintf(err, n, "cannot write %s", tmp);
		return 1;
	}
	struct sen2_visit v = {.data = w, .open = x_open, .item = x_item, .close = x_close};
	int rc = xmlTextWriterSetIndent(w, 1) < 0 ||
		 xmlTextWriterSetIndentString(w, (const xmlChar *)" ") < 0 ||
		 xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
		 xmlTextWriterStartElement(w, (const xmlChar *)"Message") < 0 ||
		 sen2_walk(ret, &v) != 0 || xmlTextWriterEndElement(w) < 0 ||
		 xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	if (rc) {
		snprintf(err, n, "writing %s failed", tmp);
		remove(tmp);
		return 1;
	}
	if (sen2_xml_validate(ret->year->xsd, tmp, err, n)) {
		/* keep the invalid file beside it for whoever fixes the exporter */
		return 1;
	}
	if (rename(tmp, path) != 0) {
		snprintf(err, n, "cannot move %s into place", tmp);
		return 1;
	}
	return 0;
}
