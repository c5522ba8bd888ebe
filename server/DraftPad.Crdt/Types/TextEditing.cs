namespace DraftPad.Crdt;

/// <summary>A position between two items of a text, with the formatting attributes in effect there.</summary>
internal sealed class TextPosition(Item? left, Item? right, long index, OrderedMap currentAttributes)
{
    public Item? Left = left;
    public Item? Right = right;
    public long Index = index;
    public readonly OrderedMap CurrentAttributes = currentAttributes;

    public void Forward()
    {
        var right = Right ?? throw new InvalidOperationException("Cannot move past the end of the text.");
        if (right.Content is ContentFormat format)
        {
            if (!right.Deleted) TextFormatting.UpdateCurrentAttributes(CurrentAttributes, format);
        }
        else if (!right.Deleted)
        {
            Index += right.Length;
        }
        Left = right;
        Right = right.Right;
    }
}

/// <summary>
/// Y.Text's editing algorithms (insert with formatting markers, format, delete with formatting
/// cleanup). They follow Yjs step by step: where a local edit places its markers is visible to
/// every peer, so any deviation would break byte compatibility.
/// </summary>
internal static class TextEditing
{
    public static TextPosition FindPosition(Transaction transaction, Branch parent, long index, bool useSearchMarker)
    {
        var attrs = new OrderedMap();
        if (useSearchMarker && !parent.HasFormatting && parent.Markers != null
            && parent.Markers.TryFind(parent, index, out var p, out var pindex))
        {
            return FindNextPosition(transaction, new TextPosition(p.Left, p, pindex, attrs), index - pindex);
        }
        return FindNextPosition(transaction, new TextPosition(null, parent.Start, 0, attrs), index);
    }

    private static TextPosition FindNextPosition(Transaction transaction, TextPosition pos, long count)
    {
        while (pos.Right != null && count > 0)
        {
            var right = pos.Right;
            if (right.Content is ContentFormat format)
            {
                if (!right.Deleted) TextFormatting.UpdateCurrentAttributes(pos.CurrentAttributes, format);
            }
            else if (!right.Deleted)
            {
                if (count < right.Length)
                {
                    transaction.Doc.Store.GetCleanStart(transaction, new ID(right.Id.Client, right.Id.Clock + count));
                }
                pos.Index += right.Length;
                count -= right.Length;
            }
            pos.Left = right;
            pos.Right = right.Right;
        }
        return pos;
    }

    private static Item NewItem(Transaction transaction, Branch parent, TextPosition pos, Content content)
    {
        var doc = transaction.Doc;
        var client = doc.ClientId;
        var left = pos.Left;
        var right = pos.Right;
        var item = new Item(new ID(client, doc.Store.GetState(client)), left, left?.LastId, right, right?.Id, parent, null, content);
        item.Integrate(transaction, 0);
        return item;
    }

    private static void InsertNegatedAttributes(Transaction transaction, Branch parent, TextPosition pos, OrderedMap negated)
    {
        while (pos.Right != null && (pos.Right.Deleted
            || (pos.Right.Content is ContentFormat f && AnyEncoding.AttrEquals(negated.Get(f.Key), f.Value))))
        {
            if (!pos.Right.Deleted) negated.Remove(((ContentFormat)pos.Right.Content).Key);
            pos.Forward();
        }
        foreach (var key in negated.Count == 0 ? [] : negated.Keys.ToArray())
        {
            negated.TryGetValue(key, out var val);
            pos.Right = NewItem(transaction, parent, pos, new ContentFormat(key, val));
            pos.Forward();
        }
    }

    private static void MinimizeAttributeChanges(TextPosition pos, OrderedMap attributes)
    {
        while (pos.Right != null)
        {
            var right = pos.Right;
            if (right.Deleted) { pos.Forward(); continue; }
            if (right.Content is ContentFormat f && AnyEncoding.AttrEquals(attributes.GetOrNull(f.Key), f.Value))
            {
                pos.Forward();
                continue;
            }
            break;
        }
    }


