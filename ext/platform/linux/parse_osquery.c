/*
** parse_osquery.c — pure parsers of the files osquery's tables read, each
** reading them the way osquery's Linux code does (its split(), its field
** positions, its quirks), so that the same file gives the same values:
** /proc/modules, /proc/net/arp, /etc/hosts, /proc/cmdline and
** /proc/version, /etc/os-release and /etc/redhat-release, wtmp records.
** Bytes in, struct out; output strings point into the input or into a
** scratch buffer the caller gives (never longer than the input).
*/
#include "linux.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <utmpx.h>

/* ---- osquery's split() ---------------------------------------------- */

static int is_trim_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static psv_str trim(const char *s, size_t n) {
  while (n && is_trim_space(*s)) { s++; n--; }
  while (n && is_trim_space(s[n - 1])) n--;
  return (psv_str){ s, n };
}

size_t psv_osq_split(const char *s, size_t n, const char *delims, psv_str *out, size_t max) {
  size_t count = 0, start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && !strchr(delims, s[i])) continue;
    if (i > start) {   /* empty pieces are dropped before the trim */
      if (count < max) out[count] = trim(s + start, i - start);
      count++;
    }
    start = i + 1;
  }
  return count;
}

/* osquery's split(s, delims) again, its pieces from `first` on joined by
** `sep` into out (as many bytes as s has at most); with stop_at_comment,
** up to the first piece that starts with '#'. Returns the bytes written. */
static size_t join_pieces(const char *s, size_t n, const char *delims, size_t first, char sep,
                          int stop_at_comment, char *out) {
  size_t len = 0, start = 0, seen = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && !strchr(delims, s[i])) continue;
    if (i > start && seen++ >= first) {
      psv_str piece = trim(s + start, i - start);
      if (stop_at_comment && piece.n && piece.s[0] == '#') break;
      if (seen > first + 1) out[len++] = sep;
      memcpy(out + len, piece.s, piece.n);
      len += piece.n;
    }
    start = i + 1;
  }
  return len;
}

/* ---- /proc/modules -------------------------------------------------- */

int psv_parse_module_line(const char *line, size_t n, psv_kernel_module *out) {
  psv_str f[6];
  if (psv_osq_split(line, n, " ", f, 6) < 6) return EINVAL;
  for (int i = 0; i < 6; i++) {
    if (f[i].n && f[i].s[f[i].n - 1] == ',') f[i].n--;   /* "a,b," lists */
  }
  memset(out, 0, sizeof *out);
  out->name = f[0];
  out->size = f[1];
  out->used_by = f[3];
  out->status = f[4];
  out->address = f[5];
  return 0;
}

/* ---- /proc/net/arp ------------------------------------------------- */

/* boost::split(fields, line, is_any_of(" "), token_compress_on): runs of
** spaces are one separator, but a space at either end still makes an
** empty field there. Six fields or the line is not a neighbour. */
int psv_parse_arp_line(const char *line, size_t n, psv_arp_entry *out) {
  psv_str f[6];
  size_t count = 0, start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && line[i] != ' ') continue;
    if (count == 6) return EINVAL;
    f[count++] = trim(line + start, i - start);
    while (i + 1 < n && line[i + 1] == ' ') i++;
    start = i + 1;
  }
  if (count != 6) return EINVAL;
  out->address = f[0];
  out->mac = f[3];
  out->interface = f[5];
  /* ATF_COM | ATF_PERM, as osquery compares it: the text "0x6" */
  out->permanent = f[2].n == 3 && memcmp(f[2].s, "0x6", 3) == 0;
  return 0;
}

/* ---- /etc/hosts ---------------------------------------------------- */

int psv_parse_hosts_line(const char *line, size_t n, char *scratch, psv_host_entry *out) {
  /* split(line) on blanks; the first piece is the address unless it
  ** starts a comment; names run to the first piece that starts one */
  size_t count = psv_osq_split(line, n, "\t ", NULL, 0);
  if (count == 0) return EINVAL;
  psv_str first;
  psv_osq_split(line, n, "\t ", &first, 1);
  if (first.n && first.s[0] == '#') return EINVAL;
  out->address = first;
  out->has_hostnames = count > 1;
  out->hostnames = (psv_str){ scratch, join_pieces(line, n, "\t ", 1, ' ', 1, scratch) };
  return 0;
}

