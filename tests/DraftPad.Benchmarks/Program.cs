using DraftPad.Benchmarks;
using DraftPad.Testing;

var trace = SequentialTrace.Load("automerge-paper");
for (var i = 0; i < 3; i++)
{
    foreach (var (k, v) in B4.Local(trace, 2000000000)) Console.WriteLine($"local {k}: {v:F1}");
    foreach (var (k, v) in B4.Remote(trace, 2000000000)) Console.WriteLine($"remote {k}: {v:F1}");
}
