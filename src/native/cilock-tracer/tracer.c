/*
 * cilock-tracer: runs a command under ptrace with a seccomp-BPF prefilter and streams what it
 * executes, opens and connects to as tab-separated line records (see docs/tracing.md).
 *
 * usage: cilock-tracer --out PATH|--fd N [--] program [args...]
 *
 * Only syscalls of interest stop the tracee (SECCOMP_RET_TRACE); everything else runs at native speed.
 * stdin/stdout/stderr are inherited untouched. The exit code of the command is passed through
 * (a signal N becomes 128+N). PTRACE_O_EXITKILL kills every tracee if the tracer dies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#if defined(__x86_64__)
#define TRACER_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define TRACER_AUDIT_ARCH AUDIT_ARCH_AARCH64
#else
#error "cilock-tracer supports x86_64 and aarch64"
#endif

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
/* fchmodat2 (Linux 6.6) has the same number on every architecture; older headers lack it. */
#ifdef SYS_fchmodat2
#define SYS_FCHMODAT2 SYS_fchmodat2
#else
#define SYS_FCHMODAT2 452
#endif

#define NS_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | \
                  CLONE_NEWCGROUP | CLONE_NEWTIME)

/* Exit codes of the tracer itself when the command never ran (the record stream says why). */
#define EXIT_USAGE 125
#define EXIT_TRACE_UNAVAILABLE 126
#define EXIT_EXEC_FAILED 127

static FILE *out;

/* ---- record output ------------------------------------------------------------------------- */

/* Writes a field with tab, newline and backslash escaped so every record stays one line. */
static void put_field(const char *s, size_t n)
{
    fputc('\t', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\t') fputs("\\t", out);
        else if (c == '\n') fputs("\\n", out);
        else if (c == '\\') fputs("\\\\", out);
        else if (c == '\r') fputs("\\r", out);
        else if (c == 0) fputs("\\0", out);
        else fputc(c, out);
    }
}

static void put_str(const char *s) { put_field(s, strlen(s)); }

static void put_num(long long v) { fprintf(out, "\t%lld", v); }

static void put_time(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    fprintf(out, "\t%lld.%09ld", (long long)ts.tv_sec, ts.tv_nsec);
}

static void end_record(void) { fputc('\n', out); }

static void fail_record(const char *kind, int err, const char *message)
{
    fprintf(out, "!");
    put_str(kind);
    put_num(err);
    put_str(message);
    end_record();
    fflush(out);
}

/* ---- tid -> tgid map (threads report under their process) ----------------------------------- */

/* pending: a record formatted at syscall entry, emitted at syscall exit only if the call succeeded. */
struct slot { pid_t tid; pid_t tgid; char *pending; };
static struct slot *slots;
static size_t slot_cap, slot_used;

static size_t slot_index(pid_t tid) { return ((size_t)tid * 2654435761u) & (slot_cap - 1); }

static void map_put(pid_t tid, pid_t tgid);
static struct slot *map_find(pid_t tid);

static void map_grow(void)
{
    struct slot *old = slots;
    size_t old_cap = slot_cap;
    slot_cap = old_cap ? old_cap * 2 : 1024;
    slots = calloc(slot_cap, sizeof *slots);
    if (!slots) { fail_record("internal", ENOMEM, "out of memory"); exit(EXIT_USAGE); }
    slot_used = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].tid > 0) { map_put(old[i].tid, old[i].tgid); map_find(old[i].tid)->pending = old[i].pending; }
    free(old);
}

static void map_put(pid_t tid, pid_t tgid)
{
    if ((slot_used + 1) * 2 > slot_cap) map_grow();
    size_t i = slot_index(tid);
    while (slots[i].tid != 0 && slots[i].tid != tid) i = (i + 1) & (slot_cap - 1);
    if (slots[i].tid == 0) slot_used++;
    slots[i].tid = tid;
    slots[i].tgid = tgid;
}

static struct slot *map_find(pid_t tid)
{
    if (!slot_cap) return NULL;
    size_t i = slot_index(tid);
    while (slots[i].tid != 0) {
        if (slots[i].tid == tid) return &slots[i];
        i = (i + 1) & (slot_cap - 1);
    }
    return NULL;
}

