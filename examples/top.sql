-- The busiest processes over the last second, like top.
-- CPU% is sampled over 1 s (100 is one CPU's worth); RES is the resident
-- memory. `psvtab --watch 2 top` redraws it every 2 seconds.
SELECT p.pid AS PID, p.username AS User, c.cpu_percent AS "CPU%",
       format_bytes(p.rss) AS RES, p.status AS State, p.name AS Command
FROM process_cpu_percent(1) c JOIN processes p USING (pid, create_time)
ORDER BY c.cpu_percent DESC, p.rss DESC, p.pid
LIMIT 20;
