/* fuzz_osquery.c — the parsers of the osquery tables (parse_osquery.c,
** parse_glob.c) over any bytes (as /proc/modules, net/arp, net/packet,
** hosts, passwd, cmdline, version, os-release, redhat-release, cpuinfo,
** stat, io, cgroup, a namespace link, wtmp): every field inside the input or the
** scratch buffer the caller gave (within its size), the split's pieces
** trimmed and in order; and the pattern matcher against fnmatch(3) with
** every byte but '%' escaped (FNM_PERIOD: glob's rule for a leading '.'). */
#include "fuzz.h"
#include "linux/parse_osquery.h"

#include <fnmatch.h>
#include <stdlib.h>

static void check_str(const char *buf, size_t len, const char *scratch, size_t room, psv_str s) {
  if (!s.s) return;
  CHECK(in_buf(buf, len, s.s, s.n) || in_buf(scratch, room, s.s, s.n) ||
        (s.n <= 8 && (memcmp(s.s, "Unknown", s.n) == 0 || memcmp(s.s, "0", s.n) == 0)));
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static void check_split(const char *buf, size_t len) {
  psv_str pieces[16];
  size_t n = psv_osq_split(buf, len, " =", pieces, 16);
  const char *prev = buf;
  for (size_t i = 0; i < n && i < 16; i++) {
    CHECK(in_buf(buf, len, pieces[i].s, pieces[i].n) && pieces[i].s >= prev);
    if (pieces[i].n) CHECK(!is_space(pieces[i].s[0]) && !is_space(pieces[i].s[pieces[i].n - 1]));
    prev = pieces[i].s + pieces[i].n;
  }
  CHECK(n <= len / 2 + 1);   /* pieces need a delimiter between them */
}

static void check_lines(const char *buf, size_t len, char *scratch) {
  size_t off = 0;
  const char *line;
  size_t n;
  while (psv_next_line(buf, len, &off, &line, &n)) {
    psv_kernel_module m;
    if (psv_parse_module_line(line, n, &m) == 0) {
      psv_str f[] = { m.name, m.size, m.used_by, m.status, m.address };
      for (size_t i = 0; i < 5; i++) CHECK(in_buf(line, n, f[i].s, f[i].n));
    }
    psv_arp_entry a;
    if (psv_parse_arp_line(line, n, &a) == 0) {
      CHECK(in_buf(line, n, a.address.s, a.address.n) && in_buf(line, n, a.mac.s, a.mac.n));
      CHECK(in_buf(line, n, a.interface.s, a.interface.n) && (a.permanent == 0 || a.permanent == 1));
    }
    psv_host_entry h;
    if (n && psv_parse_hosts_line(line, n, scratch, &h) == 0) {
      CHECK(in_buf(line, n, h.address.s, h.address.n) && (!h.address.n || h.address.s[0] != '#'));
      CHECK(in_buf(scratch, n, h.hostnames.s, h.hostnames.n));
    }
  }
}

static void check_system_files(const char *buf, size_t len, char *scratch) {
  psv_kernel_info k;
  memset(&k, 0, sizeof k);
  psv_parse_kernel_cmdline(buf, len, scratch, &k);
  CHECK(in_buf(scratch, len, k.arguments.s, k.arguments.n));
  check_str(buf, len, scratch, len, k.image_path);
  check_str(buf, len, scratch, len, k.root_device);
  psv_str release;
  if (psv_parse_kernel_version(buf, len, &release) == 0) CHECK(in_buf(buf, len, release.s, release.n));
  psv_os_version v;
  memset(&v, 0, sizeof v);
  psv_parse_os_release(buf, len, scratch, &v);
  psv_str fields[] = { v.name, v.version, v.major, v.minor, v.patch, v.build, v.platform,
                       v.platform_like, v.codename, v.version_id };
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    check_str(buf, len, scratch, 2 * len, fields[i]);
  }
  memset(&v, 0, sizeof v);
  psv_parse_release_file(buf, len, scratch, &v);
  psv_str more[] = { v.name, v.version, v.major, v.minor, v.patch };
  for (size_t i = 0; i < sizeof more / sizeof *more; i++) check_str(buf, len, scratch, len, more[i]);
}

static void check_proc_files(const char *buf, size_t len) {
  int64_t a, b;
  psv_parse_stat_pgroup(buf, len, &a);
  psv_parse_disk_io(buf, len, &a, &b);
  psv_str path;
  if (psv_parse_cgroup_path(buf, len, &path) == 0) CHECK(in_buf(buf, len, path.s, path.n));
  uint64_t inode;
  if (psv_parse_ns_link(buf, len, "net", &inode) == 0) CHECK(inode > 0);
  psv_machine m;
  memset(&m, 0, sizeof m);
  psv_parse_cpuinfo_identity(buf, len, &m);
  CHECK(strlen(m.cpu_brand) < sizeof m.cpu_brand && strlen(m.cpu_model) < sizeof m.cpu_model);
  CHECK(m.cpu_siblings >= 0);
  size_t off = 0;
  const char *line;
  size_t n;
  while (psv_next_line(buf, len, &off, &line, &n)) {
    int protocol;
    if (psv_parse_packet_socket(line, n, &protocol, &inode) == 0) CHECK(protocol >= 0 && protocol <= 0xffff);
    psv_account acc;
    if (psv_parse_passwd_line(line, n, &acc) == 0) {
      psv_str f[] = { acc.name, acc.description, acc.directory, acc.shell };
      for (size_t i = 0; i < 4; i++) CHECK(in_buf(line, n, f[i].s, f[i].n) && !memchr(f[i].s, ':', f[i].n));
      CHECK(acc.name.n > 0);
    }
  }
}

static void check_logins(const char *buf, size_t len) {
  size_t off = 0, prev = 0;
  psv_login_record r;
  while (psv_parse_login_record(buf, len, &off, &r)) {
    CHECK(off <= len && off > prev);
    CHECK(in_buf(buf + prev, off - prev, r.user.s, r.user.n));
    CHECK(in_buf(buf + prev, off - prev, r.host.s, r.host.n));
    prev = off;
  }
}

/* The first line as a pattern, the second as a name (neither with '/'). */
static void check_glob(const char *buf, size_t len) {
  const char *nl = memchr(buf, '\n', len);
  if (!nl || memchr(buf, '/', len) || memchr(buf, '\0', len)) return;
  size_t plen = (size_t)(nl - buf), nlen = len - plen - 1;
  if (plen > 64 || nlen > 64 || memchr(nl + 1, '\n', nlen)) return;
  char pat[2 * 64 + 1], name[64 + 1];
  size_t k = 0;
  for (size_t i = 0; i < plen; i++) {
    if (buf[i] == '%') {
      pat[k++] = '*';
    } else {
      pat[k++] = '\\';
      pat[k++] = buf[i];
    }
  }
  pat[k] = '\0';
  memcpy(name, nl + 1, nlen);
  name[nlen] = '\0';
  int ours = psv_glob_name_match(buf, plen, name, nlen);
  int theirs = fnmatch(pat, name, FNM_PERIOD) == 0;
  CHECK(ours == theirs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *buf = (const char *)data;
  char *scratch = malloc(2 * size + 1);
  if (!scratch) return 0;
  check_split(buf, size);
  check_lines(buf, size, scratch);
  check_system_files(buf, size, scratch);
  check_logins(buf, size);
  check_proc_files(buf, size);
  check_glob(buf, size);
  free(scratch);
  return 0;
}
