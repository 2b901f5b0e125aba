/*
** parse.h — Linux's formats and their pure parsers: bytes in, struct out,
** no I/O. What /proc and /sys print (proc(5), sysfs-class-net, the
** kernel's Documentation/admin-guide/iostats.rst) and utmp records. Only
** the Linux platform layer, its fuzzers (fuzz/) and its fixture tests use
** this header: the layer above sees platform.h's facts.
*/
#ifndef PSV_LINUX_PARSE_H
#define PSV_LINUX_PARSE_H

#include "platform.h"

/* The next line of buf at or after *off (without its newline); 1, or 0 at
** the end. */
int psv_next_line(const char *buf, size_t len, size_t *off, const char **line, size_t *n);

/* ---- /proc/PID files --------------------------------------------------- */

/* /proc/PID/stat. Times in clock ticks. */
typedef struct psv_stat {
  const char *comm;   /* not NUL-terminated; may hold any byte */
  size_t comm_len;
  char state_letter;
  psv_proc_state state;
  int ppid;
  uint64_t tty_dev;   /* kernel encoding; 0 = none */
  uint64_t utime, stime, cutime, cstime;
  int64_t nice;
  int64_t num_threads;
  uint64_t starttime;
  int has_cpu_num;
  int64_t cpu_num;
  int has_blkio;
  uint64_t blkio_ticks;
} psv_stat;
int psv_parse_stat(const char *buf, size_t len, psv_stat *out);

/* Which optional lines a status file had. */
enum {
  PSV_ST_TGID     = 1u << 0,
  PSV_ST_UIDS     = 1u << 1,
  PSV_ST_GIDS     = 1u << 2,
  PSV_ST_CTXSW    = 1u << 3,  /* both ctxt_switches lines */
  PSV_ST_VOLCTX   = 1u << 12,
  PSV_ST_INVOLCTX = 1u << 13,
  PSV_ST_CPUS     = 1u << 4,  /* Cpus_allowed_list */
  PSV_ST_VMPEAK   = 1u << 6,
  PSV_ST_VMHWM    = 1u << 7,
  PSV_ST_RSSANON  = 1u << 8,
  PSV_ST_RSSFILE  = 1u << 9,
  PSV_ST_RSSSHMEM = 1u << 10,
  PSV_ST_HUGETLB  = 1u << 11
};

/* /proc/PID/status. */
typedef struct psv_status {
  unsigned has;
  int tgid;
  uint32_t uid[3], gid[3];      /* real, effective, saved */
  uint64_t vol_ctxsw, invol_ctxsw;
  const char *cpus_list;        /* e.g. "0-3,6", not NUL-terminated */
  size_t cpus_list_len;
  /* memory lines, in bytes */
  uint64_t vm_peak, vm_hwm, rss_anon, rss_file, rss_shmem, hugetlb;
} psv_status;
int psv_parse_status(const char *buf, size_t len, psv_status *out);

/* psutil's memory_full_info() extras, in bytes, from smaps_rollup (or
** smaps summed): uss = every Private_* line, pss = Pss:, swap = Swap:. */
typedef struct psv_smaps {
  uint64_t uss, pss, swap;
} psv_smaps;
/* Adds the lines of smaps or smaps_rollup text to *out (zero it first). */
void psv_parse_smaps(const char *buf, size_t len, psv_smaps *out);

/* /proc/PID/statm: sizes in pages, in the kernel's order. */
typedef struct psv_statm {
  uint64_t size, resident, shared, text, lib, data, dirty;
} psv_statm;
int psv_parse_statm(const char *buf, size_t len, psv_statm *out);

/* /proc/PID/io. */
typedef struct psv_io {
  uint64_t rchar, wchar, syscr, syscw, read_bytes, write_bytes;
} psv_io;
int psv_parse_io(const char *buf, size_t len, psv_io *out);

/* Parse a CPU list such as "0-3,8,10-11". Calls `each` per CPU number.
** Returns 0, EINVAL for a malformed list, or `each`'s non-zero result. */
int psv_cpu_list_each(const char *buf, size_t len,
                      int (*each)(void *ctx, long cpu), void *ctx);

/* A line of fdinfo ("pos:\t0\nflags:\t0100002\n..."): 0 or EINVAL. */
int psv_parse_fdinfo(const char *buf, size_t len, int64_t *position, uint64_t *flags);
/* "socket:[12345]": 0 with the inode, or EINVAL for any other target. */
int psv_parse_socket_link(const char *s, size_t n, uint64_t *inode);
/* The header line of a mapping ("7f..-7f.. r-xp 00000000 fd:01 1234  /p"):
** 0, or EINVAL when the line is not one (a field line of smaps). */
int psv_parse_map_header(const char *line, size_t n, psv_map *out);
/* A field line of smaps ("Rss:  12 kB"): added to *out's sizes when it is
** one psutil reports. 0 for any field line, EINVAL for a header. */
int psv_parse_smaps_field(const char *line, size_t n, psv_map *out);

