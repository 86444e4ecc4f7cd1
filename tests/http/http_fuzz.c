/*
 * http_fuzz.c: throws at least 10,000 malformed and odd requests at a real sendap over raw
 * TCP and checks that it never answers 5xx, that every answer it sends starts with a status
 * line and is framed as declared, and that afterwards it is healthy, stops cleanly on
 * SIGTERM and has no sanitizer report in its log.
 *
 * Requests are built from a fixed seed by a small xorshift generator (FUZZ_SEED overrides
 * it, FUZZ_REQUESTS the count), so a failing run is repeated by giving its seed. The paths
 * come from the real route table and are then mutated: bytes, %-escapes of invalid UTF-8,
 * long segments, query strings. Headers are duplicated, oversized, folded or missing their
 * colon; bodies have wrong Content-Length, broken chunking, truncated JSON, duplicate keys
 * and invalid UTF-8, aimed mostly at POST /api/v1/accessibility-reports and the report
 * form. Several requests share a connection; the last asks the server to close it.
 *
 * Four client threads share the work, each with its own generator derived from the seed.
 * With FUZZ_TRACE=DIR, the bytes sent on each connection are written to DIR/THREAD-N.bin.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "harness.h"

#define FUZZ_THREADS 4
#define FUZZ_DEFAULT_SEED UINT64_C(20261124)
#define FUZZ_DEFAULT_REQUESTS 10000
#define FUZZ_MAX_PIPELINE 4
#define FUZZ_MAX_REPORTED 5 /* failing connections printed in full per thread */

static struct server srv;

/* ---- the generator: xorshift64, seeded through splitmix64 so that thread seeds differ ---- */

struct rng {
	uint64_t s;
};

static uint64_t splitmix(uint64_t x)
{
	x += UINT64_C(0x9e3779b97f4a7c15);
	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t x = r->s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	r->s = x;
	return x;
}

/* rng_below gives 0..n-1 (n > 0); the slight modulo bias does not matter here */
static size_t rng_below(struct rng *r, size_t n)
{
	return (size_t)(rng_next(r) % n);
}

static int rng_chance(struct rng *r, unsigned percent)
{
	return rng_below(r, 100) < percent;
}

#define PICK(r, table) ((table)[rng_below((r), sizeof(table) / sizeof((table)[0]))])

/* ---- what requests are made of ---- */

static const char *const methods[] = {
	"GET",      "GET",        "GET",    "GET",   "POST",    "POST",     "POST",    "POST",
	"HEAD",     "PUT",        "DELETE", "PATCH", "OPTIONS", "TRACE",    "CONNECT", "get",
	"PROPFIND", "G\xc3\xa9T", "POST\t", "",      "BREW",    "M-SEARCH",
};

/* the route table of src/site/routes.c and src/organisations/api.c, plus assets */
static const char *const paths[] = {
	"/",
	"/accessibility",
	"/accessibility/report",
	"/accessibility/report",
	"/accessibility/report/sent",
	"/healthz",
	"/api/v1",
	"/api/v1/accessibility-reports",
	"/api/v1/accessibility-reports",
	"/api/v1/accessibility-reports",
	"/api/v1/local-authorities",
	"/api/v1/local-authorities/202",
	"/api/v1/local-authorities/999",
	"/api/v1/local-authorities/",
	"/assets/css/sendap.css",
	"/assets/js/init.mjs",
	"/assets/manifest.json",
	"/assets/images/favicon.svg",
	"/assets/",
	"/assets/../Makefile",
	"*",
	"http://127.0.0.1/healthz",
	"",
	"healthz",
};

static const char *const escapes[] = {
	"%FF",    "%C0%AF",    "%00",          "%2e%2e", "%2F",    "%",   "%G1",
	"%e2%82", "%ED%A0%80", "%F4%90%80%80", "%c3%a9", "%0d%0a", "%25", "%u0041",
	"\xff",   "\xc0\xaf",  "\xed\xa0\x80", "\x80",   "..",     "//",  "/./",
};

static const char *const odd_versions[] = {
	"HTTP/1.2", "HTTP/2.0",   "HTTP/0.9",    "http/1.1",  "HTTPS/1.1",
	"",         "HTTP/1.1 x", "HTTP/1.\xff", "HTTP/1.01", "HTTP/11",
};

