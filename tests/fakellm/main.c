/* main: options, the 127.0.0.1 listener, one detached thread per connection,
 * and a clean exit 0 on SIGTERM/SIGINT.
 *
 * SIGTERM and SIGINT stay blocked everywhere except inside the accept loop's
 * ppoll(), so only the main thread sees them. On a signal it sets fl_stopping,
 * shuts the live connections' sockets, waits up to 3 s for their threads to
 * finish, and frees everything. */
#include "proto.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 1024

struct fl_opts fl_opt = {.scenario = "ok", .wait_ms = 3000, .fail_first = 2};
atomic_bool fl_stopping;

static volatile sig_atomic_t got_signal;

/* Live connection sockets, so a stop can shut them; guarded by conns_mu. */
static pthread_mutex_t conns_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t conns_cv = PTHREAD_COND_INITIALIZER;
static int conns[MAX_CONNS];
static int nconns;

static const char usage[] =
	"usage: fakellm --port-file FILE [--port N] [--log FILE] [--flavor NAME]\n"
	"               [--scenario NAME] [--reply TEXT | --reply-file FILE...] [--tokens N]\n"
	"               [--replies-for MODEL=FILE...] [--reply-when TEXT=FILE...]\n"
	"               [--delay-ms N] [--wait-ms N] [--rate TOKENS_PER_S] [--slots N]\n"
	"               [--fail-first N]\n";

static void on_signal(int sig)
{
	(void)sig;
	got_signal = 1;
}

static int opt_int(const char *name, const char *s, long lo, long hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "fakellm: --%s wants an integer in %ld..%ld, not '%s'\n",
			name, lo, hi, s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int opts_parse(int argc, char **argv)
{
	static const struct option longs[] = {
		{"port-file", required_argument, NULL, 'f'}, {"port", required_argument, NULL, 'p'},
		{"log", required_argument, NULL, 'l'}, {"scenario", required_argument, NULL, 's'},
		{"reply", required_argument, NULL, 'r'}, {"reply-file", required_argument, NULL, 'R'},
		{"tokens", required_argument, NULL, 't'}, {"delay-ms", required_argument, NULL, 'd'},
		{"flavor", required_argument, NULL, 'F'}, {"wait-ms", required_argument, NULL, 'w'},
		{"fail-first", required_argument, NULL, 'n'}, {"rate", required_argument, NULL, 'T'},
		{"replies-for", required_argument, NULL, 'M'}, {"reply-when", required_argument, NULL, 'W'},
		{"slots", required_argument, NULL, 'S'}, {NULL, 0, NULL, 0},
	};
	const char *reply = NULL, *flavor = "llama";
	struct reply_arg *ra = xrealloc(NULL, (size_t)argc * sizeof *ra);
	size_t nra = 0;
	bool reply_file = false;
	int c, r, ntokens = -1, bad = 0;

	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 'f': fl_opt.port_file = optarg; break;
		case 'p': bad |= opt_int("port", optarg, 0, 65535, &fl_opt.port); break;
		case 'l': fl_opt.log_path = optarg; break;
		case 's': fl_opt.scenario = optarg; break;
		case 'r': reply = optarg; break;
		case 'R':
			ra[nra++] = (struct reply_arg){.kind = SEQ_DEFAULT, .file = optarg};
			reply_file = true;
			break;
		case 'M':
		case 'W':
			if (reply_arg_parse(optarg, c == 'W' ? SEQ_WHEN : SEQ_MODEL, &ra[nra]) < 0)
				bad = 1;
			else
				nra++;
			break;
		case 'S': bad |= opt_int("slots", optarg, 0, 100000, &fl_opt.slots); break;
		case 't': bad |= opt_int("tokens", optarg, 0, 100000000, &ntokens); break;
		case 'd': bad |= opt_int("delay-ms", optarg, 0, 3600000, &fl_opt.delay_ms); break;
		case 'T': bad |= opt_int("rate", optarg, 0, 1000000, &fl_opt.rate); break;
		case 'F': flavor = optarg; break;
		case 'w': bad |= opt_int("wait-ms", optarg, 0, 3600000, &fl_opt.wait_ms); break;
		case 'n': bad |= opt_int("fail-first", optarg, 0, 1000000, &fl_opt.fail_first); break;
		default: bad = 1;
		}
	}
	if (!bad && (optind < argc || !fl_opt.port_file || (reply && reply_file)))
		bad = 1;
	if (!bad && !scen_find(fl_opt.scenario)) {
		fprintf(stderr, "fakellm: unknown scenario '%s'\n", fl_opt.scenario);
		r = -1;
	} else if (!bad && !(fl_opt.flavor = flavor_find(flavor))) {
		fprintf(stderr, "fakellm: unknown flavor '%s' (one of: %s)\n", flavor, flavor_names());
		r = -1;
	} else if (bad) {
		fputs(usage, stderr);
		r = -1;
	} else {
		r = replies_setup(reply, ra, nra, ntokens);
	}
	free(ra);
	return r;
}

