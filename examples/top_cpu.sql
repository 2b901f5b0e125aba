-- The top CPU-time consumers since they started (user + system seconds).
SELECT pid, username, name, round(cpu_user + cpu_system, 2) AS cpu_seconds,
       round(cpu_user, 2) AS user, round(cpu_system, 2) AS system,
       datetime(create_time, 'unixepoch') AS started
FROM processes
ORDER BY cpu_user + cpu_system DESC, pid
LIMIT 10;