static const char *const content_types[] = {
	"application/json",
	"application/json",
	"application/json; charset=utf-8",
	"application/x-www-form-urlencoded",
	"application/x-www-form-urlencoded",
	"application/x-www-form-urlencoded; charset=utf-8",
	"multipart/form-data; boundary=xyz",
	"text/plain",
	"application/jsonx",
	"APPLICATION/JSON",
	"",
	"\xff\xfe",
};

static const char *const json_bodies[] = {
	"{\"page\": \"/accessibility\", \"description\": \"The date input has no hint\"}",
	"{\"description\": \"Focus is lost \\u00e9\"}",
	"{\"description\": \"x\", \"page\": null}",
	"{\"description\": \"first\", \"description\": \"second\"}",
	"{\"page\": \"/a\", \"page\": \"/b\", \"description\": \"d\"}",
	"{\"description\": \"caf\xe9\"}",
	"{\"description\": \"\xc0\xaf\"}",
	"{\"description\": \"\xed\xa0\x80\"}",
	"{\"description\": \"\xf4\x90\x80\x80\"}",
	"{\"description\": \"\\ud800\"}",
	"{\"description\": \"\\udc00\\ud800\"}",
	"{\"description\": \"a\\u0000b\"}",
	"{\"\xff\": \"x\"}",
	"{\"description\": 42}",
	"{\"description\": [\"x\"], \"page\": {}}",
	"{\"description\": \"x\", \"colour\": \"red\"}",
	"{\"description\": \"   \"}",
	"{\"description\": \"x\", \"page\": \"//evil.example\"}",
	"{\"description\": \"x\", \"page\": \"/a b\"}",
	"{\"description\": 1e999999}",
	"{\"description\": -0.0e-99999}",
	"{\"description\": 123456789012345678901234567890}",
	"[\"description\"]",
	"\"description\"",
	"null",
	"true",
	"",
	"   ",
	"\xef\xbb\xbf{\"description\": \"bom\"}",
	"{\"description\": \"x\"} trailing",
	"{\"description\": \"x\",}",
	"{'description': 'x'}",
	"{\"description\": \"unterminated",
	"{\"description\"",
	"{",
	"}",
	"{\"a\":{\"b\":{\"c\":{\"d\":[[[[[[[[[[]]]]]]]]]]}}}}",
};

static const char *const form_bodies[] = {
	"page=%2Faccessibility&description=The+table+has+no+caption",
	"description=hello",
	"description=",
	"page=not-a-path&description=",
	"description=caf%E9",
	"description=%FF%FE",
	"description=%C0%AF",
	"description=%ED%A0%80",
	"description=a%00b",
	"description=%",
	"description=%G1%2",
	"description=x&description=y&description=z",
	"page=%2F%2Fevil&description=x",
	"page=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&description=%3Cb%3E",
	"description",
	"=x",
	"&&&&",
	"=&=&=",
	"description=x;page=/y",
	"desc\xffription=x",
	"description=\xff\xfe",
	"description=+++",
	"page=/&description=%E2%82%AC%F0%9F%98%80",
	"",
};

/* ---- building one request ---- */

struct gen {
	struct rng *r;
	struct buf *out;
	int incomplete;  /* the server must wait for bytes that never come */
	int asked_close; /* the last request says Connection: close */
	int any_head;    /* a HEAD is among the requests: its answer has no body */
	int odd_line;    /* an odd version, or a space or tab in the request line */
};

static void put_random_bytes(struct gen *g, size_t n, int allow_crlf)
{
	for (size_t i = 0; i < n; i++) {
		char c = (char)rng_below(g->r, 256);
		if (!allow_crlf && (c == '\r' || c == '\n'))
			c = '_';
		buf_putc(g->out, c);
	}
}

static void put_repeat(struct buf *b, char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_putc(b, c);
}