static pid_t map_get(pid_t tid)
{
    if (!slot_cap) return tid;
    size_t i = slot_index(tid);
    while (slots[i].tid != 0) {
        if (slots[i].tid == tid) return slots[i].tgid;
        i = (i + 1) & (slot_cap - 1);
    }
    return tid;
}

/* Removal marks the slot as a tombstone (-1) so probe chains stay intact. */
static void map_del(pid_t tid)
{
    if (!slot_cap) return;
    size_t i = slot_index(tid);
    while (slots[i].tid != 0) {
        if (slots[i].tid == tid) { slots[i].tid = -1; free(slots[i].pending); slots[i].pending = NULL; return; }
        i = (i + 1) & (slot_cap - 1);
    }
}

/* ---- /proc helpers ------------------------------------------------------------------------- */

static ssize_t read_proc(pid_t pid, const char *leaf, char *buf, size_t cap)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", pid, leaf);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t total = 0;
    while (total < cap) {
        ssize_t n = read(fd, buf + total, cap - total);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        total += (size_t)n;
    }
    close(fd);
    return (ssize_t)total;
}

static ssize_t read_link(pid_t pid, const char *leaf, char *buf, size_t cap)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", pid, leaf);
    ssize_t n = readlink(path, buf, cap - 1);
    if (n >= 0) buf[n] = 0;
    return n;
}

/* Copies the value of the "name:" line of /proc/PID/status (trimmed) into value; returns -1 when absent. */
static int status_value(pid_t pid, const char *name, char *value, size_t cap)
{
    char buf[4096];
    ssize_t n = read_proc(pid, "status", buf, sizeof buf - 1);
    if (n <= 0) return -1;
    buf[n] = 0;
    size_t len = strlen(name);
    for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, name, len) != 0 || line[len] != ':') continue;
        char *v = line + len + 1;
        while (*v == ' ' || *v == '\t') v++;
        size_t end = strcspn(v, "\n");
        if (end >= cap) end = cap - 1;
        memcpy(value, v, end);
        value[end] = 0;
        return 0;
    }
    return -1;
}

static pid_t status_field(pid_t pid, const char *name)
{
    char value[64];
    return status_value(pid, name, value, sizeof value) == 0 ? (pid_t)atol(value) : -1;
}

/* ---- tracee memory ------------------------------------------------------------------------- */

/* Reads a NUL-terminated string, page by page so a string ending near an unmapped page still reads. */
static int read_string(pid_t pid, unsigned long addr, char *buf, size_t cap)
{
    size_t got = 0;
    if (addr == 0) return -1;
    while (got < cap - 1) {
        size_t page_left = 4096 - ((addr + got) & 4095);
        size_t want = page_left < cap - 1 - got ? page_left : cap - 1 - got;
        struct iovec local = { buf + got, want };
        struct iovec remote = { (void *)(addr + got), want };
        ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
        if (n <= 0) {
            /* Fall back to PEEKDATA (process_vm_readv can be denied where ptrace is allowed). */
            errno = 0;
            long word = ptrace(PTRACE_PEEKDATA, pid, (void *)((addr + got) & ~(unsigned long)7), NULL);
            if (errno) return -1;
            size_t off = (addr + got) & 7;
            n = (ssize_t)(8 - off);
            if ((size_t)n > cap - 1 - got) n = (ssize_t)(cap - 1 - got);
            memcpy(buf + got, (char *)&word + off, (size_t)n);
        }
        void *nul = memchr(buf + got, 0, (size_t)n);
        if (nul) return 0;
        got += (size_t)n;
    }
    buf[cap - 1] = 0;
    return 0;
}

static int read_mem(pid_t pid, unsigned long addr, void *buf, size_t len)
{
    struct iovec local = { buf, len };
    struct iovec remote = { (void *)addr, len };
    return process_vm_readv(pid, &local, 1, &remote, 1, 0) == (ssize_t)len ? 0 : -1;
}

