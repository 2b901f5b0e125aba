/*
** osquery_kernel_info.c — osquery's kernel_info: one row, the running
** kernel's release and its boot command line.
**
**   SELECT version, path, device, arguments FROM kernel_info;
*/
#include "osquery.h"

enum { COL_VERSION, COL_ARGUMENTS, COL_PATH, COL_DEVICE, N_COLUMNS };

static const psv_column columns[N_COLUMNS] = {
  [COL_VERSION] = {"version", "TEXT", NULL, "the kernel's release (6.1.0-13-amd64)", 0},
  [COL_ARGUMENTS] = {"arguments", "TEXT", NULL,
    "the boot command line less BOOT_IMAGE= and root=, joined by single spaces", 0},
  [COL_PATH] = {"path", "TEXT", NULL, "the kernel image booted (BOOT_IMAGE=); NULL when not given", 0},
  [COL_DEVICE] = {"device", "TEXT", NULL, "the root device (root=); NULL when not given", 0},
};

typedef struct kernel_state { psv_buf buf; int done; } kernel_state;

static int kernel_begin(void *state, psv_scan *scan) {
  (void)scan;
  ((kernel_state *)state)->done = 0;
  return PSV_ROW;
}

static int kernel_next(void *state, psv_scan *scan, psv_value *row) {
  kernel_state *st = state;
  if (st->done++) return PSV_EOF;
  psv_kernel_info k;
  int err = psv_kernel_info_read(scan->os, &st->buf, &k);
  if (err) return psv_os_fail(scan, err);
  psv_set_str(&row[COL_VERSION], k.version);
  if (k.has_arguments) psv_set_str(&row[COL_ARGUMENTS], k.arguments);
  psv_set_str(&row[COL_PATH], k.image_path);
  psv_set_str(&row[COL_DEVICE], k.root_device);
  return PSV_ROW;
}

static void kernel_end(void *state) { (void)state; }

static void kernel_destroy(void *state) {
  psv_buf_free(&((kernel_state *)state)->buf);
}

const psv_table psv_table_osquery_kernel_info = {
  .name = "osquery_kernel_info",
  .platforms = "linux",
  .doc = "osquery's kernel_info: the running kernel's release and boot arguments",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_KERNEL,
  .full_scan_rows = 1,
  .state_size = sizeof(kernel_state),
  .begin = kernel_begin,
  .next = kernel_next,
  .end = kernel_end,
  .destroy = kernel_destroy,
};