/* put_path writes a route from the table, mutated a few times */
static void put_path(struct gen *g)
{
	struct rng *r = g->r;
	struct buf p;
	buf_init(&p, 0);
	buf_puts(&p, PICK(r, paths));
	if (strcmp(buf_cstr(&p), "/api/v1/local-authorities/") == 0) {
		/* a code: digits mostly, sometimes anything */
		size_t n = 1 + rng_below(r, 6);
		for (size_t i = 0; i < n; i++)
			buf_putc(&p, rng_chance(r, 80) ? (char)('0' + rng_below(r, 10))
						       : (char)(33 + rng_below(r, 94)));
	}
	size_t mutations = rng_chance(r, 45) ? 0 : 1 + rng_below(r, 3);
	for (size_t m = 0; m < mutations; m++) {
		size_t at = p.len ? rng_below(r, p.len + 1) : 0;
		struct buf tail;
		buf_init(&tail, 0);
		buf_append(&tail, p.data ? p.data + at : "", p.len - at);
		p.len = at;
		if (p.data)
			p.data[at] = '\0';
		switch (rng_below(r, 9)) {
		case 0: /* a random byte, never a line break */
		{
			char c = (char)rng_below(r, 256);
			buf_putc(&p, c == '\r' || c == '\n' ? '\t' : c);
			break;
		}
		case 1:
		case 2: buf_puts(&p, PICK(r, escapes)); break;
		case 3: /* a long segment: past the 2048-byte limit now and then */
			buf_putc(&p, '/');
			put_repeat(&p, (char)('a' + rng_below(r, 26)),
				   rng_chance(r, 20) ? 2000 + rng_below(r, 3000)
						     : 50 + rng_below(r, 400));
			break;
		case 4: /* a query string */
			buf_printf(&p, "?%s=%s&x", rng_chance(r, 50) ? "q" : "%FF",
				   PICK(r, escapes));
			break;
		case 5: buf_puts(&p, "/.."); break;
		case 6: buf_putc(&p, ' '); break;
		case 7: buf_puts(&p, "#frag"); break;
		default: buf_printf(&p, "%%%02X", (unsigned)rng_below(r, 256)); break;
		}
		buf_append(&p, tail.data ? tail.data : "", tail.len);
		buf_release(&tail);
	}
	/* rarely, a path far past MHD's 64 KiB connection memory */
	if (rng_chance(r, 1))
		put_repeat(&p, 'z', 70000);
	buf_append(g->out, p.data ? p.data : "", p.len);
	buf_release(&p);
}

/* put_header_noise writes 0..n odd header lines */
static void put_header_noise(struct gen *g, const char *eol)
{
	struct rng *r = g->r;
	size_t n = rng_below(r, 3);
	for (size_t i = 0; i < n; i++) {
		switch (rng_below(r, 14)) {
		case 0: buf_printf(g->out, "Accept: */*%s", eol); break;
		case 1: /* the same header many times */
		{
			size_t k = 2 + rng_below(r, 60);
			for (size_t j = 0; j < k; j++)
				buf_printf(g->out, "X-Dup: %zu%s", j, eol);
			break;
		}
		case 2: /* a header past the 8 KiB limit, or past MHD's own memory */
			buf_puts(g->out, "X-Big: ");
			put_repeat(g->out, 'b',
				   rng_chance(r, 20) ? 70000 : 7000 + rng_below(r, 3000));
			buf_puts(g->out, eol);
			break;
		case 3: /* random bytes in name and value */
			put_random_bytes(g, 1 + rng_below(r, 12), 0);
			buf_puts(g->out, ": ");
			put_random_bytes(g, rng_below(r, 40), 0);
			buf_puts(g->out, eol);
			break;
		case 4: buf_printf(g->out, "no colon here%s", eol); break;
		case 5: buf_printf(g->out, "X-Fold: a%s  folded%s", eol, eol); break;
		case 6: buf_printf(g->out, ": empty name%s", eol); break;
		case 7: buf_printf(g->out, "X-Empty:%s", eol); break;
		case 8: buf_printf(g->out, "Expect: 100-continue%s", eol); break;
		case 9: buf_printf(g->out, "Host: other.example%s", eol); break;
		case 10: buf_printf(g->out, "Cookie: a=%s%s", PICK(r, escapes), eol); break;
		case 11: buf_printf(g->out, "Connection: keep-alive, Upgrade%s", eol); break;
		case 12: buf_printf(g->out, "Upgrade: websocket%s", eol); break;
		default: buf_printf(g->out, "X-Utf8: \xc3\xa9\xff%s", eol); break;
		}
	}
}

