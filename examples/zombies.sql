-- Zombies, and the parents that have not reaped them.
-- (A parent started no later than its child: not another process that
-- took the pid since.)
SELECT z.pid AS zombie, z.name, z.ppid AS parent, p.name AS parent_name,
       p.cmdline AS parent_cmdline
FROM processes z LEFT JOIN processes p ON p.pid = z.ppid AND p.create_time <= z.create_time
WHERE z.status = 'zombie'
ORDER BY z.ppid, z.pid;
