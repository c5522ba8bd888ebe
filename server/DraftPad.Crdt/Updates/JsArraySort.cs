namespace DraftPad.Crdt.Updates;

/// <summary>
/// <c>Array.prototype.sort</c> with a comparator, step for step as V8 performs it (the TimSort of
/// V8's array-sort.tq as shipped in Node 20: natural runs, binary insertion up to the minimum run
/// length, merges with galloping).
/// </summary>
/// <remarks>
/// Any stable sort gives the same result for a consistent comparator. Yjs's mergeUpdates sorts its
/// readers with a comparator that is not consistent (a GC and an Item at the same id compare as
/// "less" both ways), and which of the two it writes then depends on the exact comparisons the
/// engine makes. Reproducing V8's algorithm reproduces its output on Node 18/20 (V8 10-11), the
/// reference DraftPad is tested against. Other engines (SpiderMonkey, JavaScriptCore) and later V8
/// versions (which changed the algorithm for short arrays and then moved to PowerSort) may pick the
/// other struct in that rare case, so Yjs itself is not deterministic there across runtimes.
/// </remarks>
internal sealed class JsArraySort<T>
{
    private const int MinGallopWins = 7;
    private const int MaxMergePending = 85;

    private readonly Comparison<T> _compare;
    private T[] _work = [];
    private T[] _temp = [];
    private int _minGallop;
    private readonly int[] _runBase = new int[MaxMergePending];
    private readonly int[] _runLength = new int[MaxMergePending];
    private int _runs;

    /// <summary>A sorter for repeated sorts with the same comparator; it keeps its buffers between sorts.</summary>
    public JsArraySort(Comparison<T> compare)
    {
        _compare = compare;
    }

    /// <summary>Sorts <paramref name="list"/> in place as V8's <c>list.sort(compare)</c> would.</summary>
    public static void Sort(List<T> list, Comparison<T> compare) => new JsArraySort<T>(compare).Sort(list);

    /// <summary>Sorts <paramref name="list"/> in place as V8's <c>list.sort(compare)</c> would.</summary>
    public void Sort(List<T> list)
    {
        var n = list.Count;
        if (n < 2) return;
        // Already in order (every element compares >= its predecessor): V8 finds one ascending run
        // covering everything and leaves the array as it is, whatever the comparator's quirks.
        var ordered = true;
        for (var i = 1; i < n && ordered; i++) ordered = _compare(list[i], list[i - 1]) >= 0;
        if (ordered) return;
        if (_work.Length < n) _work = new T[Math.Max(n, 2 * _work.Length)];
        list.CopyTo(_work);
        _minGallop = MinGallopWins;
        _runs = 0;
        TimSort(n);
        for (var i = 0; i < n; i++) list[i] = _work[i];
        Array.Clear(_work, 0, n);
        Array.Clear(_temp);
    }

    private void TimSort(int length)
    {
        var remaining = length;
        var low = 0;
        var minRun = MinRunLength(remaining);
        while (remaining != 0)
        {
            var run = CountAndMakeRun(low, low + remaining);
            if (run < minRun)
            {
                var forced = Math.Min(minRun, remaining);
                BinaryInsertionSort(low, low + run, low + forced);
                run = forced;
            }
            _runBase[_runs] = low;
            _runLength[_runs] = run;
            _runs++;
            MergeCollapse();
            low += run;
            remaining -= run;
        }
        MergeForceCollapse();
    }

    private static int MinRunLength(int n)
    {
        var r = 0;
        while (n >= 64)
        {
            r |= n & 1;
            n >>= 1;
        }
        return n + r;
    }

    private void BinaryInsertionSort(int low, int startArg, int high)
    {
        var start = low == startArg ? startArg + 1 : startArg;
        for (; start < high; start++)
        {
            var left = low;
            var right = start;
            var pivot = _work[right];
            while (left < right)
            {
                var mid = left + ((right - left) >> 1);
                if (_compare(pivot, _work[mid]) < 0) right = mid;
                else left = mid + 1;
            }
            for (var p = start; p > left; p--) _work[p] = _work[p - 1];
            _work[left] = pivot;
        }
    }

    private int CountAndMakeRun(int lowArg, int high)
    {
        var low = lowArg + 1;
        if (low == high) return 1;
        var runLength = 2;
        var descending = _compare(_work[low], _work[low - 1]) < 0;
        var previous = _work[low];
        for (var idx = low + 1; idx < high; idx++)
        {
            var current = _work[idx];
            var order = _compare(current, previous);
            if (descending ? order >= 0 : order < 0) break;
            previous = current;
            runLength++;
        }
        if (descending) Array.Reverse(_work, lowArg, runLength);
        return runLength;
    }

    private bool RunInvariantEstablished(int n)
    {
        if (n < 2) return true;
        return _runLength[n - 2] > _runLength[n - 1] + _runLength[n];
    }

