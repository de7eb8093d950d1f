/* exitcode: the exit statuses every command uses (documented in the man page). */
#ifndef FAOS_EXITCODE_H
#define FAOS_EXITCODE_H

enum exit_code {
	EXIT_OK = 0,
	EXIT_FAIL = 1,        /* an internal or I/O failure */
	EXIT_USAGE = 2,       /* bad command line or configuration */
	EXIT_ENDPOINT = 3,    /* the model server was unreachable or answered an error */
	EXIT_INTERRUPTED = 130,
};

#endif
