/* landlock: the filesystem allowlist, TCP denial (without a network
 * namespace) and the signal / abstract-socket scopes, negotiated down to the
 * kernel's ABI. Debian 12's headers stop at ABI 2, so the ABI is spelled out
 * here in full (from the kernel's uapi/linux/landlock.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox/helper.h"

#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_RULE_PATH_BENEATH 1
#define LL_RULE_NET_PORT 2

#define LL_FS_EXECUTE (1ULL << 0)
#define LL_FS_WRITE_FILE (1ULL << 1)
#define LL_FS_READ_FILE (1ULL << 2)
#define LL_FS_READ_DIR (1ULL << 3)
#define LL_FS_REMOVE_DIR (1ULL << 4)
#define LL_FS_REMOVE_FILE (1ULL << 5)
#define LL_FS_MAKE_CHAR (1ULL << 6)
#define LL_FS_MAKE_DIR (1ULL << 7)
#define LL_FS_MAKE_REG (1ULL << 8)
#define LL_FS_MAKE_SOCK (1ULL << 9)
#define LL_FS_MAKE_FIFO (1ULL << 10)
#define LL_FS_MAKE_BLOCK (1ULL << 11)
#define LL_FS_MAKE_SYM (1ULL << 12)
#define LL_FS_REFER (1ULL << 13)    /* ABI 2 */
#define LL_FS_TRUNCATE (1ULL << 14) /* ABI 3 */
#define LL_FS_IOCTL_DEV (1ULL << 15) /* ABI 5 */
#define LL_NET_BIND_TCP (1ULL << 0)    /* ABI 4 */
#define LL_NET_CONNECT_TCP (1ULL << 1) /* ABI 4 */
#define LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0) /* ABI 6 */
#define LL_SCOPE_SIGNAL (1ULL << 1)               /* ABI 6 */

struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
	uint64_t scoped;
};

struct ll_path_beneath {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

#define LL_READ (LL_FS_READ_FILE | LL_FS_READ_DIR)
#define LL_READ_EXEC (LL_READ | LL_FS_EXECUTE)

int landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
	return abi < 0 ? 0 : (int)abi;
}

static uint64_t fs_rights(int abi)
{
	uint64_t all = (LL_FS_MAKE_SYM << 1) - 1;
	if (abi >= 2)
		all |= LL_FS_REFER;
	if (abi >= 3)
		all |= LL_FS_TRUNCATE;
	if (abi >= 5)
		all |= LL_FS_IOCTL_DEV;
	return all;
}

/* A missing path is not an error: /opt or /lib32 may simply not exist. */
static int allow(int ruleset, const char *path, uint64_t rights, uint64_t handled)
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	struct ll_path_beneath rule = { .allowed_access = rights & handled, .parent_fd = fd };
	int rc = (int)syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH, &rule, 0);
	if (rc < 0 && errno == EINVAL) {
		/* A file, not a directory: only the file rights apply. */
		rule.allowed_access &= LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_READ_FILE |
				       LL_FS_TRUNCATE;
		rc = (int)syscall(SYS_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH, &rule, 0);
	}
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int landlock_prepare(const struct helper_opts *o)
{
	static const char *const system[] = { "/usr", "/bin", "/sbin", "/lib", "/lib32",
					      "/lib64", "/libx32", "/etc", "/opt" };
	static const char *const devices[] = { "/dev/null", "/dev/zero", "/dev/full",
					       "/dev/random", "/dev/urandom" };
	int abi = landlock_abi();
	if (abi < 1)
		return helper_fail("landlock unavailable", EOPNOTSUPP);

	struct ll_ruleset_attr attr = { .handled_access_fs = fs_rights(abi) };
	if (abi >= 4 && !o->network && !o->namespaces)
		attr.handled_access_net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP;
	if (abi >= 6)
		attr.scoped = LL_SCOPE_ABSTRACT_UNIX_SOCKET | LL_SCOPE_SIGNAL;
	size_t size = abi >= 6 ? sizeof attr : abi >= 4 ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
	int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (rs < 0)
		return helper_fail("create landlock ruleset", errno);

	uint64_t h = attr.handled_access_fs;
	uint64_t writable = h & ~(LL_FS_MAKE_CHAR | LL_FS_MAKE_BLOCK | LL_FS_IOCTL_DEV);
	int bad = 0;
	for (size_t i = 0; i < sizeof system / sizeof *system; i++)
		bad |= allow(rs, system[i], LL_READ_EXEC, h);
	bad |= allow(rs, "/proc", LL_READ, h);
	for (size_t i = 0; i < sizeof devices / sizeof *devices; i++)
		bad |= allow(rs, devices[i], LL_FS_READ_FILE | LL_FS_WRITE_FILE, h);
	bad |= allow(rs, o->workspace, writable, h);
	if (o->namespaces) {
		/* Listing "/" and the directories of the sandbox's own small
		 * view shows nothing of the host. */
		bad |= allow(rs, "/", LL_FS_READ_DIR, h);
		bad |= allow(rs, "/tmp", writable, h);
		bad |= allow(rs, "/var/tmp", writable, h);
		bad |= allow(rs, "/dev/shm", writable, h);
		bad |= allow(rs, "/home/sandbox", writable, h);
	} else {
		bad |= allow(rs, o->tmp_dir, writable, h);
		bad |= allow(rs, o->home_dir, writable, h);
	}
	if (bad) {
		int err = errno;
		close(rs);
		return helper_fail("add landlock rule", err);
	}
	return rs;
}

int landlock_enforce(int ruleset_fd)
{
	/* NNP is already set by privs_drop. */
	int rc = (int)syscall(SYS_landlock_restrict_self, ruleset_fd, 0);
	close(ruleset_fd);
	return rc;
}
