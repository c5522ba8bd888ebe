using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DraftPad.Crdt.Encoding;

/// <summary>
/// Reads lib0 primitives from a byte array. Every malformed or truncated input raises
/// <see cref="YjsDecodeException"/> and nothing else.
/// </summary>
public sealed class Lib0Reader
{
    /// <summary>Largest integer JS represents exactly (2^53-1); lib0 rejects varUints above it.</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    private readonly byte[] _buf;
    private readonly int _start;
    private readonly int _end;
    private int _pos;

    /// <summary>Reads the whole array.</summary>
    public Lib0Reader(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        _buf = buffer;
        _start = 0;
        _pos = 0;
        _end = buffer.Length;
    }

    /// <summary>Reads <paramref name="count"/> bytes of <paramref name="buffer"/> starting at <paramref name="offset"/>.</summary>
    public Lib0Reader(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if ((uint)offset > (uint)buffer.Length || (uint)count > (uint)(buffer.Length - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }
        _buf = buffer;
        _start = offset;
        _pos = offset;
        _end = offset + count;
    }

    /// <summary>Reads a memory region; copies only if it is not backed by an array.</summary>
    public Lib0Reader(ReadOnlyMemory<byte> memory)
    {
        if (MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment) && segment.Array is not null)
        {
            _buf = segment.Array;
            _start = segment.Offset;
            _end = segment.Offset + segment.Count;
        }
        else
        {
            _buf = memory.ToArray();
            _start = 0;
            _end = _buf.Length;
        }
        _pos = _start;
    }

    /// <summary>Whether unread bytes remain.</summary>
    public bool HasContent => _pos < _end;

    /// <summary>Bytes read so far, relative to the start of this reader.</summary>
    public int Position => _pos - _start;

    /// <summary>Unread bytes.</summary>
    public int Remaining => _end - _pos;

    /// <summary>The unread bytes, without consuming them.</summary>
    public ReadOnlySpan<byte> RemainingSpan => new(_buf, _pos, _end - _pos);

