/* cputime: runs a command and prints the CPU time (user + system) it used.
 * Usage: cputime LABEL COMMAND [ARG]... (the command's stdout goes to
 * /dev/null). */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int status;

	if (argc < 3) {
		fprintf(stderr, "usage: cputime LABEL COMMAND [ARG]...\n");
		return 2;
	}
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, STDOUT_FILENO);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	wait4(pid, &status, 0, &ru);
	double ms = (double)ru.ru_utime.tv_sec * 1e3 + (double)ru.ru_utime.tv_usec / 1e3 +
		    (double)ru.ru_stime.tv_sec * 1e3 + (double)ru.ru_stime.tv_usec / 1e3;
	printf("%s: %.1f ms CPU (exit %d)\n", argv[1], ms, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}
