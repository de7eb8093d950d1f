/* template: prompt templates, rendered into the message list sent to the
 * model.
 *
 * A template is a text file of messages. Each message starts with a line
 * "--- ROLE" (system, user or assistant) and runs to the next line that
 * starts with "---" or to the end of the file. Before the first message,
 * lines starting with "#" are comments (a header saying what the template
 * is for and which variables it takes) and blank lines are ignored.
 *
 * {{name}} (a-z, 0-9, _; spaces inside the braces are allowed) is replaced
 * by the caller's value, inserted verbatim: a value is never scanned for
 * variables or "---" lines, so text that must contain either is passed in
 * a variable. There is no other escape: "{{" always opens a variable, and a
 * variable must close on the same line.
 *
 * A message's trailing blank lines are layout, not content, and are
 * dropped. A message that renders to nothing but whitespace is left out,
 * so an optional variable passed empty removes its message.
 *
 * Errors are one line, "FILE:LINE: what went wrong". */
#ifndef FAOS_TEMPLATE_H
#define FAOS_TEMPLATE_H

#include <stddef.h>

#include "gateway/prompt.h"

struct tpl_var {
	const char *name;
	const char *value; /* NULL is the same as "" */
};

/* Renders template name (letters, digits, - and _), looked up as
 *   $XDG_CONFIG_HOME/faos-codex/templates/NAME.txt  (the user's override)
 *   FAOS_DATADIR/templates/NAME.txt                 (installed)
 *   the copy compiled into the program.
 * 0 and *out filled (free with gw_prompt_free), or -1 and *err (allocated). */
int template_render(const char *name, const struct tpl_var *vars, size_t nvars,
		    struct gw_prompt *out, char **err);

/* Renders the len bytes of text; src_name is the file name in errors. */
int template_render_text(const char *src_name, const char *text, size_t len,
			 const struct tpl_var *vars, size_t nvars, struct gw_prompt *out,
			 char **err);

/* The compiled-in text of template name, or NULL. */
const char *template_builtin(const char *name);

#endif
