/* config-check: what the configuration's unit tests share (test-config,
 * test-agents-config): files in a scratch directory, YAML loaded into a
 * fresh config, an exact one-line error, the dump as a string. */
#ifndef FAOS_CONFIG_CHECK_H
#define FAOS_CONFIG_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "check.h"

/* The scratch directory, made by the test's main with mkdtemp. */
static char tmpdir[64];

/* tmpdir/name, allocated. */
static inline char *tmp_path(const char *name)
{
	char *path = malloc(strlen(tmpdir) + strlen(name) + 2);

	sprintf(path, "%s/%s", tmpdir, name);
	return path;
}

/* tmpdir/name holding text; its path, allocated. */
static inline char *tmp_file(const char *name, const char *text)
{
	char *path = tmp_path(name);
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

/* Load YAML text into a fresh default config named "t.yaml". Returns the
 * error (caller frees) or NULL; *rc gets the return value. */
static inline char *load(struct config *cfg, const char *yaml, int *rc)
{
	char *err = NULL;

	config_init(cfg);
	*rc = config_load_yaml(cfg, yaml, strlen(yaml), "t.yaml", &err);
	CHECK((*rc == 0) == (err == NULL));
	return err;
}

/* yaml must fail with exactly want (one line). */
static inline void expect_error(const char *yaml, const char *want)
{
	struct config cfg;
	int rc;
	char *err = load(&cfg, yaml, &rc);

	CHECK(rc == -1);
	CHECK_STR(err, want);
	CHECK(err == NULL || strchr(err, '\n') == NULL);
	free(err);
	config_free(&cfg);
}

/* The dump as a string; caller frees. */
static inline char *dump(const struct config *cfg, int defaults_only)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	config_dump(cfg, f, defaults_only);
	fclose(f);
	return text;
}

#endif
