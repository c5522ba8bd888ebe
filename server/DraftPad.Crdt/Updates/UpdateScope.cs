using DraftPad.Crdt.Model;

namespace DraftPad.Crdt;

/// <summary>
/// Which root types an update would change if applied to a document: the roots its new items
/// land in and the roots whose items its delete set removes. A server uses it to refuse an update
/// before applying it (say, a contributor editing a pad's protected metadata), since a CRDT
/// update cannot be taken back once integrated.
/// </summary>
public sealed class UpdateScope
{
    internal UpdateScope(IReadOnlySet<string> roots, bool hasUnresolved)
    {
        Roots = roots;
        HasUnresolved = hasUnresolved;
    }

    /// <summary>Names of the root types the update inserts into or deletes from.</summary>
    public IReadOnlySet<string> Roots { get; }

    /// <summary>
    /// True when some item or deletion refers to changes neither the document nor the update
    /// holds: it would wait as pending, and its root cannot be known yet.
    /// </summary>
    public bool HasUnresolved { get; }

    /// <summary>True when the update changes no root other than <paramref name="allowed"/> and has nothing unresolved.</summary>
    public bool IsWithin(IReadOnlySet<string> allowed) => !HasUnresolved && Roots.All(allowed.Contains);
}

/// <summary>Computes <see cref="UpdateScope"/> against a document's current state without changing it.</summary>
internal static class UpdateScopeReader
{
    public static UpdateScope Read(YDoc doc, byte[] update, bool v2)
    {
        var (refs, ds) = UpdateIntegrator.Decode(update, v2);
        return new Resolver(doc.Store, refs).Run(ds);
    }

    /// <summary>What a struct resolves to: a root name, nothing visible (collected content), or unknown.</summary>
    private readonly record struct Target(string? Root, bool Unknown)
    {
        public static readonly Target None = new(null, false);
        public static readonly Target Unresolved = new(null, true);
    }

    private sealed class Resolver(StructStore store, Dictionary<ulong, List<AbstractStruct>> refs)
    {
        private readonly HashSet<string> _roots = new(StringComparer.Ordinal);
        private readonly Dictionary<Item, Target> _memo = new(ReferenceEqualityComparer.Instance);
        private bool _unresolved;

        public UpdateScope Run(DeleteSet ds)
        {
            foreach (var (client, list) in refs)
            {
                // A client's structs are contiguous; if the first starts beyond what the document has,
                // the whole run waits as pending for the missing clocks.
                if (list.Count > 0 && list[0].Id.Clock > store.GetState(client)) _unresolved = true;
                foreach (var s in list)
                {
                    if (s is Item item && item.Id.Clock + item.Length > store.GetState(item.Id.Client)) Note(ResolveNew(item));
                }
            }
            foreach (var (client, ranges) in ds.Clients)
            {
                foreach (var range in ranges) NoteDeletion(client, range.Clock, range.Length);
            }
            return new UpdateScope(_roots, _unresolved);
        }

        private void Note(Target target)
        {
            if (target.Unknown) _unresolved = true;
            else if (target.Root != null) _roots.Add(target.Root);
        }

        private void NoteDeletion(ulong client, long clock, long length)
        {
            var end = clock + length;
            var known = store.GetState(client);
            if (clock < known && store.Clients.TryGetValue(client, out var structs))
            {
                for (var i = StructStore.FindIndex(structs, clock); i < structs.Count && structs[i].Id.Clock < end; i++)
                {
                    if (structs[i] is Item { Deleted: false } existing) Note(ExistingRoot(existing));
                }
            }
            if (end <= known) return;
            // The rest of the range lies beyond the document: only the update's own items can cover it.
            var from = Math.Max(clock, known);
            if (!refs.TryGetValue(client, out var incoming))
            {
                _unresolved = true;
                return;
            }
            var covered = from;
            foreach (var s in incoming)
            {
                if (s.Id.Clock + s.Length <= from || s.Id.Clock >= end) continue;
                if (s.Id.Clock > covered) _unresolved = true;
                if (s is Item item) Note(ResolveNew(item));
                covered = Math.Max(covered, s.Id.Clock + s.Length);
            }
            if (covered < end) _unresolved = true;
        }

        /// <summary>The root of an item from the update, following parent, origin or right origin (iteratively: chains of typed characters are long).</summary>
        private Target ResolveNew(Item start)
        {
            var chain = new List<Item>();
            var current = start;
            Target result;
            while (true)
            {
                if (_memo.TryGetValue(current, out var known)) { result = known; break; }
                if (current.Parent is string rootName) { result = new Target(rootName, false); break; }
                var reference = current.Parent as ID? ?? current.Origin ?? current.RightOrigin;
                if (reference is not { } id) { result = Target.Unresolved; break; }
                var referenced = Lookup(id, out var existing);
                if (existing != null) { result = existing is Item known2 ? ExistingRoot(known2) : Target.None; break; }
                if (referenced == null) { result = Target.Unresolved; break; }
                if (referenced is not Item next) { result = Target.None; break; }
                chain.Add(current);
                if (chain.Count > 1_000_000) { result = Target.Unresolved; break; }
                // Whether the reference names the parent type's item or a neighbour, the new item
                // lives under the same root as the item referenced.
                current = next;
            }
            _memo[current] = result;
            foreach (var item in chain) _memo[item] = result;
            return result;
        }

        /// <summary>
        /// Looks an id up in the document first, then in the update. Returns the update's struct, or
        /// sets <paramref name="existing"/> for a struct already in the document.
        /// </summary>
        private AbstractStruct? Lookup(ID id, out AbstractStruct? existing)
        {
            existing = null;
            if (id.Clock < store.GetState(id.Client))
            {
                existing = store.Find(id);
                return existing;
            }
            if (!refs.TryGetValue(id.Client, out var incoming)) return null;
            foreach (var s in incoming)
            {
                if (s.Id.Clock <= id.Clock && id.Clock < s.Id.Clock + s.Length) return s;
            }
            return null;
        }

        private static Target ExistingRoot(Item item) => item.Parent is Branch branch ? RootOf(branch) : Target.None;

        private static Target RootOf(Branch branch)
        {
            while (branch.Item is { } holder)
            {
                if (holder.Parent is not Branch parent) return Target.None;
                branch = parent;
            }
            return branch.Name != null ? new Target(branch.Name, false) : Target.Unresolved;
        }
    }
}