    private static OrderedMap InsertAttributes(Transaction transaction, Branch parent, TextPosition pos, OrderedMap attributes)
    {
        var negated = new OrderedMap();
        foreach (var key in attributes.KeysInObjectOrder())
        {
            attributes.TryGetValue(key, out var val);
            var currentVal = pos.CurrentAttributes.GetOrNull(key);
            if (!AnyEncoding.AttrEquals(currentVal, val))
            {
                negated.Set(key, currentVal);
                pos.Right = NewItem(transaction, parent, pos, new ContentFormat(key, val));
                pos.Forward();
            }
        }
        return negated;
    }

    /// <summary>Inserts a string, embed or nested type with the given attributes at the position.</summary>
    public static void InsertText(Transaction transaction, Branch parent, TextPosition pos, Content content, OrderedMap attributes)
    {
        foreach (var key in pos.CurrentAttributes.Keys)
        {
            if (!attributes.ContainsKey(key)) attributes.Set(key, null);
        }
        MinimizeAttributeChanges(pos, attributes);
        var negated = InsertAttributes(transaction, parent, pos, attributes);
        var index = pos.Index;
        if (!parent.HasFormatting) parent.Markers?.UpdateChanges(pos.Index, content.Length);
        pos.Right = NewItem(transaction, parent, pos, content);
        pos.Index = index;
        pos.Forward();
        InsertNegatedAttributes(transaction, parent, pos, negated);
    }

    public static void FormatText(Transaction transaction, Branch parent, TextPosition pos, long length, OrderedMap attributes)
    {
        MinimizeAttributeChanges(pos, attributes);
        var negated = InsertAttributes(transaction, parent, pos, attributes);
        while (pos.Right != null && (length > 0 || (negated.Count > 0 && (pos.Right.Deleted || pos.Right.Content is ContentFormat))))
        {
            var right = pos.Right;
            if (!right.Deleted)
            {
                if (right.Content is ContentFormat format)
                {
                    if (attributes.TryGetValue(format.Key, out var attr) && attr is not Undefined)
                    {
                        if (AnyEncoding.AttrEquals(attr, format.Value))
                        {
                            negated.Remove(format.Key);
                        }
                        else
                        {
                            if (length == 0) break;
                            negated.Set(format.Key, format.Value);
                        }
                        right.Delete(transaction);
                    }
                    else
                    {
                        pos.CurrentAttributes.Set(format.Key, format.Value);
                    }
                }
                else
                {
                    if (length < right.Length)
                    {
                        transaction.Doc.Store.GetCleanStart(transaction, new ID(right.Id.Client, right.Id.Clock + length));
                    }
                    length -= right.Length;
                }
            }
            pos.Forward();
        }
        if (length > 0)
        {
            // Quill's convention: formatting past the end adds newlines.
            pos.Right = NewItem(transaction, parent, pos, new ContentString(new string('\n', (int)length)));
            pos.Forward();
        }
        InsertNegatedAttributes(transaction, parent, pos, negated);
    }

    public static void DeleteText(Transaction transaction, TextPosition pos, long length)
    {
        var startLength = length;
        var startAttrs = pos.CurrentAttributes.Copy();
        var start = pos.Right;
        while (length > 0 && pos.Right != null)
        {
            var right = pos.Right;
            if (!right.Deleted && right.Content is ContentType or ContentEmbed or ContentString)
            {
                if (length < right.Length)
                {
                    transaction.Doc.Store.GetCleanStart(transaction, new ID(right.Id.Client, right.Id.Clock + length));
                }
                length -= right.Length;
                right.Delete(transaction);
            }
            pos.Forward();
        }
        if (start != null) TextFormatting.CleanupFormattingGap(transaction, start, pos.Right, startAttrs, pos.CurrentAttributes);
        if ((pos.Left ?? pos.Right)?.Parent is Branch parent && !parent.HasFormatting)
        {
            parent.Markers?.UpdateChanges(pos.Index, -startLength + length);
        }
    }
}
