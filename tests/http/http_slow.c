/*
 * http_slow.c: slow clients ("slow loris") against a real sendap started with
 * `--timeout 2`. Twenty connections send the start of a request one byte at a time and
 * never finish it. While they do, a normal client must still get 200 from /healthz; once
 * they fall silent, the server must close every one of them (a read gives 0 or an error),
 * then go on serving and stop with status 0 on SIGTERM.
 *
 * Three more connections keep trickling a byte every half second, well inside the
 * timeout, for more than twice the timeout. libmicrohttpd's timeout counts idle time only,
 * so the server is not expected to close these; the test reports what happened to them as
 * a NOTE rather than failing, since a limit on the whole time to send a request is
 * something sendap does not claim to have (see the report of this test's author).
 *
 * The deadlines below only stop a hung run; nothing is asserted about how fast anything is.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "harness.h"

#define SLOW_TIMEOUT "2"     /* seconds, passed to `sendap serve --timeout` */
#define SLOW_IDLE_CONNS 20   /* send slowly, then fall silent */
#define SLOW_TRICKLE_CONNS 3 /* keep sending slowly */
#define TICK_MS 100
#define IDLE_SENDING_TICKS 12 /* one byte per tick, then silence */
#define TRICKLE_EVERY_TICKS 5 /* one byte per half second */
#define TRICKLE_TICKS 50      /* trickle for five seconds: more than twice the timeout */
#define GIVE_UP_TICKS 200     /* a guard against a hung run, not a measurement */

static struct server srv;

