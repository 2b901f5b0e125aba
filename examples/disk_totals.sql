-- Disk totals without double counting the partitions.
-- Partitions are inside their disks: only whole disks are summed
-- (psutil's disk_io_counters(perdisk=False)).
SELECT count(*) AS disks,
       format_bytes(sum(read_bytes)) AS read, format_bytes(sum(write_bytes)) AS written,
       sum(read_count) AS reads, sum(write_count) AS writes,
       sum(busy_time) AS busy_ms
FROM disk_io
WHERE NOT is_partition;