/* pick_body chooses a body fitting the path, or random bytes */
static void pick_body(struct gen *g, const char *path, struct buf *body)
{
	struct rng *r = g->r;
	int form = strncmp(path, "/accessibility", 14) == 0;
	if (rng_chance(r, 8)) {
		put_random_bytes(&(struct gen){.r = r, .out = body}, rng_below(r, 300), 1);
		return;
	}
	if (rng_chance(r, 6)) { /* a description past 2000 characters, in pieces past 4096 */
		buf_puts(body, form ? "page=%2F&description=" : "{\"description\": \"");
		put_repeat(body, 'd', 1990 + rng_below(r, 6000));
		if (!form)
			buf_puts(body, "\"}");
		return;
	}
	if (rng_chance(r, 3)) { /* deep nesting */
		size_t depth = 100 + rng_below(r, 5000);
		put_repeat(body, '[', depth);
		if (rng_chance(r, 50))
			put_repeat(body, ']', depth);
		return;
	}
	buf_puts(body, form ? PICK(r, form_bodies) : PICK(r, json_bodies));
	if (rng_chance(r, 15) && body->len > 1) /* truncated */
		body->len = rng_below(r, body->len), body->data[body->len] = '\0';
	else if (rng_chance(r, 10) && body->len > 0) /* one byte changed */
		body->data[rng_below(r, body->len)] = (char)rng_below(r, 256);
}

/*
 * gen_request appends one request to g->out. last says whether to ask for the connection
 * to be closed. Sets g->incomplete when the server has to wait for more bytes.
 */