/* Resource limits, in the kernel's RLIMIT_ order: psv_rlimit_names[i] is
** psutil's RLIMIT_* name of resource i, lower case without the prefix. */
#define PSV_N_RLIMITS 16
#define PSV_RLIM_INFINITY UINT64_MAX
extern const char *const psv_rlimit_names[PSV_N_RLIMITS];
extern const char *const psv_rlimit_units[PSV_N_RLIMITS];
typedef struct psv_rlimit {
  int has;
  uint64_t soft, hard;   /* PSV_RLIM_INFINITY: unlimited */
} psv_rlimit;
/* /proc/PID/limits text: the 16 rows of out. 0 or EINVAL (no row read). */
int psv_parse_limits(const char *buf, size_t len, psv_rlimit out[PSV_N_RLIMITS]);

/* ---- /proc/net ---------------------------------------------------------- */

/* A line of net/tcp, tcp6, udp or udp6 (v6: the *6 files; tcp: tcp*).
** 0, or EINVAL for the header and malformed lines. */
int psv_parse_inet_socket(const char *line, size_t n, int v6, int tcp, psv_socket *out);
/* A line of net/unix. 0, or EINVAL for the header and malformed lines. */
int psv_parse_unix_socket(const char *line, size_t n, psv_socket *out);

/* One line of /proc/net/dev. */
typedef struct psv_net_dev {
  const char *name;
  size_t name_len;
  uint64_t bytes_recv, packets_recv, errin, dropin;
  uint64_t bytes_sent, packets_sent, errout, dropout;
} psv_net_dev;
/* 0, or EINVAL for a line that is not an interface (the two headers). */
int psv_parse_net_dev_line(const char *line, size_t n, psv_net_dev *out);

/* ---- /sys/class/net/NAME ------------------------------------------------ */

/* Interface flags, in psutil's order: bit i is psv_if_flag_names[i] (the
** kernel's IFF_* bits). */
extern const char *const psv_if_flag_names[];
extern const int psv_n_if_flags;
#define PSV_IF_RUNNING (1u << 6)
/* The flag names of `flags`, comma-separated, into out[size]. */
size_t psv_if_flags_text(unsigned flags, char *out, size_t size);

/* Pure parsers of the sysfs values: "0x1003", "full", "-1". */
int psv_parse_sysfs_flags(const char *buf, size_t len, unsigned *out);
int psv_parse_sysfs_duplex(const char *buf, size_t len);
int psv_parse_sysfs_int(const char *buf, size_t len, int64_t *out);

/* ---- /proc/diskstats, /sys/block ----------------------------------------- */

/* Which groups of counters a line had. */
enum {
  PSV_DS_TIMES   = 1u << 0,  /* merged counts, times, in_flight, busy */
  PSV_DS_DISCARD = 1u << 1,  /* Linux 4.18+ */
  PSV_DS_FLUSH   = 1u << 2   /* Linux 5.5+ */
};

/* One device of /proc/diskstats or /sys/block; sectors are 512 bytes
** whatever the device's own sector size. Times in milliseconds. */
typedef struct psv_diskstat {
  char name[64];
  int is_partition;   /* -1: not known from the line alone */
  unsigned has;
  uint64_t reads, reads_merged, read_sectors, read_ms;
  uint64_t writes, writes_merged, write_sectors, write_ms;
  uint64_t in_flight, busy_ms;
  uint64_t discards, discards_merged, discard_sectors, discard_ms;
  uint64_t flushes, flush_ms;
} psv_diskstat;

/* One line of /proc/diskstats in any shape kernels have printed: Linux
** 2.4 (15 fields, #blocks before the name), 2.6 partitions (7), 14, 18
** (discards), 20 (flushes) and longer (the known fields are read).
** 0, or EINVAL for a line of no known shape. */
int psv_parse_diskstats_line(const char *line, size_t n, psv_diskstat *out);
/* /sys/block/NAME/stat (no name in it): 11, 15 or 17 numbers (4 for the
** partitions of old kernels). */
int psv_parse_block_stat(const char *buf, size_t n, psv_diskstat *out);

/* ---- /proc/self/mounts, /proc/filesystems, statvfs ------------------------ */

/* One line of <procfs>/self/mounts, "DEV MNT TYPE OPTS 0 0", split and
** decoded in place: the kernel writes a space, tab, newline, backslash
** or '#' inside a field as a three-digit octal escape (\040). line[n]
** must be writable (the newline or the buffer's NUL): the last field is
** NUL-terminated there. 0, or EINVAL for a line of fewer than four fields. */
int psv_parse_mount_line(char *line, size_t n, psv_mount *out);

