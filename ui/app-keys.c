/* app-keys: a key's way to its action. A bracketed paste is gathered
 * whole for the focused pane; the mouse scrolls and focuses; printable keys
 * go to a text pane first; then the focused pane's binding, then the
 * global one; what no binding takes goes to the pane. */
#include <string.h>
#include <wchar.h>

#include "app.h"

static int app_is_text(int key)
{
	return key >= ' ' && key != 0x7f && !(key & (KEYC_FUNC | KEYC_META));
}

/* A bracketed paste is gathered whole and handed to the focused pane at
 * its end, so a pasted newline is text, never a submit. */
static int app_paste_key(struct app *a, int key)
{
	if (key == KEYC_PASTE_START) {
		a->pasting = 1;
		buf_reset(&a->paste);
		return 1;
	}
	if (!a->pasting)
		return 0;
	if (key == KEYC_PASTE_END) {
		struct pane *p = app_focused(a);
		a->pasting = 0;
		if (p->ops->paste && a->paste.len)
			p->ops->paste(p, a->paste.data, a->paste.len);
		buf_reset(&a->paste);
		return 1;
	}
	if (key == '\r')
		key = '\n';
	if (!(key & (KEYC_FUNC | KEYC_META)) && key >= 0) {
		char mb[8];
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = wcrtomb(mb, (wchar_t)key, &st);
		if (n != (size_t)-1)
			buf_append(&a->paste, mb, n);
	}
	return 1;
}

/* The wheel scrolls the pane under the pointer; a click focuses it. */
static void app_mouse(struct app *a)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	struct pane *p = NULL;
	for (int i = 0; i < PANE__LAID && !p; i++) {
		struct rect r = a->pane[i]->r;
		if (a->pane[i]->win && ev.y >= r.y && ev.y < r.y + r.h && ev.x >= r.x && ev.x < r.x + r.w)
			p = a->pane[i];
	}
	if (a->nscreens) /* a screen is on top: it gets the wheel, clicks do nothing */
		p = app_focused(a);
	if (p == NULL)
		return;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		if (p->ops->scroll_by)
			p->ops->scroll_by(p, ev.bstate & BUTTON4_PRESSED ? -3 : 3);
	} else if ((ev.bstate & BUTTON1_PRESSED) && a->nscreens == 0 && p->id != a->focus) {
		app_focus_pane(a, p->id);
	}
}

void app_key(struct app *a, int key)
{
	if (app_paste_key(a, key))
		return;
	if (key == (KEYC_FUNC | KEY_MOUSE)) {
		app_mouse(a);
		return;
	}
	struct pane *focused = app_focused(a);

	if (app_is_text(key) && focused->ops->wants_text && focused->ops->key &&
	    focused->ops->key(focused, key))
		return;
	/* The focused pane's binding, else the global one (keymap_lookup). */
	const struct action_def *action = keymap_lookup(&a->keys, focused->id, key);
	if (action)
		action->run(a, focused);
	else if (focused->ops->key)
		focused->ops->key(focused, key);
}