/* ---- /proc/cmdline and /proc/version ------------------------------- */

static int has_prefix(psv_str s, const char *prefix, size_t len) {
  return s.n >= len && memcmp(s.s, prefix, len) == 0;
}

void psv_parse_kernel_cmdline(const char *buf, size_t n, char *scratch, psv_kernel_info *out) {
  out->has_arguments = 1;
  out->arguments = (psv_str){ scratch, 0 };
  out->image_path = out->root_device = (psv_str){ NULL, 0 };
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && buf[i] != ' ') continue;
    psv_str arg = trim(buf + start, i - start);
    int piece = i > start;
    start = i + 1;
    if (!piece) continue;
    if (has_prefix(arg, "BOOT_IMAGE=", 11)) {
      out->image_path = (psv_str){ arg.s + 11, arg.n - 11 };
    } else if (has_prefix(arg, "root=", 5)) {
      out->root_device = (psv_str){ arg.s + 5, arg.n - 5 };
    } else {
      if (out->arguments.n) scratch[out->arguments.n++] = ' ';
      memcpy(scratch + out->arguments.n, arg.s, arg.n);
      out->arguments.n += arg.n;
    }
  }
}

int psv_parse_kernel_version(const char *buf, size_t n, psv_str *release) {
  psv_str f[3];
  if (psv_osq_split(buf, n, " ", f, 3) < 3 || f[1].n != 7 || memcmp(f[1].s, "version", 7) != 0) {
    return EINVAL;
  }
  *release = f[2];
  return 0;
}

/* ---- /etc/os-release ----------------------------------------------- */

/* The os-release keys osquery reads, and where each goes. */
static psv_str *os_release_field(psv_os_version *out, psv_str key, int *is_version_id) {
  static const struct { const char *key; size_t off; } keys[] = {
    { "NAME", offsetof(psv_os_version, name) },
    { "VERSION", offsetof(psv_os_version, version) },
    { "BUILD_ID", offsetof(psv_os_version, build) },
    { "ID", offsetof(psv_os_version, platform) },
    { "ID_LIKE", offsetof(psv_os_version, platform_like) },
    { "VERSION_CODENAME", offsetof(psv_os_version, codename) },
    { "VERSION_ID", offsetof(psv_os_version, version_id) },
  };
  *is_version_id = 0;
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    if (key.n == strlen(keys[i].key) && memcmp(key.s, keys[i].key, key.n) == 0) {
      *is_version_id = keys[i].off == offsetof(psv_os_version, version_id);
      return (psv_str *)((char *)out + keys[i].off);
    }
  }
  /* some distributions invent their own codename key (UBUNTU_CODENAME) */
  if (memmem(key.s, key.n, "CODENAME", 8)) return &out->codename;
  return NULL;
}

/* VERSION_ID "22.04.1": split(id, '.', 2) into major, minor, patch. */
static void split_version_id(psv_os_version *out, psv_str id, char **scratch) {
  psv_str parts[2];
  size_t count = psv_osq_split(id.s, id.n, ".", parts, 2);
  if (count > 2) {   /* the third and later pieces, joined again */
    out->patch = (psv_str){ *scratch, join_pieces(id.s, id.n, ".", 2, '.', 0, *scratch) };
    *scratch += out->patch.n;
  }
  if (count > 1) out->minor = parts[1];
  if (count > 0) out->major = parts[0];
}

