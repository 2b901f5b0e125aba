-- Processes still running code deleted since they started (to restart).
-- A library or a binary replaced by an upgrade: they need a restart to run
-- the new one (what needrestart and `lsof | grep DEL` look for).
SELECT DISTINCT m.pid AS PID, p.name AS Program, m.path AS "Deleted file"
FROM process_memory_maps m JOIN processes p USING (pid, create_time)
WHERE m.deleted AND m.perms LIKE '__x_' AND m.path LIKE '/%'
  AND m.path NOT LIKE '/memfd:%'
ORDER BY m.pid, m.path;
