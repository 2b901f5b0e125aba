/*
** osquery_system_info.c — osquery's system_info: one row naming the
** machine: host name, CPU, memory, and the firmware's (SMBIOS) system and
** board. psvtab's own system_info (psutil's counts and names) stays
** main.system_info.
**
**   SELECT hostname, cpu_brand, physical_memory, hardware_model FROM system_info;
*/
#include "osquery.h"

#include <stdio.h>

enum {
  COL_HOSTNAME, COL_UUID, COL_CPU_TYPE, COL_CPU_SUBTYPE, COL_CPU_BRAND, COL_CPU_PHYSICAL_CORES,
  COL_CPU_LOGICAL_CORES, COL_CPU_SOCKETS, COL_CPU_MICROCODE, COL_PHYSICAL_MEMORY,
  COL_HARDWARE_VENDOR, COL_HARDWARE_MODEL, COL_HARDWARE_VERSION, COL_HARDWARE_SERIAL,
  COL_BOARD_VENDOR, COL_BOARD_MODEL, COL_BOARD_VERSION, COL_BOARD_SERIAL, COL_COMPUTER_NAME,
  COL_LOCAL_HOSTNAME, N_COLUMNS
};

static const psv_column columns[N_COLUMNS] = {
  [COL_HOSTNAME] = {"hostname", "TEXT", NULL, "the host's name (uname; osquery asks the resolver for a domain too)", 0},
  [COL_UUID] = {"uuid", "TEXT", NULL, "the firmware's system UUID (root's to read); '' when not known", 0},
  [COL_CPU_TYPE] = {"cpu_type", "TEXT", NULL, "the machine's hardware name (x86_64, aarch64)", 0},
  [COL_CPU_SUBTYPE] = {"cpu_subtype", "TEXT", NULL, "the CPU's model number; '0' when none", 0},
  [COL_CPU_BRAND] = {"cpu_brand", "TEXT", NULL, "the CPU's brand string", 0},
  [COL_CPU_PHYSICAL_CORES] = {"cpu_physical_cores", "INTEGER", NULL, "physical cores", 0},
  [COL_CPU_LOGICAL_CORES] = {"cpu_logical_cores", "INTEGER", NULL, "logical CPUs online; -1 when unknown", 0},
  [COL_CPU_SOCKETS] = {"cpu_sockets", "INTEGER", NULL,
    "logical CPUs / siblings of a package: the number of packages; -1 when unknown", 0},
  [COL_CPU_MICROCODE] = {"cpu_microcode", "TEXT", NULL, "the CPU's microcode version", 0},
  [COL_PHYSICAL_MEMORY] = {"physical_memory", "BIGINT", "bytes", "memory the kernel manages (system_memory.total)", 0},
  [COL_HARDWARE_VENDOR] = {"hardware_vendor", "TEXT", NULL, "the system's maker (SMBIOS)", 0},
  [COL_HARDWARE_MODEL] = {"hardware_model", "TEXT", NULL,
    "the system's model (SMBIOS; a Lenovo's version string, as osquery swaps them); '' without SMBIOS", 0},
  [COL_HARDWARE_VERSION] = {"hardware_version", "TEXT", NULL, "the system's version (SMBIOS)", 0},
  [COL_HARDWARE_SERIAL] = {"hardware_serial", "TEXT", NULL, "the system's serial number (SMBIOS; root's to read)", 0},
  [COL_BOARD_VENDOR] = {"board_vendor", "TEXT", NULL, "the board's maker", 0},
  [COL_BOARD_MODEL] = {"board_model", "TEXT", NULL, "the board's model", 0},
  [COL_BOARD_VERSION] = {"board_version", "TEXT", NULL, "the board's version", 0},
  [COL_BOARD_SERIAL] = {"board_serial", "TEXT", NULL, "the board's serial number (root's to read)", 0},
  [COL_COMPUTER_NAME] = {"computer_name", "TEXT", NULL, "the host's name", 0},
  [COL_LOCAL_HOSTNAME] = {"local_hostname", "TEXT", NULL, "the host's name", 0},
};

typedef struct info_state {
  psv_machine m;
  int64_t logical, cores;
  uint64_t memory;
  int has_memory, done;
} info_state;

