/*
 * assessment.h: EHC needs assessments, from the request to the final plan. What other
 * areas may call. The statutory clock itself is in clock.h.
 */
#ifndef SENDAP_ASSESSMENT_H
#define SENDAP_ASSESSMENT_H

/* `sendap clock` (cli.c) */
int assessment_cli_clock(int argc, char **argv);

#endif
