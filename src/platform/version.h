/*
 * version.h: sendap's version, for `sendap version` and what the exports say made them.
 * A build may set it (-DSENDAP_VERSION="..."); otherwise it is this.
 */
#ifndef SENDAP_VERSION_H
#define SENDAP_VERSION_H

#ifndef SENDAP_VERSION
#define SENDAP_VERSION "0.1.0"
#endif

#endif