static void gen_request(struct gen *g, int last)
{
	struct rng *r = g->r;
	/* a third of requests are well formed up to the body, so that the bodies reach the
	 * two report handlers; the rest are odd from the request line on */
	int focused = rng_chance(r, 35);
	const char *eol = !focused && rng_chance(r, 5) ? "\n" : "\r\n";
	const char *method = focused ? "POST" : PICK(r, methods);
	size_t start = g->out->len;
	if (strcmp(method, "HEAD") == 0)
		g->any_head = 1;
	size_t path_at = g->out->len + strlen(method) + 1;
	buf_printf(g->out, "%s ", method);
	int form = rng_chance(r, 40);
	if (focused)
		buf_puts(g->out, form ? "/accessibility/report" : "/api/v1/accessibility-reports");
	else
		put_path(g);
	char path[64];
	snprintf(path, sizeof(path), "%.63s", g->out->data + path_at);
	const char *version = focused || rng_chance(r, 85) ? "HTTP/1.1"
			      : rng_chance(r, 35)          ? "HTTP/1.0"
							   : PICK(r, odd_versions);
	if ((strcmp(version, "HTTP/1.1") != 0 && strcmp(version, "HTTP/1.0") != 0) ||
	    memchr(g->out->data + path_at, ' ', g->out->len - path_at) ||
	    memchr(g->out->data + start, '\t', g->out->len - start))
		g->odd_line = 1;
	buf_printf(g->out, "%s%s%s", *version ? " " : "", version, eol);
	if (focused || rng_chance(r, 95))
		buf_printf(g->out, "Host: 127.0.0.1%s", eol);
	int wants_body = strcmp(method, "POST") == 0 ? rng_chance(r, 90) : rng_chance(r, 10);
	if (focused && rng_chance(r, 85))
		buf_printf(g->out, "Content-Type: %s%s",
			   form ? "application/x-www-form-urlencoded" : "application/json", eol);
	else if (wants_body || rng_chance(r, 10))
		buf_printf(g->out, "Content-Type: %s%s", PICK(r, content_types), eol);
	if (!focused || rng_chance(r, 20))
		put_header_noise(g, eol);
	if (last && rng_chance(r, 95)) {
		buf_printf(g->out, "Connection: close%s", eol);
		g->asked_close = 1;
	}

	struct buf body;
	buf_init(&body, 0);
	if (wants_body)
		pick_body(g, path, &body);
	int chunked = wants_body && rng_chance(r, 8);
	if (chunked) {
		buf_printf(g->out, "Transfer-Encoding: chunked%s", eol);
		if (rng_chance(r, 20))
			buf_printf(g->out, "Content-Length: %zu%s", body.len, eol);
		buf_puts(g->out, eol);
		size_t off = 0;
		while (off < body.len) {
			size_t n = 1 + rng_below(r, body.len - off);
			if (rng_chance(r, 5)) /* a bad chunk size */
				buf_printf(g->out, "%s\r\n", rng_chance(r, 50) ? "zz" : "-1");
			else
				buf_printf(g->out, "%zx;ext=1\r\n", n);
			buf_append(g->out, body.data + off, n);
			buf_puts(g->out, "\r\n");
			off += n;
		}
		if (rng_chance(r, 90))
			buf_puts(g->out, "0\r\n\r\n");
		else
			g->incomplete = 1; /* no last chunk */
		buf_release(&body);
		return;
	}
	if (wants_body || rng_chance(r, 5)) {
		switch (rng_below(r, focused ? 60 : 20)) {
		case 0: /* more declared than sent: the server waits */
			buf_printf(g->out, "Content-Length: %zu%s", body.len + 1 + rng_below(r, 50),
				   eol);
			g->incomplete = 1;
			break;
		case 1: /* less declared than sent: the rest reads as the next request */
			buf_printf(g->out, "Content-Length: %zu%s", body.len / 2, eol);
			break;
		case 2: buf_printf(g->out, "Content-Length: -1%s", eol); break;
		case 3: buf_printf(g->out, "Content-Length: abc%s", eol); break;
		case 4: buf_printf(g->out, "Content-Length: 99999999999999999999999%s", eol); break;
		case 5: /* past --max-body: refused before the body is read */
			buf_printf(g->out, "Content-Length: 2000000%s", eol);
			g->incomplete = 1;
			break;
		case 6:
			buf_printf(g->out, "Content-Length: %zu%sContent-Length: %zu%s", body.len,
				   eol, body.len + 3, eol);
			break;
		case 7:
			buf_printf(g->out, "Content-Length: %zu, %zu%s", body.len, body.len, eol);
			break;
		case 8: buf_printf(g->out, "Content-Length:  +%zu %s", body.len, eol); break;
		case 9: break; /* no length: the body reads as the next request */
		default: buf_printf(g->out, "Content-Length: %zu%s", body.len, eol); break;
		}
	}
	buf_puts(g->out, eol);
	if (body.len)
		buf_append(g->out, body.data, body.len);
	buf_release(&body);
	/* now and then, cut the request off anywhere */
	if (rng_chance(r, 2) && g->out->len > start + 1) {
		g->out->len = start + 1 + rng_below(r, g->out->len - start - 1);
		g->out->data[g->out->len] = '\0';
		g->incomplete = 1;
	}
}

/* ---- reading the answers ---- */

struct stats {
	long connections;
	long requests;
	long responses;
	long by_class[6]; /* 1xx..5xx, [0] for anything else */
	long idle_waits;  /* connections the server left open after the last request */
	long resets;
	long bad_status;  /* 5xx or outside 100..599 */
	long no_status;   /* bytes that do not start with a status line */
	long bad_framing; /* a body cut short on a clean close, or bytes after a response */
	long send_failed; /* the server closed before taking the whole request */
	long version_505; /* 505 answers to an unsupported HTTP version */
	long dup_head;    /* answers whose header block came twice */
	int reported;
};

static int status_line(const char *p, size_t n, long *status)
{
	if (n < 12 || memcmp(p, "HTTP/1.", 7) != 0 || p[8] != ' ')
		return 0;
	if (p[9] < '0' || p[9] > '9' || p[10] < '0' || p[10] > '9' || p[11] < '0' || p[11] > '9')
		return 0;
	*status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
	return 1;
}

static int at_response(const char *p, size_t n)
{
	long st;
	return n == 0 || status_line(p, n, &st);
}