    private void MergeCollapse()
    {
        while (_runs > 1)
        {
            var n = _runs - 2;
            if (!RunInvariantEstablished(n + 1) || !RunInvariantEstablished(n))
            {
                if (_runLength[n - 1] < _runLength[n + 1]) n--;
                MergeAt(n);
            }
            else if (_runLength[n] <= _runLength[n + 1])
            {
                MergeAt(n);
            }
            else
            {
                break;
            }
        }
    }

    private void MergeForceCollapse()
    {
        while (_runs > 1)
        {
            var n = _runs - 2;
            if (n > 0 && _runLength[n - 1] < _runLength[n + 1]) n--;
            MergeAt(n);
        }
    }

    private void MergeAt(int i)
    {
        var baseA = _runBase[i];
        var lengthA = _runLength[i];
        var baseB = _runBase[i + 1];
        var lengthB = _runLength[i + 1];
        _runLength[i] = lengthA + lengthB;
        if (i == _runs - 3)
        {
            _runBase[i + 1] = _runBase[i + 2];
            _runLength[i + 1] = _runLength[i + 2];
        }
        _runs--;

        var k = GallopRight(_work, _work[baseB], baseA, lengthA, 0);
        baseA += k;
        lengthA -= k;
        if (lengthA == 0) return;
        lengthB = GallopLeft(_work, _work[baseA + lengthA - 1], baseB, lengthB, lengthB - 1);
        if (lengthB == 0) return;
        if (lengthA <= lengthB) MergeLow(baseA, lengthA, baseB, lengthB);
        else MergeHigh(baseA, lengthA, baseB, lengthB);
    }

    private int GallopLeft(T[] array, T key, int @base, int length, int hint)
    {
        var lastOfs = 0;
        var offset = 1;
        if (_compare(array[@base + hint], key) < 0)
        {
            var maxOfs = length - hint;
            while (offset < maxOfs)
            {
                if (_compare(array[@base + hint + offset], key) >= 0) break;
                lastOfs = offset;
                offset = (offset << 1) + 1;
                if (offset <= 0) offset = maxOfs;
            }
            if (offset > maxOfs) offset = maxOfs;
            lastOfs += hint;
            offset += hint;
        }
        else
        {
            var maxOfs = hint + 1;
            while (offset < maxOfs)
            {
                if (_compare(array[@base + hint - offset], key) < 0) break;
                lastOfs = offset;
                offset = (offset << 1) + 1;
                if (offset <= 0) offset = maxOfs;
            }
            if (offset > maxOfs) offset = maxOfs;
            var tmp = lastOfs;
            lastOfs = hint - offset;
            offset = hint - tmp;
        }
        lastOfs++;
        while (lastOfs < offset)
        {
            var m = lastOfs + ((offset - lastOfs) >> 1);
            if (_compare(array[@base + m], key) < 0) lastOfs = m + 1;
            else offset = m;
        }
        return offset;
    }

    private int GallopRight(T[] array, T key, int @base, int length, int hint)
    {
        var lastOfs = 0;
        var offset = 1;
        if (_compare(key, array[@base + hint]) < 0)
        {
            var maxOfs = hint + 1;
            while (offset < maxOfs)
            {
                if (_compare(key, array[@base + hint - offset]) >= 0) break;
                lastOfs = offset;
                offset = (offset << 1) + 1;
                if (offset <= 0) offset = maxOfs;
            }
            if (offset > maxOfs) offset = maxOfs;
            var tmp = lastOfs;
            lastOfs = hint - offset;
            offset = hint - tmp;
        }
        else
        {
            var maxOfs = length - hint;
            while (offset < maxOfs)
            {
                if (_compare(key, array[@base + hint + offset]) < 0) break;
                lastOfs = offset;
                offset = (offset << 1) + 1;
                if (offset <= 0) offset = maxOfs;
            }
            if (offset > maxOfs) offset = maxOfs;
            lastOfs += hint;
            offset += hint;
        }
        lastOfs++;
        while (lastOfs < offset)
        {
            var m = lastOfs + ((offset - lastOfs) >> 1);
            if (_compare(key, array[@base + m]) < 0) offset = m;
            else lastOfs = m + 1;
        }
        return offset;
    }

    private T[] TempArray(int requested)
    {
        var size = Math.Max(32, requested);
        if (_temp.Length < size) _temp = new T[size];
        return _temp;
    }

