/*
 * static.c: preloaded static files; see static.h. The set is small (under 1 MiB), so a
 * sorted array searched with bsearch is all the index it needs.
 */
#include "platform/static.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "platform/buf.h"
#include "platform/err.h"

#define STATIC_MAX_FILES 256
#define STATIC_MAX_SIZE ((size_t)4 << 20)

struct static_file {
	char *rel;
	struct MHD_Response *resp;
};

struct static_files {
	size_t n;
	struct static_file files[STATIC_MAX_FILES];
};

static const char *content_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".mjs", "text/javascript; charset=utf-8"},
		{".json", "application/json"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".ico", "image/x-icon"},
		{".woff2", "font/woff2"},
		{".txt", "text/plain; charset=utf-8"},
		{".webmanifest", "application/manifest+json"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static int load_file(struct static_files *f, const char *path, const char *rel, const char *csp)
{
	FILE *fp = NULL;
	struct buf data;
	int rc = 0;
	buf_init(&data, STATIC_MAX_SIZE);
	if (f->n == STATIC_MAX_FILES)
		return ERR_TOOBIG;
	fp = fopen(path, "rb");
	if (!fp)
		return ERR_IO;
	char chunk[16384];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if ((rc = buf_append(&data, chunk, got)) != 0)
			goto out;
	if (ferror(fp)) {
		rc = ERR_IO;
		goto out;
	}
	size_t len;
	char *bytes = buf_steal(&data, &len);
	struct MHD_Response *r =
		bytes ? MHD_create_response_from_buffer(len, bytes, MHD_RESPMEM_MUST_FREE) : NULL;
	if (!r) {
		free(bytes);
		rc = ERR_NOMEM;
		goto out;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type(rel));
	MHD_add_response_header(r, "Cache-Control", "public, max-age=3600");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	f->files[f->n].rel = strdup(rel);
	f->files[f->n].resp = r;
	if (!f->files[f->n].rel) {
		MHD_destroy_response(r);
		rc = ERR_NOMEM;
		goto out;
	}
	f->n++;
out:
	buf_release(&data);
	fclose(fp);
	return rc;
}

static int load_dir(struct static_files *f, const char *dir, const char *rel, const char *csp)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[1024], sub[512];
		int n1 = snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		int n2 = snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		if (n1 < 0 || (size_t)n1 >= sizeof(path) || n2 < 0 || (size_t)n2 >= sizeof(sub)) {
			rc = ERR_TOOBIG;
			break;
		}
		struct stat st;
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			rc = load_dir(f, path, sub, csp);
		else if (S_ISREG(st.st_mode))
			rc = load_file(f, path, sub, csp);
	}
	closedir(d);
	return rc;
}

static int by_rel(const void *a, const void *b)
{
	return strcmp(((const struct static_file *)a)->rel, ((const struct static_file *)b)->rel);
}

int static_load(const char *dir, const char *csp, struct static_files **out)
{
	*out = NULL;
	struct static_files *f = calloc(1, sizeof(*f));
	if (!f)
		return ERR_NOMEM;
	char root[1024];
	int n = snprintf(root, sizeof(root), "%s/assets", dir ? dir : "web");
	if (n < 0 || (size_t)n >= sizeof(root)) {
		free(f);
		return ERR_TOOBIG;
	}
	int rc = load_dir(f, root, "", csp);
	if (rc) {
		static_free(f);
		return rc;
	}
	qsort(f->files, f->n, sizeof(f->files[0]), by_rel);
	*out = f;
	return 0;
}

struct MHD_Response *static_lookup(const struct static_files *f, const char *rel)
{
	if (!f)
		return NULL;
	struct static_file key = {.rel = (char *)(uintptr_t)rel};
	const struct static_file *hit = bsearch(&key, f->files, f->n, sizeof(f->files[0]), by_rel);
	return hit ? hit->resp : NULL;
}

void static_free(struct static_files *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->files[i].rel);
		MHD_destroy_response(f->files[i].resp);
	}
	free(f);
}
