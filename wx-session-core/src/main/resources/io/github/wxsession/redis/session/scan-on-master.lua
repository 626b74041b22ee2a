-- One page of SCAN, as a script so that it runs on the master (see read-on-master.lua): a replica may
-- not have a session yet, and a cursor must not move between servers. No TYPE (Redis 6.0 and later):
-- the pattern matches session hashes alone.
-- ARGV[1] the cursor, ARGV[2] the MATCH pattern, ARGV[3] the COUNT.
-- Reply: {next cursor, {keys}}
return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
