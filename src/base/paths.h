/* paths: XDG base directories and small filesystem helpers. */
#ifndef FAOS_PATHS_H
#define FAOS_PATHS_H

#include <stddef.h>

enum xdg_kind { XDG_CONFIG, XDG_DATA, XDG_STATE };

/* "$XDG_<KIND>_HOME/faos-codex", falling back to the XDG defaults under
 * $HOME (~/.config, ~/.local/share, ~/.local/state). Allocated. */
char *paths_xdg(enum xdg_kind kind);
/* mkdir -p with mode 0700; -1 and *err (allocated) on failure. */
int paths_mkdir_p(const char *path, char **err);
char *paths_dirname(const char *path);
/* "what PATH: strerror(errno)", allocated. */
char *paths_error(const char *what, const char *path);
/* Writes text to path, opened with O_WRONLY|O_CLOEXEC|flags (mode 0644
 * when created): one write, all of it, or -1 and errno. For the small
 * control files of /proc and /sys and generated files. */
int paths_write_text(const char *path, const char *text, int flags);
/* rm -rf path: never follows a symlink or crosses a mount. */
void paths_remove_tree(const char *path);
/* The data directory: configured when not empty, else paths_xdg(XDG_DATA).
 * Allocated. */
char *paths_data_dir(const char *configured);
/* Names in a workspace that generated code never writes: its .git and our
 * own metadata. NULL-terminated. */
extern const char *const paths_protected[];
/* The protected name that the n bytes at name spell, or NULL. */
const char *paths_protected_name(const char *name, size_t n);
/* Whole file into memory (NUL-terminated); NULL and errno on failure. */
char *paths_read_file(const char *path, size_t *len);

#endif
