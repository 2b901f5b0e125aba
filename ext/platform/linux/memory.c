/*
** memory.c — system memory (psutil's virtual_memory() and swap_memory())
** from <procfs>/meminfo, zoneinfo and vmstat.
*/
#include "linux.h"

#include <errno.h>
#include <string.h>

/* meminfo, which must hold the fields `first` and `second`. 0 or an
** errno (EINVAL: it does not). */
static int read_meminfo(psv_os *os, psv_buf *b, psv_meminfo *mi, int first, int second) {
  int err = psv_linux_procfs_read(os, "meminfo", b);
  if (err) return err;
  psv_parse_meminfo(b->p, b->n, mi);
  return (mi->has & (1u << first)) && (mi->has & (1u << second)) ? 0 : EINVAL;
}

int psv_virtual_memory(psv_os *os, psv_vmem *out) {
  psv_buf b = {0};
  psv_meminfo mi;
  int err = read_meminfo(os, &b, &mi, PSV_MI_MEMTOTAL, PSV_MI_MEMFREE);
  int64_t low = -1;
  /* zoneinfo is needed only by kernels without MemAvailable (< 3.14). */
  if (!err && !(mi.has & (1u << PSV_MI_MEMAVAILABLE)) &&
      psv_linux_procfs_read(os, "zoneinfo", &b) == 0) {
    low = (int64_t)psv_parse_zoneinfo_low(b.p, b.n);
  }
  if (!err) psv_vmem_compute(&mi, low, psv_linux_page_size(), out);
  psv_buf_free(&b);
  return err ? psv_linux_fail_under(os, err, "meminfo", psv_linux_procfs(os)) : 0;
}

/* psutil's swap_memory(). psutil converts pswpin/pswpout with a fixed 4 KiB;
** this uses the page size, which is the same on x86 and most arm64. */
int psv_swap_memory(psv_os *os, psv_swap *out) {
  psv_buf b = {0};
  psv_meminfo mi;
  memset(out, 0, sizeof *out);
  int err = read_meminfo(os, &b, &mi, PSV_MI_SWAPTOTAL, PSV_MI_SWAPFREE);
  if (!err) {
    out->total = mi.v[PSV_MI_SWAPTOTAL];
    out->free = mi.v[PSV_MI_SWAPFREE];
    /* free above total is a corrupt file: no swap is in use, not 2^64 */
    out->used = out->free > out->total ? 0 : out->total - out->free;
    out->percent = out->total ? psv_percent_1((double)out->used, (double)out->total) : 0.0;
    uint64_t in, outp;
    if (psv_linux_procfs_read(os, "vmstat", &b) == 0 &&
        psv_parse_vmstat_swap(b.p, b.n, &in, &outp) == 0) {
      out->sin = in * (uint64_t)psv_linux_page_size();
      out->sout = outp * (uint64_t)psv_linux_page_size();
      out->has_sin_sout = 1;
    }
  }
  psv_buf_free(&b);
  return err ? psv_linux_fail_under(os, err, "meminfo", psv_linux_procfs(os)) : 0;
}
