using System.Collections.Concurrent;
using DraftPad.Server.Hub;
using DraftPad.Server.Pads;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Linting;

/// <summary>Settings of the <c>Linting</c> section.</summary>
public sealed class LintingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Linting";

    /// <summary>Quiet time after a change before the pad is linted again (typing produces many changes).</summary>
    public int DebounceMilliseconds { get; set; } = 300;
}

/// <summary>
/// Re-lints a pad shortly after it changes and pushes the findings to its clients
/// (<c>Diagnostics(padId, json)</c>); keeps the latest document per pad for clients that join.
/// </summary>
public sealed partial class LiveLintService : IHostedService
{
    private readonly PadManager _pads;
    private readonly IPadLinter _linter;
    private readonly IHubContext<PadHub, IPadClient> _hub;
    private readonly TimeSpan _debounce;
    private readonly ConcurrentDictionary<PadId, Debouncer> _pending = new();
    private readonly ConcurrentDictionary<PadId, string> _latest = new();
    private readonly ILogger<LiveLintService> _logger;

    /// <summary>Creates the service.</summary>
    public LiveLintService(PadManager pads, IPadLinter linter, IHubContext<PadHub, IPadClient> hub, IOptions<LintingOptions> options, ILogger<LiveLintService> logger)
    {
        _logger = logger;
        _pads = pads;
        _linter = linter;
        _hub = hub;
        _debounce = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.DebounceMilliseconds));
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _pads.Changed += OnChanged;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _pads.Changed -= OnChanged;
        foreach (var debouncer in _pending.Values) debouncer.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The current diagnostics document of a pad (linted now when none is cached).</summary>
    public async Task<string> CurrentAsync(Pad pad)
    {
        if (_latest.TryGetValue(pad.Id, out var json)) return json;
        return await LintAsync(pad);
    }

    /// <summary>Applies the autofix of one finding as a server-side edit; false when that finding no longer exists.</summary>
    public async Task<bool> ApplyFixAsync(Pad pad, Access.PadUser user, string ruleId, int offset)
    {
        await _pads.EnsureCanEditAsync(pad, user);
        var applied = false;
        await _pads.EditAsServerAsync(pad, user, doc =>
        {
            var text = doc.GetText(PadMeta.ContentRoot);
            var edits = _linter.FixFor(text.ToString(), pad.Id, PadMeta.GetReleaseDate(doc, pad.Id), ruleId, offset);
            if (edits is null) return;
            // From the end backwards, so earlier offsets stay valid.
            foreach (var edit in edits.OrderByDescending(e => e.Offset))
            {
                if (edit.Length > 0) text.Delete(edit.Offset, edit.Length);
                if (edit.NewText.Length > 0) text.Insert(edit.Offset, edit.NewText);
            }
            applied = true;
        });
        return applied;
    }

    private void OnChanged(PadId id) =>
        _pending.GetOrAdd(id, key => new Debouncer(_debounce, () => RunAsync(key), e => Log.Failed(_logger, key.ToString(), e))).Poke();

    private async Task RunAsync(PadId id)
    {
        if (await _pads.GetAsync(id) is not { } pad) return;
        var json = await LintAsync(pad);
        await _hub.Clients.Group(HubPadBroadcaster.GroupName(id)).Diagnostics(id.ToString(), json);
    }

    private async Task<string> LintAsync(Pad pad)
    {
        var (markdown, release) = await _pads.ReadAsync(pad, p => (p.Markdown, p.ReleaseDate));
        // Outside the pad's lock: linting a whole issue takes about a millisecond, but typing must never wait for it.
        var json = LintJsonContext.Serialize(new DiagnosticsDocument(pad.Id.ToString(), _linter.Lint(markdown, pad.Id, release)));
        _latest[pad.Id] = json;
        return json;
    }

    /// <summary>Runs an action once things have been quiet for a while; pokes during the wait restart it.</summary>
    private sealed class Debouncer : IDisposable
    {
        private readonly Timer _timer;
        private readonly TimeSpan _quiet;
        private readonly Func<Task> _action;
        private readonly Action<Exception> _failed;
        private int _running;

        public Debouncer(TimeSpan quiet, Func<Task> action, Action<Exception> failed)
        {
            _quiet = quiet;
            _action = action;
            _failed = failed;
            _timer = new Timer(_ => Fire(), null, Timeout.Infinite, Timeout.Infinite);
        }

        public void Poke() => _timer.Change(_quiet, Timeout.InfiniteTimeSpan);

        private void Fire()
        {
            if (Interlocked.Exchange(ref _running, 1) == 1)
            {
                Poke(); // a run is in progress: run again after it
                return;
            }
            _ = Task.Run(async () =>
            {
                // A failed lint must not take the server down; the next change tries again.
                try { await _action(); }
                catch (Exception e) { _failed(e); }
                finally { Interlocked.Exchange(ref _running, 0); }
            });
        }

        public void Dispose() => _timer.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Error, "Linting pad {PadId} failed.")]
        public static partial void Failed(ILogger logger, string padId, Exception exception);
    }
}
