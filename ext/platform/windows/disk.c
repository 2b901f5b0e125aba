/*
** disk.c (ext/platform/windows/) — drives as psutil's disk_partitions()
** gives them on Windows (GetLogicalDriveStrings, GetDriveType,
** GetVolumeInformation), disk_usage() (GetDiskFreeSpaceEx) and
** disk_io_counters() (IOCTL_DISK_PERFORMANCE on each physical drive).
*/
#include "windows.h"

#include <winioctl.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct psv_mounts {
  WCHAR drives[512];   /* "C:\\\0D:\\\0\0" */
  const WCHAR *at;
  int all;
  psv_buf device, fstype;
  char opts[64];
};

int psv_mounts_open(psv_os *os, int all, psv_mounts **out) {
  psv_mounts *m = psv_calloc(sizeof *m);
  if (!m) return psv_win_fail(os, "the drives", ENOMEM);
  DWORD n = GetLogicalDriveStringsW(sizeof m->drives / sizeof m->drives[0] - 1, m->drives);
  if (n == 0 || n >= sizeof m->drives / sizeof m->drives[0]) {
    DWORD code = GetLastError();
    psv_free(m);
    *out = NULL;
    return psv_win_fail(os, "GetLogicalDriveStrings", n ? ENOMEM : psv_win_errno(code));
  }
  m->at = m->drives;
  m->all = all;
  *out = m;
  return 0;
}

/* psutil's names of the drive types, after "rw" or "ro" in opts. */
static const char *drive_type(UINT type) {
  switch (type) {
    case DRIVE_FIXED: return "fixed";
    case DRIVE_REMOVABLE: return "removable";
    case DRIVE_CDROM: return "cdrom";
    case DRIVE_REMOTE: return "remote";
    case DRIVE_RAMDISK: return "ramdisk";
    case DRIVE_NO_ROOT_DIR: return "norootdir";
    default: return "unknown";
  }
}

/* One drive: 1 when it is a row (without `all`, psutil leaves out the
** drives with no medium and the ones it cannot tell the type of). */
static int drive_entry(psv_mounts *m, const WCHAR *root) {
  UINT type = GetDriveTypeW(root);
  WCHAR fs[MAX_PATH + 1] = {0};
  DWORD flags = 0;
  BOOL known = GetVolumeInformationW(root, NULL, 0, NULL, NULL, &flags, fs, MAX_PATH + 1);
  if (!m->all && (!known || type == DRIVE_UNKNOWN || type == DRIVE_NO_ROOT_DIR)) return 0;
  m->device.n = m->fstype.n = 0;
  if (psv_win_utf8(root, wcslen(root), &m->device) || psv_win_utf8(fs, wcslen(fs), &m->fstype))
    return -ENOMEM;
  const char *rw = known && (flags & FILE_READ_ONLY_VOLUME) ? "ro" : "rw";
  size_t n = strlen(rw), t = strlen(drive_type(type));
  memcpy(m->opts, rw, n);
  m->opts[n] = ',';
  memcpy(m->opts + n + 1, drive_type(type), t + 1);
  return 1;
}

int psv_mounts_next(psv_mounts *m, psv_mount *out) {
  while (*m->at) {
    const WCHAR *root = m->at;
    m->at += wcslen(root) + 1;
    int rc = drive_entry(m, root);
    if (rc < 0) return 0;   /* out of memory: the listing ends */
    if (rc == 0) continue;
    out->device = out->mountpoint = m->device.p;
    out->device_len = out->mountpoint_len = m->device.n;
    out->fstype = m->fstype.p;
    out->fstype_len = m->fstype.n;
    out->opts = m->opts;
    out->opts_len = strlen(m->opts);
    return 1;
  }
  return 0;
}

void psv_mounts_close(psv_mounts *m) {
  if (!m) return;
  psv_buf_free(&m->device);
  psv_buf_free(&m->fstype);
  psv_free(m);
}

/* psutil's disk_usage() on Windows: total and the free bytes of the
** volume; used is the rest. */
int psv_disk_usage_of(psv_os *os, const char *path, psv_disk_usage *out) {
  memset(out, 0, sizeof *out);
  WCHAR *w = psv_win_utf16(path);
  if (!w) return psv_win_fail(os, "disk usage", ENOMEM);
  ULARGE_INTEGER avail, total, free_bytes;
  BOOL ok = GetDiskFreeSpaceExW(w, &avail, &total, &free_bytes);
  DWORD code = GetLastError();
  psv_free(w);
  if (!ok) return psv_win_fail(os, "GetDiskFreeSpaceEx", psv_win_errno(code));
  out->total = total.QuadPart;
  out->free = free_bytes.QuadPart;
  out->used = out->total > out->free ? out->total - out->free : 0;
  out->percent = psv_percent_1((double)out->used, (double)out->total);
  return 0;
}

/* ---- disk_io_counters() ---------------------------------------------------- */

/* psutil tries \\.\PhysicalDrive0 to 32: there is no count to ask for. */
#define LAST_DRIVE 32

struct psv_disks { int next_drive; };

int psv_disks_open(psv_os *os, psv_disks **out) {
  *out = psv_calloc(sizeof **out);
  return *out ? 0 : psv_win_fail(os, "disk counters", ENOMEM);
}

/* The counters of drive n: 1 when it opened and answered. A drive that
** is not there, cannot be opened or does not keep counters (the ioctl
** fails: "diskperf -y" off, exotic drivers, wine) is no row, not an
** error: psutil leaves out the last two kinds too. */
static int drive_counters(int n, DISK_PERFORMANCE *perf) {
  WCHAR path[32];
  swprintf(path, sizeof path / sizeof path[0], L"\\\\.\\PhysicalDrive%d", n);
  HANDLE h = CreateFileW(path, 0, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
  if (h == INVALID_HANDLE_VALUE) return 0;
  DWORD got = 0;
  BOOL ok = DeviceIoControl(h, IOCTL_DISK_PERFORMANCE, NULL, 0, perf, sizeof *perf, &got, NULL);
  CloseHandle(h);
  return ok && got >= sizeof *perf;
}

int psv_disks_next(psv_disks *d, psv_disk *out) {
  while (d->next_drive <= LAST_DRIVE) {
    int n = d->next_drive++;
    DISK_PERFORMANCE perf;
    if (!drive_counters(n, &perf)) continue;
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "PhysicalDrive%d", n);
    out->is_partition = 0;
    out->have = PSV_DISK_RW_TIMES;
    out->read_count = perf.ReadCount;
    out->write_count = perf.WriteCount;
    out->read_bytes = (uint64_t)perf.BytesRead.QuadPart;
    out->write_bytes = (uint64_t)perf.BytesWritten.QuadPart;
    /* 100 ns units to milliseconds */
    out->read_time = (uint64_t)perf.ReadTime.QuadPart / 10000;
    out->write_time = (uint64_t)perf.WriteTime.QuadPart / 10000;
    return 1;
  }
  return 0;
}

void psv_disks_close(psv_disks *d) { psv_free(d); }
