/*
 * floor.c -- the least work any /proc reader can do: the benchmark's floor.
 *
 *   floor [-p PROCDIR] [-t THREADS] [-o FILE]... [ITEM...]
 *
 * For every numeric entry of /proc, every ITEM is fetched, in order (with no
 * ITEM, /proc is only listed):
 *
 *   a file name (stat, status, statm, cmdline, smaps_rollup, environ, io, ...)
 *       openat(/proc, "PID/ITEM") and read() it to the end into one reused
 *       buffer, close
 *   exe, cwd      readlinkat(/proc, "PID/exe") into the reused buffer
 *   fd            open "PID/fd" and getdents64() it to the end, close
 *   fdlinks       the same, and readlinkat() every descriptor in it
 *   ioprio        the ioprio_get system call on the pid
 *   affinity      sched_getaffinity on the pid
 *
 * -o FILE reads PROCDIR/FILE (e.g. net/tcp) once, before the walk.
 *
 * -t THREADS (2 or more): the threaded floor. /proc is listed first, then
 * THREADS threads take the pids one at a time from a shared counter, each
 * fetching every ITEM of its pid: the same reads, split as evenly as any
 * split can be.
 *
 * Nothing is parsed, nothing is allocated and no stdio is used on the hot
 * path.  At the end it prints how many pids it saw and how many had every
 * item fetched without error ("read").  Errors (EACCES on another user's
 * file, ESRCH for a process that has gone) are counted, never fatal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

enum kind { K_FILE, K_LINK, K_DIR, K_FDLINKS, K_IOPRIO, K_AFFINITY };

struct item {
    const char *name;
    size_t len;
    enum kind kind;
};

#define MAX_ITEMS 64

/* file contents, link targets, fd entries: one per thread */
static _Thread_local char buf[1 << 16];
static char dents[1 << 15];     /* /proc's own entries */

static _Thread_local char links[1 << 15];     /* a process's fd/ entries */

/* getdents64 the fd directory and readlinkat each entry in it. */
static int read_fd_links(int procfd, const char *path)
{
    char target[4096];
    long r;
    int fd = openat(procfd, path, O_RDONLY | O_CLOEXEC | O_DIRECTORY);

    if (fd < 0)
        return -1;
    while ((r = syscall(SYS_getdents64, fd, links, sizeof links)) > 0) {
        long off = 0;
        while (off < r) {
            unsigned short reclen;
            const char *name = links + off + 19;

            memcpy(&reclen, links + off + 16, sizeof reclen);
            off += reclen;
            if (name[0] != '.')
                (void)readlinkat(fd, name, target, sizeof target);
        }
    }
    close(fd);
    return r < 0 ? -1 : 0;
}

