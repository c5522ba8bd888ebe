using DraftPad.Crdt.Structs;

namespace DraftPad.Crdt;

/// <summary>
/// A batch of changes to one document. Every local edit and every applied update runs inside one;
/// events, garbage collection, struct merging and update emission happen when it ends.
/// </summary>
public sealed class Transaction
{
    internal readonly YDoc Doc;
    internal readonly DeleteSet DeleteSet = new();

    private static readonly HashSet<string?> ListOnly = new() { null };

    /// <summary>Clock of each client before this transaction, recorded when the client first changes.</summary>
    internal readonly Dictionary<ulong, long> BeforeStates = new();

    /// <summary>Changed types and, per type, the changed map keys (null = the list part).</summary>
    internal readonly Dictionary<Branch, HashSet<string?>> Changed = new(ReferenceEqualityComparer.Instance);

    internal readonly List<AbstractStruct> MergeStructs = new();

    internal bool NeedFormattingCleanup;

    internal Transaction(YDoc doc, object? origin, bool local)
    {
        Doc = doc;
        Origin = origin;
        Local = local;
    }

    /// <summary>The origin passed to <see cref="YDoc.Transact(Action{Transaction}, object?)"/> or to an apply call.</summary>
    public object? Origin { get; }

    /// <summary>True for edits made through this document's API, false for applied updates.</summary>
    public bool Local { get; internal set; }

    /// <summary>The document the transaction changes.</summary>
    public YDoc Document => Doc;

    internal long BeforeState(ulong client) =>
        BeforeStates.TryGetValue(client, out var clock) ? clock : Doc.Store.GetState(client);

    /// <summary>Adds a struct to the store, remembering the client's clock before its first change.</summary>
    internal void AddStruct(AbstractStruct s)
    {
        var client = s.Id.Client;
        if (!BeforeStates.ContainsKey(client)) BeforeStates[client] = s.Id.Clock;
        Doc.Store.AddStruct(s);
    }

    internal void AddChangedType(Branch type, string? parentSub)
    {
        var item = type.Item;
        if (item == null || (item.Id.Clock < BeforeState(item.Id.Client) && !item.Deleted))
        {
            if (!Changed.TryGetValue(type, out var subs))
            {
                // The common case (a list change) shares one immutable set until a key is added.
                Changed[type] = parentSub == null ? ListOnly : new HashSet<string?> { parentSub };
                return;
            }
            if (subs.Contains(parentSub)) return;
            if (ReferenceEquals(subs, ListOnly)) Changed[type] = subs = new HashSet<string?> { null };
            subs.Add(parentSub);
        }
    }

    /// <summary>Whether the struct was added in this transaction.</summary>
    internal bool Adds(AbstractStruct s) => s.Id.Clock >= BeforeState(s.Id.Client);

    /// <summary>Whether the struct was deleted in this transaction (delete set must be sorted).</summary>
    internal bool Deletes(AbstractStruct s) => DeleteSet.Contains(s.Id);

    internal bool HasChanges
    {
        get
        {
            if (!DeleteSet.IsEmpty) return true;
            foreach (var (client, before) in BeforeStates)
            {
                if (Doc.Store.GetState(client) != before) return true;
            }
            return false;
        }
    }
}
