using System.Threading.RateLimiting;

namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// Limits applied inside the app. At a venue everyone shares one public IP, so what people post is limited
/// per account; joining (before there is an account) is limited per client address, generously enough for
/// a hall of 140 people arriving at once. Password sign-ins have their own growing delays (SignInThrottle).
/// </summary>
public sealed class RateLimits : IDisposable
{
    // Joins: a hall of 140 arriving at once behind one IP fits in the burst. Posts (cards, offers, contact
    // requests): ten a minute per person.
    private readonly PartitionedRateLimiter<string> _joins = Buckets<string>(burst: 200, perMinute: 100);
    private readonly PartitionedRateLimiter<Guid> _posts = Buckets<Guid>(burst: 10, perMinute: 10);

    // Draft saves: the form saves once per pause in the typing (400 ms), so even quick typing with a pause after
    // every word stays near two a second; 60 at once covers several tabs and a reconnect. A refused save is put
    // off, not lost: the browser keeps the text and saves it again after the wait (DraftAutosave).
    private readonly PartitionedRateLimiter<Guid> _drafts = PartitionedRateLimiter.Create<Guid, Guid>(person =>
        RateLimitPartition.GetTokenBucketLimiter(person, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 60,
            TokensPerPeriod = 2,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>One join from a client address (the venue's shared IP counts as one).</summary>
    public RateLimitDecision TryJoin(string clientKey) => Acquire(_joins.AttemptAcquire(clientKey));

    /// <summary>One posting action (card, offer, contact request) by a person: ten a minute, in bursts of ten.</summary>
    public RateLimitDecision TryPost(Guid personId) => Acquire(_posts.AttemptAcquire(personId));

    /// <summary>One draft save by a person: 60 at once, then two a second.</summary>
    public RateLimitDecision TrySaveDraft(Guid personId) => Acquire(_drafts.AttemptAcquire(personId));

    public void Dispose()
    {
        _joins.Dispose();
        _posts.Dispose();
        _drafts.Dispose();
    }

    private static PartitionedRateLimiter<TKey> Buckets<TKey>(int burst, int perMinute)
        where TKey : notnull =>
        PartitionedRateLimiter.Create<TKey, TKey>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perMinute,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    private static RateLimitDecision Acquire(RateLimitLease lease)
    {
        using (lease)
        {
            if (lease.IsAcquired)
            {
                return RateLimitDecision.Allowed;
            }

            var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(30);
            return new RateLimitDecision(false, retry < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retry);
        }
    }
}

/// <summary>Whether an action may go ahead, and if not, when to try again.</summary>
public sealed record RateLimitDecision(bool IsAllowed, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allowed { get; } = new(true, TimeSpan.Zero);

    /// <summary>Whole seconds to wait, for a message such as "try again in 12 seconds".</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);
}