static int info_begin(void *state, psv_scan *scan) {
  info_state *st = state;
  st->done = 0;
  int err = psv_machine_read(scan->os, &st->m);
  if (err) return psv_os_fail(scan, err);
  psv_system sys;
  err = psv_system_read(scan->os, PSV_SYS_CPUS_LOGICAL | PSV_SYS_CPUS_PHYSICAL, &sys);
  if (err) return psv_os_fail(scan, err);
  st->logical = (sys.have & PSV_SYS_CPUS_LOGICAL) ? sys.cpu_count_logical : 0;
  st->cores = (sys.have & PSV_SYS_CPUS_PHYSICAL) ? sys.cpu_count_physical : 0;
  /* memory that cannot be read is osquery's -1, not an error */
  psv_vmem vm;
  err = psv_virtual_memory(scan->os, &vm);
  if (err && psv_is_resource_errno(err)) return psv_os_fail(scan, err);
  st->has_memory = !err;
  st->memory = err ? 0 : vm.total;
  return PSV_ROW;
}

static void set_known(psv_value *v, const char *s, int known) {
  if (known) psv_set_bytes(v, s, strlen(s));
}

/* Whether s is `lower` in any case (ASCII). */
static int same_word(const char *s, const char *lower) {
  for (; *s && *lower; s++, lower++) {
    char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
    if (c != *lower) return 0;
  }
  return *s == *lower;
}

static void fill_firmware(const psv_machine *m, psv_value *row) {
  if (!m->has_dmi) {
    psv_set_const(&row[COL_HARDWARE_MODEL], "");
    return;
  }
  unsigned have = m->dmi_have;
  int lenovo = same_word(m->sys_vendor, "lenovo");
  set_known(&row[COL_HARDWARE_VENDOR], m->sys_vendor, have & 1);
  set_known(&row[lenovo ? COL_HARDWARE_VERSION : COL_HARDWARE_MODEL], m->product, have & 2);
  set_known(&row[lenovo ? COL_HARDWARE_MODEL : COL_HARDWARE_VERSION], m->product_version, have & 4);
  set_known(&row[COL_HARDWARE_SERIAL], m->product_serial, have & 8);
  set_known(&row[COL_BOARD_VENDOR], m->board_vendor, have & 32);
  set_known(&row[COL_BOARD_MODEL], m->board, have & 64);
  set_known(&row[COL_BOARD_VERSION], m->board_version, have & 128);
  set_known(&row[COL_BOARD_SERIAL], m->board_serial, have & 256);
}

static int info_next(void *state, psv_scan *scan, psv_value *row) {
  (void)scan;
  info_state *st = state;
  const psv_machine *m = &st->m;
  if (st->done++) return PSV_EOF;
  set_known(&row[COL_HOSTNAME], m->hostname, 1);
  set_known(&row[COL_COMPUTER_NAME], m->hostname, 1);
  set_known(&row[COL_LOCAL_HOSTNAME], m->hostname, 1);
  set_known(&row[COL_UUID], (m->dmi_have & 16) ? m->product_uuid : "", 1);
  set_known(&row[COL_CPU_TYPE], m->machine, m->machine[0] != '\0');
  set_known(&row[COL_CPU_SUBTYPE], m->has_cpu_model ? m->cpu_model : "0", 1);
  set_known(&row[COL_CPU_BRAND], m->cpu_brand, m->has_cpu_brand);
  set_known(&row[COL_CPU_MICROCODE], m->cpu_microcode, m->has_cpu_microcode);
  int64_t logical = st->logical > 0 ? st->logical : -1;
  psv_set_int(&row[COL_CPU_LOGICAL_CORES], logical);
  psv_set_int(&row[COL_CPU_PHYSICAL_CORES], st->cores > 0 ? st->cores : logical);
  if (m->cpu_siblings) psv_set_int(&row[COL_CPU_SOCKETS], logical > 0 ? logical / m->cpu_siblings : -1);
  psv_set_int(&row[COL_PHYSICAL_MEMORY], st->has_memory ? (int64_t)st->memory : -1);
  fill_firmware(m, row);
  return PSV_ROW;
}

static void info_end(void *state) { (void)state; }

const psv_table psv_table_osquery_system_info = {
  .name = "osquery_system_info",
  .platforms = "linux",
  .doc = "osquery's system_info: the machine's names, CPU, memory and firmware identity",
  .columns = columns,
  .n_columns = N_COLUMNS,
  .pid_column = -1,
  .flags = 0,
  .kinds = PSV_KIND_CPU_INFO | PSV_KIND_SYSTEM | PSV_KIND_MEMORY,
  .full_scan_rows = 1,
  .state_size = sizeof(info_state),
  .begin = info_begin,
  .next = info_next,
  .end = info_end,
};
