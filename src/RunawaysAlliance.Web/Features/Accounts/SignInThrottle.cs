namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>How one kind of key (a user name, a client address) is slowed down after failed password sign-ins.</summary>
/// <param name="FreeFailures">Failures that cost nothing (typos happen).</param>
/// <param name="FirstDelay">The wait after the first failure beyond the free ones; it doubles with each further one.</param>
/// <param name="MaxDelay">The longest wait, however many failures: an owner is never kept out longer than this.</param>
/// <param name="ForgetOneFailureEvery">Failures fade: one is forgotten per this much quiet time after the wait, so a quiet key recovers.</param>
public sealed record ThrottlePolicy(int FreeFailures, TimeSpan FirstDelay, TimeSpan MaxDelay, TimeSpan ForgetOneFailureEvery)
{
    /// <summary>The wait after <paramref name="failures"/> failures.</summary>
    public TimeSpan DelayAfter(double failures)
    {
        var beyond = (int)Math.Ceiling(failures) - FreeFailures;
        if (beyond < 0)
        {
            return TimeSpan.Zero;
        }

        // 2^beyond overflows nothing: the cap is reached long before 30 doublings.
        var delay = FirstDelay * Math.Pow(2, Math.Min(beyond, 30));
        return delay < MaxDelay ? delay : MaxDelay;
    }
}

/// <summary>
/// Slows down password guessing with growing delays, per user name and per client address, instead of locking
/// accounts (ADR 0006). A stranger can make a password sign-in wait at most <see cref="ThrottlePolicy.MaxDelay"/>
/// and can never stop a passkey sign-in: passkeys do not pass through here at all.
/// <para>
/// The state is in memory, per instance. Per user name it is keyed by the name as typed (normalized), whether or
/// not an account has it, so a refusal tells nothing about which names exist; Identity's AccessFailedCount and
/// LockoutEnd are not used (lockout is off). With several instances a guesser gets each instance's allowance, and
/// a restart forgets the state: both only shift the growing delays by a few steps.
/// </para>
/// <para>
/// An attempt counts as a failure from the moment it is let through (so a burst of parallel attempts cannot slip
/// past the free ones) until it succeeds: a success clears the user name's failures and refunds the client's.
/// A refused attempt neither checks the password nor counts.
/// </para>
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    /// <summary>Per user name: five free failures, then 1 s, 2 s, 4 s … at most a minute between attempts.</summary>
    public static readonly ThrottlePolicy AccountPolicy = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    /// <summary>
    /// Per client address: a venue shares one public address, so twenty free failures, then the same growth.
    /// This slows a guesser who tries many user names from one place.
    /// </summary>
    public static readonly ThrottlePolicy ClientPolicy = new(20, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    /// <summary>Keys kept per ledger before faded ones are swept (and, past that, the stalest dropped).</summary>
    internal const int MaxKeys = 100_000;

    private readonly Lock _gate = new();
    private readonly Ledger _accounts = new(AccountPolicy);
    private readonly Ledger _clients = new(ClientPolicy);

    /// <summary>
    /// Asks to check a password for <paramref name="userName"/> from <paramref name="clientKey"/>. When allowed, the
    /// attempt already counts as a failure; call <see cref="Succeeded"/> if the password was right.
    /// </summary>
    public SignInAttempt TryBegin(string userName, string clientKey)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(clientKey);
        var account = userName.Trim().ToUpperInvariant();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var wait = Max(_accounts.WaitFor(account, now), _clients.WaitFor(clientKey, now));
            if (wait > TimeSpan.Zero)
            {
                return SignInAttempt.Refused(wait);
            }

            _accounts.CountFailure(account, now);
            _clients.CountFailure(clientKey, now);
            return SignInAttempt.Allowed(account, clientKey);
        }
    }

    /// <summary>The password was right: the user name starts afresh, and the client gets this attempt back.</summary>
    public void Succeeded(SignInAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (!attempt.IsAllowed)
        {
            return;
        }

        lock (_gate)
        {
            _accounts.Forget(attempt.AccountKey!);
            _clients.Refund(attempt.ClientKey!);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Failures per key, fading with time; not thread-safe (the throttle's lock guards it).</summary>
    private sealed class Ledger(ThrottlePolicy policy)
    {
        private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

        public TimeSpan WaitFor(string key, DateTimeOffset now) =>
            _entries.TryGetValue(key, out var entry) && entry.NotBefore > now ? entry.NotBefore - now : TimeSpan.Zero;

        public void CountFailure(string key, DateTimeOffset now)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                MakeRoom(now);
                entry = new Entry();
                _entries[key] = entry;
            }

            Fade(entry, now);
            entry.Failures += 1;
            entry.LastFailure = now;
            entry.NotBefore = now + policy.DelayAfter(entry.Failures);
        }

        public void Forget(string key) => _entries.Remove(key);

        public void Refund(string key)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                entry.Failures = Math.Max(0, entry.Failures - 1);
                entry.NotBefore = entry.LastFailure + policy.DelayAfter(entry.Failures);
            }
        }

        // Forgetting starts once the wait is over: time spent waiting out a delay is the penalty, not a pardon.
        private void Fade(Entry entry, DateTimeOffset now)
        {
            var elapsed = now - (entry.Faded > entry.NotBefore ? entry.Faded : entry.NotBefore);
            if (elapsed > TimeSpan.Zero)
            {
                entry.Failures = Math.Max(0, entry.Failures - (elapsed / policy.ForgetOneFailureEvery));
                entry.Faded = now;
            }
        }

        // Someone spraying many user names must not grow memory without end: faded keys go first, then the stalest.
        private void MakeRoom(DateTimeOffset now)
        {
            if (_entries.Count < MaxKeys)
            {
                return;
            }

            foreach (var (key, entry) in _entries.ToList())
            {
                Fade(entry, now);
                if (entry.Failures <= 0 && entry.NotBefore <= now)
                {
                    _entries.Remove(key);
                }
            }

            if (_entries.Count >= MaxKeys)
            {
                foreach (var key in _entries.OrderBy(e => e.Value.LastFailure).Take(MaxKeys / 10).Select(e => e.Key).ToList())
                {
                    _entries.Remove(key);
                }
            }
        }

        private sealed class Entry
        {
            public double Failures { get; set; }

            public DateTimeOffset Faded { get; set; } = DateTimeOffset.MinValue;

            public DateTimeOffset LastFailure { get; set; }

            public DateTimeOffset NotBefore { get; set; }
        }
    }
}

/// <summary>The throttle's answer: go ahead (and report back on success), or wait <see cref="RetryAfter"/>.</summary>
public sealed record SignInAttempt(bool IsAllowed, TimeSpan RetryAfter, string? AccountKey, string? ClientKey)
{
    public static SignInAttempt Allowed(string accountKey, string clientKey) => new(true, TimeSpan.Zero, accountKey, clientKey);

    public static SignInAttempt Refused(TimeSpan retryAfter) => new(false, retryAfter, null, null);

    /// <summary>Whole seconds to wait (at least one), for "try again in 12 seconds".</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
