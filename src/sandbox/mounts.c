/* mounts: the sandbox's filesystem view, built on a fresh tmpfs and pivoted
 * into, from inside the new mount namespace (run by init, PID 1).
 *
 * The view: /usr, /etc (secrets masked, passwd/group generated), /opt
 * read-only; the merged-usr symlinks; a fresh /proc; a minimal /dev; private
 * sized tmpfs on /tmp, /var/tmp, /dev/shm and /home/sandbox; an empty /run;
 * the workspace read-write at its own path, with .git and our metadata
 * read-only over it. Nothing else of the host exists: not /root, not /home,
 * not other projects, not /run's sockets, not /sys. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/paths.h"
#include "sandbox/helper.h"

/* Read-only system trees; each is bound when the host has it as a directory. */
static const char *const system_dirs[] = { "/usr", "/etc", "/opt" };
/* Top-level names that merged-/usr systems make symlinks (else bound). */
static const char *const usr_links[] = { "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32" };
static const char *const dev_nodes[] = { "null", "zero", "full", "random", "urandom" };
/* Secrets that stay hidden even though /etc is shown (DAC already hides
 * most from the sandbox uid; this holds when it runs as uid 0 too). */
static const char *const etc_masked_files[] = { "shadow", "gshadow", "shadow-", "gshadow-",
						"sudoers", "security/opasswd" };
static const char *const etc_masked_dirs[] = { "ssh", "ssl/private", "sudoers.d" };

static char root_path[PATH_MAX];

/* The ids the command will have: the dedicated ones as root, else our own
 * (inside a user namespace, the mapped ones). */
static unsigned inside_uid(const struct helper_opts *o)
{
	return o->uid != (uid_t)-1 ? (unsigned)o->uid : (unsigned)getuid();
}

static unsigned inside_gid(const struct helper_opts *o)
{
	return o->gid != (gid_t)-1 ? (unsigned)o->gid : (unsigned)getgid();
}

/* root_path + a suffix; the helper's caller keeps both paths short, so an
 * overlong one only ever fails the mount that uses it (ENAMETOOLONG). */
