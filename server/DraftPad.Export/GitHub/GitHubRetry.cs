using System.Globalization;
using System.Net;
using Octokit;

namespace DraftPad.Export.GitHub;

/// <summary>
/// Runs one GitHub request with retries on rate limits (primary and secondary) and transient
/// failures (5xx, network, timeouts), honouring Retry-After and the rate-limit reset time,
/// otherwise backing off exponentially with jitter. Requests are awaited one by one by the
/// exporter, so writes are never sent in parallel. Every failure ends as a
/// <see cref="GitHubExportException"/> whose message says what was being done and why it stopped.
/// </summary>
internal sealed class GitHubRetry(GitHubOptions options, Func<TimeSpan, CancellationToken, Task>? delay = null, TimeProvider? time = null)
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<T> RunAsync<T>(string what, Func<Task<T>> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                return await request();
            }
            catch (Exception e) when (Retryable(e, cancellationToken) is { } reason)
            {
                wait = reason.Wait ?? Backoff(attempt);
                if (attempt >= options.MaxAttempts)
                {
                    throw new GitHubExportException(
                        $"Gave up trying to {what} after {attempt} attempts: {reason.Why}.{(reason.RateLimited ? " Try again later." : "")}", StatusOf(e), e);
                }
                if (wait > options.MaxRetryWait)
                {
                    throw new GitHubExportException(
                        $"GitHub asked to wait {wait.TotalSeconds:0} s before retrying to {what} ({reason.Why}), longer than Export:GitHub:MaxRetryWait; try again later.",
                        StatusOf(e), e);
                }
            }
            catch (AuthorizationException e)
            {
                throw new GitHubExportException($"GitHub refused the credentials while trying to {what} (401 {e.ApiError?.Message ?? "Unauthorized"}): check the token or the App's key and installation.", 401, e);
            }
            catch (ApiException e)
            {
                throw new GitHubExportException($"GitHub refused to {what}: {(int)e.StatusCode} {Describe(e)}", (int)e.StatusCode, e);
            }
            await _delay(wait, cancellationToken);
        }
    }

    private sealed record Reason(string Why, TimeSpan? Wait, bool RateLimited);

    /// <summary>Why <paramref name="e"/> deserves another attempt, and how long to wait (null: back off); null when it does not.</summary>
    private Reason? Retryable(Exception e, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case RateLimitExceededException rate:
                return new Reason($"rate limit exceeded ({(int)rate.StatusCode} {Describe(rate)})", RetryAfter(rate) ?? UntilReset(rate.Reset), true);
            case SecondaryRateLimitExceededException or AbuseException:
                // GitHub's advice without Retry-After: wait at least a minute.
                return new Reason($"secondary rate limit ({Describe((ApiException)e)})", RetryAfter((ApiException)e) ?? TimeSpan.FromMinutes(1), true);
            case ApiException api when Header(api, "x-ratelimit-remaining") == "0" && ResetOf(api) is { } reset:
                // A primary limit answered with 429 (or a 403 whose body Octokit did not recognise).
                return new Reason($"rate limit exceeded ({(int)api.StatusCode} {Describe(api)})", RetryAfter(api) ?? UntilReset(reset), true);
            case ApiException api when api.StatusCode == (HttpStatusCode)429:
                return new Reason($"too many requests (429 {Describe(api)})", RetryAfter(api), true);
            case ApiException api when api.StatusCode == HttpStatusCode.Forbidden && RetryAfter(api) is { } after:
                return new Reason($"secondary rate limit (403 {Describe(api)})", after, true);
            case ApiException api when (int)api.StatusCode >= 500:
                return new Reason($"GitHub failed ({(int)api.StatusCode} {Describe(api)})", RetryAfter(api), false);
            case HttpRequestException http:
                return new Reason($"GitHub could not be reached ({http.Message})", null, false);
            case TaskCanceledException when !cancellationToken.IsCancellationRequested:
                return new Reason("GitHub did not answer in time", null, false);
            default:
                return null;
        }
    }

    private TimeSpan UntilReset(DateTimeOffset reset) => Max(reset - _time.GetUtcNow(), TimeSpan.FromSeconds(1));

    private TimeSpan Backoff(int attempt)
    {
        var baseDelay = options.InitialBackoff * Math.Pow(2, attempt - 1);
        return baseDelay + baseDelay * (Random.Shared.NextDouble() * 0.25);
    }

    private static string? Header(ApiException e, string name) =>
        e.HttpResponse?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static DateTimeOffset? ResetOf(ApiException e) =>
        long.TryParse(Header(e, "x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static TimeSpan? RetryAfter(ApiException e) =>
        int.TryParse(Header(e, "Retry-After"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null;

    /// <summary>GitHub's message plus its validation errors (a 422's reason is in the latter).</summary>
    internal static string Describe(ApiException e)
    {
        var message = e.ApiError?.Message ?? e.Message;
        var details = e.ApiError?.Errors?.Select(x => x.Message).Where(m => !string.IsNullOrEmpty(m)).ToList();
        return details is { Count: > 0 } ? $"{message}: {string.Join("; ", details)}" : message;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static int? StatusOf(Exception e) => e is ApiException api ? (int)api.StatusCode : null;
}
