-- Processes whose executable was deleted (or replaced) while they run.
-- After an upgrade they still run the old binary; an intruder's tool may
-- hide this way.
SELECT pid, username, name, exe, cmdline
FROM processes
WHERE exe_deleted
ORDER BY pid;