static const char partial[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
			      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

struct slow_conn {
	int fd;
	size_t sent;     /* bytes of partial sent so far */
	int closed;      /* the server closed it: read gave 0 or an error */
	int send_failed; /* a send failed: the server had closed it */
	size_t received; /* bytes the server sent before closing */
};

static void tick(void)
{
	struct timespec ts = {0, TICK_MS * 1000 * 1000};
	nanosleep(&ts, NULL);
}

static void send_byte(struct slow_conn *c)
{
	if (c->closed || c->sent >= sizeof(partial) - 1)
		return;
	ssize_t w = send(c->fd, partial + c->sent, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (w == 1)
		c->sent++;
	else if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
		c->send_failed = 1;
}

/* check_closed reads whatever is waiting, without blocking, and notes a close */
static void check_closed(struct slow_conn *c)
{
	char b[512];
	while (!c->closed) {
		struct pollfd p = {.fd = c->fd, .events = POLLIN};
		if (poll(&p, 1, 0) <= 0)
			return;
		ssize_t got = recv(c->fd, b, sizeof(b), MSG_DONTWAIT);
		if (got > 0) {
			c->received += (size_t)got;
			continue;
		}
		if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return;
		c->closed = 1; /* 0: orderly close; <0: reset */
	}
}

static long healthz(void)
{
	struct response r;
	harness_request(&srv, "GET", "/healthz", NULL, NULL, 0, &r);
	long status = r.status;
	response_release(&r);
	return status;
}

int main(void)
{
	struct tally t = {.name = "http_slow"};
	struct slow_conn idle[SLOW_IDLE_CONNS], trickle[SLOW_TRICKLE_CONNS];
	char what[200];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	signal(SIGPIPE, SIG_IGN);
	const char *const extra[] = {"--timeout", SLOW_TIMEOUT, NULL};
	if (harness_db_fresh(&srv) || harness_start(&srv, extra)) {
		fprintf(stderr, "http_slow: could not start sendap\n");
		return 1;
	}
	pid_t pid = srv.pid;

	int opened = 0;
	for (int i = 0; i < SLOW_IDLE_CONNS; i++) {
		idle[i] = (struct slow_conn){.fd = harness_connect(&srv)};
		opened += idle[i].fd >= 0;
		if (idle[i].fd < 0)
			idle[i].closed = 1;
	}
	for (int i = 0; i < SLOW_TRICKLE_CONNS; i++) {
		trickle[i] = (struct slow_conn){.fd = harness_connect(&srv)};
		opened += trickle[i].fd >= 0;
		if (trickle[i].fd < 0)
			trickle[i].closed = 1;
	}
	snprintf(what, sizeof(what), "%d slow connections opened", opened);
	tally_check(&t, opened == SLOW_IDLE_CONNS + SLOW_TRICKLE_CONNS, what);

	long during = 0, after_silence = 0;
	int idle_open = SLOW_IDLE_CONNS, n;
	for (n = 0; n < GIVE_UP_TICKS; n++) {
		tick();
		idle_open = 0;
		for (int i = 0; i < SLOW_IDLE_CONNS; i++) {
			if (n < IDLE_SENDING_TICKS)
				send_byte(&idle[i]);
			check_closed(&idle[i]);
			idle_open += !idle[i].closed;
		}
		for (int i = 0; i < SLOW_TRICKLE_CONNS; i++) {
			if (n < TRICKLE_TICKS && n % TRICKLE_EVERY_TICKS == 0)
				send_byte(&trickle[i]);
			check_closed(&trickle[i]);
		}
		if (n == IDLE_SENDING_TICKS / 2)
			during = healthz();
		if (n == IDLE_SENDING_TICKS + 1)
			after_silence = healthz();
		if (n >= TRICKLE_TICKS && idle_open == 0)
			break;
	}
	snprintf(what, sizeof(what), "GET /healthz is 200 while the slow clients send (got %ld)",
		 during);
	tally_check(&t, during == 200, what);
	snprintf(what, sizeof(what),
		 "GET /healthz is 200 while the slow clients hold their connections (got %ld)",
		 after_silence);
	tally_check(&t, after_silence == 200, what);
	size_t sent_min = sizeof(partial), sent_max = 0, received = 0;
	for (int i = 0; i < SLOW_IDLE_CONNS; i++) {
		sent_min = idle[i].sent < sent_min ? idle[i].sent : sent_min;
		sent_max = idle[i].sent > sent_max ? idle[i].sent : sent_max;
		received += idle[i].received;
	}
	printf("slow: each silent client sent %zu to %zu bytes of a request, one at a time; "
	       "the server sent %zu bytes to them in all before closing\n",
	       sent_min, sent_max, received);
	snprintf(what, sizeof(what),
		 "the server closed all %d connections that fell silent (%d still open)",
		 SLOW_IDLE_CONNS, idle_open);
	tally_check(&t, idle_open == 0, what);

	int trickle_open = 0;
	for (int i = 0; i < SLOW_TRICKLE_CONNS; i++)
		trickle_open += !trickle[i].closed && !trickle[i].send_failed;
	if (trickle_open)
		printf("slow: NOTE %d of %d connections that sent a byte every %d ms for %d ms "
		       "(the "
		       "timeout is %s s) were never closed: the timeout only counts idle time, so "
		       "a client that trickles holds its connection as long as it likes\n",
		       trickle_open, SLOW_TRICKLE_CONNS, TICK_MS * TRICKLE_EVERY_TICKS,
		       TICK_MS * TRICKLE_TICKS, SLOW_TIMEOUT);
	else
		printf("slow: the server also closed the %d connections that kept trickling\n",
		       SLOW_TRICKLE_CONNS);

	long after = healthz();
	snprintf(what, sizeof(what), "GET /healthz is 200 after the slow clients (got %ld)", after);
	tally_check(&t, after == 200, what);

	/* the trickling connections stay open over SIGTERM: the stop must still be clean */
	int status = harness_stop_within(&srv, SIGTERM, 20);
	snprintf(what, sizeof(what),
		 "SIGTERM with slow connections still open stops the server with status 0 "
		 "(got %d)",
		 status);
	tally_check(&t, status == 0, what);
	for (int i = 0; i < SLOW_IDLE_CONNS; i++)
		if (idle[i].fd >= 0)
			close(idle[i].fd);
	for (int i = 0; i < SLOW_TRICKLE_CONNS; i++)
		if (trickle[i].fd >= 0)
			close(trickle[i].fd);
	tally_check(&t, harness_log_count(pid, "AddressSanitizer") == 0,
		    "the server log has no AddressSanitizer report");
	tally_check(&t, harness_log_count(pid, "runtime error") == 0,
		    "the server log has no UndefinedBehaviorSanitizer runtime error");
	if (t.failed)
		fprintf(stderr, "http_slow: server log build/test-logs/server-%d.log\n", (int)pid);
	harness_cleanup(&srv);
	curl_global_cleanup();
	return tally_finish(&t);
}
