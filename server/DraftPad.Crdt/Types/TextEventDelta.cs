namespace DraftPad.Crdt;

/// <summary>
/// Yjs's YTextEvent.delta: inserts with their attributes, deletes, and retains that carry
/// attribute changes. Like Yjs it runs in a transaction and deletes format markers it finds
/// redundant, so reading the delta can produce a (cleanup) update, exactly as in a browser.
/// </summary>
internal static class TextEventDelta
{
    public static List<YDelta> Compute(Branch type, Transaction changes)
    {
        var delta = new List<YDelta>();
        type.Doc!.Transact(transaction =>
        {
            var current = new OrderedMap();
            var old = new OrderedMap();
            var attributes = new OrderedMap();
            string? action = null;
            object? insert = "";
            long retain = 0, deleteLen = 0;

            void AddOp()
            {
                if (action == null) return;
                YDelta? op = null;
                switch (action)
                {
                    case "delete":
                        if (deleteLen > 0) op = new YDelta { Delete = deleteLen };
                        deleteLen = 0;
                        break;
                    case "insert":
                        if (insert is not string s || s.Length > 0)
                        {
                            Dictionary<string, object?>? attrs = null;
                            foreach (var key in current.Keys)
                            {
                                current.TryGetValue(key, out var v);
                                if (v != null) (attrs ??= new())[key] = v;
                            }
                            // Yjs attaches an attributes object whenever any attribute is tracked, even if all are null.
                            if (current.Count > 0) attrs ??= new();
                            op = new YDelta { Insert = insert, Attributes = attrs };
                        }
                        insert = "";
                        break;
                    case "retain":
                        if (retain > 0) op = new YDelta { Retain = retain, Attributes = attributes.Count > 0 ? attributes.ToDictionary() : null };
                        retain = 0;
                        break;
                }
                if (op != null) delta.Add(op);
                action = null;
            }

            for (var item = type.Start; item != null; item = item.Right)
            {
                switch (item.Content)
                {
                    case ContentType or ContentEmbed:
                        if (changes.Adds(item))
                        {
                            if (!changes.Deletes(item))
                            {
                                AddOp();
                                action = "insert";
                                var values = new List<object?>(1);
                                item.Content.AppendValues(values);
                                insert = values[0];
                                AddOp();
                            }
                        }
                        else if (changes.Deletes(item))
                        {
                            if (action != "delete") { AddOp(); action = "delete"; }
                            deleteLen += 1;
                        }
                        else if (!item.Deleted)
                        {
                            if (action != "retain") { AddOp(); action = "retain"; }
                            retain += 1;
                        }
                        break;
                    case ContentString str:
                        if (changes.Adds(item))
                        {
                            if (!changes.Deletes(item))
                            {
                                if (action != "insert") { AddOp(); action = "insert"; }
                                insert = (string)insert! + str.ToString();
                            }
                        }
                        else if (changes.Deletes(item))
                        {
                            if (action != "delete") { AddOp(); action = "delete"; }
                            deleteLen += item.Length;
                        }
                        else if (!item.Deleted)
                        {
                            if (action != "retain") { AddOp(); action = "retain"; }
                            retain += item.Length;
                        }
                        break;
                    case ContentFormat format:
                        {
                            var key = format.Key;
                            var value = format.Value;
                            if (changes.Adds(item))
                            {
                                if (!changes.Deletes(item))
                                {
                                    var curVal = current.GetOrNull(key);
                                    if (!AnyEncoding.AttrEquals(curVal, value))
                                    {
                                        if (action == "retain") AddOp();
                                        if (AnyEncoding.AttrEquals(value, old.GetOrNull(key))) attributes.Remove(key);
                                        else attributes.Set(key, value);
                                    }
                                    else if (value != null)
                                    {
                                        item.Delete(transaction);
                                    }
                                }
                            }
                            else if (changes.Deletes(item))
                            {
                                old.Set(key, value);
                                var curVal = current.GetOrNull(key);
                                if (!AnyEncoding.AttrEquals(curVal, value))
                                {
                                    if (action == "retain") AddOp();
                                    attributes.Set(key, curVal);
                                }
                            }
                            else if (!item.Deleted)
                            {
                                old.Set(key, value);
                                if (attributes.TryGetValue(key, out var attr))
                                {
                                    if (!AnyEncoding.AttrEquals(attr, value))
                                    {
                                        if (action == "retain") AddOp();
                                        if (value == null) attributes.Remove(key);
                                        else attributes.Set(key, value);
                                    }
                                    else if (attr != null)
                                    {
                                        item.Delete(transaction);
                                    }
                                }
                            }
                            if (!item.Deleted)
                            {
                                if (action == "insert") AddOp();
                                TextFormatting.UpdateCurrentAttributes(current, format);
                            }
                            break;
                        }
                }
            }
            AddOp();
            while (delta.Count > 0 && delta[^1].Retain != null && delta[^1].Attributes == null) delta.RemoveAt(delta.Count - 1);
        });
        return delta;
    }

}