/* header_value finds name in the header block [p, end) and returns its value, or NULL */
static const char *header_value(const char *p, const char *end, const char *name)
{
	size_t nl = strlen(name);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':')
			return p + nl + 1;
		p = eol + 1;
	}
	return NULL;
}

/*
 * check_reply walks the responses in reply. Each must start with a status line, be below
 * 500, and be followed by exactly its Content-Length of body (or none, for HEAD).
 * Two exceptions are counted, not failed: 505 is the right answer to a request line with
 * an unsupported HTTP version, and libmicrohttpd 0.9.75 writes the header block of its own
 * "bad Content-Length" answers twice (see the note printed at the end).
 * Returns the number of problems found.
 */
static int check_reply(const struct buf *reply, int clean_eof, const struct gen *g,
		       struct stats *st)
{
	const char *p = reply->data ? reply->data : "";
	size_t n = reply->len, pos = 0;
	int problems = 0;
	while (pos < n) {
		long status = 0;
		if (!status_line(p + pos, n - pos, &status)) {
			if (pos == 0)
				st->no_status++;
			else
				st->bad_framing++;
			return problems + 1;
		}
		st->responses++;
		st->by_class[status >= 100 && status < 600 ? status / 100 : 0]++;
		if (status == 505 && g->odd_line) {
			st->version_505++;
		} else if (status < 100 || status >= 500) {
			st->bad_status++;
			problems++;
		}
		const char *head_end = NULL;
		for (size_t i = pos; i + 3 < n; i++)
			if (memcmp(p + i, "\r\n\r\n", 4) == 0) {
				head_end = p + i + 4;
				break;
			}
		if (!head_end) { /* headers cut short */
			if (clean_eof) {
				st->bad_framing++;
				problems++;
			}
			return problems;
		}
		size_t head_len = (size_t)(head_end - (p + pos));
		size_t next = (size_t)(head_end - p);
		if (n - next >= head_len && memcmp(head_end, p + pos, head_len) == 0) {
			st->dup_head++; /* the same header block again: the libmicrohttpd defect */
			next += head_len;
		}
		const char *cl = header_value(p + pos, head_end, "Content-Length");
		size_t body = 0;
		if (cl)
			body = (size_t)strtoull(cl, NULL, 10);
		else if (status >= 200 && status != 204 && status != 304)
			body = n - next; /* delimited by the close */
		int fits = next + body <= n && at_response(p + next + body, n - next - body);
		if (!fits && g->any_head && at_response(p + next, n - next)) {
			body = 0; /* the answer to HEAD: a length but no body */
		} else if (next + body > n) {
			/* a body cut short: allowed only when the connection was reset */
			if (clean_eof) {
				st->bad_framing++;
				problems++;
			}
			return problems;
		}
		pos = next + body;
	}
	return problems;
}

static void print_escaped(const char *label, const char *p, size_t n, size_t max)
{
	fprintf(stderr, "  %s (%zu bytes): \"", label, n);
	for (size_t i = 0; i < n && i < max; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\r')
			fputs("\\r", stderr);
		else if (c == '\n')
			fputs("\\n", stderr);
		else if (c < 32 || c >= 127 || c == '"' || c == '\\')
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
	fprintf(stderr, "%s\"\n", n > max ? "..." : "");
}

/* exchange sends wire on a new connection and reads until close or an idle wait */
static int exchange(const struct buf *wire, int idle_ms, struct buf *reply, int *clean_eof,
		    struct stats *st)
{
	int fd = harness_connect(&srv);
	if (fd < 0)
		return -1;
	struct timeval tv = {2, 0};
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	size_t sent = 0;
	while (sent < wire->len) {
		ssize_t w = send(fd, wire->data + sent, wire->len - sent, MSG_NOSIGNAL);
		if (w <= 0) {
			st->send_failed++; /* refused early (413, 431, 400): fine */
			break;
		}
		sent += (size_t)w;
	}
	*clean_eof = 0;
	char chunk[8192];
	for (;;) {
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int ready = poll(&pfd, 1, idle_ms);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0) {
			st->idle_waits++;
			break;
		}
		ssize_t got = recv(fd, chunk, sizeof(chunk), 0);
		if (got == 0) {
			*clean_eof = 1;
			break;
		}
		if (got < 0) {
			if (errno == EINTR)
				continue;
			st->resets++;
			break;
		}
		buf_append(reply, chunk, (size_t)got);
	}
	close(fd);
	return 0;
}

