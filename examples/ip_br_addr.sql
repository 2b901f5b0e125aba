-- An interface summary like `ip -br addr`: name, state, MTU, addresses.
SELECT s.interface, CASE WHEN s.isup THEN 'UP' ELSE 'DOWN' END AS state, s.mtu,
       (SELECT group_concat(a.address, ' ') FROM net_if_addrs a
        WHERE a.interface = s.interface AND a.family <> 'AF_LINK') AS addresses
FROM net_if_stats s
ORDER BY s.interface;
