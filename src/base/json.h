/* json: members of cJSON objects read with a default, for the records we
 * write ourselves (journal events, project and version files), where a
 * missing or mistyped member means "not there" rather than an error. */
#ifndef FAOS_JSON_H
#define FAOS_JSON_H

#include <stdbool.h>

#include <cJSON.h>

/* The string member key of obj, else dflt (which may be NULL). */
const char *json_str(const cJSON *obj, const char *key, const char *dflt);
/* The number member key of obj, else dflt. */
double json_num(const cJSON *obj, const char *key, double dflt);
/* The member key of obj is true. */
bool json_true(const cJSON *obj, const char *key);

#endif
