namespace DraftPad.Server.Tests.Support;

/// <summary>Seeded random typing by several peers at once: inserts of awkward text (emoji, markdown, newlines) and deletes.</summary>
internal static class RandomTyping
{
    private static readonly string[] Pieces = ["a", "b", "XEP", " ", "\n", "é", "ß", "🎉", "## ", "[x](y)"];

    /// <summary>
    /// <paramref name="rounds"/> edits, each by a random peer at a random place (one in four a delete);
    /// now and then a short pause (one edit in <paramref name="pauseOneIn"/>) so that sends interleave.
    /// </summary>
    public static async Task TypeAsync(IReadOnlyList<PadPeer> peers, Random random, int rounds, int pauseOneIn)
    {
        for (var round = 0; round < rounds; round++)
        {
            var peer = peers[random.Next(peers.Count)];
            var position = random.Next(peer.Text.Length + 1);
            var remove = random.Next(4) == 0;
            var length = random.Next(1, 6);
            var insert = Text(random, length);
            peer.Edit(d =>
            {
                var text = d.GetText("content");
                var p = Math.Min(position, text.Length);
                if (remove && text.Length > p) text.Delete(p, Math.Min(length, text.Length - p));
                else text.Insert(p, insert);
            });
            if (random.Next(pauseOneIn) == 0) await Task.Delay(random.Next(1, 15));
        }
    }

    /// <summary>Random text of <paramref name="length"/> pieces.</summary>
    public static string Text(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => Pieces[random.Next(Pieces.Length)]));
}
