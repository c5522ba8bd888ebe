using System.Text;
using System.Text.Json.Nodes;
using DraftPad.Crdt.Encoding;
using DraftPad.Crdt.Model;
using DraftPad.Crdt.Structs;
using DraftPad.Crdt.Updates;
using DraftPad.Testing;
using Xunit.Sdk;

namespace DraftPad.Crdt.Tests.Updates;

/// <summary>
/// The document-free update operations against vectors written by yjs 13.6.33
/// (tests/interop/generate-update-vectors.mjs → Updates/vectors/update-ops.json): every result must be
/// byte-identical to yjs's.
/// </summary>
public sealed class UpdateOpsVectorTests
{
    private static readonly Lazy<Vectors> Data = new(Vectors.Load);

    [Fact]
    public void Vectors_CoverTheInterestingCases()
    {
        var v = Data.Value;
        Assert.True(v.Pool.Count > 500, "pool");
        Assert.True(v.Merges.Count > 200, "merges");
        Assert.True(v.Diffs.Count > 150, "diffs");
        // Merges that had to fill gaps with Skip structs (info byte 10 in V1), and inputs that already had them.
        Assert.Contains(v.Merges, m => m.Inputs.Length >= 2 && m.V1 != null && ContainsSkip(m.V1));
        Assert.Contains(v.Merges, m => m.Inputs.Any(i => v.Pool[i].V1 is { } u && ContainsSkip(u)));
        Assert.Contains(v.Merges, m => m.Inputs.Length != m.Inputs.Distinct().Count());
        Assert.Contains(v.Merges, m => m.Inputs.Length > 64);
        Assert.Contains(v.Merges, m => m.Note.Contains("GC/Item collision", StringComparison.Ordinal));
        Assert.Contains(v.Pool, p => p.V1 == null || p.V2 == null);
        // State vectors from updates where a Skip stopped the count.
        Assert.Contains(v.Pool, p => p.V1 is { } u && ContainsSkip(u) && p.SvV1!.Length > 1);
    }

    [Fact]
    public void MergeUpdates_MatchesYjs()
    {
        var v = Data.Value;
        var failures = new Failures();
        foreach (var (m, k) in v.Merges.Select((m, k) => (m, k)))
        {
            failures.Check($"merges[{k}] MergeUpdates({string.Join(",", m.Inputs)}) {m.Note}", m.V1,
                () => UpdateOps.MergeUpdates(m.Inputs.Select(i => v.Pool[i].V1!).ToList()));
            failures.Check($"merges[{k}] MergeUpdatesV2({string.Join(",", m.Inputs)}) {m.Note}", m.V2,
                () => UpdateOps.MergeUpdatesV2(m.Inputs.Select(i => v.Pool[i].V2!).ToArray()));
        }
        failures.ThrowIfAny();
    }

    [Fact]
    public void YUpdatesMerge_MatchesYjs()
    {
        var v = Data.Value;
        var failures = new Failures();
        foreach (var (m, k) in v.Merges.Select((m, k) => (m, k)))
        {
            failures.Check($"merges[{k}] YUpdates.MergeUpdates {m.Note}", m.V1, () => YUpdates.MergeUpdates(m.Inputs.Select(i => v.Pool[i].V1!)));
            failures.Check($"merges[{k}] YUpdates.MergeUpdatesV2 {m.Note}", m.V2, () => YUpdates.MergeUpdatesV2(m.Inputs.Select(i => v.Pool[i].V2!)));
        }
        failures.ThrowIfAny();
    }

