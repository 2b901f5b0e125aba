-- Which processes were started with MYAPP set, and to what?
-- (psutil's "find the process started with MYAPP set"; edit the key.)
SELECT e.pid, p.name, e.value
FROM process_environ e JOIN processes p USING (pid, create_time)
WHERE e.key = 'MYAPP'
ORDER BY e.pid;
