namespace DraftPad.Server.Storage.Redis;

/// <summary>
/// The Lua scripts of the Redis store. Each runs atomically, so a reader never sees a snapshot
/// without the log trimmed to match, and a compaction checks its lease in the same step as its write.
/// Stream ids ("ms-seq") are compared as numbers without converting them to Lua's doubles.
/// </summary>
internal static class RedisScripts
{
    private const string Compare = """
        local function cmp(a, b)
          local am, as = string.match(a, '^(%d+)-(%d+)$')
          local bm, bs = string.match(b, '^(%d+)-(%d+)$')
          if #am ~= #bm then return #am < #bm and -1 or 1 end
          if am ~= bm then return am < bm and -1 or 1 end
          if #as ~= #bs then return #as < #bs and -1 or 1 end
          if as ~= bs then return as < bs and -1 or 1 end
          return 0
        end

        """;

    /// <summary>KEYS: pad. ARGV: snapshot, created. 1 when created, 0 when the pad exists.</summary>
    public const string Create = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'snapshot', ARGV[1], 'upto', '0-0', 'logBytes', 0, 'created', ARGV[2])
        return 1
        """;

    /// <summary>KEYS: pad, log. ARGV: update, node. Appends to the log, counts its bytes; returns the entry's id.</summary>
    public const string Append = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('DRAFTPAD_NO_PAD') end
        local id = redis.call('XADD', KEYS[2], '*', 'u', ARGV[1], 'n', ARGV[2])
        redis.call('HINCRBY', KEYS[1], 'logBytes', string.len(ARGV[1]))
        return id
        """;

    /// <summary>
    /// KEYS: pad, log. ARGV: position ('' for everything), most entries, last id to read ('+': all). Returns
    /// {from, snapshot or nil, entries, snapshot bytes, log bytes, log length}, or nil without the pad.
    /// The snapshot comes with a load, and whenever a compaction went past the position.
    /// </summary>
    public const string Read = Compare + """
        local meta = redis.call('HMGET', KEYS[1], 'upto', 'logBytes')
        if not meta[1] then return false end
        local from = ARGV[1]
        local snapshot = false
        if from == '' or cmp(meta[1], from) > 0 then
          snapshot = redis.call('HGET', KEYS[1], 'snapshot')
          from = meta[1]
        end
        local entries = redis.call('XRANGE', KEYS[2], '(' .. from, ARGV[3], 'COUNT', tonumber(ARGV[2]))
        return { from, snapshot, entries, redis.call('HSTRLEN', KEYS[1], 'snapshot'), tonumber(meta[2] or '0'), redis.call('XLEN', KEYS[2]) }
        """;

    /// <summary>
    /// KEYS: pad, log, lease. ARGV: snapshot, position, lease token ('' = no lease: the snapshot holds
    /// everything appended so far). Returns {'compacted', position} | {'superseded'} | {'lease-lost'}.
    /// </summary>
    public const string Compact = Compare + """
        local upto = redis.call('HGET', KEYS[1], 'upto')
        if not upto then return redis.error_reply('DRAFTPAD_NO_PAD') end
        local pos = ARGV[2]
        if ARGV[3] ~= '' then
          if redis.call('GET', KEYS[3]) ~= ARGV[3] then return { 'lease-lost' } end
          if cmp(pos, upto) <= 0 then return { 'superseded' } end
        else
          pos = upto
          local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
          if #last > 0 and cmp(last[1][1], pos) > 0 then pos = last[1][1] end
        end
        redis.call('HSET', KEYS[1], 'snapshot', ARGV[1], 'upto', pos)
        local ms, seq = string.match(pos, '^(%d+)-(%d+)$')
        if redis.call('EXISTS', KEYS[2]) == 1 then
          redis.call('XTRIM', KEYS[2], 'MINID', ms .. '-' .. string.format('%d', tonumber(seq) + 1))
        end
        local bytes = 0
        for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '-', '+')) do
          local fields = entry[2]
          for i = 1, #fields, 2 do
            if fields[i] == 'u' then bytes = bytes + string.len(fields[i + 1]) end
          end
        end
        redis.call('HSET', KEYS[1], 'logBytes', bytes)
        return { 'compacted', pos }
        """;

    /// <summary>KEYS: lease. ARGV: token. Deletes the lease only if this token still holds it.</summary>
    public const string ReleaseLease = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    /// <summary>KEYS: pad, images, image types. ARGV: name, content, content type.</summary>
    public const string SaveImage = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('DRAFTPAD_NO_PAD') end
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
        redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
        return 1
        """;

    /// <summary>KEYS: images, image types. Returns {name, type, size} sorted by name.</summary>
    public const string ListImages = """
        local names = redis.call('HKEYS', KEYS[1])
        table.sort(names)
        local out = {}
        for _, name in ipairs(names) do
          out[#out + 1] = { name, redis.call('HGET', KEYS[2], name) or '', redis.call('HSTRLEN', KEYS[1], name) }
        end
        return out
        """;

    /// <summary>KEYS: images, image types. ARGV: name. Returns {type, content} or nil.</summary>
    public const string GetImage = """
        local content = redis.call('HGET', KEYS[1], ARGV[1])
        if not content then return false end
        return { redis.call('HGET', KEYS[2], ARGV[1]) or '', content }
        """;

    /// <summary>KEYS: images, image types. ARGV: name. Returns 1 when an image was removed.</summary>
    public const string DeleteImage = """
        local removed = redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        return removed
        """;
}