    [Fact]
    public void DiffUpdate_MatchesYjs()
    {
        var v = Data.Value;
        var failures = new Failures();
        foreach (var (d, k) in v.Diffs.Select((d, k) => (d, k)))
        {
            failures.Check($"diffs[{k}] DiffUpdate(pool {d.Update}) {d.Note}", d.V1, () => UpdateOps.DiffUpdate(v.Pool[d.Update].V1!, d.Sv));
            failures.Check($"diffs[{k}] DiffUpdateV2(pool {d.Update}) {d.Note}", d.V2, () => UpdateOps.DiffUpdateV2(v.Pool[d.Update].V2!, d.Sv));
            failures.Check($"diffs[{k}] YUpdates.DiffUpdate", d.V1, () => YUpdates.DiffUpdate(v.Pool[d.Update].V1!, d.Sv));
            failures.Check($"diffs[{k}] YUpdates.DiffUpdateV2", d.V2, () => YUpdates.DiffUpdateV2(v.Pool[d.Update].V2!, d.Sv));
        }
        failures.ThrowIfAny();
    }

    [Fact]
    public void EncodeStateVectorFromUpdate_MatchesYjs()
    {
        var v = Data.Value;
        var failures = new Failures();
        foreach (var (p, k) in v.Pool.Select((p, k) => (p, k)))
        {
            failures.Check($"pool[{k}] EncodeStateVectorFromUpdate {p.Note}", p.SvV1, () => YUpdates.EncodeStateVectorFromUpdate(p.V1!));
            failures.Check($"pool[{k}] EncodeStateVectorFromUpdateV2 {p.Note}", p.SvV2, () => YUpdates.EncodeStateVectorFromUpdateV2(p.V2!));
        }
        failures.ThrowIfAny();
    }

    [Fact]
    public void ConvertUpdateFormat_MatchesYjs()
    {
        var v = Data.Value;
        var failures = new Failures();
        foreach (var (p, k) in v.Pool.Select((p, k) => (p, k)))
        {
            failures.Check($"pool[{k}] ConvertUpdateFormatV1ToV2 {p.Note}", p.ToV2, () => YUpdates.ConvertUpdateFormatV1ToV2(p.V1!));
            failures.Check($"pool[{k}] ConvertUpdateFormatV2ToV1 {p.Note}", p.ToV1, () => YUpdates.ConvertUpdateFormatV2ToV1(p.V2!));
            failures.Check($"pool[{k}] UpdateConversion.ToV2 {p.Note}", p.ToV2, () => UpdateConversion.ToV2(p.V1!));
            failures.Check($"pool[{k}] UpdateConversion.ToV1 {p.Note}", p.ToV1, () => UpdateConversion.ToV1(p.V2!));
        }
        failures.ThrowIfAny();
    }

    [Fact]
    public void ParseUpdateMeta_MatchesYjs()
    {
        var v = Data.Value;
        var failures = new Failures();
        foreach (var (p, k) in v.Pool.Select((p, k) => (p, k)))
        {
            foreach (var v2 in new[] { false, true })
            {
                var input = v2 ? p.V2 : p.V1;
                if (input == null) continue;
                var (from, to) = v2 ? UpdateOps.ParseUpdateMetaV2(input) : UpdateOps.ParseUpdateMeta(input);
                var actual = string.Join(" ", from.Keys.Order().Select(c => $"{c}:{from[c]}-{to[c]}"));
                var expected = string.Join(" ", p.Meta.Select(e => $"{e.Client}:{e.From}-{e.To}"));
                if (actual != expected || from.Count != to.Count) failures.Add($"pool[{k}] ParseUpdateMeta(v2={v2}) {p.Note}: expected {expected}, got {actual}");
            }
        }
        failures.ThrowIfAny();
    }

