/*
 * xml_baseline.c: the bare libxml2 baseline of bench/sen2.sh. It writes RECORDS records
 * with ELEMENTS elements in all to one file with xmlTextWriter, and nothing else: no
 * database, no logic, no validation. The output is laid out like sendap's SEN2 export
 * (indented with one space, UTF-8, a Message root holding the records), and each simple
 * element's value is sized so that the file comes out at about BYTES bytes, the size of
 * the real return. So the ratio of `sendap export sen2` to this program is the cost of
 * everything sendap does around writing: reading the records, working out the items,
 * the checks and validating each file.
 *
 *   xml_baseline OUT RECORDS ELEMENTS BYTES
 *
 * Prints the records, elements and bytes written, and the time spent writing (from the
 * first element to the file closed, CLOCK_MONOTONIC), as one line of key=value pairs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/xmlwriter.h>

/* the names of the SEN2 items, so the tags are the sizes of the real ones */
static const char *const names[] = {
	"Surname",
	"Forename",
	"PersonBirthDate",
	"Sex",
	"Ethnicity",
	"Postcode",
	"UPNunknown",
	"ReceivedDate",
	"RequestSource",
	"RYA",
	"RequestOutcomeDate",
	"RequestOutcome",
	"RequestMediation",
	"RequestTribunal",
	"Exported",
	"AssessmentOutcome",
	"Week20",
	"StartDate",
	"PB",
	"URN",
	"PlacementRank",
	"SENunitIndicator",
	"ReviewMeeting",
	"SENtype",
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fputs("usage: xml_baseline OUT RECORDS ELEMENTS BYTES\n", stderr);
		return 2;
	}
	const char *out = argv[1];
	long records = strtol(argv[2], NULL, 10);
	long elements = strtol(argv[3], NULL, 10);
	double bytes = strtod(argv[4], NULL);
	if (records < 1 || elements < records + 2 || bytes < 1) {
		fputs("xml_baseline: RECORDS >= 1, ELEMENTS > RECORDS + 1, BYTES > 0\n", stderr);
		return 2;
	}
	/* the root and Persons, one element per record, the rest simple elements spread
	 * evenly over the records */
	long simple = elements - 2 - records;
	const size_t nnames = sizeof(names) / sizeof(names[0]);
	double avg_name = 0;
	for (size_t i = 0; i < nnames; i++)
		avg_name += (double)strlen(names[i]);
	avg_name /= (double)nnames;
	/* a simple element at depth 3: 3 spaces, <Name>, value, </Name>, newline */
	double per = (bytes - (double)records * 2 * (2 + 8 + 3)) / (double)simple;
	long vlen = (long)(per - (3 + 2 * avg_name + 5 + 1) + 0.5);
	if (vlen < 1)
		vlen = 1;
	if (vlen > 200)
		vlen = 200;
	char value[201];
	for (long i = 0; i < vlen; i++)
		value[i] = (char)('0' + i % 10);
	value[vlen] = 0;

	double t0 = now();
	xmlTextWriterPtr w = xmlNewTextWriterFilename(out, 0);
	if (!w) {
		fprintf(stderr, "xml_baseline: cannot write %s\n", out);
		return 1;
	}
	int rc = xmlTextWriterSetIndent(w, 1) < 0 ||
		 xmlTextWriterSetIndentString(w, (const xmlChar *)" ") < 0 ||
		 xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
		 xmlTextWriterStartElement(w, (const xmlChar *)"Message") < 0 ||
		 xmlTextWriterStartElement(w, (const xmlChar *)"Persons") < 0;
	long written = 0;
	for (long r = 0; !rc && r < records; r++) {
		long n = simple / records + (r < simple % records);
		rc = xmlTextWriterStartElement(w, (const xmlChar *)"Person") < 0;
		for (long e = 0; !rc && e < n; e++, written++)
			rc = xmlTextWriterWriteElement(w, (const xmlChar *)names[written % nnames],
						       (const xmlChar *)value) < 0;
		rc = rc || xmlTextWriterEndElement(w) < 0;
	}
	rc = rc || xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndElement(w) < 0 ||
	     xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	double t1 = now();
	if (rc) {
		fprintf(stderr, "xml_baseline: writing %s failed\n", out);
		return 1;
	}
	struct stat sb;
	if (stat(out, &sb) != 0) {
		fprintf(stderr, "xml_baseline: cannot stat %s\n", out);
		return 1;
	}
	printf("records=%ld elements=%ld bytes=%lld value_len=%ld write_s=%.3f\n", records,
	       written + records + 2, (long long)sb.st_size, vlen, t1 - t0);
	return 0;
}
