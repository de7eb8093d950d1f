/* cli-ask: `faos-codex ask`, one streamed answer to standard output.
 * The request runs on the gateway worker exactly as in the TUI; this thread
 * drains the queue and writes what arrives. Nothing but the answer goes to
 * stdout; diagnostics go to stderr. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
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
#include "cli-json.h"
#include "gateway/gateway.h"
#include "gateway/plan.h"

struct ask_state {
	int tty;      /* stdout is a terminal: sanitise, end with a newline */
	int verbose;
	int json;     /* --json: JSON Lines events instead of the text */
	struct msg_usage usage; /* the last figures, for the final JSON line */
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
		"      --json            JSON Lines events on standard output: token,\n"
		"                        reasoning, notice, endpoint, then one done, failed\n"
		"                        or cancelled line with the figures and the result\n"
		"  -h, --help            display this help and exit\n"
		"\n%s"
		"\nExit status: 0 the model finished; 2 bad usage or configuration; 3 the\n"
		"answer is not complete (unreachable, an HTTP or in-band error, a timeout,\n"
		"retries exhausted); 130 interrupted.\n",
		cli_common_help);
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

static void ask_report(struct ask_state *st, const struct msg *m, struct buf *out)
{
	if (m->type == MSG_USAGE || m->type == MSG_ROUTE)
		st->usage = m->usage;
	int terminal = m->type == MSG_DONE || m->type == MSG_FAILED || m->type == MSG_CANCELLED;

	if (st->json && terminal)
		cli_json_final(out, m, &st->usage);
	else if (st->json && m->type != MSG_USAGE)
		cli_json_piece(out, m);
	if (m->type == MSG_USAGE && st->verbose)
		fprintf(stderr, "%s: %s (%s) %ld tokens out, first after %.0f ms, %.1f tokens/s\n",
			cli_prog, m->usage.endpoint, m->usage.api, m->usage.completion_tokens,
			m->usage.ttft_ms, m->usage.tokens_per_s);
	else if (m->type == MSG_NOTICE)
		fprintf(stderr, "%s: ask: %s\n", cli_prog, m->text);
	else if (m->type == MSG_FAILED) {
		fprintf(stderr, "%s: ask: %s\n", cli_prog, m->text);
		/* A prompt that cannot fit is the configuration's fault, not the server's. */
		st->rc = m->code == GW_ERR_CONFIG ? EXIT_USAGE : EXIT_ENDPOINT;
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
		if (m->type != MSG_TOKEN || st->json) {
			ask_report(st, m, &out);
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

static int ask_loop(struct ask_state *st, struct queue *q, struct gateway_call *call, int sigfd)
{
	struct pollfd fds[2] = { { queue_fd(q), POLLIN, 0 }, { sigfd, POLLIN, 0 } };
	int cancelled = 0;

	while (st->rc < 0) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		if ((fds[1].revents & POLLIN) && cli_signals_take() && !cancelled) {
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

static int ask_run(const struct gw_plan *plan, int verbose, int json)
{
	struct ask_state st = { .tty = isatty(STDOUT_FILENO) && !json, .verbose = verbose,
				.json = json, .rc = -1, .last_was_newline = 1 };
	int sigfd = cli_signals_open();

	if (sigfd < 0)
		return EXIT_FAIL;
	struct queue *q = queue_new();
	struct gateway_call *call = gateway_start(&plan->req, q, 1);
	int rc = ask_loop(&st, q, call, sigfd);
	gateway_join(call);
	msg_free_list(queue_take_all(q)); /* anything after the terminal message */
	queue_free(q);
	if (st.tty && !st.last_was_newline)
		ask_write_all("\n", 1);
	cli_signals_close();
	return rc;
}

/* Parse ask's arguments; returns -1 to go on, else an exit status. */
static int ask_parse(int argc, char **argv, struct cli_common *common, const char **prompt,
		     int *json)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG,
		{ "prompt", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
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
		else if (opt == 'j')
			*json = 1;
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

int cli_ask(int argc, char **argv, struct cli_common *common)
{
	const char *prompt_arg = NULL;
	struct config cfg;
	struct gw_plan plan = { 0 };
	char *err = NULL;
	int json = 0;
	int rc = ask_parse(argc, argv, common, &prompt_arg, &json);

	if (rc >= 0)
		return rc;
	if (cli_load_config(&cfg, common) < 0)
		return EXIT_USAGE;
	char *prompt = prompt_arg ? xstrdup(prompt_arg) : cli_read_stdin();
	if (prompt[strspn(prompt, " \t\r\n")] == '\0') {
		fprintf(stderr, "%s: ask: the prompt is empty; pass -p TEXT or pipe it on "
				"standard input\n", cli_prog);
		rc = EXIT_USAGE;
	} else if (gw_plan_build(&plan, &cfg, prompt, &err) < 0) {
		fprintf(stderr, "%s: ask: %s\n", cli_prog, err);
		rc = EXIT_USAGE;
	} else {
		cli_open_log(&cfg);
		rc = ask_run(&plan, common->verbose, json);
		log_close();
	}
	gw_plan_free(&plan);
	free(err);
	free(prompt);
	config_free(&cfg);
	return rc;
}
