/* projects: the projects screen (SCREEN_PROJECTS): the projects with their
 * state, last change and versions, to open one, create one, or go on
 * without one. */
#ifndef FAOS_PROJECTS_H
#define FAOS_PROJECTS_H

struct app;

/* At start-up: opens the screen when at least one project exists, with
 * the last one used selected. */
void projects_open_at_start(struct app *a);
/* Opens it (Alt-O), with the list read again. */
void projects_open(struct app *a);

#endif
