/* cli-ask: `faos-codex ask`, one streamed answer to standard output.
 * The request runs on the gateway worker exactly as in the TUI; this thread
 * drains the queue and writes what arrives. Nothing but the answer goes to
 * stdout; diagnostics go to stderr. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/log.h"
#include "base/queue.h"
#include "base/text.h"
#include "base/xmalloc.h"
#include "cli-opts.h"
#include "cli.h"
#include "exitcode.h"
#include "gateway/gateway.h"

static int ask_signal_pipe[2] = { -1, -1 };

struct ask_state {
	int tty;      /* stdout is a terminal: sanitise, end with a newline */
	int verbose;
	struct text_sanitizer san;
	int last_was_newline;
	int rc;       /* -1 until the terminal message arrives */
};

static void ask_usage(FILE *out)
{
	fprintf(out,
		"Usage: faos-codex ask [OPTION]... [-p TEXT]\n"
		"Stream one answer from the model to standard output.  The prompt is TEXT,\n"
		"or standard input when -p is not given.\n"
		"\n"
		"  -p, --prompt=TEXT     the prompt\n"
		"  -h, --help            display this help and exit\n"
		"\n%s"
		"\nExit status: 0 the model finished; 2 bad usage or configuration; 3 the\n"
		"endpoint was unreachable or answered an error; 130 interrupted.\n",
		cli_common_help);
}

static void ask_on_signal(int sig)
{
	int saved = errno;
	ssize_t ignored = write(ask_signal_pipe[1], &sig, 1);

	(void)ignored;
	errno = saved;
}

static char *ask_read_stdin(void)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	ssize_t n;

	while ((n = read(STDIN_FILENO, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		buf_append(&b, chunk, (size_t)n);
	}
	return buf_steal(&b);
}

static int ask_write_all(const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDOUT_FILENO, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void ask_report(struct ask_state *st, const struct msg *m)
{
	if (m->type == MSG_USAGE && st->verbose)
		fprintf(stderr, "%s: %ld tokens out, first after %.0f ms, %.1f tokens/s\n",
			cli_prog, m->usage.completion_tokens, m->usage.ttft_ms,
			m->usage.tokens_per_s);
	else if (m->type == MSG_FAILED) {
		fprintf(stderr, "%s: ask: %s\n", cli_prog, m->text);
		st->rc = EXIT_ENDPOINT;
	} else if (m->type == MSG_CANCELLED) {
		fprintf(stderr, "%s: ask: cancelled\n", cli_prog);
		st->rc = EXIT_INTERRUPTED;
	} else if (m->type == MSG_DONE)
		st->rc = EXIT_OK;
}

/* One drained batch: the answer text is written with one write(2). */
static int ask_drain(struct ask_state *st, struct msg *list)
{
	struct buf out = BUF_INIT;
	int rc = 0;

	for (struct msg *m = list; m; m = m->next) {
		if (m->type != MSG_TOKEN) {
			ask_report(st, m);
			continue;
		}
		if (st->tty)
			text_sanitize(&st->san, m->text, m->len, &out);
		else
			buf_append(&out, m->text, m->len);
	}
	if (out.len) {
		st->last_was_newline = out.data[out.len - 1] == '\n';
		rc = ask_write_all(out.data, out.len);
	}
	buf_free(&out);
	msg_free_list(list);
	return rc;
}

static int ask_loop(struct ask_state *st, struct queue *q, struct gateway_call *call)
{
	struct pollfd fds[2] = { { queue_fd(q), POLLIN, 0 }, { ask_signal_pipe[0], POLLIN, 0 } };
	int cancelled = 0;

	while (st->rc < 0) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		if ((fds[1].revents & POLLIN) && !cancelled) {
			gateway_cancel(call);
			cancelled = 1;
		}
		if (ask_drain(st, queue_take_all(q)) < 0 && !cancelled) {
			gateway_cancel(call); /* stdout went away (EPIPE): stop asking */
			cancelled = 1;
			st->rc = EXIT_FAIL;
		}
	}
	return st->rc;
}

static int ask_run(const struct config *cfg, const char *prompt, int verbose)
{
	struct ask_state st = { .tty = isatty(STDOUT_FILENO), .verbose = verbose, .rc = -1,
				.last_was_newline = 1 };
	struct gateway_request req;
	struct queue *q = queue_new();

	if (pipe2(ask_signal_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		perror("faos-codex: pipe");
		return EXIT_FAIL;
	}
	struct sigaction sa = { .sa_handler = ask_on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	gateway_request_from_config(&req, cfg, prompt);
	struct gateway_call *call = gateway_start(&req, q, 1);
	int rc = ask_loop(&st, q, call);
	gateway_join(call);
	msg_free_list(queue_take_all(q)); /* anything after the terminal message */
	queue_free(q);
	if (st.tty && !st.last_was_newline)
		ask_write_all("\n", 1);
	close(ask_signal_pipe[0]);
	close(ask_signal_pipe[1]);
	return rc;
}

/* Parse ask's arguments; returns -1 to go on, else an exit status. */
static int ask_parse(int argc, char **argv, struct cli_common *common, const char **prompt)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG,
		{ "prompt", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0; /* glibc: restart scanning on the command's own argv */
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT "p:h", longopts, NULL)) != -1) {
		if (cli_common_option(opt, optarg, common))
			continue;
		if (opt == 'p')
			*prompt = optarg;
		else if (opt == 'h') {
			ask_usage(stdout);
			return EXIT_OK;
		} else {
			fprintf(stderr, "Try 'faos-codex ask --help' for more information.\n");
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: ask: unexpected argument '%s'; give the prompt with -p TEXT "
				"or on standard input\n", cli_prog, argv[optind]);
		return EXIT_USAGE;
	}
	return -1;
}

static int ask_check_endpoint(const struct config *cfg)
{
	if (config_str(cfg, OPT_ENDPOINT)[0] != '\0')
		return 0;
	char *path = cfg->path ? xstrdup(cfg->path) : config_default_path();
	fprintf(stderr, "%s: ask: no endpoint configured; pass --endpoint URL, set "
			"FAOS_CODEX_ENDPOINT or OPENAI_BASE_URL, or add 'endpoint:' to %s\n",
		cli_prog, path);
	free(path);
	return -1;
}

int cli_ask(int argc, char **argv, struct cli_common *common)
{
	const char *prompt_arg = NULL;
	struct config cfg;
	int rc = ask_parse(argc, argv, common, &prompt_arg);

	if (rc >= 0)
		return rc;
	if (cli_load_config(&cfg, common) < 0)
		return EXIT_USAGE;
	if (ask_check_endpoint(&cfg) < 0) {
		config_free(&cfg);
		return EXIT_USAGE;
	}
	char *prompt = prompt_arg ? xstrdup(prompt_arg) : ask_read_stdin();
	if (prompt[strspn(prompt, " \t\r\n")] == '\0') {
		fprintf(stderr, "%s: ask: the prompt is empty; pass -p TEXT or pipe it on "
				"standard input\n", cli_prog);
		rc = EXIT_USAGE;
	} else {
		cli_open_log(&cfg);
		rc = ask_run(&cfg, prompt, common->verbose);
		log_close();
	}
	free(prompt);
	config_free(&cfg);
	return rc;
}