/* Resolves a path argument against the tracee's cwd or directory fd, like the kernel would. */
static void resolve(pid_t tid, long dirfd, const char *path, char *outbuf, size_t cap)
{
    if (path[0] == '/') { snprintf(outbuf, cap, "%s", path); return; }
    char base[PATH_MAX];
    char leaf[32];
    if ((int)dirfd == AT_FDCWD) snprintf(leaf, sizeof leaf, "cwd");
    else snprintf(leaf, sizeof leaf, "fd/%d", (int)dirfd);
    if (read_link(tid, leaf, base, sizeof base) < 0) { snprintf(outbuf, cap, "%s", path); return; }
    if (path[0] == 0) snprintf(outbuf, cap, "%s", base);
    else if (strcmp(base, "/") == 0) snprintf(outbuf, cap, "/%s", path);
    else snprintf(outbuf, cap, "%s/%s", base, path);
}

/* ---- seccomp prefilter ------------------------------------------------------------------------ */

#define TRACE_IF(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE)
#define ARG_LO(i) offsetof(struct seccomp_data, args[i])

static int install_filter(void)
{
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        /* Another ABI (x32/ia32) could bypass the syscall numbers below: trace everything it does. */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TRACER_AUDIT_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        TRACE_IF(SYS_execve), TRACE_IF(SYS_execveat), TRACE_IF(SYS_openat),
#ifdef SYS_open
        TRACE_IF(SYS_open),
#endif
#ifdef SYS_creat
        TRACE_IF(SYS_creat),
#endif
#ifdef SYS_openat2
        TRACE_IF(SYS_openat2),
#endif
        TRACE_IF(SYS_connect), TRACE_IF(SYS_ptrace), TRACE_IF(SYS_process_vm_readv),
        TRACE_IF(SYS_process_vm_writev), TRACE_IF(SYS_memfd_create), TRACE_IF(SYS_mount), TRACE_IF(SYS_setns),
        TRACE_IF(SYS_unshare), TRACE_IF(SYS_setsid), TRACE_IF(SYS_init_module), TRACE_IF(SYS_finit_module),
#ifdef SYS_clone3
        TRACE_IF(SYS_clone3),
#endif
#ifdef SYS_dup2
        TRACE_IF(SYS_dup2),
#endif
        TRACE_IF(SYS_dup3),
        /* fileOps and network.sockets: recorded at syscall exit, only when the call succeeded. */
        TRACE_IF(SYS_socket), TRACE_IF(SYS_renameat), TRACE_IF(SYS_unlinkat), TRACE_IF(SYS_fchmod),
        TRACE_IF(SYS_fchmodat),
#ifdef SYS_renameat2
        TRACE_IF(SYS_renameat2),
#endif
#ifdef SYS_rename
        TRACE_IF(SYS_rename),
#endif
#ifdef SYS_unlink
        TRACE_IF(SYS_unlink),
#endif
#ifdef SYS_rmdir
        TRACE_IF(SYS_rmdir),
#endif
#ifdef SYS_chmod
        TRACE_IF(SYS_chmod),
#endif
        TRACE_IF(SYS_FCHMODAT2),
        /* clone: only when it creates a namespace. */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 4),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_FLAGS, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* mprotect: only when it makes memory executable. */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mprotect, 0, 4),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(2)),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* prctl: name, dumpable and no_new_privs changes only. */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_prctl, 0, 5),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_NAME, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_DUMPABLE, 1, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_NO_NEW_PRIVS, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = { (unsigned short)(sizeof filter / sizeof filter[0]), filter };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}

/* ---- syscall handling ------------------------------------------------------------------------- */

/* Reads a path argument and makes it absolute; full must hold PATH_MAX * 2 bytes. */
static int read_path(pid_t tid, long dirfd, unsigned long addr, char *full)
{
    char raw[PATH_MAX];
    if (read_string(tid, addr, raw, sizeof raw) != 0) return -1;
    resolve(tid, dirfd, raw, full, PATH_MAX * 2);
    return 0;
}