static int listen_open(int *port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)*port)};
	socklen_t alen = sizeof a;
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 128) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &alen) < 0) {
		perror("fakellm: listen on 127.0.0.1");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*port = ntohs(a.sin_port);
	return fd;
}

/* Written to FILE.tmp and renamed, so a reader never sees half a number. */
static int port_file_write(const char *path, int port)
{
	size_t n = strlen(path) + 5;
	char *tmp = malloc(n);
	FILE *f;
	int r = -1;

	snprintf(tmp, n, "%s.tmp", path);
	if ((f = fopen(tmp, "w"))) {
		fprintf(f, "%d\n", port);
		r = fclose(f) == 0 && rename(tmp, path) == 0 ? 0 : -1;
	}
	if (r < 0)
		perror(path);
	free(tmp);
	return r;
}

static void conns_remove(int fd)
{
	pthread_mutex_lock(&conns_mu);
	for (int i = 0; i < nconns; i++) {
		if (conns[i] == fd) {
			conns[i] = conns[--nconns];
			break;
		}
	}
	pthread_cond_broadcast(&conns_cv);
	pthread_mutex_unlock(&conns_mu);
}

static void *conn_main(void *arg)
{
	int fd = (int)(intptr_t)arg;

	http_serve(fd);
	conns_remove(fd);
	close(fd);
	return NULL;
}

/* Small writes go out at once; a client that stops reading cannot pin a
 * thread for more than 5 s per write. */
static void conn_start(int fd)
{
	struct timeval tv = {.tv_sec = 5};
	int one = 1;
	pthread_attr_t attr;
	pthread_t t;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	pthread_mutex_lock(&conns_mu);
	if (nconns == MAX_CONNS) {
		pthread_mutex_unlock(&conns_mu);
		close(fd);
		return;
	}
	conns[nconns++] = fd;
	pthread_mutex_unlock(&conns_mu);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &attr, conn_main, (void *)(intptr_t)fd) != 0) {
		conns_remove(fd);
		close(fd);
	}
	pthread_attr_destroy(&attr);
}

static void accept_loop(int lfd, const sigset_t *open_mask)
{
	struct pollfd p = {.fd = lfd, .events = POLLIN};

	while (!got_signal) {
		int r = ppoll(&p, 1, NULL, open_mask);

		if (r < 0 && errno != EINTR) {
			perror("fakellm: ppoll");
			return;
		}
		if (r <= 0)
			continue;
		int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);

		if (fd >= 0)
			conn_start(fd);
		else if (errno == EMFILE || errno == ENFILE)
			poll(NULL, 0, 50);
	}
}

/* Wakes every connection thread, then waits (bounded) for them to leave;
 * false when some are still running. */
static bool conns_drain(void)
{
	struct timespec until;

	atomic_store(&fl_stopping, true);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 3;
	pthread_mutex_lock(&conns_mu);
	for (int i = 0; i < nconns; i++)
		shutdown(conns[i], SHUT_RDWR);
	while (nconns > 0 && pthread_cond_timedwait(&conns_cv, &conns_mu, &until) == 0)
		;
	bool drained = nconns == 0;

	pthread_mutex_unlock(&conns_mu);
	return drained;
}

int main(int argc, char **argv)
{
	struct sigaction sa = {.sa_handler = on_signal};
	sigset_t block, open_mask;
	int lfd;

	fl_opt.t_start = io_now_ms();
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	pthread_sigmask(SIG_BLOCK, &block, &open_mask);
	sigdelset(&open_mask, SIGTERM);
	sigdelset(&open_mask, SIGINT);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (opts_parse(argc, argv) < 0)
		return 2;
	if (fl_opt.log_path && http_log_open(fl_opt.log_path) < 0) {
		perror(fl_opt.log_path);
		return 1;
	}
	if ((lfd = listen_open(&fl_opt.port)) < 0 || port_file_write(fl_opt.port_file, fl_opt.port) < 0)
		return 1;
	accept_loop(lfd, &open_mask);
	close(lfd);
	if (!conns_drain())
		_exit(0); /* a thread still holds the replies; the log is flushed per line */
	http_log_close();
	replies_free();
	return 0;
}
