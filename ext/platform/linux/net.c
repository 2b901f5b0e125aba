/*
** net.c — network interfaces of the calling process's namespace: the list
** and counters of <procfs>/net/dev, stats by ioctl (as psutil) or from a
** sysfs tree, addresses from getifaddrs().
*/
#include "linux.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netdb.h>
#include <netpacket/packet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

/* psutil's order, which is also the order of the IFF_* bits. */
const char *const psv_if_flag_names[] = {
  "up", "broadcast", "debug", "loopback", "pointopoint", "notrailers",
  "running", "noarp", "promisc", "allmulti", "master", "slave", "multicast",
  "portsel", "automedia", "dynamic"
};
const int psv_n_if_flags = 16;

size_t psv_if_flags_text(unsigned flags, char *out, size_t size) {
  size_t at = 0;
  out[0] = '\0';
  for (int i = 0; i < psv_n_if_flags && at < size; i++) {
    if (!(flags & (1u << i))) continue;
    int w = snprintf(out + at, size - at, "%s%s", at ? "," : "", psv_if_flag_names[i]);
    if (w > 0) at += (size_t)w;
  }
  return at < size ? at : size - 1;
}

/* ---- The interfaces and their counters -------------------------------- */

struct psv_if_io_list {
  psv_buf text;   /* net/dev, read whole at open */
  size_t offset;
};

int psv_if_io_open(psv_os *os, psv_if_io_list **out) {
  *out = NULL;
  psv_if_io_list *l = psv_calloc(sizeof *l);
  if (!l) return ENOMEM;
  int err = psv_linux_procfs_read(os, "net/dev", &l->text);
  if (err) {
    psv_if_io_close(l);
    return err;
  }
  *out = l;
  return 0;
}

int psv_if_io_next(psv_if_io_list *l, psv_if_io *out) {
  const char *line;
  size_t n;
  psv_net_dev dev;
  while (psv_next_line(l->text.p, l->text.n, &l->offset, &line, &n)) {
    /* header lines, and names too long for any interface, are no rows */
    if (psv_parse_net_dev_line(line, n, &dev) || dev.name_len >= sizeof out->name) continue;
    memcpy(out->name, dev.name, dev.name_len);
    out->name[dev.name_len] = '\0';
    out->bytes_sent = dev.bytes_sent;
    out->bytes_recv = dev.bytes_recv;
    out->packets_sent = dev.packets_sent;
    out->packets_recv = dev.packets_recv;
    out->errin = dev.errin;
    out->errout = dev.errout;
    out->dropin = dev.dropin;
    out->dropout = dev.dropout;
    return 1;
  }
  return 0;
}

void psv_if_io_close(psv_if_io_list *l) {
  if (!l) return;
  psv_buf_free(&l->text);
  psv_free(l);
}

/* ---- An interface's state --------------------------------------------- */

struct psv_netif {
  int sock;      /* live: a datagram socket for the ioctls */
  int sysfsfd;   /* otherwise: the class/net directory of the tree */
};

