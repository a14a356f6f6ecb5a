using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// The orders of question lists that cursors walk: a list's ids (for one product, sort and filter) at one version, as
/// the page that began the walk read them. Immutable (the version is in the key), so never stale: kept in this node's
/// memory and in Redis (so the next page may come from any node) for <c>Qa:Cache:CursorLifetime</c>. Bounded by ids
/// held; compacted oldest first.
/// </summary>
internal sealed class QuestionWalks : IDisposable
{
    private const long MaxIds = 4_000_000; // 32 MB of ids at most

    private readonly MemoryCache _walks = new(new MemoryCacheOptions { SizeLimit = MaxIds, CompactionPercentage = 0.1 });
    private readonly RedisL2Cache? _l2;
    private readonly IOptionsMonitor<QaCacheOptions> _options;

    public QuestionWalks(IOptionsMonitor<QaCacheOptions> options, RedisL2Cache? l2 = null)
    {
        _options = options;
        _l2 = l2;
    }

    public async ValueTask KeepAsync(long productId, byte tag, long version, IReadOnlyList<long> order, CancellationToken cancellationToken)
    {
        var key = CacheKeys.QuestionWalk(productId, tag, version);
        if (_walks.TryGetValue(key, out _))
        {
            return;
        }

        var ids = order as long[] ?? [.. order];
        Remember(key, ids);
        if (_l2 is not null)
        {
            var bytes = new byte[ids.Length * sizeof(long)];
            for (var i = 0; i < ids.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), ids[i]);
            }

            await _l2.SetImmutableAsync(key, bytes, _options.CurrentValue.CursorLifetime, cancellationToken);
        }
    }

    public async ValueTask<long[]?> FindAsync(long productId, byte tag, long version, CancellationToken cancellationToken)
    {
        var key = CacheKeys.QuestionWalk(productId, tag, version);
        if (_walks.TryGetValue(key, out long[]? ids))
        {
            return ids;
        }

        if (_l2 is null || await _l2.GetImmutableAsync(key, cancellationToken) is not { Length: > 0 } bytes || bytes.Length % sizeof(long) != 0)
        {
            return null;
        }

        ids = new long[bytes.Length / sizeof(long)];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * sizeof(long)));
        }

        Remember(key, ids);
        return ids;
    }

    public void Dispose() => _walks.Dispose();

    private void Remember(string key, long[] ids)
    {
        using var entry = _walks.CreateEntry(key);
        entry.Value = ids;
        entry.Size = Math.Max(1, ids.Length);
        entry.AbsoluteExpirationRelativeToNow = _options.CurrentValue.CursorLifetime;
    }
}
