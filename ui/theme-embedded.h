/* theme-embedded: the theme files (themes/NAME.yaml) compiled into the binary. */
#ifndef FAOS_THEME_EMBEDDED_H
#define FAOS_THEME_EMBEDDED_H

struct embedded_theme {
	const char *name; /* file name without .yaml; NULL ends the list */
	const char *text;
};

extern const struct embedded_theme embedded_themes[];

#endif