    [Fact]
    public void HandMadeDeleteSets_GetAValidV2Encoding()
    {
        // yjs re-emits a V1 delete set verbatim (checked against yjs above); in V2 it would write negative
        // numbers for ranges out of order or overlapping, and it throws on empty ranges. DraftPad sorts
        // and merges the former, and rejects the latter.
        var v = Data.Value;
        var crafted = v.Pool.Where(p => p.Note.StartsWith("crafted V1 delete set", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, crafted.Count);
        var empty = v.Pool.First(p => p.Note == "empty update").V1!;
        foreach (var p in crafted)
        {
            if (p.Note.EndsWith('2'))
            {
                // No empty ranges: V2 gets the delete set as a merge of the update would have it.
                var roundTrip = YUpdates.ConvertUpdateFormatV2ToV1(YUpdates.ConvertUpdateFormatV1ToV2(p.V1!));
                Assert.Equal(Hex.Format(YUpdates.MergeUpdates([p.V1!, empty])), Hex.Format(roundTrip));
                var diffed = YUpdates.ConvertUpdateFormatV2ToV1(YUpdates.DiffUpdateV2(YUpdates.ConvertUpdateFormatV1ToV2(p.V1!), [0]));
                Assert.Equal(Hex.Format(roundTrip), Hex.Format(diffed));
            }
            else
            {
                Assert.Throws<YjsDecodeException>(() => YUpdates.ConvertUpdateFormatV1ToV2(p.V1!));
            }
        }
        // A V2 update listing a client twice, out of order: V2 outputs come out sorted and merged.
        foreach (var p in v.Pool.Where(p => p.Note.StartsWith("crafted V2 delete set", StringComparison.Ordinal)))
        {
            var merged = YUpdates.MergeUpdatesV2([p.V2!, v.Pool.First(x => x.Note == "empty update").V2!]);
            Assert.Equal(Hex.Format(merged), Hex.Format(YUpdates.DiffUpdateV2(p.V2!, [0])));
        }
    }

    [Fact]
    public void KnownGaps_MatchYjs()
    {
        var failures = new Failures();
        foreach (var g in Data.Value.KnownGaps)
        {
            failures.Check(g.Note, g.ToV2, () => YUpdates.ConvertUpdateFormatV1ToV2(g.V1));
        }
        failures.ThrowIfAny();
    }

    [Fact]
    public void JsArraySort_MatchesV8()
    {
        // The order V8 (Node 20) leaves keys in under yjs's inconsistent reader comparator.
        var v = Data.Value;
        var failures = new Failures();
        foreach (var (s, k) in v.Sorts.Select((s, k) => (s, k)))
        {
            var order = Enumerable.Range(0, s.Keys.Length).ToList();
            JsArraySort<int>.Sort(order, (a, b) => Compare(s.Keys[a], s.Keys[b]));
            if (!order.SequenceEqual(s.Order))
            {
                failures.Add($"sorts[{k}] ({s.Keys.Length} keys): expected {string.Join(",", s.Order)}\n  got {string.Join(",", order)}");
            }
        }
        failures.ThrowIfAny();

        static int Compare((long Client, long Clock, int Kind) a, (long Client, long Clock, int Kind) b)
        {
            if (a.Client == b.Client)
            {
                if (a.Clock != b.Clock) return a.Clock.CompareTo(b.Clock);
                return a.Kind == b.Kind ? 0 : a.Kind == 2 ? 1 : -1;
            }
            return b.Client.CompareTo(a.Client);
        }
    }

    [Fact]
    public void TruncatedOrCorruptedUpdates_ThrowOnlyYjsDecodeException()
    {
        var v = Data.Value;
        var rng = new Random(1234);
        var failures = new Failures();
        var candidates = v.Pool.Where((_, i) => i % 7 == 0).ToList();
        foreach (var p in candidates)
        {
            foreach (var v2 in new[] { false, true })
            {
                var bytes = v2 ? p.V2 : p.V1;
                if (bytes == null) continue;
                var variants = new List<byte[]>();
                for (var cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 12)) variants.Add(bytes[..cut]);
                for (var n = 0; n < 6; n++)
                {
                    var copy = (byte[])bytes.Clone();
                    copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
                    if (rng.Next(2) == 0) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
                    variants.Add(copy);
                }
                var random = new byte[rng.Next(1, 40)];
                rng.NextBytes(random);
                variants.Add(random);
                foreach (var bad in variants)
                {
                    Expect(failures, "MergeUpdates", () => v2 ? YUpdates.MergeUpdatesV2([bad, bytes]) : YUpdates.MergeUpdates([bytes, bad]), bad);
                    Expect(failures, "DiffUpdate", () => v2 ? YUpdates.DiffUpdateV2(bad, [1, 1, 1]) : YUpdates.DiffUpdate(bad, [1, 1, 1]), bad);
                    Expect(failures, "DiffUpdate(sv)", () => v2 ? YUpdates.DiffUpdateV2(bytes, bad) : YUpdates.DiffUpdate(bytes, bad), bad);
                    Expect(failures, "EncodeStateVectorFromUpdate", () => v2 ? YUpdates.EncodeStateVectorFromUpdateV2(bad) : YUpdates.EncodeStateVectorFromUpdate(bad), bad);
                    Expect(failures, "ConvertUpdateFormat", () => v2 ? YUpdates.ConvertUpdateFormatV2ToV1(bad) : YUpdates.ConvertUpdateFormatV1ToV2(bad), bad);
                }
            }
        }
        failures.ThrowIfAny();
    }

