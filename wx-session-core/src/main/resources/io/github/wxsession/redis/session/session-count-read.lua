-- Reads the account's live-session count and its version on the master, where a sweep starts.
-- KEYS[1] the live-session counter, KEYS[2] the count's version
-- Reply: {count, version}, each 0 when absent
return {tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0')}
