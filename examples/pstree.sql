-- The process tree as an indented list, like pstree: each process under
-- its parent, children in pid order.
WITH RECURSIVE tree(pid, depth, path) AS (
  SELECT pid, 0, printf('%08d', pid) FROM processes WHERE ppid = 0
  UNION ALL
  SELECT c.pid, t.depth + 1, t.path || '/' || printf('%08d', c.pid)
  FROM processes c JOIN tree t ON c.ppid = t.pid
)
SELECT printf('%*s%d %s', t.depth * 2, '', t.pid, p.name) AS tree
FROM tree t JOIN processes p USING (pid)
ORDER BY t.path;
