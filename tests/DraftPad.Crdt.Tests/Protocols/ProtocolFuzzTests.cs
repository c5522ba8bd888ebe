using System.Diagnostics;
using System.Text.Json.Nodes;
using DraftPad.Crdt.Protocols;
using Xunit.Abstractions;

namespace DraftPad.Crdt.Tests.Protocols;

/// <summary>
/// Seeded mutation fuzzing of y-websocket frames and awareness updates: the only exception allowed is
/// <see cref="YjsDecodeException"/>, and when it is thrown the document / awareness is unchanged.
/// DRAFTPAD_SEED=n reproduces a run; iterations are bounded (and capped at a few seconds).
/// </summary>
public class ProtocolFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 20_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);
    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x03, 0x04, 0x7f, 0x80, 0x81, 0xff, 0x22, 0x7b, 0x7d];

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("DRAFTPAD_SEED"), out var s) ? s : Random.Shared.Next();

    private static YDoc BaseDoc()
    {
        var doc = new YDoc(new YDocOptions { ClientId = 1 });
        doc.GetText("t").Insert(0, "hello wörld");
        doc.GetMap("m").Set("k", 1);
        return doc;
    }

    private static List<byte[]> Corpus()
    {
        var corpus = new List<byte[]>();
        var a = BaseDoc();
        var b = new YDoc(new YDocOptions { ClientId = 2 });
        b.UpdateV1 += (_, e) => corpus.Add(YMessage.EncodeSync(SyncProtocol.EncodeUpdate(e.Update)));
        b.GetText("t").Insert(0, "peer 😀");
        b.GetText("t").Delete(1, 2);
        b.GetMap("m").Set("obj", new Dictionary<string, object?> { ["x"] = new List<object?> { 1.5, "y", null } });
        corpus.Add(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(a)));
        corpus.Add(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep1(b)));
        corpus.Add(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep2(b, [0])));
        corpus.Add(YMessage.EncodeSync(SyncProtocol.EncodeSyncStep2(b, a.EncodeStateVector())));
        var aw = new Awareness(7);
        aw.SetLocalState(JsonNode.Parse("""{"user":{"name":"Zoë","color":"#30bced"},"cursor":{"anchor":[1,2],"head":null}}"""));
        aw.ApplyUpdate(AwarenessUpdate.Encode([AwarenessUpdateEntry.FromJson(9, 3, """["x",true,0.5]"""), AwarenessUpdateEntry.FromJson(10, 2, "null")]), null);
        corpus.Add(YMessage.EncodeAwareness(aw.EncodeAllStates()));
        corpus.Add(YMessage.EncodeAwareness(Awareness.EncodeUpdate(aw, [7, 9, 10])));
        corpus.Add(YMessage.EncodeAuthPermissionDenied("denied ✋"));
        corpus.Add(YMessage.EncodeQueryAwareness());
        return corpus;
    }

    private static byte[] Mutate(Random rng, byte[] input, byte[] other)
    {
        var bytes = new List<byte>(input);
        var rounds = rng.Next(4) == 0 ? rng.Next(2, 6) : 1;
        for (var r = 0; r < rounds; r++)
        {
            var n = bytes.Count;
            switch (rng.Next(9))
            {
                case 0 when n > 0:
                    {
                        var keep = rng.Next(n);
                        bytes.RemoveRange(keep, n - keep);
                        break;
                    }
                case 1 when n > 0:
                    bytes[rng.Next(n)] ^= (byte)(1 << rng.Next(8));
                    break;
                case 2 when n > 0:
                    bytes[rng.Next(n)] = Interesting[rng.Next(Interesting.Length)];
                    break;
                case 3:
                    bytes.Insert(rng.Next(n + 1), rng.Next(2) == 0 ? Interesting[rng.Next(Interesting.Length)] : (byte)rng.Next(256));
                    break;
                case 4 when n > 0:
                    bytes.RemoveAt(rng.Next(n));
                    break;
                case 5 when n > 1:
                    {
                        var start = rng.Next(n);
                        var len = rng.Next(1, Math.Min(8, n - start) + 1);
                        bytes.InsertRange(rng.Next(n + 1), bytes.GetRange(start, len));
                        break;
                    }
                case 6 when other.Length > 0:
                    {
                        var cut = rng.Next(n + 1);
                        var from = rng.Next(other.Length);
                        bytes = [.. bytes.Take(cut), .. other.Skip(from)];
                        break;
                    }
                case 7:
                    {
                        var junk = new byte[rng.Next(0, 12)];
                        rng.NextBytes(junk);
                        bytes = [.. bytes.Take(rng.Next(1, 3)), .. junk];
                        break;
                    }
                default:
                    bytes.Add((byte)rng.Next(256));
                    break;
            }
        }
        return [.. bytes];
    }

    [Fact]
    public void MutatedFramesOnlyThrowDecodeExceptionsAndLeaveStateUntouched()
    {
        var seed = Seed();
        output.WriteLine($"seed {seed} (reproduce with DRAFTPAD_SEED={seed})");
        var rng = new Random(seed);
        var corpus = Corpus();
        var failures = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        var doc = BaseDoc();
        var awareness = new Awareness(1);
        int parsed = 0, rejected = 0, applied = 0, i;
        for (i = 0; i < Iterations && stopwatch.Elapsed < Budget && failures.Count < 5; i++)
        {
            if (i % 500 == 0)
            {
                doc = BaseDoc();
                awareness = new Awareness(1);
            }
            var frame = Mutate(rng, corpus[rng.Next(corpus.Count)], corpus[rng.Next(corpus.Count)]);
            try
            {
                YMessage message;
                try
                {
                    message = YMessage.Parse(frame);
                    parsed++;
                }
                catch (YjsDecodeException)
                {
                    rejected++;
                    // The awareness path must reject the same bytes without side effects too.
                    if (frame.Length > 1 && frame[0] == 1) CheckAwarenessUntouched(awareness, frame[2..], failures, seed, frame);
                    continue;
                }
                switch (message.Kind)
                {
                    case YMessageKind.Sync:
                        var before = doc.EncodeStateAsUpdate();
                        var hadPending = doc.HasPending;
                        try
                        {
                            SyncProtocol.HandleSyncMessage(doc, message.Sync!, "fuzz");
                            applied++;
                        }
                        catch (YjsDecodeException)
                        {
                            if (!before.AsSpan().SequenceEqual(doc.EncodeStateAsUpdate()) || hadPending != doc.HasPending)
                            {
                                failures.Add($"doc changed by a rejected frame {Hex.Format(frame)}");
                            }
                        }
                        break;
                    case YMessageKind.Awareness:
                        awareness.Apply(message.AwarenessUpdate!, "fuzz");
                        applied++;
                        break;
                }
            }
            catch (Exception e)
            {
                failures.Add($"{Hex.Format(frame)} threw {e.GetType().Name}: {e.Message}");
            }
        }
        output.WriteLine($"{i} frames: {parsed} parsed, {rejected} rejected, {applied} applied, in {stopwatch.ElapsedMilliseconds} ms");
        Assert.True(failures.Count == 0, $"seed {seed} (DRAFTPAD_SEED={seed}):\n" + string.Join("\n", failures));
        Assert.True(rejected > 0 && parsed > 0, $"seed {seed}: the mutator should produce both valid and invalid frames");
    }

    private static void CheckAwarenessUntouched(Awareness awareness, byte[] update, List<string> failures, int seed, byte[] frame)
    {
        var before = Awareness.EncodeUpdate(awareness, awareness.Meta.Keys);
        var events = 0;
        void Count(object? s, AwarenessChangeEventArgs e) => events++;
        awareness.Updated += Count;
        try
        {
            awareness.ApplyUpdate(update, "fuzz");
        }
        catch (YjsDecodeException)
        {
            if (!before.AsSpan().SequenceEqual(Awareness.EncodeUpdate(awareness, awareness.Meta.Keys)) || events != 0)
            {
                failures.Add($"seed {seed}: awareness changed by a rejected update in frame {Hex.Format(frame)}");
            }
        }
        finally
        {
            awareness.Updated -= Count;
        }
    }

    [Fact]
    public void RandomBytesOnlyThrowDecodeExceptions()
    {
        var seed = Seed();
        output.WriteLine($"seed {seed} (reproduce with DRAFTPAD_SEED={seed})");
        var rng = new Random(seed);
        var awareness = new Awareness(1);
        for (var i = 0; i < 10_000; i++)
        {
            var junk = new byte[rng.Next(0, 48)];
            rng.NextBytes(junk);
            if (junk.Length > 0 && rng.Next(2) == 0) junk[0] = (byte)rng.Next(4);
            foreach (var attempt in new Action[]
            {
                () => YMessage.Parse(junk),
                () => SyncProtocol.ParseSyncMessage(junk),
                () => AuthProtocol.ParsePermissionDenied(junk),
                () => awareness.ApplyUpdate(junk, "fuzz"),
            })
            {
                try
                {
                    attempt();
                }
                catch (YjsDecodeException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"seed {seed} (DRAFTPAD_SEED={seed}): {Hex.Format(junk)} threw {e}");
                }
            }
        }
    }
}
