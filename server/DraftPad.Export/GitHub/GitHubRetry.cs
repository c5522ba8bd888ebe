using System.Globalization;
using System.Net;
using Octokit;

namespace DraftPad.Export.GitHub;

/// <summary>
/// Runs one GitHub request with retries on rate limits (primary and secondary) and transient
/// failures (5xx, network), honouring Retry-After and the rate-limit reset time, otherwise
/// backing off exponentially with jitter. Requests are awaited one by one by the exporter, so
/// writes are never sent in parallel.
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
            catch (Exception e) when (IsRetryable(e, attempt, out wait))
            {
                if (wait > options.MaxRetryWait)
                {
                    throw new GitHubExportException(
                        $"GitHub asked to wait {wait.TotalSeconds:0} s before retrying {what}, longer than Export:GitHub:MaxRetryWait; try again later.",
                        StatusOf(e), e);
                }
            }
            catch (AuthorizationException e)
            {
                throw new GitHubExportException($"GitHub refused the credentials while trying to {what} (401): check the token or the App's key and installation.", 401, e);
            }
            catch (ApiException e)
            {
                throw new GitHubExportException($"GitHub refused to {what}: {(int)e.StatusCode} {Describe(e)}", (int)e.StatusCode, e);
            }
            catch (HttpRequestException e)
            {
                throw new GitHubExportException($"GitHub could not be reached to {what}: {e.Message}", null, e);
            }
            await _delay(wait, cancellationToken);
        }
    }

    private bool IsRetryable(Exception e, int attempt, out TimeSpan wait)
    {
        wait = Backoff(attempt);
        if (attempt >= options.MaxAttempts) return false;
        switch (e)
        {
            case RateLimitExceededException rate:
                wait = RetryAfter(rate) ?? Max(rate.Reset - _time.GetUtcNow(), TimeSpan.FromSeconds(1));
                return true;
            case SecondaryRateLimitExceededException or AbuseException:
                // GitHub's advice without Retry-After: wait at least a minute.
                wait = RetryAfter((ApiException)e) ?? TimeSpan.FromMinutes(1);
                return true;
            case ApiException api when api.StatusCode == (HttpStatusCode)429 || (int)api.StatusCode >= 500:
                wait = RetryAfter(api) ?? wait;
                return true;
            case ApiException api when api.StatusCode == HttpStatusCode.Forbidden && RetryAfter(api) is { } after:
                wait = after;
                return true;
            case HttpRequestException or TaskCanceledException when e is not OperationCanceledException { CancellationToken.IsCancellationRequested: true }:
                return true;
            default:
                return false;
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var baseDelay = options.InitialBackoff * Math.Pow(2, attempt - 1);
        return baseDelay + baseDelay * (Random.Shared.NextDouble() * 0.25);
    }

    private static TimeSpan? RetryAfter(ApiException e)
    {
        if (e.HttpResponse?.Headers is { } headers
            && headers.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value is { } value
            && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }
        return null;
    }

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