static int join(char *out, size_t size, const char *a, const char *b)
{
	int n = snprintf(out, size, "%s%s", a, b);
	if (n < 0 || (size_t)n >= size) {
		snprintf(out, size, "/nonexistent");
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static const char *in_root(const char *path)
{
	static char out[PATH_MAX];
	join(out, sizeof out, root_path, path);
	return out;
}

static int mkdir_p(const char *path, mode_t mode)
{
	char tmp[PATH_MAX];
	if (join(tmp, sizeof tmp, path, "") < 0)
		return -1;
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, mode) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(tmp, mode) < 0 && errno != EEXIST ? -1 : 0;
}

/* A file to bind over; an existing one (on a read-only mount) will do. */
static int touch(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		return 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	return fd < 0 ? -1 : close(fd);
}

/* Binds src on dst (created as a file or directory like src), with flags
 * applied recursively so submounts cannot stay writable. */
static int bind_path(const char *src, const char *dst, unsigned long long attrs)
{
	struct stat st;
	if (stat(src, &st) < 0)
		return -1;
	if ((S_ISDIR(st.st_mode) ? mkdir_p(dst, 0755) : touch(dst)) < 0)
		return -1;
	if (mount(src, dst, NULL, MS_BIND | MS_REC, NULL) < 0)
		return -1;
	struct mount_attr attr = { .attr_set = attrs };
	return mount_setattr(AT_FDCWD, dst, AT_RECURSIVE, &attr, sizeof attr);
}

static int mount_tmpfs(const char *dst, const char *mode, long long size, unsigned long flags)
{
	char data[128];
	int n = snprintf(data, sizeof data, "mode=%s", mode);
	if (size > 0)
		snprintf(data + n, sizeof data - (size_t)n, ",size=%lld", size);
	if (mkdir_p(dst, 0755) < 0)
		return -1;
	return mount("tmpfs", dst, "tmpfs", flags | MS_NOSUID | MS_NODEV, data);
}

#define RO_ATTRS (MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV)

static int build_system(void)
{
	struct stat st;
	char target[PATH_MAX];

	for (size_t i = 0; i < sizeof system_dirs / sizeof *system_dirs; i++)
		if (stat(system_dirs[i], &st) == 0 && S_ISDIR(st.st_mode) &&
		    bind_path(system_dirs[i], in_root(system_dirs[i]), RO_ATTRS) < 0)
			return helper_fail("bind system directory", errno);
	for (size_t i = 0; i < sizeof usr_links / sizeof *usr_links; i++) {
		if (lstat(usr_links[i], &st) < 0)
			continue;
		if (S_ISLNK(st.st_mode)) {
			ssize_t n = readlink(usr_links[i], target, sizeof target - 1);
			if (n < 0)
				return helper_fail("read system link", errno);
			target[n] = '\0';
			if (symlink(target, in_root(usr_links[i])) < 0)
				return helper_fail("make system link", errno);
		} else if (bind_path(usr_links[i], in_root(usr_links[i]), RO_ATTRS) < 0) {
			return helper_fail("bind system directory", errno);
		}
	}
	return 0;
}

static int build_dev(void)
{
	char path[PATH_MAX];
	static const char *const links[][2] = {
		{ "/proc/self/fd", "fd" }, { "/proc/self/fd/0", "stdin" },
		{ "/proc/self/fd/1", "stdout" }, { "/proc/self/fd/2", "stderr" },
	};

	if (mount_tmpfs(in_root("/dev"), "0755", 1 << 20, MS_NOEXEC) < 0)
		return helper_fail("mount /dev", errno);
	for (size_t i = 0; i < sizeof dev_nodes / sizeof *dev_nodes; i++) {
		char host[64];
		snprintf(host, sizeof host, "/dev/%s", dev_nodes[i]);
		join(path, sizeof path, root_path, host);
		if (bind_path(host, path, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC) < 0)
			return helper_fail("bind device", errno);
	}
	for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
		char name[64];
		snprintf(name, sizeof name, "/dev/%s", links[i][1]);
		join(path, sizeof path, root_path, name);
		if (symlink(links[i][0], path) < 0)
			return helper_fail("make /dev link", errno);
	}
	if (mount_tmpfs(in_root("/dev/shm"), "1777", 64 << 20, 0) < 0)
		return helper_fail("mount /dev/shm", errno);
	return 0;
}

/* passwd and group naming the sandbox user, so tools do not print "I have
 * no name!" and nothing of the host's accounts shows. */
static int build_accounts(const struct helper_opts *o)
{
	char text[512];
	unsigned uid = inside_uid(o), gid = inside_gid(o);

	if (mkdir_p(in_root("/run/faos-codex"), 0755) < 0)
		return helper_fail("make /run", errno);
	snprintf(text, sizeof text,
		 "root:x:0:0:root:/root:/bin/sh\n"
		 "sandbox:x:%u:%u:sandbox:/home/sandbox:/bin/sh\n"
		 "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n", uid, gid);
	if (paths_write_text(in_root("/run/faos-codex/passwd"), text, O_CREAT | O_TRUNC) < 0)
		return helper_fail("write passwd", errno);
	snprintf(text, sizeof text, "root:x:0:\nsandbox:x:%u:\nnogroup:x:65534:\n", gid);
	if (paths_write_text(in_root("/run/faos-codex/group"), text, O_CREAT | O_TRUNC) < 0)
		return helper_fail("write group", errno);
	char src[PATH_MAX];
	join(src, sizeof src, root_path, "/run/faos-codex/passwd");
	if (bind_path(src, in_root("/etc/passwd"), RO_ATTRS) < 0)
		return helper_fail("bind passwd", errno);
	join(src, sizeof src, root_path, "/run/faos-codex/group");
	if (bind_path(src, in_root("/etc/group"), RO_ATTRS) < 0)
		return helper_fail("bind group", errno);
	return 0;
}

