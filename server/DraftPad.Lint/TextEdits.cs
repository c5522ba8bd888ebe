using System.Text;

namespace DraftPad.Lint;

/// <summary>Applies <see cref="TextEdit"/>s to a text.</summary>
public static class TextEdits
{
    /// <summary>
    /// Applies non-overlapping <paramref name="edits"/> (all computed against <paramref name="text"/>), back to
    /// front so that no edit shifts another. Two insertions at the same offset are applied in the given order.
    /// </summary>
    /// <exception cref="ArgumentException">An edit lies outside the text or two edits overlap.</exception>
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edits);
        var list = edits.Select((e, i) => (Edit: e, Index: i)).ToList();
        if (list.Count == 0) return text;
        foreach (var (e, _) in list)
        {
            if (e.Offset < 0 || e.Length < 0 || e.Offset + e.Length > text.Length)
            {
                throw new ArgumentException($"Edit at {e.Offset} (+{e.Length}) lies outside the text of length {text.Length}.", nameof(edits));
            }
        }
        list.Sort((a, b) => a.Edit.Offset != b.Edit.Offset ? a.Edit.Offset.CompareTo(b.Edit.Offset)
            : a.Edit.Length != b.Edit.Length ? a.Edit.Length.CompareTo(b.Edit.Length) : a.Index.CompareTo(b.Index));
        for (var i = 1; i < list.Count; i++)
        {
            var prev = list[i - 1].Edit;
            var cur = list[i].Edit;
            if (cur.Offset < prev.Offset + prev.Length)
            {
                throw new ArgumentException($"Edits overlap: {prev.Offset}+{prev.Length} and {cur.Offset}+{cur.Length}.", nameof(edits));
            }
        }
        var result = new StringBuilder(text.Length + 64);
        var pos = 0;
        foreach (var (e, _) in list)
        {
            result.Append(text, pos, e.Offset - pos).Append(e.NewText);
            pos = e.Offset + e.Length;
        }
        result.Append(text, pos, text.Length - pos);
        return result.ToString();
    }

    /// <summary>Whether two edits touch the same code units (two insertions at one offset also conflict).</summary>
    internal static bool Overlap(TextEdit a, TextEdit b)
    {
        if (a.Offset == b.Offset) return true;
        return a.Offset < b.Offset ? a.Offset + a.Length > b.Offset : b.Offset + b.Length > a.Offset;
    }
}
