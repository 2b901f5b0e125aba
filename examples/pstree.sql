-- The process tree as an indented list, like pstree.
-- Each process under its parent, children in pid order. Each level reads
-- the processes again:
-- (pid, create_time) keeps a pid reused meanwhile from pairing with
-- another process, and a parent started no later than its child.
WITH RECURSIVE tree(pid, create_time, depth, path) AS (
  SELECT pid, create_time, 0, printf('%08d', pid) FROM processes WHERE ppid = 0
  UNION ALL
  SELECT c.pid, c.create_time, t.depth + 1, t.path || '/' || printf('%08d', c.pid)
  FROM processes c JOIN tree t ON c.ppid = t.pid AND c.create_time >= t.create_time
)
SELECT printf('%*s%d %s', t.depth * 2, '', t.pid, p.name) AS tree
FROM tree t JOIN processes p USING (pid, create_time)
ORDER BY t.path;
