/* template-embedded: the template files (templates/NAME.txt) compiled into
 * the program by build-aux/embed.sh, so it never lacks its templates. */
#ifndef FAOS_TEMPLATE_EMBEDDED_H
#define FAOS_TEMPLATE_EMBEDDED_H

struct embedded_template {
	const char *name; /* file name without .txt; NULL ends the list */
	const char *text;
};

extern const struct embedded_template embedded_templates[];

#endif