static void emit_open(pid_t tid, long dirfd, unsigned long addr, long flags)
{
    char full[PATH_MAX * 2];
    if (read_path(tid, dirfd, addr, full) != 0) return;
    fprintf(out, "O");
    put_num(map_get(tid));
    put_num(flags);
    put_str(full);
    end_record();
}

static void emit_exec_attempt(pid_t tid, long dirfd, unsigned long addr)
{
    char full[PATH_MAX * 2];
    if (read_path(tid, dirfd, addr, full) != 0) return;
    fprintf(out, "E");
    put_num(map_get(tid));
    put_str(full);
    end_record();
}

static void emit_event(pid_t tid, const char *name, const char *detail, const char *path, int nargs, const uint64_t *args)
{
    fprintf(out, "Y");
    put_num(map_get(tid));
    put_time();
    put_str(name);
    put_str(detail ? detail : "");
    put_str(path ? path : "");
    fputc('\t', out);
    for (int i = 0; i < nargs; i++) fprintf(out, i ? ",%lld" : "%lld", (long long)args[i]);
    end_record();
}

static int fd_is_socket(pid_t tid, long fd)
{
    char leaf[32], target[128];
    snprintf(leaf, sizeof leaf, "fd/%d", (int)fd);
    return read_link(tid, leaf, target, sizeof target) > 0 && strncmp(target, "socket:", 7) == 0;
}

static void emit_connect(pid_t tid, long fd, unsigned long addr, unsigned long len)
{
    struct sockaddr_storage sa;
    memset(&sa, 0, sizeof sa);
    if (len > sizeof sa) len = sizeof sa;
    if (len < sizeof(sa_family_t) || read_mem(tid, addr, &sa, len) != 0) return;
    char text[INET6_ADDRSTRLEN + sizeof(((struct sockaddr_un *)0)->sun_path)] = "";
    long port = -1;
    if (sa.ss_family == AF_INET) {
        struct sockaddr_in *in = (struct sockaddr_in *)&sa;
        inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        port = ntohs(in->sin_port);
    } else if (sa.ss_family == AF_INET6) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
        port = ntohs(in6->sin6_port);
    } else if (sa.ss_family == AF_UNIX) {
        struct sockaddr_un *un = (struct sockaddr_un *)&sa;
        size_t n = len > offsetof(struct sockaddr_un, sun_path) ? len - offsetof(struct sockaddr_un, sun_path) : 0;
        if (n > 0 && un->sun_path[0] == 0) { text[0] = '@'; memcpy(text + 1, un->sun_path + 1, n - 1); text[n] = 0; }
        else { memcpy(text, un->sun_path, n); text[n] = 0; }
    }
    fprintf(out, "N");
    put_num(map_get(tid));
    put_time();
    put_num(fd);
    put_num(sa.ss_family);
    put_str(text);
    put_num(port);
    end_record();
}

/* ---- records completed at syscall exit ---------------------------------------------------------- */

static FILE *saved_out;
static char *pending_buf;
static size_t pending_len;

/* Redirects the record writers into a memory buffer; end_pending() keeps it for the syscall-exit stop. */
static int begin_pending(void)
{
    FILE *mem = open_memstream(&pending_buf, &pending_len);
    if (!mem) return -1;
    saved_out = out;
    out = mem;
    return 0;
}

static int end_pending(pid_t tid)
{
    fclose(out);
    out = saved_out;
    struct slot *s = map_find(tid);
    if (!s) { free(pending_buf); pending_buf = NULL; return 0; }
    free(s->pending);
    s->pending = pending_buf;
    pending_buf = NULL;
    return 1;
}

/* Emits the pending record of tid with the syscall's return value appended, if the syscall succeeded. */
static void finish_pending(pid_t tid)
{
    struct slot *s = map_find(tid);
    if (!s || !s->pending) return;
    struct __ptrace_syscall_info info;
    memset(&info, 0, sizeof info);
    if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, (void *)sizeof info, &info) > 0 && info.op == PTRACE_SYSCALL_INFO_EXIT &&
        !info.exit.is_error) {
        fputs(s->pending, out);
        put_num((long long)info.exit.rval);
        end_record();
    }
    free(s->pending);
    s->pending = NULL;
}