static int mask_secrets(void)
{
	char path[PATH_MAX], null[PATH_MAX];
	struct stat st;

	join(null, sizeof null, root_path, "/dev/null");
	for (size_t i = 0; i < sizeof etc_masked_files / sizeof *etc_masked_files; i++) {
		char name[64];
		snprintf(name, sizeof name, "/etc/%s", etc_masked_files[i]);
		join(path, sizeof path, root_path, name);
		if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode) &&
		    mount(null, path, NULL, MS_BIND, NULL) < 0)
			return helper_fail("mask secret file", errno);
	}
	for (size_t i = 0; i < sizeof etc_masked_dirs / sizeof *etc_masked_dirs; i++) {
		char name[64];
		snprintf(name, sizeof name, "/etc/%s", etc_masked_dirs[i]);
		join(path, sizeof path, root_path, name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
		    mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k") < 0)
			return helper_fail("mask secret directory", errno);
	}
	return 0;
}

/* The workspace read-write, then each protected path read-only over it. A
 * protected path that is a symlink could point the read-only bind anywhere,
 * so the run stops instead. */
static int build_workspace(const struct helper_opts *o)
{
	char host[PATH_MAX];
	struct stat st;

	if (bind_path(o->workspace, in_root(o->workspace), MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV) < 0)
		return helper_fail("bind workspace", errno);
	for (int i = 0; i < o->nprotect; i++) {
		char rel[PATH_MAX];
		snprintf(rel, sizeof rel, "/%s", o->protect[i]);
		if (join(host, sizeof host, o->workspace, rel) < 0)
			return helper_fail("protected path", errno);
		if (lstat(host, &st) < 0) {
			if (errno == ENOENT)
				continue;
			return helper_fail("inspect protected path", errno);
		}
		if (S_ISLNK(st.st_mode))
			return helper_fail("protected path is a symlink", ELOOP);
		if (bind_path(host, in_root(host), RO_ATTRS) < 0)
			return helper_fail("bind protected path", errno);
	}
	return 0;
}

static int pivot(void)
{
	if (chdir(root_path) < 0 || syscall(SYS_pivot_root, ".", ".") < 0)
		return helper_fail("pivot_root", errno);
	if (umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
		return helper_fail("detach old root", errno);
	if (mount(NULL, "/", NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0)
		return helper_fail("make root read-only", errno);
	return 0;
}

int mounts_build(const struct helper_opts *o)
{
	if (join(root_path, sizeof root_path, o->root_dir, "") < 0)
		return helper_fail("new root path", errno);
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return helper_fail("make mounts private", errno);
	if (mount_tmpfs(root_path, "0755", 16 << 20, 0) < 0)
		return helper_fail("mount new root", errno);
	if (build_system() < 0 || build_dev() < 0)
		return -1;
	if (mkdir_p(in_root("/proc"), 0755) < 0 ||
	    mount("proc", in_root("/proc"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return helper_fail("mount /proc", errno);
	if (mount_tmpfs(in_root("/tmp"), "1777", o->tmp_bytes, 0) < 0 ||
	    mount_tmpfs(in_root("/var/tmp"), "1777", o->tmp_bytes, 0) < 0)
		return helper_fail("mount /tmp", errno);
	char home_opts[32];
	snprintf(home_opts, sizeof home_opts, "0700,uid=%u,gid=%u", inside_uid(o), inside_gid(o));
	if (mount_tmpfs(in_root("/home/sandbox"), home_opts, o->tmp_bytes, 0) < 0)
		return helper_fail("mount home", errno);
	if (build_accounts(o) < 0 || mask_secrets() < 0 || build_workspace(o) < 0)
		return -1;
	return pivot();
}

int mounts_network(const struct helper_opts *o)
{
	if (sethostname("sandbox", 7) < 0)
		return helper_fail("set hostname", errno);
	if (o->network)
		return 0;
	/* A new network namespace has only lo, and down: the program's own
	 * test servers on 127.0.0.1 need it up. */
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr = { 0 };
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return helper_fail("read loopback flags", errno);
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		return helper_fail("bring loopback up", errno);
	close(fd);
	return 0;
}
