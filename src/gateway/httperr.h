/* httperr: one readable line from whatever a server sent instead of an
 * answer: OpenAI/llama.cpp error objects, Ollama/TGI error strings,
 * FastAPI "detail", HTML error pages, plain text. Pure, no I/O. */
#ifndef FAOS_HTTPERR_H
#define FAOS_HTTPERR_H

#include <cJSON.h>
#include <stddef.h>

/* From a decoded body holding "error", "detail" or "message"; allocated,
 * never NULL ("no error message" when nothing readable is there). */
char *httperr_describe_json(const cJSON *root);
/* From an error value itself (object with message/type, or a string). */
char *httperr_describe_error_value(const cJSON *error);
/* From a raw error body of any content type; allocated. */
char *httperr_describe_body(const char *content_type, const char *body, size_t len);
/* First line of untrusted text, control bytes made visible, cut to about
 * 120 bytes. The result lives in a per-thread buffer until the next call. */
const char *httperr_snippet(const char *text, size_t len);
/* What a user can do about an HTTP status, or "" when nothing useful. */
const char *httperr_hint(long status);

#endif