static int has_pending(pid_t tid)
{
    struct slot *s = map_find(tid);
    return s && s->pending;
}

/* M pid time op path target mode (+ rval at exit): rename/unlink/rmdir/chmod. */
static int pending_file_op(pid_t tid, const char *op, long dirfd, unsigned long addr, long dirfd2, unsigned long addr2, long mode)
{
    char full[PATH_MAX * 2], target[PATH_MAX * 2] = "";
    if (addr == 0 && dirfd >= 0) {
        /* fchmod / AT_EMPTY_PATH: the path of the descriptor itself. */
        char leaf[32];
        snprintf(leaf, sizeof leaf, "fd/%d", (int)dirfd);
        if (read_link(tid, leaf, full, sizeof full) < 0) return 0;
    } else if (read_path(tid, dirfd, addr, full) != 0) return 0;
    if (addr2 != 0 && read_path(tid, dirfd2, addr2, target) != 0) return 0;
    if (begin_pending() != 0) return 0;
    fprintf(out, "M");
    put_num(map_get(tid));
    put_time();
    put_str(op);
    put_str(full);
    put_str(target);
    put_num(mode);
    return end_pending(tid);
}

/* K pid time family type protocol (+ fd at exit). */
static int pending_socket(pid_t tid, const uint64_t *a)
{
    if (begin_pending() != 0) return 0;
    fprintf(out, "K");
    put_num(map_get(tid));
    put_time();
    put_num((long long)a[0]);
    put_num((long long)(a[1] & 0xf)); /* without SOCK_NONBLOCK / SOCK_CLOEXEC */
    put_num((long long)a[2]);
    return end_pending(tid);
}

