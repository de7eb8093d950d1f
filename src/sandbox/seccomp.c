/* seccomp: the syscall filter (libseccomp), loaded in the command's process
 * just before exec. Default allow, with a denylist of kernel attack surface
 * and escape routes, and an allowlist of socket families: AF_UNIX always;
 * AF_INET/AF_INET6/AF_NETLINK only inside a network namespace (where they
 * reach nothing but the sandbox's own loopback) or when the network is
 * opted in. AF_VSOCK (the hypervisor channel, which a network namespace does
 * not close), AF_PACKET and raw sockets are always refused.
 * Denials return EPERM (ENOSYS where a fallback exists) rather than killing,
 * so a failing build says which call failed. */
#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>

#include "sandbox/helper.h"

/* Debian 12's libseccomp (2.5.4) predates it: x86_64 number. */
#define NR_FCHMODAT2 452

static const char *const denied[] = {
	"ptrace", "process_vm_readv", "process_vm_writev", "kexec_load", "kexec_file_load",
	"init_module", "finit_module", "delete_module", "reboot", "swapon", "swapoff", "bpf",
	"perf_event_open", "userfaultfd", "open_by_handle_at", "name_to_handle_at",
	"lookup_dcookie", "iopl", "ioperm", "settimeofday", "clock_settime", "clock_adjtime",
	"adjtimex", "mount", "umount2", "pivot_root", "chroot", "unshare", "setns", "add_key",
	"keyctl", "request_key", "acct", "quotactl", "syslog", "vhangup", "fanotify_init",
	"io_uring_setup", "io_uring_enter", "io_uring_register", "uselib", "nfsservctl",
};
/* Have fallbacks in libc: ENOSYS makes it use them. */
static const char *const unimplemented[] = {
	"clone3", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
	"mount_setattr",
};
static const unsigned long namespace_flags[] = {
	CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS,
	CLONE_NEWCGROUP, 0x00000080 /* CLONE_NEWTIME */,
};

/* One argument comparison, every field set (clang's -Wextra objects to
 * libseccomp's SCMP_A* macros leaving datum_b to default). */
static struct scmp_arg_cmp cmp(unsigned arg, enum scmp_compare op, scmp_datum_t a, scmp_datum_t b)
{
	struct scmp_arg_cmp c = { .arg = arg, .op = op, .datum_a = a, .datum_b = b };
	return c;
}

bool seccomp_available(void)
{
	return seccomp_api_get() >= 1;
}

static int deny_names(scmp_filter_ctx ctx, const char *const *names, size_t n, int err)
{
	for (size_t i = 0; i < n; i++) {
		int nr = seccomp_syscall_resolve_name(names[i]);
		if (nr != __NR_SCMP_ERROR && seccomp_rule_add(ctx, SCMP_ACT_ERRNO(err), nr, 0) < 0)
			return -1;
	}
	return 0;
}

static bool family_allowed(int family, bool ip, bool unix_sockets)
{
	if (family == AF_UNIX)
		return unix_sockets;
	return ip && (family == AF_INET || family == AF_INET6 || family == AF_NETLINK);
}

/* ip: IP families allowed. unix_sockets: socket(AF_UNIX) allowed; without
 * a mount namespace it is not, because Landlock (ABI <= 7) cannot stop a
 * connect() to a pathname socket outside (a world-writable D-Bus or agent
 * socket). socketpair(AF_UNIX) is always allowed: it reaches no one. */
static int add_socket_rules(scmp_filter_ctx ctx, bool ip, bool unix_sockets)
{
	int rc = 0;
	for (int fam = 0; fam < AF_MAX; fam++) {
		if (!family_allowed(fam, ip, unix_sockets))
			rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
					       cmp(0, SCMP_CMP_EQ, (scmp_datum_t)fam, 0));
		if (fam != AF_UNIX)
			rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socketpair), 1,
					       cmp(0, SCMP_CMP_EQ, (scmp_datum_t)fam, 0));
	}
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
			       cmp(0, SCMP_CMP_GE, AF_MAX, 0));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socket), 1,
			       cmp(1, SCMP_CMP_MASKED_EQ, 0xf, SOCK_RAW));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(socket), 1,
			       cmp(1, SCMP_CMP_MASKED_EQ, 0xf, SOCK_PACKET));
	return rc;
}

static int add_argument_rules(scmp_filter_ctx ctx)
{
	int rc = 0;
	for (size_t i = 0; i < sizeof namespace_flags / sizeof *namespace_flags; i++)
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
				       cmp(0, SCMP_CMP_MASKED_EQ, namespace_flags[i], namespace_flags[i]));
	/* Typing into a terminal (TIOCSTI) or the console (TIOCLINUX). */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
			       cmp(1, SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCSTI));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
			       cmp(1, SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCLINUX));
	/* No set-uid or set-gid files, even though our mounts are nosuid: the
	 * bit stays on disk, outside the sandbox's mounts. */
	static const mode_t bits[] = { S_ISUID, S_ISGID };
	for (size_t i = 0; i < 2; i++) {
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(chmod), 1,
				       cmp(1, SCMP_CMP_MASKED_EQ, bits[i], bits[i]));
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fchmod), 1,
				       cmp(1, SCMP_CMP_MASKED_EQ, bits[i], bits[i]));
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fchmodat), 1,
				       cmp(2, SCMP_CMP_MASKED_EQ, bits[i], bits[i]));
	}
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), NR_FCHMODAT2, 0);
	return rc;
}

int seccomp_enforce(const struct helper_opts *o)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return -1;
	/* Only the native ABI: i386 and x32 calls kill (the bad-arch action). */
	bool ip = o->network || o->namespaces;
	int rc = deny_names(ctx, denied, sizeof denied / sizeof *denied, EPERM);
	rc |= deny_names(ctx, unimplemented, sizeof unimplemented / sizeof *unimplemented, ENOSYS);
	rc |= add_socket_rules(ctx, ip, o->network || o->namespaces);
	rc |= add_argument_rules(ctx);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc < 0 ? -1 : 0;
}