    private void MergeLow(int baseA, int lengthA, int baseB, int lengthB)
    {
        var work = _work;
        var temp = TempArray(lengthA);
        Array.Copy(work, baseA, temp, 0, lengthA);
        var dest = baseA;
        var cursorTemp = 0;
        var cursorB = baseB;
        work[dest++] = work[cursorB++];

        if (--lengthB == 0) goto Succeed;
        if (lengthA == 1) goto CopyB;
        var minGallop = _minGallop;
        while (true)
        {
            var winsA = 0;
            var winsB = 0;
            while (true)
            {
                if (_compare(work[cursorB], temp[cursorTemp]) < 0)
                {
                    work[dest++] = work[cursorB++];
                    winsB++;
                    lengthB--;
                    winsA = 0;
                    if (lengthB == 0) goto Succeed;
                    if (winsB >= minGallop) break;
                }
                else
                {
                    work[dest++] = temp[cursorTemp++];
                    winsA++;
                    lengthA--;
                    winsB = 0;
                    if (lengthA == 1) goto CopyB;
                    if (winsA >= minGallop) break;
                }
            }
            minGallop++;
            var first = true;
            while (winsA >= MinGallopWins || winsB >= MinGallopWins || first)
            {
                first = false;
                minGallop = Math.Max(1, minGallop - 1);
                _minGallop = minGallop;
                winsA = GallopRight(temp, work[cursorB], cursorTemp, lengthA, 0);
                if (winsA > 0)
                {
                    Array.Copy(temp, cursorTemp, work, dest, winsA);
                    dest += winsA;
                    cursorTemp += winsA;
                    lengthA -= winsA;
                    if (lengthA == 1) goto CopyB;
                    if (lengthA == 0) goto Succeed;
                }
                work[dest++] = work[cursorB++];
                if (--lengthB == 0) goto Succeed;
                winsB = GallopLeft(work, temp[cursorTemp], cursorB, lengthB, 0);
                if (winsB > 0)
                {
                    Array.Copy(work, cursorB, work, dest, winsB);
                    dest += winsB;
                    cursorB += winsB;
                    lengthB -= winsB;
                    if (lengthB == 0) goto Succeed;
                }
                work[dest++] = temp[cursorTemp++];
                if (--lengthA == 1) goto CopyB;
            }
            minGallop++;
            _minGallop = minGallop;
        }

    Succeed:
        if (lengthA > 0) Array.Copy(temp, cursorTemp, work, dest, lengthA);
        return;

    CopyB:
        Array.Copy(work, cursorB, work, dest, lengthB);
        work[dest + lengthB] = temp[cursorTemp];
    }

    private void MergeHigh(int baseA, int lengthA, int baseB, int lengthB)
    {
        var work = _work;
        var temp = TempArray(lengthB);
        Array.Copy(work, baseB, temp, 0, lengthB);
        var dest = baseB + lengthB - 1;
        var cursorTemp = lengthB - 1;
        var cursorA = baseA + lengthA - 1;
        work[dest--] = work[cursorA--];

        if (--lengthA == 0) goto Succeed;
        if (lengthB == 1) goto CopyA;
        var minGallop = _minGallop;
        while (true)
        {
            var winsA = 0;
            var winsB = 0;
            while (true)
            {
                if (_compare(temp[cursorTemp], work[cursorA]) < 0)
                {
                    work[dest--] = work[cursorA--];
                    winsA++;
                    lengthA--;
                    winsB = 0;
                    if (lengthA == 0) goto Succeed;
                    if (winsA >= minGallop) break;
                }
                else
                {
                    work[dest--] = temp[cursorTemp--];
                    winsB++;
                    lengthB--;
                    winsA = 0;
                    if (lengthB == 1) goto CopyA;
                    if (winsB >= minGallop) break;
                }
            }
            minGallop++;
            var first = true;
            while (winsA >= MinGallopWins || winsB >= MinGallopWins || first)
            {
                first = false;
                minGallop = Math.Max(1, minGallop - 1);
                _minGallop = minGallop;
                var k = GallopRight(work, temp[cursorTemp], baseA, lengthA, lengthA - 1);
                winsA = lengthA - k;
                if (winsA > 0)
                {
                    dest -= winsA;
                    cursorA -= winsA;
                    Array.Copy(work, cursorA + 1, work, dest + 1, winsA);
                    lengthA -= winsA;
                    if (lengthA == 0) goto Succeed;
                }
                work[dest--] = temp[cursorTemp--];
                if (--lengthB == 1) goto CopyA;
                k = GallopLeft(temp, work[cursorA], 0, lengthB, lengthB - 1);
                winsB = lengthB - k;
                if (winsB > 0)
                {
                    dest -= winsB;
                    cursorTemp -= winsB;
                    Array.Copy(temp, cursorTemp + 1, work, dest + 1, winsB);
                    lengthB -= winsB;
                    if (lengthB == 1) goto CopyA;
                    if (lengthB == 0) goto Succeed;
                }
                work[dest--] = work[cursorA--];
                if (--lengthA == 0) goto Succeed;
            }
            minGallop++;
            _minGallop = minGallop;
        }

    Succeed:
        if (lengthB > 0) Array.Copy(temp, 0, work, dest - (lengthB - 1), lengthB);
        return;

    CopyA:
        dest -= lengthA;
        cursorA -= lengthA;
        Array.Copy(work, cursorA + 1, work, dest + 1, lengthA);
        work[dest] = temp[cursorTemp];
    }
}
