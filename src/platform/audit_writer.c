/*
 * audit_writer.c: the audit rows of reads, written by one background thread in batches.
 *
 * A read changes nothing, so its audit row need not share a transaction with anything.
 * Writing it inside the request would add a write transaction to every page that shows a
 * child (about 100 us, and the WAL churn slows the reads that follow). Instead the
 * request queues the row (a copy, with the time of the read) and the writer thread
 * appends whatever has queued up in one transaction, in queue order, every 100 ms (at
 * once when asked to flush). Batching matters: a write on one connection makes SQLite
 * drop every other connection's page cache, so a write per read would slow all reads.
 *
 * What this gives up: a crash of the whole process (not a clean stop) can lose the rows
 * queued in its last milliseconds. A clean stop (SIGTERM, SIGINT) writes every queued row
 * before the database closes. Writes of records keep their audit row in their own
 * transaction (audit_append), so a change and its audit row land together or not at all.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "platform/audit.h"
#include "platform/err.h"
#include "platform/log.h"

#define QUEUE_MAX 8192 /* a full queue makes requests wait for the writer */
#define BATCH_MS 100   /* how long rows gather before the writer writes them */

struct queued {
	char at[32];
	char actor_id[ID_LEN + 1];
	int has_actor;
	char actor_role[24];
	char action[24];
	char record_type[32];
	char record_id[64];
	int has_record;
	char request_id[24];
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;    /* the writer: rows queued, or stop */
	pthread_cond_t written; /* waiters: more rows are written */
	pthread_t thread;
	int running;
	int stopping;
	int flush_now;    /* audit_writer_flush is waiting: do not gather */
	struct queued *q; /* QUEUE_MAX rows being filled */
	size_t n;
	unsigned long long queued_total, written_total;
	const char *db_url;
} w = {.lock = PTHREAD_MUTEX_INITIALIZER,
       .wake = PTHREAD_COND_INITIALIZER,
       .written = PTHREAD_COND_INITIALIZER};

static void put(char *dst, size_t n, const char *src)
{
	size_t l = src ? strlen(src) : 0;
	if (l >= n)
		l = n - 1;
	memcpy(dst, src ? src : "", l);
	dst[l] = '\0';
}

/* write_batch appends the rows in one transaction; 0 or an ERR_* (then nothing landed) */
static int write_batch(struct db *db, const struct queued *rows, size_t n)
{
	int rc = db_begin(db);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct queued *r = &rows[i];
		struct audit_entry e = {.actor_id = r->has_actor ? r->actor_id : NULL,
					.actor_role = r->actor_role,
					.action = r->action,
					.record_type = r->record_type,
					.record_id = r->has_record ? r->record_id : NULL,
					.request_id = r->request_id};
		rc = audit_append_at(db, &e, r->at);
	}
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

static void *writer(void *arg)
{
	(void)arg;
	struct db *db = NULL;
	struct queued *batch = malloc(sizeof(*batch) * QUEUE_MAX);
	if (!batch)
		return NULL;
	pthread_mutex_lock(&w.lock);
	for (;;) {
		while (w.n == 0 && !w.stopping)
			pthread_cond_wait(&w.wake, &w.lock);
		if (w.n == 0 && w.stopping)
			break;
		/* let rows gather for a while, unless someone waits for them */
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += BATCH_MS * 1000L * 1000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!w.stopping && !w.flush_now && w.n < QUEUE_MAX / 2 &&
		       pthread_cond_timedwait(&w.wake, &w.lock, &until) == 0)
			;
		w.flush_now = 0;
		size_t n = w.n;
		memcpy(batch, w.q, sizeof(*batch) * n);
		w.n = 0;
		pthread_cond_broadcast(&w.written); /* room in the queue again */
		pthread_mutex_unlock(&w.lock);

		int rc = db ? 0 : db_open(w.db_url, &db);
		if (rc == 0)
			rc = write_batch(db, batch, n);
		while (rc) {
			/* never drop an audit row: say so, and try again */
			log_error("audit rows not written yet; retrying", "error", err_name(rc),
				  NULL);
			db_close(db);
			db = NULL;
			struct timespec pause = {0, 200 * 1000 * 1000};
			nanosleep(&pause, NULL);
			rc = db_open(w.db_url, &db);
			if (rc == 0)
				rc = write_batch(db, batch, n);
		}
		pthread_mutex_lock(&w.lock);
		w.written_total += n;
		pthread_cond_broadcast(&w.written);
	}
	pthread_mutex_unlock(&w.lock);
	db_close(db);
	free(batch);
	return NULL;
}

int audit_writer_start(const char *db_url)
{
	pthread_mutex_lock(&w.lock);
	int rc = 0;
	if (!w.running) {
		w.q = malloc(sizeof(*w.q) * QUEUE_MAX);
		w.db_url = db_url;
		w.stopping = 0;
		if (!w.q || pthread_create(&w.thread, NULL, writer, NULL) != 0) {
			free(w.q);
			w.q = NULL;
			rc = ERR_NOMEM;
		} else {
			w.running = 1;
		}
	}
	pthread_mutex_unlock(&w.lock);
	return rc;
}

void audit_writer_stop(void)
{
	pthread_mutex_lock(&w.lock);
	if (!w.running) {
		pthread_mutex_unlock(&w.lock);
		return;
	}
	w.stopping = 1;
	pthread_cond_signal(&w.wake);
	pthread_mutex_unlock(&w.lock);
	pthread_join(w.thread, NULL);
	pthread_mutex_lock(&w.lock);
	w.running = 0;
	free(w.q);
	w.q = NULL;
	pthread_mutex_unlock(&w.lock);
}

void audit_writer_flush(void)
{
	pthread_mutex_lock(&w.lock);
	unsigned long long target = w.queued_total;
	if (w.running && w.written_total < target) {
		w.flush_now = 1;
		pthread_cond_signal(&w.wake);
	}
	while (w.running && w.written_total < target)
		pthread_cond_wait(&w.written, &w.lock);
	pthread_mutex_unlock(&w.lock);
}

int audit_queue(const struct audit_entry *e)
{
	pthread_mutex_lock(&w.lock);
	if (!w.running) {
		pthread_mutex_unlock(&w.lock);
		return ERR_INVALID; /* no writer: the caller writes the row itself */
	}
	while (w.n >= QUEUE_MAX && w.running)
		pthread_cond_wait(&w.written, &w.lock);
	struct queued *r = &w.q[w.n++];
	log_now_iso(r->at, sizeof(r->at));
	r->has_actor = e->actor_id != NULL;
	put(r->actor_id, sizeof(r->actor_id), e->actor_id);
	put(r->actor_role, sizeof(r->actor_role), e->actor_role);
	put(r->action, sizeof(r->action), e->action);
	put(r->record_type, sizeof(r->record_type), e->record_type);
	r->has_record = e->record_id != NULL;
	put(r->record_id, sizeof(r->record_id), e->record_id);
	put(r->request_id, sizeof(r->request_id), e->request_id);
	w.queued_total++;
	if (w.n == 1 || w.n >= QUEUE_MAX / 2)
		pthread_cond_signal(&w.wake);
	pthread_mutex_unlock(&w.lock);
	return 0;
}