void psv_parse_os_release(const char *buf, size_t n, char *scratch, psv_os_version *out) {
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && buf[i] != '\n') continue;
    psv_str line = trim(buf + start, i - start);
    start = i + 1;
    if (!line.n) continue;
    /* split(line, '=', 1): the key, and the other pieces joined by '=' */
    size_t count = psv_osq_split(line.s, line.n, "=", NULL, 0);
    if (count < 2) continue;
    psv_str key;
    psv_osq_split(line.s, line.n, "=", &key, 1);
    int is_version_id;
    psv_str *field = os_release_field(out, key, &is_version_id);
    if (!field) continue;
    psv_str value = { scratch, join_pieces(line.s, line.n, "=", 1, '=', 0, scratch) };
    scratch += value.n;
    /* a quoted value loses its first and last byte, whatever the last is */
    if (value.n && value.s[0] == '"') {
      value.s++;
      value.n = value.n >= 2 ? value.n - 2 : 0;
    }
    *field = value;
    if (is_version_id) split_version_id(out, value, &scratch);
  }
}

/* ---- /etc/redhat-release and /etc/gentoo-release -------------------- */

/* boost's trim_all: no blanks at the ends, and each inner run of them
** kept as its first byte. Returns the length written to scratch. */
static size_t trim_all(const char *s, size_t n, char *scratch) {
  psv_str t = trim(s, n);
  size_t len = 0;
  for (size_t i = 0; i < t.n; i++) {
    if (is_trim_space(t.s[i]) && i > 0 && is_trim_space(t.s[i - 1])) continue;
    scratch[len++] = t.s[i];
  }
  return len;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_word(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
/* [\w+\s] of osquery's expression */
static int in_name_class(char c) { return is_word(c) || c == '+' || is_trim_space(c); }

/* digits at s[i...]: their count */
static size_t digits_at(const char *s, size_t n, size_t i) {
  size_t k = 0;
  while (i + k < n && is_digit(s[i + k])) k++;
  return k;
}

/* osquery's std::regex_search of "([\w+\s]+) .* ([0-9]+)\.([0-9]+)\.?(\w+)?"
** over one line, worked out: ".*" is greedy, so the numbers are those
** after the last " D.D" of the line; the name is the longest run of the
** class before a space before it, from the leftmost place one starts. */
static int match_release_line(psv_str line, psv_os_version *out) {
  const char *s = line.s;
  size_t n = line.n, at = 0;
  int found = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    size_t d = digits_at(s, n, i + 1);
    if (s[i] == ' ' && d && i + 1 + d < n && s[i + 1 + d] == '.' && digits_at(s, n, i + 2 + d)) {
      at = i;
      found = 1;
    }
  }
  if (!found) return 0;
  for (size_t start = 0; start < at; start++) {
    /* the name is s[start, e) with s[e] == ' ', e + 1 <= at */
    size_t e = 0, run = start;
    while (run < n && run < at && in_name_class(s[run])) run++;
    for (size_t k = start + 1; k <= run && k < at; k++) {
      if (s[k] == ' ') e = k;
    }
    if (!e) continue;
    out->name = (psv_str){ s + start, e - start };
    size_t p = at + 1, d1 = digits_at(s, n, p);
    out->major = (psv_str){ s + p, d1 };
    p += d1 + 1;
    size_t d2 = digits_at(s, n, p);
    out->minor = (psv_str){ s + p, d2 };
    p += d2;
    if (p < n && s[p] == '.') p++;
    size_t w = 0;
    while (p + w < n && is_word(s[p + w])) w++;
    out->patch = w ? (psv_str){ s + p, w } : (psv_str){ "0", 1 };
    return 1;
  }
  return 0;
}

void psv_parse_release_file(const char *buf, size_t n, char *scratch, psv_os_version *out) {
  size_t len = trim_all(buf, n, scratch);
  out->version = (psv_str){ scratch, len };
  out->build = (psv_str){ "", 0 };
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && scratch[i] != '\n') continue;
    psv_str line = trim(scratch + start, i - start);
    start = i + 1;
    if (line.n && match_release_line(line, out)) break;
  }
}

/* ---- wtmp ---------------------------------------------------------- */

/* A fixed-size field: its bytes up to the first NUL, if any. */
static psv_str utmp_field(const char *record, size_t offset, size_t size) {
  const char *s = record + offset;
  const char *nul = memchr(s, '\0', size);
  return (psv_str){ s, nul ? (size_t)(nul - s) : size };
}