/* Reads PROCDIR/FILE to the end, once. */
static int read_once(int procfd, const char *file)
{
    ssize_t r;
    int fd = openat(procfd, file, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    while ((r = read(fd, buf, sizeof buf)) > 0)
        ;
    close(fd);
    return r < 0 ? -1 : 0;
}

static int fetch(int procfd, const char *path, const struct item *it, int pid)
{
    int fd;
    ssize_t r;

    switch (it->kind) {
    case K_FILE:
        fd = openat(procfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
            return -1;
        while ((r = read(fd, buf, sizeof buf)) > 0)
            ;
        close(fd);
        return r < 0 ? -1 : 0;
    case K_LINK:
        return readlinkat(procfd, path, buf, sizeof buf) < 0 ? -1 : 0;
    case K_DIR:
        fd = openat(procfd, path, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
        if (fd < 0)
            return -1;
        while ((r = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
            ;
        close(fd);
        return r < 0 ? -1 : 0;
    case K_FDLINKS:
        return read_fd_links(procfd, path);
    case K_IOPRIO:
        return syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, pid) < 0 ? -1 : 0;
    case K_AFFINITY: {
        cpu_set_t set;
        return sched_getaffinity(pid, sizeof set, &set);
    }
    }
    return -1;
}

/* Every item of one pid: 1 when each was fetched. */
static int fetch_all(int procfd, int pid, const struct item *items, int nitems, long *errors)
{
    char path[96];
    int nl = snprintf(path, sizeof path, "%d/", pid), ok = 1, i;

    for (i = 0; i < nitems; i++) {
        memcpy(path + nl, items[i].name, items[i].len + 1);
        if (fetch(procfd, path, &items[i], pid) != 0) {
            ok = 0;
            (*errors)++;
        }
    }
    return ok;
}

/* The threaded floor: the listing, then the pids shared out. */
struct shared {
    int procfd;
    const struct item *items;
    int nitems;
    const int *pids;
    long npids;
    atomic_long next, complete, errors;
};

static void *fetch_share(void *arg)
{
    struct shared *sh = arg;
    long i, complete = 0, errors = 0;

    while ((i = atomic_fetch_add(&sh->next, 1)) < sh->npids)
        complete += fetch_all(sh->procfd, sh->pids[i], sh->items, sh->nitems, &errors);
    atomic_fetch_add(&sh->complete, complete);
    atomic_fetch_add(&sh->errors, errors);
    return NULL;
}

static int threaded(int procfd, int nthreads, const struct item *items, int nitems, long errors)
{
    static pthread_t threads[256];
    struct shared sh = { .procfd = procfd, .items = items, .nitems = nitems };
    int *pids = NULL;
    long n, cap = 0, i;

    while ((n = syscall(SYS_getdents64, procfd, dents, sizeof dents)) > 0) {
        long off = 0;
        while (off < n) {
            unsigned short reclen;
            const char *name = dents + off + 19;
            char *end;
            long pid = strtol(name, &end, 10);

            memcpy(&reclen, dents + off + 16, sizeof reclen);
            off += reclen;
            if (name[0] < '1' || name[0] > '9' || *end || pid > 2147483647)
                continue;
            if (sh.npids == cap) {
                cap = cap ? cap * 2 : 1024;
                pids = realloc(pids, sizeof *pids * (size_t)cap);
                if (!pids) {
                    perror("floor");
                    return 1;
                }
            }
            pids[sh.npids++] = (int)pid;
        }
    }
    sh.pids = pids;
    sh.errors = errors;
    for (i = 0; i < nthreads; i++) {
        if (pthread_create(&threads[i], NULL, fetch_share, &sh) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
    for (i = 0; i < nthreads; i++)
        pthread_join(threads[i], NULL);
    printf("%ld pids read (%ld with every item, %ld errors) on %d threads\n", sh.npids,
           (long)sh.complete, (long)sh.errors, nthreads);
    free(pids);
    return 0;
}

int main(int argc, char **argv)
{
    const char *procdir = "/proc";
    struct item items[MAX_ITEMS];
    const char *once[MAX_ITEMS];
    int nitems = 0, nonce = 0;
    long seen = 0, complete = 0, errors = 0;
    int procfd, i, nthreads = 1;
    long n;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-p") == 0 && i + 1 < argc) {
            procdir = argv[++i];
            continue;
        }
        if (strcmp(a, "-t") == 0 && i + 1 < argc) {
            nthreads = atoi(argv[++i]);
            if (nthreads < 1 || nthreads > 256) {
                fprintf(stderr, "floor: -t takes 1 to 256 threads\n");
                return 2;
            }
            continue;
        }
        if (strcmp(a, "-o") == 0 && i + 1 < argc && nonce < MAX_ITEMS) {
            once[nonce++] = argv[++i];
            continue;
        }
        if (nitems == MAX_ITEMS || !*a || strchr(a, '/') || strlen(a) > 64) {
            fprintf(stderr, "floor: bad or too many items at '%s'\n", a);
            return 2;
        }
        items[nitems].name = a;
        items[nitems].len = strlen(a);
        if (strcmp(a, "exe") == 0 || strcmp(a, "cwd") == 0 || strcmp(a, "root") == 0)
            items[nitems].kind = K_LINK;
        else if (strcmp(a, "fd") == 0 || strcmp(a, "task") == 0)
            items[nitems].kind = K_DIR;
        else if (strcmp(a, "fdlinks") == 0) {
            items[nitems].kind = K_FDLINKS;
            items[nitems].name = "fd";      /* the directory it reads */
            items[nitems].len = 2;
        }
        else if (strcmp(a, "ioprio") == 0)
            items[nitems].kind = K_IOPRIO;
        else if (strcmp(a, "affinity") == 0)
            items[nitems].kind = K_AFFINITY;
        else
            items[nitems].kind = K_FILE;
        nitems++;
    }
    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        fprintf(stderr, "usage: floor [-p PROCDIR] [ITEM...]   (e.g. floor status cmdline smaps_rollup statm;\n"
                        "       no ITEM: only list the pids)\n");
        return 2;
    }

    procfd = open(procdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (procfd < 0) {
        perror(procdir);
        return 1;
    }

    for (i = 0; i < nonce; i++) {
        if (read_once(procfd, once[i]) != 0)
            errors++;
    }
    if (nthreads > 1)
        return threaded(procfd, nthreads, items, nitems, errors);
    while ((n = syscall(SYS_getdents64, procfd, dents, sizeof dents)) > 0) {
        long off = 0;
        while (off < n) {
            /* struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, name */
            unsigned short reclen;
            const char *name = dents + off + 19;
            char path[96];
            size_t nl = 0;
            int pid = 0, ok = 1;

            memcpy(&reclen, dents + off + 16, sizeof reclen);
            off += reclen;
            while (name[nl] >= '0' && name[nl] <= '9') {
                pid = pid * 10 + (name[nl] - '0');
                nl++;
            }
            if (nl == 0 || name[nl] != '\0' || nl > 10)
                continue;
            seen++;
            memcpy(path, name, nl);
            path[nl] = '/';
            for (i = 0; i < nitems; i++) {
                memcpy(path + nl + 1, items[i].name, items[i].len + 1);
                if (fetch(procfd, path, &items[i], pid) != 0) {
                    ok = 0;
                    errors++;
                }
            }
            complete += ok;
        }
    }
    if (n < 0) {
        perror("getdents64");
        return 1;
    }
    printf("%ld pids read (%ld with every item, %ld errors)\n", seen, complete, errors);
    return 0;
}
