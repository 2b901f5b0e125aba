/*
 * worker.c -- a long-lived process for the psvtab benchmark.
 *
 *   worker small [ARG...]      set nothing up, just wait
 *   worker touch N [ARG...]    malloc N MiB and write every page
 *   worker maps N [ARG...]     create N separate one-page anonymous mappings
 *   worker socks N [ARG...]    hold N unix socket pairs and a tcp listener
 *                              on 127.0.0.1
 *
 * Extra arguments are ignored; the driver passes some so that command lines
 * vary in length.
 *
 * When set up, the worker writes one byte ('R') to its standard output (the
 * driver's readiness pipe) and closes it.  It then blocks reading standard
 * input and exits when that reaches end of file (the driver closed the pipe,
 * or died) or on SIGTERM (default action).  Nothing is ever written to stdin.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

static void die(const char *what)
{
    fprintf(stderr, "worker[%d]: %s: %s\n", (int)getpid(), what, strerror(errno));
    exit(1);
}

static long parse_count(const char *s, long max)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(s, &end, 10);
    if (errno || end == s || *end || n < 0 || n > max) {
        fprintf(stderr, "worker: bad count '%s' (0..%ld)\n", s, max);
        exit(2);
    }
    return n;
}

/* Private dirty heap memory: N MiB, every page written. */
static void setup_touch(long mib)
{
    size_t len = (size_t)mib << 20;
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *p;
    size_t i;

    if (len == 0)
        return;
    p = malloc(len);
    if (!p)
        die("malloc");
    for (i = 0; i < len; i += (size_t)page)
        p[i] = (unsigned char)(i >> 12 | 1);
    /* Keep the block alive and opaque to the optimiser. */
    __asm__ volatile("" : : "r"(p) : "memory");
}

/*
 * N one-page anonymous mappings that the kernel cannot merge: each is
 * followed by an unmapped page, and they alternate between read-only and
 * read-write.  Every page is written (then the read-only ones are
 * write-protected), so each mapping holds one private dirty page and
 * smaps/smaps_rollup have real work to do.
 */
static void setup_maps(long n)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t span = (size_t)page * 2 * (size_t)n;
    unsigned char *base;
    long i;

    if (n == 0)
        return;
    /* Find an address range of 2N pages that nothing else uses ... */
    base = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        die("mmap reserve");
    /* ... give it back, and map every other page of it. */
    if (munmap(base, span) != 0)
        die("munmap");
    for (i = 0; i < n; i++) {
        unsigned char *at = base + (size_t)page * 2 * (size_t)i;
        unsigned char *m = mmap(at, (size_t)page, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                                -1, 0);
        if (m == MAP_FAILED)
            die("mmap page");
        m[0] = (unsigned char)(i | 1);
        if ((i & 1) == 0 && mprotect(m, (size_t)page, PROT_READ) != 0)
            die("mprotect");
    }
}

/* N unix socket pairs and one tcp listener on a free loopback port: the
 * sockets net_connections maps to their holders. */
static void setup_socks(long n)
{
    struct sockaddr_in addr = { .sin_family = AF_INET };
    int pair[2], fd;
    long i;

    for (i = 0; i < n; i++) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
            die("socketpair");
    }
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 1) != 0)
        die("tcp listener");
}

int main(int argc, char **argv)
{
    char buf[64];
    ssize_t r;

    if (argc < 2) {
        fprintf(stderr, "usage: worker small | touch MIB | maps N | socks N [ARG...]\n");
        return 2;
    }
    if (strcmp(argv[1], "small") == 0) {
        /* nothing */
    } else if (strcmp(argv[1], "touch") == 0 && argc >= 3) {
        setup_touch(parse_count(argv[2], 1024));
    } else if (strcmp(argv[1], "maps") == 0 && argc >= 3) {
        setup_maps(parse_count(argv[2], 60000));
    } else if (strcmp(argv[1], "socks") == 0 && argc >= 3) {
        setup_socks(parse_count(argv[2], 100));
    } else {
        fprintf(stderr, "worker: unknown mode '%s'\n", argv[1]);
        return 2;
    }

    /* Belt and braces: also go when the driver goes (stdin EOF does it too). */
    prctl(PR_SET_PDEATHSIG, SIGTERM);

    /* Tell the driver we are ready, then let go of the readiness pipe. */
    do
        r = write(1, "R", 1);
    while (r < 0 && errno == EINTR);
    close(1);

    /* Wait for end of file on stdin (or SIGTERM). */
    for (;;) {
        r = read(0, buf, sizeof buf);
        if (r == 0)
            break;
        if (r < 0 && errno != EINTR)
            break;
    }
    return 0;
}