int psv_parse_login_record(const char *buf, size_t len, size_t *off, psv_login_record *out) {
  struct utmpx rec;
  if (*off <= len && len - *off >= sizeof rec) {
    const char *record = buf + *off;
    *off += sizeof rec;
    memcpy(&rec, record, sizeof rec);   /* the buffer need not be aligned */
    /* utmp.h's numbers are the platform's (glibc's, on every Linux) */
    out->type = rec.ut_type;
    out->user = utmp_field(record, offsetof(struct utmpx, ut_user), sizeof rec.ut_user);
    out->tty = utmp_field(record, offsetof(struct utmpx, ut_line), sizeof rec.ut_line);
    out->host = utmp_field(record, offsetof(struct utmpx, ut_host), sizeof rec.ut_host);
    out->pid = (int64_t)rec.ut_pid;
    out->time = (int64_t)rec.ut_tv.tv_sec;
    return 1;
  }
  return 0;
}

/* ---- /proc/PID/stat, io, cgroup, ns/net ----------------------------- */

int psv_parse_stat_pgroup(const char *buf, size_t n, int64_t *pgroup) {
  /* after the name's last ')': state, ppid, pgrp */
  const char *close = NULL;
  for (size_t i = 0; i < n; i++) {
    if (buf[i] == ')') close = buf + i;
  }
  if (!close) return EINVAL;
  const char *p = close + 1, *end = buf + n;
  p = psv_skip_blanks(p, end);
  while (p < end && *p != ' ') p++;   /* the state letter */
  int64_t ppid;
  return psv_scan_i64(&p, end, &ppid) || psv_scan_i64(&p, end, pgroup) ? EINVAL : 0;
}

/* The number after "key:" on a line of io: 0 with it, or EINVAL. */
static int io_value(psv_str line, const char *key, int64_t *out) {
  size_t k = strlen(key);
  if (line.n <= k || memcmp(line.s, key, k) != 0 || line.s[k] != ':') return EINVAL;
  const char *p = line.s + k + 1;
  return psv_scan_i64(&p, line.s + line.n, out);
}

int psv_parse_disk_io(const char *buf, size_t n, int64_t *read_bytes, int64_t *written) {
  int64_t rd = 0, wr = 0, cancelled = 0;
  unsigned found = 0;
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && buf[i] != '\n') continue;
    psv_str line = { buf + start, i - start };
    start = i + 1;
    if (io_value(line, "read_bytes", &rd) == 0) found |= 1;
    else if (io_value(line, "write_bytes", &wr) == 0) found |= 2;
    else if (io_value(line, "cancelled_write_bytes", &cancelled) == 0) found |= 4;
  }
  if (!(found & 1)) return EINVAL;
  *read_bytes = rd;
  /* osquery: write_bytes less cancelled_write_bytes, each 0 when missing */
  *written = wr - cancelled;
  return 0;
}

int psv_parse_cgroup_path(const char *buf, size_t n, psv_str *path) {
  /* the first line: "0::/user.slice" (v2) or "2:cpu:/user.slice" (v1) */
  const char *eol = memchr(buf, '\n', n);
  size_t len = eol ? (size_t)(eol - buf) : n;
  const char *c1 = memchr(buf, ':', len);
  const char *c2 = c1 ? memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - buf)) : NULL;
  if (!c2) return EINVAL;
  *path = (psv_str){ c2 + 1, len - (size_t)(c2 + 1 - buf) };
  return 0;
}

int psv_parse_ns_link(const char *link, size_t n, const char *kind, uint64_t *inode) {
  size_t k = strlen(kind);
  if (n < k + 4 || memcmp(link, kind, k) != 0 || link[k] != ':' || link[k + 1] != '[' ||
      link[n - 1] != ']') return EINVAL;
  const char *p = link + k + 2;
  if (psv_scan_u64(&p, link + n - 1, inode) || p != link + n - 1 || *inode == 0) return EINVAL;
  return 0;
}