    [Fact]
    public void MergeUpdates_AcceptsListsArraysAndCollectionExpressions()
    {
        var v = Data.Value;
        var m = v.Merges.First(x => x.Inputs.Length == 2 && x.V2 != null);
        var a = v.Pool[m.Inputs[0]].V2!;
        var b = v.Pool[m.Inputs[1]].V2!;
        Assert.Equal(m.V2, UpdateOps.MergeUpdatesV2([a, b]));
        Assert.Equal(m.V2, UpdateOps.MergeUpdatesV2(new List<byte[]> { a, b }));
        Assert.Equal(m.V2, YUpdates.MergeUpdatesV2([a, b]));
        // One input is returned as is, like yjs (no re-encoding).
        Assert.Same(a, UpdateOps.MergeUpdatesV2([a]));
    }

    [Fact]
    public void NullArguments_ThrowArgumentNullException()
    {
        byte[] empty = [0, 0];
        Assert.Throws<ArgumentNullException>(() => YUpdates.MergeUpdates(null!));
        Assert.Throws<ArgumentNullException>(() => YUpdates.MergeUpdatesV2([empty, null!]));
        Assert.Throws<ArgumentNullException>(() => YUpdates.DiffUpdate(empty, null!));
        Assert.Throws<ArgumentNullException>(() => YUpdates.DiffUpdateV2(null!, [0]));
        Assert.Throws<ArgumentNullException>(() => YUpdates.EncodeStateVectorFromUpdate(null!));
        Assert.Throws<ArgumentNullException>(() => YUpdates.EncodeStateVectorFromUpdateV2(null!));
        Assert.Throws<ArgumentNullException>(() => YUpdates.ConvertUpdateFormatV1ToV2(null!));
        Assert.Throws<ArgumentNullException>(() => YUpdates.ConvertUpdateFormatV2ToV1(null!));
    }

    private static void Expect(Failures failures, string what, Func<byte[]> op, byte[] input)
    {
        try
        {
            op();
        }
        catch (YjsDecodeException)
        {
        }
        catch (Exception e)
        {
            failures.Add($"{what} threw {e.GetType().Name} ({e.Message}) for {Hex.Format(input)}");
        }
    }

    private static bool ContainsSkip(byte[] v1)
    {
        // Walk the V1 struct section far enough to spot an info byte 10 (a Skip).
        var reader = new Lib0Reader(v1);
        var decoder = new UpdateDecoderV1(reader);
        var groups = (int)reader.ReadVarUint();
        for (var g = 0; g < groups; g++)
        {
            var n = (int)reader.ReadVarUint();
            var client = decoder.ReadClient();
            var clock = (long)reader.ReadVarUint();
            for (var i = 0; i < n; i++)
            {
                var s = StructReader.ReadStruct(decoder, client, clock);
                if (s is Skip) return true;
                clock += s.Length;
            }
        }
        return false;
    }

    private sealed class Failures
    {
        private readonly List<string> _messages = new();
        private int _count;

        public void Add(string message)
        {
            _count++;
            if (_messages.Count < 10) _messages.Add(message);
        }

