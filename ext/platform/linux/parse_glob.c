/*
** parse_glob.c — does a name match one component of a file pattern, as
** osquery's file table reads `path LIKE '/etc/%.conf'`: '%' stands for any
** run of bytes (glob's '*', which osquery turns it into), every other byte
** for itself, and a name that starts with '.' matches only a pattern that
** starts with '.' (glob(3) hides those from '*'). Pure: bytes in, answer out.
*/
#include "linux.h"

/* '%' matches any run: the classic two-pointer walk, which goes back only
** to the last '%' seen, so a pattern of n bytes over a name of m bytes
** costs O(n * m) at worst and never recurses. */
int psv_glob_name_match(const char *pat, size_t plen, const char *name, size_t nlen) {
  if (nlen > 0 && name[0] == '.' && (plen == 0 || pat[0] != '.')) return 0;
  size_t p = 0, n = 0;
  size_t star = (size_t)-1, resume = 0;
  while (n < nlen) {
    if (p < plen && pat[p] == '%') {
      star = p++;
      resume = n;
    } else if (p < plen && pat[p] == name[n]) {
      p++;
      n++;
    } else if (star != (size_t)-1) {
      p = star + 1;
      n = ++resume;
    } else {
      return 0;
    }
  }
  while (p < plen && pat[p] == '%') p++;
  return p == plen;
}