/* Returns 1 when the syscall's exit must be seen (a pending record), 0 to let it run on. */
static int on_seccomp(pid_t tid)
{
    struct __ptrace_syscall_info info;
    memset(&info, 0, sizeof info);
    if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, (void *)sizeof info, &info) <= 0 || info.op != PTRACE_SYSCALL_INFO_SECCOMP)
        return 0;
    const uint64_t *a = info.seccomp.args;
    long nr = (long)info.seccomp.nr;
    char raw[PATH_MAX], full[PATH_MAX * 2];
    if (info.arch != TRACER_AUDIT_ARCH) {
        uint64_t n = (uint64_t)nr;
        emit_event(tid, "foreign-abi", "syscall from a non-native ABI", NULL, 1, &n);
        return 0;
    }
    switch (nr) {
    case SYS_execve: emit_exec_attempt(tid, AT_FDCWD, a[0]); break;
    case SYS_execveat: emit_exec_attempt(tid, (long)a[0], a[1]); break;
    case SYS_openat: emit_open(tid, (long)a[0], a[1], (long)a[2]); break;
#ifdef SYS_open
    case SYS_open: emit_open(tid, AT_FDCWD, a[0], (long)a[1]); break;
#endif
#ifdef SYS_creat
    case SYS_creat: emit_open(tid, AT_FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC); break;
#endif
#ifdef SYS_openat2
    case SYS_openat2: {
        unsigned long long flags = 0;
        read_mem(tid, a[2], &flags, sizeof flags);
        emit_open(tid, (long)a[0], a[1], (long)flags);
        break;
    }
#endif
    case SYS_connect: emit_connect(tid, (long)a[0], a[1], a[2]); break;
    case SYS_ptrace: emit_event(tid, "ptrace", "process tracing", NULL, 2, a); break;
    case SYS_process_vm_readv: emit_event(tid, "process_vm_readv", "reads another process's memory", NULL, 1, a); break;
    case SYS_process_vm_writev: emit_event(tid, "process_vm_writev", "writes another process's memory", NULL, 1, a); break;
    case SYS_memfd_create:
        if (read_string(tid, a[0], raw, sizeof raw) != 0) raw[0] = 0;
        emit_event(tid, "memfd_create", raw, NULL, 1, a + 1);
        break;
    case SYS_mount:
        if (read_string(tid, a[1], raw, sizeof raw) != 0) raw[0] = 0;
        emit_event(tid, "mount", "filesystem mount", raw, 1, a + 3);
        break;
    case SYS_setns: emit_event(tid, "setns", "joins a namespace", NULL, 2, a); break;
    case SYS_unshare:
        if (a[0] & NS_FLAGS) emit_event(tid, "unshare", "creates a namespace", NULL, 1, a);
        break;
    case SYS_clone: emit_event(tid, "clone", "creates a namespace", NULL, 1, a); break;
#ifdef SYS_clone3
    case SYS_clone3: {
        uint64_t flags = 0;
        if (read_mem(tid, a[0], &flags, sizeof flags) == 0 && (flags & NS_FLAGS))
            emit_event(tid, "clone3", "creates a namespace", NULL, 1, &flags);
        break;
    }
#endif
    case SYS_setsid: emit_event(tid, "setsid", "new session", NULL, 0, a); break;
    case SYS_init_module: emit_event(tid, "init_module", "loads a kernel module", NULL, 0, a); break;
    case SYS_finit_module: {
        char leaf[32];
        snprintf(leaf, sizeof leaf, "fd/%d", (int)a[0]);
        if (read_link(tid, leaf, full, sizeof full) < 0) full[0] = 0;
        emit_event(tid, "finit_module", "loads a kernel module", full, 0, a);
        break;
    }
#ifdef SYS_dup2
    case SYS_dup2:
#endif
    case SYS_dup3:
        if (a[1] <= 2 && fd_is_socket(tid, (long)a[0]))
            emit_event(tid, nr == SYS_dup3 ? "dup3" : "dup2", "socket onto stdio", NULL, 2, a);
        break;
    case SYS_mprotect: emit_event(tid, "mprotect", "PROT_EXEC", NULL, 1, a + 2); break;
    case SYS_prctl:
        if (a[0] == PR_SET_NAME && read_string(tid, a[1], raw, 17) == 0) emit_event(tid, "prctl", "PR_SET_NAME", raw, 1, a);
        else emit_event(tid, "prctl", a[0] == PR_SET_DUMPABLE ? "PR_SET_DUMPABLE" : "PR_SET_NO_NEW_PRIVS", NULL, 2, a);
        break;
    case SYS_socket: return pending_socket(tid, a);
#ifdef SYS_rename
    case SYS_rename: return pending_file_op(tid, "rename", AT_FDCWD, a[0], AT_FDCWD, a[1], -1);
#endif
    case SYS_renameat: return pending_file_op(tid, "rename", (long)a[0], a[1], (long)a[2], a[3], -1);
#ifdef SYS_renameat2
    case SYS_renameat2: return pending_file_op(tid, "rename", (long)a[0], a[1], (long)a[2], a[3], -1);
#endif
#ifdef SYS_unlink
    case SYS_unlink: return pending_file_op(tid, "unlink", AT_FDCWD, a[0], AT_FDCWD, 0, -1);
#endif
#ifdef SYS_rmdir
    case SYS_rmdir: return pending_file_op(tid, "rmdir", AT_FDCWD, a[0], AT_FDCWD, 0, -1);
#endif
    case SYS_unlinkat:
        return pending_file_op(tid, (a[2] & AT_REMOVEDIR) ? "rmdir" : "unlink", (long)a[0], a[1], AT_FDCWD, 0, -1);
#ifdef SYS_chmod
    case SYS_chmod: return pending_file_op(tid, "chmod", AT_FDCWD, a[0], AT_FDCWD, 0, (long)(a[1] & 07777));
#endif
    case SYS_fchmod: return pending_file_op(tid, "chmod", (long)a[0], 0, AT_FDCWD, 0, (long)(a[1] & 07777));
    case SYS_fchmodat:
    case SYS_FCHMODAT2: return pending_file_op(tid, "chmod", (long)a[0], a[1], AT_FDCWD, 0, (long)(a[2] & 07777));
    default: break;
    }
    return 0;
}

