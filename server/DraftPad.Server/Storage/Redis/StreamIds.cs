namespace DraftPad.Server.Storage.Redis;

/// <summary>Redis stream ids, <c>milliseconds-sequence</c>, ordered as Redis orders them.</summary>
internal static class StreamIds
{
    public static int Compare(string a, string b)
    {
        var (am, asq) = Parse(a);
        var (bm, bsq) = Parse(b);
        var byTime = am.CompareTo(bm);
        return byTime != 0 ? byTime : asq.CompareTo(bsq);
    }

    private static (ulong Ms, ulong Seq) Parse(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? (ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture), 0)
            : (ulong.Parse(id.AsSpan(0, dash), System.Globalization.CultureInfo.InvariantCulture),
               ulong.Parse(id.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
