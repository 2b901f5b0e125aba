/*
** parse_osquery.h — the pure parsers (bytes in, struct out, no I/O)
** behind the facts of section 9 of platform.h and the process facts the
** osquery tables added (pgroup, disk I/O, cgroup, network namespace): a
** sibling of parse.h, private to the Linux platform folder, its fixture
** tests and its fuzzers (linux.h includes both).
*/
#ifndef PSV_PARSE_OSQUERY_H
#define PSV_PARSE_OSQUERY_H

#include "platform.h"

/* Whether `name` matches one component of a file pattern: '%' is any run
** of bytes, every other byte itself; a name that starts with '.' matches
** only a pattern that does too (glob(3)'s rule for '*'). */
int psv_glob_name_match(const char *pat, size_t plen, const char *name, size_t nlen);

/* osquery's split(s, delims): the pieces between delimiter bytes, empty
** pieces dropped, each then trimmed of white space. Fills out[0..max)
** (out may be NULL with max 0) and returns how many pieces there are. */
size_t psv_osq_split(const char *s, size_t n, const char *delims, psv_str *out, size_t max);

/* One line of /proc/modules: 0, or EINVAL (fewer than six fields). */
int psv_parse_module_line(const char *line, size_t n, psv_kernel_module *out);
/* One line of /proc/net/arp: 0, or EINVAL (not six fields: the header
** has nine). */
int psv_parse_arp_line(const char *line, size_t n, psv_arp_entry *out);
/* One line of a hosts file (trimmed, not empty): 0, or EINVAL for a
** comment. scratch: n bytes, for the names joined. */
int psv_parse_hosts_line(const char *line, size_t n, char *scratch, psv_host_entry *out);
/* /proc/cmdline into the arguments' fields of out (scratch: n bytes). */
void psv_parse_kernel_cmdline(const char *buf, size_t n, char *scratch, psv_kernel_info *out);
/* /proc/version ("Linux version 6.1.0 ..."): 0 with the release, or EINVAL. */
int psv_parse_kernel_version(const char *buf, size_t n, psv_str *release);
/* /etc/os-release over the fields of out that it names (scratch: 2n
** bytes; out's other fields stay as they were). */
void psv_parse_os_release(const char *buf, size_t n, char *scratch, psv_os_version *out);
/* /etc/redhat-release or /etc/gentoo-release over out (scratch: n bytes):
** version is its text, build "", name/major/minor/patch from the first
** line of the form "NAME ... 7.9.2009". */
void psv_parse_release_file(const char *buf, size_t n, char *scratch, psv_os_version *out);
/* The next record of utmp or wtmp bytes (struct utmpx records) at *off:
** 1, or 0 at the end (a record cut short there is not read). */
int psv_parse_login_record(const char *buf, size_t len, size_t *off, psv_login_record *out);

/* /proc/PID/stat: the process group (after the name's last ')'). 0 or EINVAL. */
int psv_parse_stat_pgroup(const char *buf, size_t n, int64_t *pgroup);
/* /proc/PID/io: read_bytes, and write_bytes less cancelled_write_bytes.
** 0, or EINVAL when there is no read_bytes line. */
int psv_parse_disk_io(const char *buf, size_t n, int64_t *read_bytes, int64_t *written);
/* /proc/PID/cgroup: the path of its first line. 0 or EINVAL. */
int psv_parse_cgroup_path(const char *buf, size_t n, psv_str *path);
/* A namespace link's text, "net:[4026531840]": 0 with the inode, or EINVAL. */
int psv_parse_ns_link(const char *link, size_t n, const char *kind, uint64_t *inode);
/* A line of /proc/net/packet: its protocol (the ethertype) and inode. 0,
** or EINVAL (the header, a malformed line). */
int psv_parse_packet_socket(const char *line, size_t n, int *protocol, uint64_t *inode);
/* A line of /etc/passwd (no newline): 0, or EINVAL for a comment, a
** blank line or one that is not seven fields with numeric ids. */
int psv_parse_passwd_line(const char *line, size_t n, psv_account *out);

/* The first processor's block of /proc/cpuinfo as osquery reads it: the
** values of "model name", "model", "microcode" and "siblings" into out. */
void psv_parse_cpuinfo_identity(const char *buf, size_t n, psv_machine *out);

#endif /* PSV_PARSE_OSQUERY_H */