static void on_exec(pid_t tid)
{
    /* After exec the thread-group leader's pid is the process id; former threads are gone. */
    unsigned long former = 0;
    ptrace(PTRACE_GETEVENTMSG, tid, NULL, &former);
    if ((pid_t)former != tid) map_del((pid_t)former);
    map_put(tid, tid);
    char exe[PATH_MAX], comm[64], cmdline[32768];
    static char environ_buf[1 << 17];
    if (read_link(tid, "exe", exe, sizeof exe) < 0) exe[0] = 0;
    ssize_t n = read_proc(tid, "comm", comm, sizeof comm - 1);
    if (n < 0) n = 0;
    while (n > 0 && (comm[n - 1] == '\n' || comm[n - 1] == ' ')) n--;
    comm[n] = 0;
    ssize_t c = read_proc(tid, "cmdline", cmdline, sizeof cmdline);
    if (c < 0) c = 0;
    for (ssize_t i = 0; i < c; i++) if (cmdline[i] == 0) cmdline[i] = ' ';
    while (c > 0 && cmdline[c - 1] == ' ') c--;
    fprintf(out, "X");
    put_num(tid);
    put_num(status_field(tid, "PPid"));
    put_str(exe);
    put_str(comm);
    put_field(cmdline, (size_t)c);
    /* The environment as NUL-separated K=V (NUL escaped as \0); the .NET side masks secrets before recording. */
    ssize_t e = read_proc(tid, "environ", environ_buf, sizeof environ_buf);
    while (e > 0 && environ_buf[e - 1] == 0) e--;
    put_field(environ_buf, e > 0 ? (size_t)e : 0);
    /* Witness's specbypassisvuln comes from this line ("thread vulnerable", "not vulnerable", "thread mitigated"...). */
    char spec[64];
    put_str(status_value(tid, "Speculation_Store_Bypass", spec, sizeof spec) == 0 ? spec : "");
    end_record();
}

static void on_new_task(pid_t parent, int event)
{
    unsigned long child = 0;
    if (ptrace(PTRACE_GETEVENTMSG, parent, NULL, &child) != 0 || child == 0) return;
    pid_t tgid = (pid_t)child;
    if (event == PTRACE_EVENT_CLONE) {
        /* CLONE (vs FORK/VFORK) is what the kernel reports for threads, but check: a clone without CLONE_THREAD
           and a non-SIGCHLD exit signal is a process too. */
        pid_t t = status_field((pid_t)child, "Tgid");
        tgid = t > 0 ? t : map_get(parent);
    }
    map_put((pid_t)child, tgid);
    if (tgid == (pid_t)child) {
        fprintf(out, "F");
        put_num(map_get(parent));
        put_num((long long)child);
        end_record();
    }
}

/* ---- main ------------------------------------------------------------------------------------- */