static int same_dir(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int psv_netif_open(psv_os *os, psv_netif **out) {
  const char *sysfs = psv_linux_sysfs(os);
  *out = NULL;
  psv_netif *nif = psv_calloc(sizeof *nif);
  if (!nif) return ENOMEM;
  nif->sock = nif->sysfsfd = -1;
  int err = 0;
  if (same_dir(sysfs, "/sys")) {
    nif->sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (nif->sock < 0) err = errno;
  } else {
    char path[4096];
    snprintf(path, sizeof path, "%s/class/net", sysfs);
    nif->sysfsfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (nif->sysfsfd < 0) err = errno;
  }
  if (err) {
    psv_free(nif);
    return psv_linux_fail_under(os, err, "interfaces", sysfs);
  }
  *out = nif;
  return 0;
}

void psv_netif_close(psv_netif *nif) {
  if (!nif) return;
  if (nif->sock >= 0) close(nif->sock);
  if (nif->sysfsfd >= 0) close(nif->sysfsfd);
  psv_free(nif);
}

static int name_to_ifreq(const char *name, struct ifreq *ifr) {
  memset(ifr, 0, sizeof *ifr);
  if (strlen(name) >= sizeof ifr->ifr_name) return PSV_GONE;
  strcpy(ifr->ifr_name, name);
  return 0;
}

/* ETHTOOL_GSET, as psutil: unsupported (EOPNOTSUPP, EINVAL) means unknown
** duplex and speed 0; so does the kernel's SPEED_UNKNOWN. */
static int ethtool_link(int sock, struct ifreq *ifr, psv_if_stats *out) {
  struct ethtool_cmd cmd;
  memset(&cmd, 0, sizeof cmd);
  cmd.cmd = ETHTOOL_GSET;
  ifr->ifr_data = (void *)&cmd;
  out->duplex = PSV_DUPLEX_UNKNOWN;
  out->speed = 0;
  if (ioctl(sock, SIOCETHTOOL, ifr) < 0) {
    return errno == EOPNOTSUPP || errno == EINVAL ? 0 : errno;
  }
  /* ethtool_cmd_speed() shifts a promoted int: SPEED_UNKNOWN overflows it */
  uint32_t speed = (uint32_t)cmd.speed_hi << 16 | cmd.speed;
  out->speed = speed == (uint32_t)SPEED_UNKNOWN ? 0 : (int64_t)speed;
  out->duplex = cmd.duplex == DUPLEX_FULL ? PSV_DUPLEX_FULL :
                cmd.duplex == DUPLEX_HALF ? PSV_DUPLEX_HALF : PSV_DUPLEX_UNKNOWN;
  return 0;
}

static void set_flags(psv_if_stats *out, unsigned flags) {
  out->isup = (flags & PSV_IF_RUNNING) != 0;
  psv_if_flags_text(flags, out->flags, sizeof out->flags);
  out->have |= PSV_IFS_FLAGS;
}

static int live_stats(psv_netif *nif, const char *name, unsigned want, psv_if_stats *out) {
  struct ifreq ifr;
  if (name_to_ifreq(name, &ifr)) return PSV_GONE;
  if (want & PSV_IFS_FLAGS) {
    if (ioctl(nif->sock, SIOCGIFFLAGS, &ifr) < 0) return errno;
    set_flags(out, (unsigned)(unsigned short)ifr.ifr_flags);
  }
  if (want & PSV_IFS_MTU) {
    if (ioctl(nif->sock, SIOCGIFMTU, &ifr) < 0) return errno;
    out->mtu = ifr.ifr_mtu;
    out->have |= PSV_IFS_MTU;
  }
  if (want & PSV_IFS_LINK) {
    int err = ethtool_link(nif->sock, &ifr, out);
    if (err) return err;
    out->have |= PSV_IFS_LINK;
  }
  return 0;
}

/* One sysfs value of an interface: 0, or an errno. */
static int sysfs_value(psv_netif *nif, const char *name, const char *file, psv_buf *b) {
  char rel[128];
  if (snprintf(rel, sizeof rel, "%s/%s", name, file) >= (int)sizeof rel) return ENAMETOOLONG;
  return psv_linux_read_at(nif->sysfsfd, rel, b);
}

/* The flags file holds dev->flags, without the RUNNING bit the ioctl adds:
** like the kernel's dev_get_flags(), running = up and operstate up (or
** unknown, for drivers that do not report it). */
static int tree_flags(psv_netif *nif, const char *name, psv_buf *b, unsigned *flags) {
  int err = sysfs_value(nif, name, "flags", b);
  if (err) return err;
  if (psv_parse_sysfs_flags(b->p, b->n, flags)) return EINVAL;
  *flags &= ~(unsigned)IFF_RUNNING;
  if ((*flags & IFF_UP) && sysfs_value(nif, name, "operstate", b) == 0 &&
      (strncmp(b->p, "up", 2) == 0 || strncmp(b->p, "unknown", 7) == 0)) {
    *flags |= IFF_RUNNING;
  }
  return 0;
}

static int tree_stats(psv_netif *nif, const char *name, unsigned want, psv_if_stats *out) {
  psv_buf b = {0};
  int err = 0;
  if (want & PSV_IFS_FLAGS) {
    unsigned flags;
    err = tree_flags(nif, name, &b, &flags);
    if (!err) set_flags(out, flags);
  }
  if (!err && (want & PSV_IFS_MTU)) {
    err = sysfs_value(nif, name, "mtu", &b);
    if (!err && psv_parse_sysfs_int(b.p, b.n, &out->mtu)) err = EINVAL;
    if (!err) out->have |= PSV_IFS_MTU;
  }
  if (!err && (want & PSV_IFS_LINK)) {
    /* unreadable (a down link, a driver without ethtool): unknown, 0 */
    out->duplex = sysfs_value(nif, name, "duplex", &b) ? PSV_DUPLEX_UNKNOWN
                                                       : psv_parse_sysfs_duplex(b.p, b.n);
    if (sysfs_value(nif, name, "speed", &b) || psv_parse_sysfs_int(b.p, b.n, &out->speed) ||
        out->speed < 0) out->speed = 0;
    out->have |= PSV_IFS_LINK;
  }
  psv_buf_free(&b);
  return err;
}

int psv_netif_stats(psv_netif *nif, const char *name, unsigned want, psv_if_stats *out) {
  memset(out, 0, sizeof *out);
  int err = nif->sock >= 0 ? live_stats(nif, name, want, out) : tree_stats(nif, name, want, out);
  return err == ENODEV || err == ENOENT || err == ENXIO ? PSV_GONE : err;
}

/* ---- Addresses ----------------------------------------------------- */

struct psv_if_addrs {
  struct ifaddrs *all, *next;
};

int psv_if_addrs_open(psv_os *os, psv_if_addrs **out) {
  *out = NULL;
  psv_if_addrs *list = psv_calloc(sizeof *list);
  if (!list) return ENOMEM;
  if (getifaddrs(&list->all) != 0) {
    int err = errno;
    psv_free(list);
    return psv_linux_fail(os, err, "cannot list", "interface addresses");
  }
  list->next = list->all;
  *out = list;
  return 0;
}

void psv_if_addrs_close(psv_if_addrs *list) {
  if (!list) return;
  freeifaddrs(list->all);
  psv_free(list);
}

/* A MAC (or other link address) as lowercase colon-separated hex, padded
** to six bytes as psutil pads it. */
static void format_link(const struct sockaddr_ll *ll, char *buf, size_t size) {
  size_t len = ll->sll_halen < sizeof ll->sll_addr ? ll->sll_halen : sizeof ll->sll_addr;
  buf[0] = '\0';
  if (len == 0) return;
  size_t at = 0;
  for (size_t i = 0; i < len || i < 6; i++) {
    unsigned byte = i < len ? ll->sll_addr[i] : 0;
    at += (size_t)snprintf(buf + at, size - at, "%s%02x", i ? ":" : "", byte);
  }
}

/* psutil's psutil_convert_ipaddr: numeric host form; a link-local IPv6
** address keeps its "%ifname" scope. "" when there is none. */
static void format_addr(const struct sockaddr *sa, int family, char *buf, size_t size) {
  buf[0] = '\0';
  if (!sa) return;
  if (family == AF_PACKET) {
    format_link((const struct sockaddr_ll *)sa, buf, size);
  } else {
    socklen_t len = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    if (getnameinfo(sa, len, buf, (socklen_t)size, NULL, 0, NI_NUMERICHOST) != 0) buf[0] = '\0';
  }
}

int psv_if_addrs_next(psv_if_addrs *list, psv_if_addr *out) {
  for (; list->next; list->next = list->next->ifa_next) {
    struct ifaddrs *ifa = list->next;
    if (!ifa->ifa_addr) continue;
    int family = ifa->ifa_addr->sa_family;
    if (family != AF_INET && family != AF_INET6 && family != AF_PACKET) continue;
    format_addr(ifa->ifa_addr, family, out->address, sizeof out->address);
    if (!out->address[0]) continue;   /* psutil skips what it cannot show */
    out->interface = ifa->ifa_name;
    out->family = family == AF_INET ? "AF_INET" : family == AF_INET6 ? "AF_INET6" : "AF_LINK";
    format_addr(ifa->ifa_netmask, family, out->netmask, sizeof out->netmask);
    out->broadcast[0] = out->ptp[0] = '\0';
    if (ifa->ifa_flags & IFF_BROADCAST) {
      format_addr(ifa->ifa_broadaddr, family, out->broadcast, sizeof out->broadcast);
    } else if (ifa->ifa_flags & IFF_POINTOPOINT) {
      format_addr(ifa->ifa_dstaddr, family, out->ptp, sizeof out->ptp);
    }
    list->next = ifa->ifa_next;
    return 1;
  }
  return 0;
}