        public void Check(string what, byte[]? expected, Func<byte[]> op)
        {
            if (expected == null) return;
            byte[] actual;
            try
            {
                actual = op();
            }
            catch (Exception e)
            {
                Add($"{what}: threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                return;
            }
            if (expected.AsSpan().SequenceEqual(actual)) return;
            var first = 0;
            while (first < expected.Length && first < actual.Length && expected[first] == actual[first]) first++;
            var sb = new StringBuilder();
            sb.AppendLine($"{what}: expected {expected.Length} bytes, got {actual.Length}; first difference at {first}");
            sb.AppendLine("  expected: " + Hex.Format(expected));
            sb.Append("  actual:   " + Hex.Format(actual));
            Add(sb.ToString());
        }

        public void ThrowIfAny()
        {
            if (_count > 0) throw new XunitException($"{_count} failures; the first {_messages.Count}:\n" + string.Join("\n", _messages));
        }
    }

    /// <summary>An update in both formats (either may be missing for hand-made ones) and what yjs derives from it.</summary>
    private sealed record PoolEntry(string Note, byte[]? V1, byte[]? V2, byte[]? SvV1, byte[]? SvV2, byte[]? ToV2, byte[]? ToV1, (ulong Client, long From, long To)[] Meta);

    private sealed record MergeCase(int[] Inputs, byte[]? V1, byte[]? V2, string Note);

    private sealed record DiffCase(int Update, byte[] Sv, byte[]? V1, byte[]? V2, string Note);

    private sealed record SortCase((long Client, long Clock, int Kind)[] Keys, int[] Order);

    private sealed record GapCase(string Note, byte[] V1, byte[] ToV2);

    private sealed record Vectors(
        IReadOnlyList<PoolEntry> Pool, IReadOnlyList<MergeCase> Merges, IReadOnlyList<DiffCase> Diffs, IReadOnlyList<SortCase> Sorts, IReadOnlyList<GapCase> KnownGaps)
    {
        public static string Path => System.IO.Path.Combine(SharedData.RepositoryRoot, "tests", "DraftPad.Crdt.Tests", "Updates", "vectors", "update-ops.json");

        public static Vectors Load()
        {
            var root = JsonNode.Parse(File.ReadAllText(Path))!.AsObject();
            static byte[]? B(JsonNode? n) => n is null ? null : Convert.FromBase64String(n.GetValue<string>());
            // "=v2" / "=v1": the same bytes as the entry's own field of that name.
            static byte[]? Same(JsonNode n, string field, string other) =>
                n[field] is { } f && f.GetValue<string>() == "=" + other ? B(n[other]) : B(n[field]);
            var pool = root["pool"]!.AsArray().Select(n => new PoolEntry(
                (string)n!["note"]!, B(n["v1"]), B(n["v2"]), B(n["svV1"]), B(n["svV2"]), Same(n, "toV2", "v2"), Same(n, "toV1", "v1"),
                n["meta"]!.AsArray().Select(e => ((ulong)(double)e![0]!, (long)(double)e[1]!, (long)(double)e[2]!)).ToArray())).ToList();
            var merges = root["merges"]!.AsArray().Select(n => new MergeCase(
                n!["inputs"]!.AsArray().Select(i => (int)i!).ToArray(), B(n["v1"]), B(n["v2"]), (string)n["note"]!)).ToList();
            var diffs = root["diffs"]!.AsArray().Select(n => new DiffCase(
                (int)n!["update"]!, B(n["sv"])!, B(n["v1"]), B(n["v2"]), (string)n["note"]!)).ToList();
            var sorts = root["sorts"]!.AsArray().Select(n =>
            {
                var flat = n!["keys"]!.AsArray().Select(x => (long)x!).ToArray();
                var keys = Enumerable.Range(0, flat.Length / 3).Select(i => (flat[3 * i], flat[3 * i + 1], (int)flat[3 * i + 2])).ToArray();
                return new SortCase(keys, n["order"]!.AsArray().Select(x => (int)x!).ToArray());
            }).ToList();
            var gaps = root["knownGaps"]!.AsArray().Select(n => new GapCase((string)n!["note"]!, B(n["v1"])!, B(n["toV2"])!)).ToList();
            return new Vectors(pool, merges, diffs, sorts, gaps);
        }
    }
}