/* ---- /proc/net/packet --------------------------------------------- */

int psv_parse_packet_socket(const char *line, size_t n, int *protocol, uint64_t *inode) {
  /* "sk RefCnt Type Proto Iface R Rmem User Inode": osquery's split */
  psv_str f[9];
  if (psv_osq_split(line, n, " ", f, 9) < 9 || f[3].n != 4) return EINVAL;
  unsigned v = 0;
  for (size_t i = 0; i < 4; i++) {
    char c = f[3].s[i];
    unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
               : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
               : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
    if (d == 16) return EINVAL;
    v = v << 4 | d;
  }
  const char *p = f[8].s;
  if (psv_scan_u64(&p, f[8].s + f[8].n, inode) || p != f[8].s + f[8].n) return EINVAL;
  *protocol = (int)v;
  return 0;
}

/* ---- /etc/passwd --------------------------------------------------- */

/* A decimal id of a passwd field, as the C library reads one. */
static int passwd_id(psv_str f, uint32_t *out) {
  const char *p = f.s;
  uint64_t v;
  if (!f.n || *p < '0' || *p > '9' || psv_scan_u64(&p, f.s + f.n, &v) || p != f.s + f.n ||
      v > UINT32_MAX) return EINVAL;
  *out = (uint32_t)v;
  return 0;
}

int psv_parse_passwd_line(const char *line, size_t n, psv_account *out) {
  psv_str f[7];
  size_t count = 0, start = 0;
  if (n == 0 || line[0] == '#') return EINVAL;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && line[i] != ':') continue;
    if (count == 7) return EINVAL;
    f[count++] = (psv_str){ line + start, i - start };
    start = i + 1;
  }
  if (count != 7 || !f[0].n || passwd_id(f[2], &out->uid) || passwd_id(f[3], &out->gid)) {
    return EINVAL;
  }
  out->name = f[0];
  out->description = f[4];
  out->directory = f[5];
  out->shell = f[6];
  return 0;
}

/* ---- /proc/cpuinfo ------------------------------------------------- */

/* The value after ':' of a cpuinfo line whose key is `key` (followed by
** blanks, as "model\t\t: 85"), trimmed, into out (NUL-terminated). */
static int cpuinfo_value(psv_str line, const char *key, char *out, size_t size) {
  size_t k = strlen(key);
  if (line.n <= k || memcmp(line.s, key, k) != 0 || (line.s[k] != '\t' && line.s[k] != ' ' && line.s[k] != ':')) {
    return 0;
  }
  const char *colon = memchr(line.s, ':', line.n);
  if (!colon) return 0;
  psv_str v = trim(colon + 1, line.n - (size_t)(colon + 1 - line.s));
  size_t n = v.n < size - 1 ? v.n : size - 1;
  memcpy(out, v.s, n);
  out[n] = '\0';
  return 1;
}

void psv_parse_cpuinfo_identity(const char *buf, size_t n, psv_machine *out) {
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && buf[i] != '\n') continue;
    psv_str line = { buf + start, i - start };
    start = i + 1;
    if (line.n == 0) break;   /* the first processor's block ends */
    char siblings[32];
    if (cpuinfo_value(line, "model name", out->cpu_brand, sizeof out->cpu_brand)) out->has_cpu_brand = 1;
    else if (cpuinfo_value(line, "model", out->cpu_model, sizeof out->cpu_model)) out->has_cpu_model = 1;
    else if (cpuinfo_value(line, "microcode", out->cpu_microcode, sizeof out->cpu_microcode)) out->has_cpu_microcode = 1;
    else if (cpuinfo_value(line, "siblings", siblings, sizeof siblings)) {
      const char *p = siblings;
      uint64_t v;
      /* a count beyond int64_t is no count: unknown (0), never negative */
      int ok = psv_scan_u64(&p, siblings + strlen(siblings), &v) == 0 && v <= INT64_MAX;
      out->cpu_siblings = ok ? (int64_t)v : 0;
    }
  }
}
