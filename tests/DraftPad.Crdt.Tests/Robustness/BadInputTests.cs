using System.Diagnostics;
using System.Text.Json.Nodes;
using DraftPad.Crdt.Tests.Fixtures;
using DraftPad.Crdt.Tests.Interop;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DraftPad.Crdt.Tests.Robustness;

/// <summary>
/// Seeded fuzzing of every binary entry point with corrupted and random input. The contract: malformed
/// input throws <see cref="YjsDecodeException"/> and nothing else, and a rejected update leaves the
/// document byte-for-byte untouched; an accepted (still valid) mutation leaves a document that encodes
/// and re-loads to the same content. Any other exception is a library bug: the distinct cases are
/// collected (smallest input, library frame) and reported together.
/// Budget: a few seconds; DRAFTPAD_LONG=1 for minutes; DRAFTPAD_SEED=n to reproduce a run.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    [Fact]
    public void CorruptUpdates_AreRejectedCleanly_OrApplyConsistently()
    {
        var seed = FuzzSettings.Seed;
        output.WriteLine($"seed {seed} (reproduce with DRAFTPAD_SEED={seed}); budget {FuzzSettings.Budget(3).TotalSeconds}s");
        var rng = new Random(seed);
        var scenarios = FuzzCorpus.Build(seed, randomSessions: FuzzSettings.Long ? 24 : 8);
        var failures = new FailureLog();
        var docs = new YDoc?[scenarios.Count];
        var before = new byte[scenarios.Count][];
        long iterations = 0, rejected = 0, accepted = 0;
        var wrapped = new Dictionary<string, (int Count, string Example)>();
        // Accepted inputs whose state re-loads to other content are a bug only where yjs does not do the
        // same: garbage such as an update claiming known clocks with other content diverges in yjs too.
        var diverged = 0;
        int yjsChecks = 0, yjsShared = 0, yjsRejectsUtf8 = 0, yjsUncomparable = 0;
        var yjsUnavailable = false;
        using var oracle = new YjsOracle();

        void CheckDivergenceAgainstYjs(int si, bool v2, byte[] bytes, string detail, Outcome outcome)
        {
            var sc = scenarios[si];
            YjsOracle.Result yjs;
            try
            {
                yjs = oracle.Run(sc, bytes, v2, DocContent.KnownRoots(sc.NewDoc()));
            }
            catch (Exception e) when (!oracle.Started)
            {
                yjsUnavailable = true;
                output.WriteLine($"cannot check re-load divergences against yjs (node/yjs unavailable: {e.Message}); e.g. {detail}\n  input {Hex.Format(bytes)}");
                return;
            }
            bool sameAsYjs;
            try
            {
                sameAsYjs = !yjs.Rejected && Canonical.Equal(yjs.Content, outcome.Content) && Canonical.Equal(yjs.ReloadedV1, outcome.ReloadedV1)
                    && Canonical.Equal(yjs.ReloadedV2, outcome.ReloadedV2);
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json cannot read some lone-surrogate object keys yjs-peer writes: inconclusive.
                yjsUncomparable++;
                return;
            }
            if (yjs.Rejected && yjs.Error!.Contains("not valid for encoding utf-8", StringComparison.Ordinal))
            {
                // lib0 0.2.120 decodes strings with a fatal TextDecoder; DraftPad follows spec 11.2 (U+FFFD). Inconclusive.
                yjsRejectsUtf8++;
            }
            else if (yjs.Rejected)
            {
                failures.Add("accepted an update yjs throws on, and its state re-loads to other content",
                    new InvalidDataException($"DraftPad: {outcome.Describe()}\n  yjs: {yjs.Error}"), bytes, detail, (si, v2));
            }
            else if (sameAsYjs)
            {
                yjsShared++;
                if (yjsShared <= 2) output.WriteLine($"re-load divergence shared by yjs (not a failure): {detail}\n  input {Hex.Format(bytes)}\n  {outcome.Describe()}");
            }
            else
            {
                var yjsOutcome = new Outcome(OutcomeKind.Diverged, Content: yjs.Content, ReloadedV1: yjs.ReloadedV1, ReloadedV2: yjs.ReloadedV2);
                failures.Add("re-loaded state has different content, unlike yjs", new InvalidDataException(
                    $"DraftPad: {outcome.Describe()}\n  yjs: {yjsOutcome.Describe()}"), bytes, detail, (si, v2));
            }
        }
        var clock = Stopwatch.StartNew();
        var budget = FuzzSettings.Budget(3);

        while (clock.Elapsed < budget && iterations < FuzzSettings.MaxIterations)
        {
            iterations++;
            var si = rng.Next(scenarios.Count);
            var sc = scenarios[si];
            if (sc.Inputs.Count == 0) continue;
            var input = sc.Inputs[rng.Next(sc.Inputs.Count)];
            var other = sc.Inputs[rng.Next(sc.Inputs.Count)].Bytes;
            var (bytes, how) = Mutator.Mutate(rng, input.Bytes, other);
            // Now and then feed an update in the other format.
            var v2 = rng.Next(12) == 0 ? !input.V2 : input.V2;
            if (docs[si] == null)
            {
                docs[si] = sc.NewDoc();
                before[si] = docs[si]!.EncodeStateAsUpdate();
            }
            var doc = docs[si]!;
            var detail = $"seed {seed}, iteration {iterations}, scenario \"{sc.Name}\", {(v2 ? "ApplyUpdateV2" : "ApplyUpdate")} of mutated \"{input.Label}\" ({how})";

            var outcome = ApplyAndCheck(sc, doc, before[si], bytes, v2);
            switch (outcome.Kind)
            {
                case OutcomeKind.Rejected:
                    rejected++;
                    if (outcome.Exception!.InnerException is { } inner and not YjsDecodeException)
                    {
                        var key = $"{inner.GetType().Name} at {FailureLog.Origin(inner)}";
                        wrapped[key] = wrapped.TryGetValue(key, out var w) ? (w.Count + 1, w.Example) : (1, Hex.Format(bytes.Length > 64 ? bytes[..64] : bytes));
                    }
                    break;
                case OutcomeKind.Accepted:
                    accepted++;
                    docs[si] = null; // start the next input from the base state again
                    break;
                case OutcomeKind.Diverged:
                    accepted++;
                    diverged++;
                    docs[si] = null;
                    if (yjsChecks < (FuzzSettings.Long ? 400 : 60) && !yjsUnavailable)
                    {
                        yjsChecks++;
                        CheckDivergenceAgainstYjs(si, v2, bytes, detail, outcome);
                    }
                    break;
                default:
                    if (failures.Add(outcome.Stage!, outcome.Exception!, bytes, detail, (si, v2)))
                    {
                        output.WriteLine($"new failure [{outcome.Stage}] {outcome.Exception!.GetType().Name}: {outcome.Exception.Message} — {detail}");
                    }
                    docs[si] = null;
                    break;
            }
        }

        // Minimize each distinct failure against a fresh base document.
        foreach (var entry in failures.Entries.ToList())
        {
            var (si, v2) = ((int, bool))entry.Tag!;
            var sc = scenarios[si];
            var min = Minimize(entry.Input, candidate =>
            {
                var d = sc.NewDoc();
                var o = ApplyAndCheck(sc, d, d.EncodeStateAsUpdate(), candidate, v2);
                return o.Kind == OutcomeKind.Failed && $"{o.Stage}: {o.Exception!.GetType().Name} at {FailureLog.Origin(o.Exception)}" == entry.Key;
            });
            if (min.Length < entry.Input.Length)
            {
                entry.Detail += $" — minimized from {entry.Input.Length} bytes";
                entry.Input = min;
            }
        }

        output.WriteLine($"{iterations} inputs: {rejected} rejected, {accepted} accepted ({diverged} re-load to other content; of {yjsChecks} checked against yjs, {yjsShared} diverge the same way in yjs and {yjsRejectsUtf8} are rejected by yjs for invalid UTF-8, {yjsUncomparable} not comparable), {failures.Count} distinct failures, {scenarios.Count} scenarios");
        foreach (var (key, (count, example)) in wrapped.OrderByDescending(w => w.Value.Count))
        {
            output.WriteLine($"  decode-stage exception wrapped into YjsDecodeException: {key} ({count}x), e.g. {example}");
        }
        if (failures.Count > 0)
        {
            output.WriteLine(failures.Report(seed));
            throw new XunitException(failures.Report(seed));
        }
    }

    /// <summary>
    /// Found by the fuzzer: a map key whose current item holds content without values (a format marker).
    /// Yjs reads it as undefined (getContent()[length-1]); reading it must not throw.
    /// </summary>
    [Fact]
    public void MapKeyHoldingAFormatMarker_ReadsAsUndefined()
    {
        // client 1, clock 0: ContentFormat("b", true) with parent root "m", parentSub "k" (info 0x26).
        var update = Hex.Parse("01 01 01 00 26 01 01 6d 01 6b 01 62 04 74 72 75 65 00");
        var doc = new YDoc(new YDocOptions { ClientId = 2 });
        doc.ApplyUpdate(update);
        // What yjs 13.6.33 renders (canonical.mjs) for this document.
        FixtureAssert.Json(JsonNode.Parse("""{"k":{"$undefined":true}}"""), Canonical.Root(doc, "m", "map"), "map m");
    }

    [Fact]
    public void GarbageStateVectors_OnlyThrowDecodeErrors()
    {
        var seed = FuzzSettings.Seed;
        output.WriteLine($"seed {seed} (reproduce with DRAFTPAD_SEED={seed})");
        var rng = new Random(seed);
        var scenarios = FuzzCorpus.Build(seed, randomSessions: 4).Where(s => s.BaseState.Length > 2).ToList();
        var failures = new FailureLog();
        var clock = Stopwatch.StartNew();
        var budget = FuzzSettings.Budget(1);
        long iterations = 0, accepted = 0;
        while (clock.Elapsed < budget && iterations < FuzzSettings.MaxIterations)
        {
            iterations++;
            var sc = scenarios[rng.Next(scenarios.Count)];
            var doc = sc.NewDoc();
            var state = doc.EncodeStateAsUpdate();
            var validSv = rng.Next(2) == 0 ? doc.EncodeStateVector() : FullStateVectorOf(sc, rng);
            var (sv, how) = Mutator.Mutate(rng, validSv, sc.Inputs.Count > 0 ? sc.Inputs[0].Bytes : validSv);
            var detail = $"seed {seed}, iteration {iterations}, scenario \"{sc.Name}\", EncodeStateAsUpdate(sv) with a mutated state vector ({how})";
            try
            {
                var u1 = doc.EncodeStateAsUpdate(sv);
                var u2 = doc.EncodeStateAsUpdateV2(sv);
                accepted++;
                // Yjs output for any state vector is a valid update.
                var fresh = new YDoc(new YDocOptions { ClientId = 1, Gc = sc.Gc });
                fresh.ApplyUpdate(u1);
                var fresh2 = new YDoc(new YDocOptions { ClientId = 1, Gc = sc.Gc });
                fresh2.ApplyUpdateV2(u2);
                FixtureAssert.Bytes(fresh.EncodeStateAsUpdate(), fresh2.EncodeStateAsUpdate(), detail + ": V1 and V2 diffs load differently");
            }
            catch (YjsDecodeException)
            {
            }
            catch (XunitException)
            {
                throw;
            }
            catch (Exception e)
            {
                failures.Add("EncodeStateAsUpdate(sv)", e, sv, detail);
            }
            FixtureAssert.Bytes(state, doc.EncodeStateAsUpdate(), detail + ": encoding a diff changed the document");
        }
        output.WriteLine($"{iterations} state vectors, {accepted} accepted, {failures.Count} distinct failures");
        if (failures.Count > 0) throw new XunitException(failures.Report(seed));
    }

    [Fact]
    public void GarbageSnapshots_OnlyThrowDecodeErrors()
    {
        var seed = FuzzSettings.Seed;
        output.WriteLine($"seed {seed} (reproduce with DRAFTPAD_SEED={seed})");
        var rng = new Random(seed);
        var valid = new List<FuzzInput>();
        foreach (var f in FixtureManifest.Fixtures.Where(f => f.HasSnapshot))
        {
            valid.Add(new FuzzInput(f.Name, f.Snapshot!, false));
            valid.Add(new FuzzInput(f.Name + " v2", f.SnapshotV2!, true));
        }
        var nogc = FuzzCorpus.Build(seed, randomSessions: 6).Where(s => !s.Gc).ToList();
        foreach (var sc in nogc)
        {
            var snap = YSnapshot.Create(sc.NewDoc());
            valid.Add(new FuzzInput(sc.Name, snap.Encode(), false));
            valid.Add(new FuzzInput(sc.Name + " v2", snap.EncodeV2(), true));
        }
        var failures = new FailureLog();
        var observations = new FailureLog();
        var clock = Stopwatch.StartNew();
        var budget = FuzzSettings.Budget(1);
        long iterations = 0, accepted = 0;
        while (clock.Elapsed < budget && iterations < FuzzSettings.MaxIterations)
        {
            iterations++;
            var input = valid[rng.Next(valid.Count)];
            var (bytes, how) = Mutator.Mutate(rng, input.Bytes, valid[rng.Next(valid.Count)].Bytes);
            var v2 = rng.Next(10) == 0 ? !input.V2 : input.V2;
            var detail = $"seed {seed}, iteration {iterations}, YSnapshot.Decode{(v2 ? "V2" : "")} of mutated \"{input.Label}\" ({how})";
            YSnapshot snapshot;
            try
            {
                snapshot = v2 ? YSnapshot.DecodeV2(bytes) : YSnapshot.Decode(bytes);
            }
            catch (YjsDecodeException)
            {
                continue;
            }
            catch (Exception e)
            {
                failures.Add("YSnapshot.Decode", e, bytes, detail);
                continue;
            }
            accepted++;
            try
            {
                // Both encodings of anything decoded must work and read back to the same snapshot.
                var e1 = snapshot.Encode();
                var e2 = snapshot.EncodeV2();
                FixtureAssert.Bytes(e1, YSnapshot.Decode(e1).Encode(), detail + ": decoded snapshot does not re-encode stably (V1)");
                FixtureAssert.Bytes(e2, YSnapshot.DecodeV2(e2).EncodeV2(), detail + ": decoded snapshot does not re-encode stably (V2)");
            }
            catch (XunitException)
            {
                throw;
            }
            catch (Exception e)
            {
                failures.Add("YSnapshot.Encode of a decoded snapshot", e, bytes, detail);
                continue;
            }
            // Rendering a foreign snapshot is not part of the decode contract: exceptions and changes to the
            // document are only observations. (Yjs changes the document too when a snapshot boundary falls
            // inside a surrogate pair: splitting there turns both halves into U+FFFD for good.)
            if (nogc.Count > 0)
            {
                var sc = nogc[rng.Next(nogc.Count)];
                var doc = sc.NewDoc();
                var state = doc.EncodeStateAsUpdate();
                try
                {
                    _ = doc.GetText("t").ToString(snapshot);
                }
                catch (Exception e)
                {
                    observations.Add("YText.ToString(foreign snapshot)", e, bytes, detail + $", rendered on \"{sc.Name}\"");
                }
                try
                {
                    FixtureAssert.Bytes(state, doc.EncodeStateAsUpdate(), $"rendering on \"{sc.Name}\" changed the document");
                }
                catch (XunitException e)
                {
                    observations.Add("YText.ToString(foreign snapshot) changed the document", new InvalidDataException(e.Message), bytes, detail);
                }
            }
        }
        output.WriteLine($"{iterations} snapshots, {accepted} accepted, {failures.Count} distinct failures");
        if (observations.Count > 0) output.WriteLine("Observations (not failures): " + observations.Report(seed));
        if (failures.Count > 0) throw new XunitException(failures.Report(seed));
    }

    [Fact]
    public void GarbageInputs_ToUpdateFunctions_OnlyThrowDecodeErrors()
    {
        var seed = FuzzSettings.Seed;
        output.WriteLine($"seed {seed} (reproduce with DRAFTPAD_SEED={seed})");
        var rng = new Random(seed);
        var scenarios = FuzzCorpus.Build(seed, randomSessions: 6).Where(s => s.Inputs.Count > 0).ToList();
        var failures = new FailureLog();
        var wrapped = new FailureLog();
        var clock = Stopwatch.StartNew();
        var budget = FuzzSettings.Budget(1.5);
        long iterations = 0, accepted = 0, validChecks = 0;
        string[] ops = ["MergeUpdates", "MergeUpdatesV2", "DiffUpdate", "DiffUpdateV2", "EncodeStateVectorFromUpdate", "EncodeStateVectorFromUpdateV2", "ConvertUpdateFormatV1ToV2", "ConvertUpdateFormatV2ToV1"];
        while (clock.Elapsed < budget && iterations < FuzzSettings.MaxIterations)
        {
            iterations++;
            var sc = scenarios[rng.Next(scenarios.Count)];
            var op = rng.Next(ops.Length);
            var v2In = op is 1 or 3 or 5 or 7;

            if (rng.Next(10) == 0)
            {
                // Valid inputs: the operation must succeed, and a merge must apply like its parts.
                validChecks++;
                CheckValidInputs(sc, rng, v2In, seed, iterations, failures);
                continue;
            }

            FuzzInput Pick()
            {
                var same = sc.Inputs.Where(i => i.V2 == v2In).ToList();
                return same.Count > 0 && rng.Next(8) != 0 ? same[rng.Next(same.Count)] : sc.Inputs[rng.Next(sc.Inputs.Count)];
            }
            var count = op <= 1 ? rng.Next(1, 4) : 1;
            var inputs = new List<byte[]>();
            var how = new List<string>();
            for (var k = 0; k < count; k++)
            {
                var src = Pick();
                if (k == 0 || rng.Next(2) == 0)
                {
                    var (b, h) = Mutator.Mutate(rng, src.Bytes, Pick().Bytes);
                    inputs.Add(b);
                    how.Add($"mutated \"{src.Label}\" ({h})");
                }
                else
                {
                    inputs.Add(src.Bytes);
                    how.Add($"\"{src.Label}\"");
                }
            }
            byte[] sv = [0];
            if (op is 2 or 3)
            {
                var d = sc.NewDoc();
                sv = d.EncodeStateVector();
                if (rng.Next(3) == 0)
                {
                    var (b, h) = Mutator.Mutate(rng, sv, sv);
                    sv = b;
                    how.Add($"mutated state vector ({h})");
                }
            }
            var detail = $"seed {seed}, iteration {iterations}, YUpdates.{ops[op]} of [{string.Join(", ", how)}], scenario \"{sc.Name}\"";
            var shown = inputs.Count == 1 ? inputs[0] : [.. inputs.SelectMany(i => (byte[])[.. i, 0xEE, 0xEE])];
            byte[] result;
            try
            {
                result = op switch
                {
                    0 => YUpdates.MergeUpdates(inputs),
                    1 => YUpdates.MergeUpdatesV2(inputs),
                    2 => YUpdates.DiffUpdate(inputs[0], sv),
                    3 => YUpdates.DiffUpdateV2(inputs[0], sv),
                    4 => YUpdates.EncodeStateVectorFromUpdate(inputs[0]),
                    5 => YUpdates.EncodeStateVectorFromUpdateV2(inputs[0]),
                    6 => YUpdates.ConvertUpdateFormatV1ToV2(inputs[0]),
                    _ => YUpdates.ConvertUpdateFormatV2ToV1(inputs[0]),
                };
            }
            catch (YjsDecodeException e)
            {
                // The library turns unexpected exceptions of these functions into YjsDecodeException; list them.
                if (e.InnerException is { } inner and not YjsDecodeException) wrapped.Add($"YUpdates.{ops[op]} (wrapped)", inner, shown, detail);
                continue;
            }
            catch (Exception e)
            {
                failures.Add($"YUpdates.{ops[op]}", e, shown, detail);
                continue;
            }
            accepted++;
            // An accepted result is an update (or a state vector) a document can take without any other exception.
            try
            {
                var doc = new YDoc(new YDocOptions { ClientId = 4, Gc = sc.Gc });
                if (op is 4 or 5) doc.EncodeStateAsUpdate(result);
                else if (op is 1 or 3 or 6) doc.ApplyUpdateV2(result);
                else doc.ApplyUpdate(result);
            }
            catch (YjsDecodeException)
            {
            }
            catch (Exception e)
            {
                failures.Add($"using the result of YUpdates.{ops[op]}", e, shown, detail);
            }
        }
        output.WriteLine($"{iterations} calls ({validChecks} with valid inputs), {accepted} garbage inputs accepted, {failures.Count} distinct failures");
        if (wrapped.Count > 0) output.WriteLine("Exceptions wrapped into YjsDecodeException by YUpdates (validation gaps, not failures): " + wrapped.Report(seed));
        if (failures.Count > 0) throw new XunitException(failures.Report(seed));
    }

    /// <summary>YUpdates on valid updates: no exception, and a merge applies to the same state as its parts.</summary>
    private static void CheckValidInputs(FuzzScenario sc, Random rng, bool v2, int seed, long iteration, FailureLog failures)
    {
        var inputs = sc.Inputs.Where(i => i.V2 == v2).OrderBy(_ => rng.Next()).Take(rng.Next(1, 6)).ToList();
        if (inputs.Count == 0) return;
        var detail = $"seed {seed}, iteration {iteration}, valid inputs [{string.Join(", ", inputs.Select(i => i.Label))}], scenario \"{sc.Name}\"";
        var shown = inputs[0].Bytes;
        try
        {
            var parts = inputs.Select(i => i.Bytes).ToList();
            var merged = v2 ? YUpdates.MergeUpdatesV2(parts) : YUpdates.MergeUpdates(parts);
            var one = sc.NewDoc();
            var many = sc.NewDoc();
            if (v2) one.ApplyUpdateV2(merged);
            else one.ApplyUpdate(merged);
            foreach (var p in parts)
            {
                if (v2) many.ApplyUpdateV2(p);
                else many.ApplyUpdate(p);
            }
            var roots = DocContent.KnownRoots(many);
            var a = DocContent.Render(one, roots);
            var b = DocContent.Render(many, roots);
            if (!Canonical.Equal(a, b))
            {
                failures.Add("merged valid updates apply differently from their parts", new InvalidDataException($"merged {a.ToJsonString()}\n  parts  {b.ToJsonString()}"), shown, detail);
            }
            var sv = v2 ? YUpdates.EncodeStateVectorFromUpdateV2(merged) : YUpdates.EncodeStateVectorFromUpdate(merged);
            _ = v2 ? YUpdates.DiffUpdateV2(merged, sv) : YUpdates.DiffUpdate(merged, sv);
            _ = v2 ? YUpdates.ConvertUpdateFormatV2ToV1(merged) : YUpdates.ConvertUpdateFormatV1ToV2(merged);
        }
        catch (Exception e)
        {
            failures.Add("YUpdates on valid updates", e, shown, detail);
        }
    }

    // ---------------------------------------------------------------------------------------

    private enum OutcomeKind
    {
        Rejected,
        Accepted,
        Failed,

        /// <summary>Accepted, but the encoded state re-loads to different content (checked against yjs later).</summary>
        Diverged,
    }

    private sealed record Outcome(
        OutcomeKind Kind, string? Stage = null, Exception? Exception = null, JsonNode? Content = null, JsonNode? ReloadedV1 = null, JsonNode? ReloadedV2 = null)
    {
        public string Describe() =>
            $"content {Show(Content)}\n    re-loaded from V1 {Show(ReloadedV1)}\n    re-loaded from V2 {Show(ReloadedV2)}";

        private static string Show(JsonNode? node)
        {
            try
            {
                return node?.ToJsonString() ?? "null";
            }
            catch (InvalidOperationException)
            {
                return "(not printable: lone surrogates in parsed JSON)";
            }
        }
    }

    /// <summary>Applies <paramref name="bytes"/> to <paramref name="doc"/> (whose state is <paramref name="before"/>) and checks the contract.</summary>
    private static Outcome ApplyAndCheck(FuzzScenario sc, YDoc doc, byte[] before, byte[] bytes, bool v2)
    {
        try
        {
            if (v2) doc.ApplyUpdateV2(bytes);
            else doc.ApplyUpdate(bytes);
        }
        catch (YjsDecodeException e)
        {
            byte[] after;
            try
            {
                after = doc.EncodeStateAsUpdate();
            }
            catch (Exception e2)
            {
                return new Outcome(OutcomeKind.Failed, "encode after a rejected update", e2);
            }
            if (!after.AsSpan().SequenceEqual(before))
            {
                return new Outcome(OutcomeKind.Failed, "rejected update modified the document",
                    new InvalidDataException($"state before {Hex.Format(before)}\nstate after  {Hex.Format(after)}", e));
            }
            return new Outcome(OutcomeKind.Rejected, Exception: e);
        }
        catch (Exception e)
        {
            return new Outcome(OutcomeKind.Failed, "apply", e);
        }

        // Accepted: the document must still encode, and its state must re-load to the same content.
        string stage = "encode after an accepted update";
        try
        {
            var roots = DocContent.KnownRoots(doc);
            var s1 = doc.EncodeStateAsUpdate();
            var s2 = doc.EncodeStateAsUpdateV2();
            stage = "render after an accepted update";
            var content = DocContent.Render(doc, roots);
            stage = "re-load of the encoded state (V1)";
            var fresh = new YDoc(new YDocOptions { ClientId = 2, Gc = sc.Gc });
            fresh.ApplyUpdate(s1);
            stage = "re-load of the encoded state (V2)";
            var fresh2 = new YDoc(new YDocOptions { ClientId = 2, Gc = sc.Gc });
            fresh2.ApplyUpdateV2(s2);
            stage = "render of the re-loaded state";
            var c1 = DocContent.Render(fresh, roots);
            var c2 = DocContent.Render(fresh2, roots);
            if (!Canonical.Equal(content, c1) || !Canonical.Equal(content, c2))
            {
                return new Outcome(OutcomeKind.Diverged, Content: content, ReloadedV1: c1, ReloadedV2: c2);
            }
        }
        catch (Exception e)
        {
            return new Outcome(OutcomeKind.Failed, stage, e);
        }
        return new Outcome(OutcomeKind.Accepted);
    }

    private static byte[] FullStateVectorOf(FuzzScenario sc, Random rng)
    {
        if (sc.Inputs.Count == 0) return [0];
        var input = sc.Inputs[rng.Next(sc.Inputs.Count)];
        var d = new YDoc(new YDocOptions { ClientId = 3, Gc = sc.Gc });
        try
        {
            if (input.V2) d.ApplyUpdateV2(input.Bytes);
            else d.ApplyUpdate(input.Bytes);
        }
        catch (YjsDecodeException)
        {
        }
        return d.EncodeStateVector();
    }

    /// <summary>Greedy minimization: drop chunks (halving sizes), then simplify bytes, while the failure still reproduces.</summary>
    private static byte[] Minimize(byte[] input, Func<byte[], bool> reproduces)
    {
        if (!Safe(reproduces, input)) return input;
        var best = input;
        var deadline = Stopwatch.StartNew();
        var changed = true;
        while (changed && deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            changed = false;
            for (var chunk = Math.Max(1, best.Length / 2); chunk >= 1; chunk /= 2)
            {
                for (var i = 0; i + chunk <= best.Length && deadline.Elapsed < TimeSpan.FromSeconds(5);)
                {
                    byte[] candidate = [.. best[..i], .. best[(i + chunk)..]];
                    if (Safe(reproduces, candidate))
                    {
                        best = candidate;
                        changed = true;
                    }
                    else i += chunk;
                }
                if (chunk == 1) break;
            }
        }
        return best;
    }

    private static bool Safe(Func<byte[], bool> reproduces, byte[] candidate)
    {
        try
        {
            return reproduces(candidate);
        }
        catch (Exception)
        {
            return false;
        }
    }
}
