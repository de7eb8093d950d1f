/* env: the sandbox's allowlisted environment. */
#ifndef FAOS_SANDBOX_ENV_H
#define FAOS_SANDBOX_ENV_H

#include <stdbool.h>

/* True for names that may carry secrets or change how programs load code
 * (*KEY*, *TOKEN*, LD_*, …); such names never reach a sandboxed program. */
bool env_name_denied(const char *name);
/* NULL-terminated "NAME=value" array; free with env_free. */
char **env_build(const char *home, const char *tmpdir);
void env_free(char **envp);

#endif
