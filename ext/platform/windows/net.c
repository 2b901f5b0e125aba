/*
** net.c (ext/platform/windows/) — network interfaces: their counters
** (GetIfTable2), state and addresses (GetAdaptersAddresses), named by
** their friendly names as psutil names them.
*/
#include "windows.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <netioapi.h>
#undef interface

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* A UTF-16 name as UTF-8 into out[size], cut at a character's start. */
static void copy_name(const WCHAR *w, char *out, size_t size) {
  psv_buf b = {0};
  out[0] = '\0';
  if (psv_win_utf8(w, wcslen(w), &b)) return;
  size_t n = b.n < size ? b.n : size - 1;
  while (n > 0 && n < b.n && ((unsigned char)b.p[n] & 0xC0) == 0x80) n--;
  memcpy(out, b.p, n);
  out[n] = '\0';
  psv_buf_free(&b);
}

/* ---- Counters ----------------------------------------------------------- */

struct psv_if_io_list { MIB_IF_TABLE2 *table; ULONG at; };

int psv_if_io_open(psv_os *os, psv_if_io_list **out) {
  *out = psv_calloc(sizeof **out);
  if (!*out) return psv_win_fail(os, "the interfaces", ENOMEM);
  DWORD rc = GetIfTable2(&(*out)->table);
  if (rc != NO_ERROR) {
    psv_free(*out);
    *out = NULL;
    return psv_win_fail(os, "GetIfTable2", psv_win_errno(rc));
  }
  return 0;
}

/* psutil's net_io_counters(): unicast and other packets together. */
int psv_if_io_next(psv_if_io_list *l, psv_if_io *out) {
  if (!l->table || l->at >= l->table->NumEntries) return 0;
  const MIB_IF_ROW2 *r = &l->table->Table[l->at++];
  memset(out, 0, sizeof *out);
  copy_name(r->Alias, out->name, sizeof out->name);
  out->bytes_sent = r->OutOctets;
  out->bytes_recv = r->InOctets;
  out->packets_sent = r->OutUcastPkts + r->OutNUcastPkts;
  out->packets_recv = r->InUcastPkts + r->InNUcastPkts;
  out->errin = r->InErrors;
  out->errout = r->OutErrors;
  out->dropin = r->InDiscards;
  out->dropout = r->OutDiscards;
  return 1;
}

void psv_if_io_close(psv_if_io_list *l) {
  if (!l) return;
  if (l->table) FreeMibTable(l->table);
  psv_free(l);
}

/* ---- Adapters ------------------------------------------------------------ */

/* Every adapter with its addresses, into *out (psv_free it). */
static int adapters(psv_os *os, IP_ADAPTER_ADDRESSES **out) {
  ULONG size = 16 * 1024;
  ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
  for (int tries = 0; tries < 4; tries++) {
    IP_ADAPTER_ADDRESSES *a = psv_malloc(size);
    if (!a) return psv_win_fail(os, "the interfaces", ENOMEM);
    ULONG rc = GetAdaptersAddresses(AF_UNSPEC, flags, NULL, a, &size);
    if (rc == NO_ERROR) { *out = a; return 0; }
    psv_free(a);
    if (rc == ERROR_NO_DATA) { *out = NULL; return 0; }
    if (rc != ERROR_BUFFER_OVERFLOW) return psv_win_fail(os, "GetAdaptersAddresses", psv_win_errno(rc));
  }
  return psv_win_fail(os, "GetAdaptersAddresses", ENOMEM);
}

struct psv_netif { IP_ADAPTER_ADDRESSES *list; };

int psv_netif_open(psv_os *os, psv_netif **out) {
  *out = psv_calloc(sizeof **out);
  if (!*out) return psv_win_fail(os, "the interfaces", ENOMEM);
  int err = adapters(os, &(*out)->list);
  if (err) {
    psv_free(*out);
    *out = NULL;
  }
  return err;
}

