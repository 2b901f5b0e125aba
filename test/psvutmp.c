/*
** psvutmp.c — writes a utmp file for the users tests with the C library's
** own writer (utmpxname + pututxline), so that the records are laid out as
** this system's getutxent reads them.
**
**   psvutmp FILE TYPE USER LINE HOST SECONDS PID [TYPE USER ...]
**
** TYPE is user, login, dead or boot (USER_PROCESS, LOGIN_PROCESS,
** DEAD_PROCESS, BOOT_TIME). Each record also gets ut_id from LINE's last
** four bytes (pututxline finds the slot to write by type and id) and
** tv_usec 500000, which psutil and psvtab drop.
*/
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmpx.h>

static int record_type(const char *name) {
  if (strcmp(name, "user") == 0) return USER_PROCESS;
  if (strcmp(name, "login") == 0) return LOGIN_PROCESS;
  if (strcmp(name, "dead") == 0) return DEAD_PROCESS;
  if (strcmp(name, "boot") == 0) return BOOT_TIME;
  return -1;
}

/* strncpy's zero padding is wanted here: fixed fields, NUL only if short. */
static void put_field(char *dst, size_t size, const char *src) {
  memset(dst, 0, size);
  memcpy(dst, src, strlen(src) < size ? strlen(src) : size);
}

int main(int argc, char **argv) {
  if (argc < 2 || (argc - 2) % 6 != 0) {
    fprintf(stderr, "usage: psvutmp FILE TYPE USER LINE HOST SECONDS PID ...\n");
    return 2;
  }
  int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || close(fd) != 0 || utmpxname(argv[1]) != 0) {
    perror(argv[1]);
    return 1;
  }
  setutxent();
  for (int i = 2; i < argc; i += 6) {
    struct utmpx ut;
    memset(&ut, 0, sizeof ut);
    int type = record_type(argv[i]);
    if (type < 0) {
      fprintf(stderr, "psvutmp: unknown type '%s'\n", argv[i]);
      return 2;
    }
    ut.ut_type = (short)type;
    put_field(ut.ut_user, sizeof ut.ut_user, argv[i + 1]);
    put_field(ut.ut_line, sizeof ut.ut_line, argv[i + 2]);
    size_t n = strlen(argv[i + 2]);
    put_field(ut.ut_id, sizeof ut.ut_id, argv[i + 2] + (n > 4 ? n - 4 : 0));
    put_field(ut.ut_host, sizeof ut.ut_host, argv[i + 3]);
    ut.ut_tv.tv_sec = (int32_t)strtol(argv[i + 4], NULL, 10);
    ut.ut_tv.tv_usec = 500000;
    ut.ut_pid = (pid_t)strtol(argv[i + 5], NULL, 10);
    if (!pututxline(&ut)) {
      perror("pututxline");
      return 1;
    }
  }
  endutxent();
  return 0;
}
