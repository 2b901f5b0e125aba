-- What waits for connections, and which program holds it, like ss -ltnup.
-- TCP listeners and bound UDP sockets, by port.
SELECT CASE l.type WHEN 'SOCK_STREAM' THEN 'tcp' ELSE 'udp' END
         || CASE l.family WHEN 'AF_INET6' THEN '6' ELSE '' END AS Proto,
       l.address AS Address, l.port AS Port, l.pid AS PID, p.name AS Program
FROM listening_ports l LEFT JOIN processes p USING (pid, create_time)
WHERE l.family != 'AF_UNIX'
ORDER BY l.port, Proto, l.pid;