    /// <summary>The unread bytes as memory over the same array, without consuming them.</summary>
    public ReadOnlyMemory<byte> RemainingMemory => new(_buf, _pos, _end - _pos);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowEnd() => throw new YjsDecodeException("Unexpected end of input.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRange() => throw new YjsDecodeException("Integer out of range (above 2^53-1).");

    /// <summary>Reads one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadUInt8()
    {
        int pos = _pos;
        if (pos >= _end)
        {
            ThrowEnd();
        }
        _pos = pos + 1;
        return _buf[pos];
    }

    /// <summary>Reads an unsigned LEB128 value; throws above 2^53-1 like lib0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadVarUint()
    {
        int pos = _pos;
        if (pos < _end)
        {
            byte b = _buf[pos];
            if (b < 0x80)
            {
                _pos = pos + 1;
                return b;
            }
        }
        return ReadVarUintSlow();
    }

    private ulong ReadVarUintSlow()
    {
        byte[] buf = _buf;
        int pos = _pos;
        int end = _end;
        ulong num = 0;
        int shift = 0;
        while (pos < end)
        {
            uint b = buf[pos++];
            ulong bits = b & 0x7F;
            if (bits != 0)
            {
                // JS tolerates overlong zero groups, so only non-zero bits beyond 53 are an error.
                if (shift > 52)
                {
                    ThrowRange();
                }
                num |= bits << shift;
                if (num > MaxSafeInteger)
                {
                    ThrowRange();
                }
            }
            if (shift < 64)
            {
                shift += 7;
            }
            if (b < 0x80)
            {
                _pos = pos;
                return num;
            }
        }
        ThrowEnd();
        return 0;
    }

    /// <summary>Reads a lib0 sign-magnitude varInt. Negative zero reads as 0; use the overload to see its sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadVarInt() => ReadVarInt(out _);

    /// <summary>Reads a lib0 sign-magnitude varInt, reporting the sign flag separately so that −0 is visible.</summary>
    /// <param name="negative">The sign bit of the encoding (true also for negative zero).</param>
    /// <returns>The signed value (magnitude at most 2^53-1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadVarInt(out bool negative)
    {
        long magnitude = ReadVarIntMagnitude(out negative);
        return negative ? -magnitude : magnitude;
    }

    /// <summary>Reads a varInt as magnitude plus sign flag.</summary>
    internal long ReadVarIntMagnitude(out bool negative)
    {
        int pos = _pos;
        if (pos >= _end)
        {
            ThrowEnd();
        }
        byte[] buf = _buf;
        uint first = buf[pos++];
        negative = (first & 0x40) != 0;
        ulong num = first & 0x3F;
        if ((first & 0x80) == 0)
        {
            _pos = pos;
            return (long)num;
        }
        int end = _end;
        int shift = 6;
        while (pos < end)
        {
            uint b = buf[pos++];
            ulong bits = b & 0x7F;
            if (bits != 0)
            {
                if (shift > 52)
                {
                    ThrowRange();
                }
                num |= bits << shift;
                if (num > MaxSafeInteger)
                {
                    ThrowRange();
                }
            }
            if (shift < 64)
            {
                shift += 7;
            }
            if (b < 0x80)
            {
                _pos = pos;
                return (long)num;
            }
        }
        ThrowEnd();
        return 0;
    }

    /// <summary>Reads a varUint that must fit in a non-negative <see cref="int"/> (lengths, counts, small enums).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadVarUintAsInt()
    {
        ulong v = ReadVarUint();
        if (v > int.MaxValue)
        {
            ThrowIntRange();
        }
        return (int)v;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIntRange() => throw new YjsDecodeException("Value does not fit a 32-bit length.");

    /// <summary>Reads a varUint as <see cref="long"/> (always fits, since values are at most 2^53-1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadVarUintAsLong() => (long)ReadVarUint();

    /// <summary>
    /// Reads an element count for a collection whose elements take at least
    /// <paramref name="minBytesPerElement"/> bytes each, and rejects counts the remaining
    /// input cannot hold, so an untrusted count never drives an allocation.
    /// </summary>
    public int ReadCount(int minBytesPerElement = 1)
    {
        ulong v = ReadVarUint();
        if (minBytesPerElement > 0 && v > (ulong)(Remaining / minBytesPerElement))
        {
            throw new YjsDecodeException($"Count {v} exceeds what the remaining {Remaining} bytes can hold.");
        }
        if (v > int.MaxValue)
        {
            ThrowIntRange();
        }
        return (int)v;
    }

    /// <summary>Reads a varUint length prefix and checks that that many bytes remain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadLengthPrefix()
    {
        ulong len = ReadVarUint();
        if (len > (ulong)(_end - _pos))
        {
            ThrowEnd();
        }
        return (int)len;
    }

    /// <summary>Reads a <c>varString</c>; invalid UTF-8 becomes U+FFFD (a leading BOM is kept).</summary>
    public string ReadVarString()
    {
        int len = ReadLengthPrefix();
        if (len == 0)
        {
            return string.Empty;
        }
        string s = System.Text.Encoding.UTF8.GetString(_buf, _pos, len);
        _pos += len;
        return s;
    }

    /// <summary>Reads a <c>varUint8Array</c> into a new array.</summary>
    public byte[] ReadVarUint8Array() => ReadVarUint8ArraySpan().ToArray();

    /// <summary>Reads a <c>varUint8Array</c> without copying; the span aliases the input.</summary>
    public ReadOnlySpan<byte> ReadVarUint8ArraySpan()
    {
        int len = ReadLengthPrefix();
        var span = new ReadOnlySpan<byte>(_buf, _pos, len);
        _pos += len;
        return span;
    }

    /// <summary>Reads a <c>varUint8Array</c> without copying; the memory aliases the input.</summary>
    public ReadOnlyMemory<byte> ReadVarUint8ArrayMemory()
    {
        int len = ReadLengthPrefix();
        var mem = new ReadOnlyMemory<byte>(_buf, _pos, len);
        _pos += len;
        return mem;
    }

    /// <summary>Reads a <c>varUint8Array</c> and returns a reader over its bytes (no copy).</summary>
    public Lib0Reader ReadVarUint8ArrayReader()
    {
        int len = ReadLengthPrefix();
        var reader = new Lib0Reader(_buf, _pos, len);
        _pos += len;
        return reader;
    }

    /// <summary>Reads <paramref name="count"/> raw bytes without copying.</summary>
    public ReadOnlySpan<byte> ReadUint8Array(int count)
    {
        if ((uint)count > (uint)(_end - _pos))
        {
            ThrowEnd();
        }
        var span = new ReadOnlySpan<byte>(_buf, _pos, count);
        _pos += count;
        return span;
    }

    /// <summary>Reads a big-endian IEEE-754 single.</summary>
    public float ReadFloat32BE() => BinaryPrimitives.ReadSingleBigEndian(ReadUint8Array(4));

    /// <summary>Reads a big-endian IEEE-754 double.</summary>
    public double ReadFloat64BE() => BinaryPrimitives.ReadDoubleBigEndian(ReadUint8Array(8));

    /// <summary>Reads a big-endian two's-complement signed 64-bit integer.</summary>
    public long ReadBigInt64BE() => BinaryPrimitives.ReadInt64BigEndian(ReadUint8Array(8));

    /// <summary>Reads one lib0 <c>any</c> value; see <see cref="AnyEncoding"/> for the C# model.</summary>
    public object? ReadAny() => AnyEncoding.Read(this);
}