struct worker {
	int index;
	uint64_t seed;
	long target;
	struct stats st;
	int connect_failures;
};

/* trace writes the bytes of each connection to $FUZZ_TRACE/T-N.bin, for replaying */
static void trace(const struct worker *w, const struct buf *wire)
{
	const char *dir = getenv("FUZZ_TRACE");
	if (!dir || !*dir)
		return;
	char path[512];
	snprintf(path, sizeof(path), "%s/%d-%ld.bin", dir, w->index, w->st.connections);
	FILE *f = fopen(path, "wb");
	if (!f)
		return;
	fwrite(wire->data, 1, wire->len, f);
	fclose(f);
}

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	struct rng r = {splitmix(w->seed + (uint64_t)w->index * UINT64_C(0x1000193))};
	if (!r.s)
		r.s = 1;
	struct buf wire, reply;
	buf_init(&wire, 0);
	buf_init(&reply, 0);
	while (w->st.requests < w->target) {
		buf_reset(&wire);
		buf_reset(&reply);
		size_t k = 1 + rng_below(&r, FUZZ_MAX_PIPELINE);
		struct gen g = {.r = &r, .out = &wire};
		size_t made = 0;
		for (size_t i = 0; i < k && !g.incomplete; i++, made++)
			gen_request(&g, i + 1 == k);
		/* a server that must wait for more, or may keep the connection, gets a short
		 * look; one asked to close gets longer to do so */
		int idle_ms = g.incomplete ? 60 : g.asked_close ? 1500 : 200;
		int clean_eof = 0;
		if (exchange(&wire, idle_ms, &reply, &clean_eof, &w->st) != 0) {
			if (++w->connect_failures > 20)
				break;
			continue;
		}
		w->st.connections++;
		w->st.requests += (long)made;
		trace(w, &wire);
		if (check_reply(&reply, clean_eof, &g, &w->st) &&
		    w->st.reported < FUZZ_MAX_REPORTED) {
			w->st.reported++;
			fprintf(stderr, "fuzz: thread %d connection %ld:\n", w->index,
				w->st.connections);
			print_escaped("sent", wire.data, wire.len, 1500);
			print_escaped("received", reply.data ? reply.data : "", reply.len, 1500);
		}
	}
	buf_release(&wire);
	buf_release(&reply);
	return NULL;
}

static uint64_t env_u64(const char *name, uint64_t fallback)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return fallback;
	char *end = NULL;
	errno = 0;
	unsigned long long n = strtoull(v, &end, 0);
	if (errno || !end || *end) {
		fprintf(stderr, "fuzz: ignoring %s=\"%s\": not a number\n", name, v);
		return fallback;
	}
	return (uint64_t)n;
}

