-- Who uses the most memory of their own (USS), like smem.
-- USS (memory freed if the process exited), PSS and swap per process, like
-- smem and psutil's procsmem.py.
SELECT p.pid AS PID, p.username AS User, substr(p.cmdline, 1, 50) AS Cmdline,
       format_bytes(m.uss) AS USS, format_bytes(m.pss) AS PSS,
       format_bytes(m.swap) AS Swap, format_bytes(m.rss) AS RSS
FROM processes p JOIN process_memory m USING (pid, create_time)
WHERE m.uss > 0
ORDER BY m.uss DESC
LIMIT 15;
