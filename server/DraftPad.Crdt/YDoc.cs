using System.Security.Cryptography;

namespace DraftPad.Crdt;

/// <summary>Options for a new <see cref="YDoc"/>.</summary>
public sealed record YDocOptions
{
    /// <summary>Client id used for local edits; random uint32 (as Yjs) when null.</summary>
    public ulong? ClientId { get; init; }

    /// <summary>Garbage-collect deleted content (Yjs's default). Turn off to keep history for snapshots.</summary>
    public bool Gc { get; init; } = true;

    /// <summary>Document guid; random when null.</summary>
    public string? Guid { get; init; }
}

/// <summary>An update produced by a transaction, with the transaction's origin.</summary>
public sealed class UpdateEventArgs(byte[] update, object? origin, Transaction transaction) : EventArgs
{
    /// <summary>The encoded update (V1 or V2, depending on the event).</summary>
    public byte[] Update { get; } = update;

    /// <summary>The origin given to the transaction or apply call.</summary>
    public object? Origin { get; } = origin;

    /// <summary>The finished transaction.</summary>
    public Transaction Transaction { get; } = transaction;
}

/// <summary>
/// A Yjs-compatible document: named root types, the struct store, transactions, and the
/// encode/apply entry points. Not thread-safe: callers serialize access (the server does so per pad).
/// </summary>
public sealed partial class YDoc
{
    internal readonly StructStore Store = new();
    internal readonly Dictionary<string, Branch> Share = new();
    private Transaction? _transaction;
    private readonly List<Transaction> _cleanups = new();

    /// <summary>Creates a document.</summary>
    public YDoc(YDocOptions? options = null)
    {
        options ??= new YDocOptions();
        ClientId = options.ClientId ?? GenerateClientId();
        Gc = options.Gc;
        Guid = options.Guid ?? System.Guid.NewGuid().ToString();
    }

    /// <summary>The client id of local edits.</summary>
    public ulong ClientId { get; private set; }

    /// <summary>Whether deleted content is garbage-collected.</summary>
    public bool Gc { get; }

    /// <summary>The document's guid.</summary>
    public string Guid { get; }

    /// <summary>Raised after every transaction that changed the document, with its V1 update.</summary>
    public event EventHandler<UpdateEventArgs>? UpdateV1;

    /// <summary>Raised after every transaction that changed the document, with its V2 update.</summary>
    public event EventHandler<UpdateEventArgs>? UpdateV2;

    /// <summary>Raised after a transaction's cleanup, whether or not it changed anything.</summary>
    public event EventHandler<Transaction>? AfterTransaction;

    /// <summary>The names of the root types known to this document.</summary>
    public IReadOnlyCollection<string> RootNames => Share.Keys;

    internal static ulong GenerateClientId() => (ulong)(uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);

    /// <summary>The root text named <paramref name="name"/>.</summary>
    public YText GetText(string name = "") => (YText)GetRoot(name, YTypeKind.Text).View();

    /// <summary>The root map named <paramref name="name"/>.</summary>
    public YMap GetMap(string name = "") => (YMap)GetRoot(name, YTypeKind.Map).View();

    /// <summary>The root array named <paramref name="name"/>.</summary>
    public YArray GetArray(string name = "") => (YArray)GetRoot(name, YTypeKind.Array).View();

    /// <summary>The root XML fragment named <paramref name="name"/>.</summary>
    public YXmlFragment GetXmlFragment(string name = "") => (YXmlFragment)GetRoot(name, YTypeKind.XmlFragment).View();

    /// <summary>The kind of a root as far as it is known (<see cref="YTypeKind.Unknown"/> until first typed use).</summary>
    public YTypeKind? GetRootKind(string name) => Share.TryGetValue(name, out var b) ? b.Kind : null;

    internal Branch GetOrCreateRoot(string name)
    {
        if (!Share.TryGetValue(name, out var branch))
        {
            branch = new Branch(YTypeKind.Unknown) { Name = name };
            branch.Integrate(this, null);
            Share[name] = branch;
        }
        return branch;
    }

    private Branch GetRoot(string name, YTypeKind kind)
    {
        var branch = GetOrCreateRoot(name);
        if (branch.Kind == kind) return branch;
        if (branch.Kind != YTypeKind.Unknown)
        {
            throw new InvalidOperationException($"Type with the name {name} has already been defined as {branch.Kind}.");
        }
        branch.Kind = kind;
        // Like Yjs, the upgraded type starts without the formatting flag (a fresh Y.Text instance).
        branch.HasFormatting = false;
        branch.EnableMarkers();
        return branch;
    }

    /// <summary>
    /// Runs <paramref name="action"/> in one transaction (nested calls join the outer one). Events
    /// and update events fire when the outermost transaction ends.
    /// </summary>
    public void Transact(Action<Transaction> action, object? origin = null) => Transact(action, origin, local: true);

    internal void Transact(Action<Transaction> action, object? origin, bool local)
    {
        var initialCall = false;
        if (_transaction == null)
        {
            initialCall = true;
            _transaction = new Transaction(this, origin, local);
            _cleanups.Add(_transaction);
        }
        try
        {
            action(_transaction);
        }
        finally
        {
            if (initialCall)
            {
                var finishCleanup = _transaction == _cleanups[0];
                _transaction = null;
                if (finishCleanup) TransactionCleanup.Run(this, _cleanups);
            }
        }
    }

    internal Transaction? CurrentTransaction => _transaction;

    internal void RaiseUpdateEvents(Transaction transaction)
    {
        var v1 = UpdateV1;
        var v2 = UpdateV2;
        if (v1 == null && v2 == null) return;
        if (!transaction.HasChanges) return;
        if (v1 != null) v1(this, new UpdateEventArgs(UpdateWriter.EncodeTransaction(transaction, v2: false), transaction.Origin, transaction));
        if (v2 != null) v2(this, new UpdateEventArgs(UpdateWriter.EncodeTransaction(transaction, v2: true), transaction.Origin, transaction));
    }

    internal void RaiseAfterTransaction(Transaction transaction) => AfterTransaction?.Invoke(this, transaction);

    internal void RenewClientId() => ClientId = GenerateClientId();
}
