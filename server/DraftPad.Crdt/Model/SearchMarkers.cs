namespace DraftPad.Crdt.Model;

/// <summary>
/// Cached (item, index) positions in a list type so that index lookups start near the target
/// instead of at the head (the same idea as Yjs's search markers). Only speed depends on them:
/// every lookup resolves to the same item with or without a marker.
/// </summary>
internal sealed class SearchMarkers
{
    private const int MaxMarkers = 32;

    private sealed class Marker(Item p, long index, long timestamp)
    {
        public Item P = p;
        public long Index = index;
        public long Timestamp = timestamp;
    }

    private readonly List<Marker> _markers = new(MaxMarkers);
    private long _clock;

    public void Clear()
    {
        foreach (var m in _markers) m.P.Marker = false;
        _markers.Clear();
    }

    /// <summary>A visible-index position at or near <paramref name="index"/>: item p starts at pindex.</summary>
    public bool TryFind(Branch type, long index, out Item p, out long pindex)
    {
        p = null!;
        pindex = 0;
        if (type.Start == null || index == 0) return false;
        Marker? marker = null;
        var best = long.MaxValue;
        foreach (var m in _markers)
        {
            var d = Math.Abs(index - m.Index);
            if (d < best) { best = d; marker = m; }
        }
        var item = type.Start;
        long idx = 0;
        if (marker != null)
        {
            item = marker.P;
            idx = marker.Index;
            marker.Timestamp = ++_clock;
        }
        while (item.Right != null && idx < index)
        {
            if (item.IsVisibleCountable)
            {
                if (index < idx + item.Length) break;
                idx += item.Length;
            }
            item = item.Right;
        }
        while (item.Left != null && idx > index)
        {
            item = item.Left;
            if (item.IsVisibleCountable) idx -= item.Length;
        }
        // Never mark an item that a later merge could swallow into its left neighbour.
        while (item.Left != null && item.Left.Id.Client == item.Id.Client && item.Left.Id.Clock + item.Left.Length == item.Id.Clock)
        {
            item = item.Left;
            if (item.IsVisibleCountable) idx -= item.Length;
        }
        if (marker != null && Math.Abs(marker.Index - idx) < type.Length / MaxMarkers)
        {
            Overwrite(marker, item, idx);
        }
        else
        {
            Mark(item, idx);
        }
        p = item;
        pindex = idx;
        return true;
    }

    private void Overwrite(Marker marker, Item p, long index)
    {
        marker.P.Marker = false;
        marker.P = p;
        p.Marker = true;
        marker.Index = index;
        marker.Timestamp = ++_clock;
    }

    private void Mark(Item p, long index)
    {
        if (_markers.Count >= MaxMarkers)
        {
            var oldest = _markers[0];
            foreach (var m in _markers) if (m.Timestamp < oldest.Timestamp) oldest = m;
            Overwrite(oldest, p, index);
            return;
        }
        p.Marker = true;
        _markers.Add(new Marker(p, index, ++_clock));
    }

    /// <summary>Shifts markers after a change at <paramref name="index"/> (len &gt; 0 insert, &lt; 0 delete). Call before deleting.</summary>
    public void UpdateChanges(long index, long len)
    {
        for (var i = _markers.Count - 1; i >= 0; i--)
        {
            var m = _markers[i];
            if (len > 0)
            {
                Item? p = m.P;
                p.Marker = false;
                // Walk to a visible countable item so the comparison below is meaningful.
                while (p != null && !p.IsVisibleCountable)
                {
                    p = p.Left;
                    if (p != null && p.IsVisibleCountable) m.Index -= p.Length;
                }
                if (p == null || p.Marker)
                {
                    _markers.RemoveAt(i);
                    continue;
                }
                m.P = p;
                p.Marker = true;
            }
            if (index < m.Index || (len > 0 && index == m.Index))
            {
                m.Index = Math.Max(index, m.Index + len);
            }
        }
    }

    /// <summary>Right is merged into left: a marker on right moves to left.</summary>
    public void OnMerged(Item left, Item right)
    {
        foreach (var m in _markers)
        {
            if (m.P == right)
            {
                m.P = left;
                left.Marker = true;
                if (left.IsVisibleCountable) m.Index -= left.Length;
            }
        }
    }
}