/* psutil's net_if_stats() on Windows: up when operational, the MTU, the
** transmit speed; no flags, duplex not known. */
int psv_netif_stats(psv_netif *nif, const char *name, unsigned want, psv_if_stats *out) {
  (void)want;
  memset(out, 0, sizeof *out);
  for (const IP_ADAPTER_ADDRESSES *a = nif->list; a; a = a->Next) {
    char own[64];
    copy_name(a->FriendlyName, own, sizeof own);
    if (strcmp(own, name) != 0) continue;
    out->have = PSV_IFS_FLAGS | PSV_IFS_MTU | PSV_IFS_LINK;
    out->isup = a->OperStatus == IfOperStatusUp;
    out->mtu = a->Mtu == (ULONG)-1 ? 0 : a->Mtu;
    out->duplex = PSV_DUPLEX_UNKNOWN;
    out->speed = a->TransmitLinkSpeed == (ULONG64)-1 ? 0 : (int64_t)(a->TransmitLinkSpeed / 1000000);
    return 0;
  }
  return PSV_GONE;
}

void psv_netif_close(psv_netif *nif) {
  if (!nif) return;
  psv_free(nif->list);
  psv_free(nif);
}

/* ---- Addresses ---------------------------------------------------------- */

struct psv_if_addrs {
  IP_ADAPTER_ADDRESSES *list, *at;
  IP_ADAPTER_UNICAST_ADDRESS *unicast;
  int link_done;
  char name[256];
};

int psv_if_addrs_open(psv_os *os, psv_if_addrs **out) {
  *out = psv_calloc(sizeof **out);
  if (!*out) return psv_win_fail(os, "the interfaces", ENOMEM);
  int err = adapters(os, &(*out)->list);
  if (err) {
    psv_free(*out);
    *out = NULL;
    return err;
  }
  (*out)->at = (*out)->list;
  return 0;
}

/* psutil's netmask of a prefix length. */
static void netmask_text(int family, unsigned prefix, char *out, size_t size) {
  unsigned char mask[16] = {0};
  size_t bytes = family == AF_INET ? 4 : 16;
  for (unsigned i = 0; i < prefix && i < bytes * 8; i++) mask[i / 8] |= (unsigned char)(0x80u >> (i % 8));
  if (!inet_ntop(family, mask, out, size)) out[0] = '\0';
}

static int unicast_entry(psv_if_addrs *l, const IP_ADAPTER_UNICAST_ADDRESS *u, psv_if_addr *out) {
  const struct sockaddr *sa = u->Address.lpSockaddr;
  if (!sa || (sa->sa_family != AF_INET && sa->sa_family != AF_INET6)) return 0;
  const void *bytes = sa->sa_family == AF_INET
    ? (const void *)&((const struct sockaddr_in *)sa)->sin_addr
    : (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr;
  memset(out, 0, sizeof *out);
  out->interface = l->name;
  out->family = sa->sa_family == AF_INET ? "AF_INET" : "AF_INET6";
  if (!inet_ntop(sa->sa_family, bytes, out->address, sizeof out->address)) return 0;
  netmask_text(sa->sa_family, u->OnLinkPrefixLength, out->netmask, sizeof out->netmask);
  return 1;
}

/* The hardware address as psutil's Windows gives it: "AA-BB-...". */
static void link_entry(psv_if_addrs *l, const IP_ADAPTER_ADDRESSES *a, psv_if_addr *out) {
  memset(out, 0, sizeof *out);
  out->interface = l->name;
  out->family = "AF_LINK";
  size_t at = 0;
  for (ULONG i = 0; i < a->PhysicalAddressLength && at + 4 < sizeof out->address; i++)
    at += (size_t)snprintf(out->address + at, sizeof out->address - at, i ? "-%02X" : "%02X",
                           a->PhysicalAddress[i]);
}

int psv_if_addrs_next(psv_if_addrs *l, psv_if_addr *out) {
  while (l->at) {
    if (!l->link_done) {
      l->link_done = 1;
      copy_name(l->at->FriendlyName, l->name, sizeof l->name);
      l->unicast = l->at->FirstUnicastAddress;
      if (l->at->PhysicalAddressLength > 0) {
        link_entry(l, l->at, out);
        return 1;
      }
    }
    while (l->unicast) {
      const IP_ADAPTER_UNICAST_ADDRESS *u = l->unicast;
      l->unicast = u->Next;
      if (unicast_entry(l, u, out)) return 1;
    }
    l->at = l->at->Next;
    l->link_done = 0;
  }
  return 0;
}

void psv_if_addrs_close(psv_if_addrs *l) {
  if (!l) return;
  psv_free(l->list);
  psv_free(l);
}