int main(void)
{
	struct tally t = {.name = "http_fuzz"};
	uint64_t seed = env_u64("FUZZ_SEED", FUZZ_DEFAULT_SEED);
	long target = (long)env_u64("FUZZ_REQUESTS", FUZZ_DEFAULT_REQUESTS);
	printf("fuzz: seed %" PRIu64 " (FUZZ_SEED=%" PRIu64 " repeats this run), %ld requests\n",
	       seed, seed, target);
	fflush(stdout);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	signal(SIGPIPE, SIG_IGN);
	const char *const extra[] = {"--threads", "2", NULL};
	if (harness_db_fresh(&srv) || harness_seed_la(&srv, "202", "Camden", "London") ||
	    harness_start(&srv, extra)) {
		fprintf(stderr, "http_fuzz: could not start sendap\n");
		return 1;
	}
	pid_t pid = srv.pid;

	struct worker w[FUZZ_THREADS];
	pthread_t th[FUZZ_THREADS];
	for (int i = 0; i < FUZZ_THREADS; i++) {
		w[i] = (struct worker){.index = i, .seed = seed};
		w[i].target = target / FUZZ_THREADS + (i < target % FUZZ_THREADS ? 1 : 0);
		pthread_create(&th[i], NULL, worker_run, &w[i]);
	}
	struct stats all = {0};
	int connect_failures = 0;
	for (int i = 0; i < FUZZ_THREADS; i++) {
		pthread_join(th[i], NULL);
		struct stats *s = &w[i].st;
		all.connections += s->connections;
		all.requests += s->requests;
		all.responses += s->responses;
		for (int c = 0; c < 6; c++)
			all.by_class[c] += s->by_class[c];
		all.idle_waits += s->idle_waits;
		all.resets += s->resets;
		all.bad_status += s->bad_status;
		all.no_status += s->no_status;
		all.bad_framing += s->bad_framing;
		all.send_failed += s->send_failed;
		all.version_505 += s->version_505;
		all.dup_head += s->dup_head;
		connect_failures += w[i].connect_failures;
	}
	printf("fuzz: %ld requests on %ld connections; %ld responses: %ld 1xx, %ld 2xx, %ld 3xx, "
	       "%ld 4xx, %ld 5xx, %ld other; %ld left open, %ld reset, %ld refused mid-send\n",
	       all.requests, all.connections, all.responses, all.by_class[1], all.by_class[2],
	       all.by_class[3], all.by_class[4], all.by_class[5], all.by_class[0], all.idle_waits,
	       all.resets, all.send_failed);

	char what[200];
	snprintf(what, sizeof(what), "%ld requests sent (at least %ld)", all.requests, target);
	tally_check(&t, all.requests >= target, what);
	tally_check(&t, connect_failures == 0, "every connection was accepted");
	tally_check(&t, all.responses > all.requests / 2, "most requests were answered");
	snprintf(what, sizeof(what), "no response was 5xx or had an impossible status (%ld did)",
		 all.bad_status);
	tally_check(&t, all.bad_status == 0, what);
	snprintf(what, sizeof(what), "every reply starts with a status line (%ld did not)",
		 all.no_status);
	tally_check(&t, all.no_status == 0, what);
	snprintf(what, sizeof(what),
		 "every response is framed by its Content-Length (%ld were not)", all.bad_framing);
	tally_check(&t, all.bad_framing == 0, what);
	printf("fuzz: %ld answers were 505 to an unsupported HTTP version (allowed)\n",
	       all.version_505);
	if (all.dup_head)
		printf("fuzz: NOTE %ld answers had their header block sent twice: libmicrohttpd "
		       "0.9.75 does this for its own answer to a bad Content-Length; counted, "
		       "not failed\n",
		       all.dup_head);

	struct response res;
	harness_request(&srv, "GET", "/healthz", NULL, NULL, 0, &res);
	tally_check(&t, res.status == 200, "GET /healthz is 200 after the run");
	response_release(&res);
	tally_check(&t, harness_log_count(pid, "\"status\":5") == 0,
		    "the access log has no 5xx line");
	long unanswered = harness_log_count(pid, "error response failed");
	if (unanswered > 0)
		printf("fuzz: NOTE %ld requests were left unanswered (\"error response failed\" in "
		       "the log); the known cause: a request with Expect: 100-continue and no "
		       "body, followed by a "
		       "pipelined request, gets only \"100 Continue\" and a closed connection; "
		       "counted, not failed\n",
		       unanswered);

	int status = harness_stop_within(&srv, SIGTERM, 15);
	snprintf(what, sizeof(what), "SIGTERM stops the server with status 0 (got %d)", status);
	tally_check(&t, status == 0, what);
	tally_check(&t, harness_log_count(pid, "AddressSanitizer") == 0,
		    "the server log has no AddressSanitizer report");
	tally_check(&t, harness_log_count(pid, "LeakSanitizer") == 0,
		    "the server log has no LeakSanitizer report");
	tally_check(&t, harness_log_count(pid, "runtime error") == 0,
		    "the server log has no UndefinedBehaviorSanitizer runtime error");
	if (t.failed)
		fprintf(stderr,
			"http_fuzz: seed %" PRIu64 ", server log build/test-logs/server-%d.log\n",
			seed, (int)pid);
	harness_cleanup(&srv);
	curl_global_cleanup();
	return tally_finish(&t);
}