/* psutil's disk_partitions(all=False) test of a file system type: named
** in <procfs>/filesystems on a line without "nodev", or "zfs" (nodev, but
** counted). */
int psv_fstype_is_physical(const char *filesystems, size_t len,
                           const char *fstype, size_t n);

/* psutil's disk_usage formula over statvfs's numbers. */
void psv_disk_usage_compute(uint64_t blocks, uint64_t bfree, uint64_t bavail,
                            uint64_t frsize, psv_disk_usage *out);

/* ---- /proc/meminfo, zoneinfo, vmstat --------------------------------------- */

/* The meminfo fields the formulas use, in bytes; `has` bit i set when
** field i (enum psv_meminfo_field) was in the file. */
enum psv_meminfo_field {
  PSV_MI_MEMTOTAL, PSV_MI_MEMFREE, PSV_MI_MEMAVAILABLE, PSV_MI_BUFFERS,
  PSV_MI_CACHED, PSV_MI_SRECLAIMABLE, PSV_MI_SHMEM, PSV_MI_MEMSHARED,
  PSV_MI_ACTIVE, PSV_MI_INACTIVE, PSV_MI_INACT_DIRTY, PSV_MI_INACT_CLEAN,
  PSV_MI_INACT_LAUNDRY, PSV_MI_SLAB, PSV_MI_ACTIVE_FILE,
  PSV_MI_INACTIVE_FILE, PSV_MI_SWAPTOTAL, PSV_MI_SWAPFREE, PSV_MI_COUNT
};
typedef struct psv_meminfo {
  unsigned has;
  uint64_t v[PSV_MI_COUNT];
} psv_meminfo;

void psv_parse_meminfo(const char *buf, size_t len, psv_meminfo *out);
/* Sum of the "low" watermarks of /proc/zoneinfo, in pages. */
uint64_t psv_parse_zoneinfo_low(const char *buf, size_t len);
/* pswpin/pswpout of /proc/vmstat, in pages; 0 when both were found. */
int psv_parse_vmstat_swap(const char *buf, size_t len, uint64_t *in, uint64_t *out);

/* psutil's virtual_memory() formulas over a parsed meminfo. zoneinfo_low:
** pages, or -1 when /proc/zoneinfo could not be read. */
void psv_vmem_compute(const psv_meminfo *mi, int64_t zoneinfo_low,
                      long page_size, psv_vmem *out);

/* ---- /proc/stat, loadavg, cpuinfo ------------------------------------------ */

/* One line of /proc/stat: 0 for "cpu ..." (the total, cpu = -1) and
** "cpuN ..." with at least one number; EINVAL for any other line. The
** fields are the states in the kernel's order, in clock ticks; only the
** first ones are printed by old kernels (before 2.6.11: 7, no steal;
** 2.6.24: 8, no guest; 3.2: 9, no guest_nice), and the fields after the
** first that is not a number are missing: out->have is the states read,
** always a run from PSV_CPU_USER. guest and guest_nice are also counted
** in user and nice. */
int psv_parse_cpu_times_line(const char *line, size_t n, psv_cpu_times *out);

/* psutil's cpu_stats() from /proc/stat: ctxt, the first number of intr
** (the total of all interrupts) and of softirq. */
void psv_parse_cpu_stats(const char *buf, size_t len, psv_cpu_stats *out);

/* The 1, 5 and 15 minute load averages of /proc/loadavg: 0, or EINVAL. */
int psv_parse_loadavg(const char *buf, size_t len, double out[3]);

/* What /proc/cpuinfo tells of the CPU counts (psutil's fallbacks). */
typedef struct psv_cpuinfo {
  int64_t processors;  /* "processor" lines */
  int64_t cores;       /* the sum of "cpu cores" over distinct "physical
                       ** id"s of the processor sections; 0: none */
  int64_t n_mhz;       /* "cpu MHz" lines */
} psv_cpuinfo;
void psv_parse_cpuinfo(const char *buf, size_t len, psv_cpuinfo *out);
/* The next "cpu MHz" value at or after *off: 1 with *mhz set, 0 at the end. */
int psv_cpuinfo_next_mhz(const char *buf, size_t len, size_t *off, double *mhz);

/* ---- utmp -------------------------------------------------------------------- */

/* The next USER_PROCESS record of a utmp file's bytes (struct utmpx
** records) at or after *off: 1 with *out set, or 0 at the end. A partial
** record at the end is not read. Strings point into buf; a host of ":0" or
** ":0.0" reads "localhost" (psutil). */
int psv_utmp_next(const char *buf, size_t len, size_t *off, psv_user *out);

#endif /* PSV_LINUX_PARSE_H */