static int usage(void)
{
    fprintf(stderr, "usage: cilock-tracer --out PATH|--fd N [--] program [args...]\n");
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    int i = 1, fd = -1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            fd = open(argv[++i], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            if (fd < 0) { fprintf(stderr, "cilock-tracer: cannot open %s: %s\n", argv[i], strerror(errno)); return EXIT_USAGE; }
            /* A reader of a record file waits for this lock: the file is complete once the tracer has exited. */
            struct stat st;
            if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) flock(fd, LOCK_EX | LOCK_NB);
        } else if (strcmp(argv[i], "--fd") == 0 && i + 1 < argc) {
            fd = atoi(argv[++i]);
            fcntl(fd, F_SETFD, FD_CLOEXEC);
        } else if (strcmp(argv[i], "--") == 0) { i++; break; }
        else break;
    }
    if (fd < 0 || i >= argc) return usage();
    out = fdopen(fd, "w");
    if (!out) return usage();
    static char outbuf[1 << 16];
    setvbuf(out, outbuf, _IOFBF, sizeof outbuf);
    signal(SIGPIPE, SIG_IGN);

    /* The child reports a setup or exec failure through a close-on-exec pipe: EOF means exec succeeded. */
    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) { fail_record("internal", errno, "pipe2 failed"); return EXIT_USAGE; }

    pid_t root = fork();
    if (root < 0) { fail_record("internal", errno, "fork failed"); return EXIT_USAGE; }
    if (root == 0) {
        close(status_pipe[0]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        int stage[2] = { 0, 0 };
        if (install_filter() != 0) { stage[0] = 1; stage[1] = errno; }
        else {
            raise(SIGSTOP);
            execvp(argv[i], argv + i);
            stage[0] = 2;
            stage[1] = errno;
        }
        if (write(status_pipe[1], stage, sizeof stage) < 0) _exit(EXIT_EXEC_FAILED);
        _exit(EXIT_EXEC_FAILED);
    }
    close(status_pipe[1]);

    int status;
    if (waitpid(root, &status, WUNTRACED) != root || !WIFSTOPPED(status)) {
        int stage[2] = { 0, 0 };
        if (read(status_pipe[0], stage, sizeof stage) == sizeof stage && stage[0] == 1) {
            fail_record("seccomp", stage[1], strerror(stage[1]));
            return EXIT_TRACE_UNAVAILABLE;
        }
        fail_record("internal", ECHILD, "the command stopped unexpectedly before exec");
        return EXIT_USAGE;
    }
    long options = PTRACE_O_EXITKILL | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
                   PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP | PTRACE_O_TRACESYSGOOD;
    if (ptrace(PTRACE_SEIZE, root, NULL, (void *)options) != 0) {
        int err = errno;
        kill(root, SIGKILL);
        waitpid(root, &status, 0);
        fail_record("ptrace", err, strerror(err));
        return EXIT_TRACE_UNAVAILABLE;
    }
    map_put(root, root);
    fprintf(out, "S");
    put_num(root);
    put_num(getpid());
    put_time();
    end_record();
    kill(root, SIGCONT);

    int root_code = -1, execed = 0;
    for (;;) {
        pid_t tid = waitpid(-1, &status, __WALL);
        if (tid < 0) {
            if (errno == EINTR) continue;
            break; /* ECHILD: every tracee is gone. */
        }
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            if (map_get(tid) == tid) {
                fprintf(out, "Q");
                put_num(tid);
                put_num(code);
                end_record();
            }
            if (tid == root) root_code = code;
            map_del(tid);
            continue;
        }
        if (!WIFSTOPPED(status)) continue;
        int sig = WSTOPSIG(status), event = status >> 16, inject = 0, want_exit = 0;
        if (event == 0 && sig == (SIGTRAP | 0x80)) {
            /* syscall-exit stop requested for a pending record (or an entry stop after an interrupted one). */
            finish_pending(tid);
            ptrace(PTRACE_CONT, tid, NULL, NULL);
            continue;
        }
        switch (event) {
        case PTRACE_EVENT_SECCOMP: want_exit = on_seccomp(tid); break;
        case PTRACE_EVENT_EXEC: if (tid == root) execed = 1; on_exec(tid); break;
        case PTRACE_EVENT_FORK:
        case PTRACE_EVENT_VFORK:
        case PTRACE_EVENT_CLONE: on_new_task(tid, event); break;
        case PTRACE_EVENT_STOP:
            if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
                ptrace(PTRACE_LISTEN, tid, NULL, NULL); /* group-stop: stay stopped until SIGCONT */
                continue;
            }
            break;
        case 0: inject = sig; break; /* signal-delivery-stop: pass the signal on */
        default: break;
        }
        /* PTRACE_SYSCALL only while a record waits for its syscall's result; everything else runs freely. */
        ptrace(want_exit || has_pending(tid) ? PTRACE_SYSCALL : PTRACE_CONT, tid, NULL, (void *)(long)inject);
    }

    if (!execed) {
        int stage[2] = { 0, 0 };
        if (read(status_pipe[0], stage, sizeof stage) == sizeof stage && stage[0] == 2) {
            fail_record("exec", stage[1], strerror(stage[1]));
            return EXIT_EXEC_FAILED;
        }
    }
    fprintf(out, "R");
    put_num(root_code);
    put_time();
    end_record();
    if (fflush(out) != 0) return EXIT_USAGE;
    return root_code < 0 ? EXIT_USAGE : root_code;
}
