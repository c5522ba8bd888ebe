using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace DraftPad.Crdt.Encoding;

/// <summary>
/// A growable byte buffer with lib0's primitive encodings (varUint, sign-magnitude varInt,
/// varString, big-endian floats, the <c>any</c> encoding).
/// </summary>
public sealed class Lib0Writer
{
    private byte[] _buf;
    private int _pos;

    /// <summary>Creates an empty writer.</summary>
    /// <param name="initialCapacity">Initial buffer size in bytes.</param>
    public Lib0Writer(int initialCapacity = 64)
    {
        _buf = new byte[Math.Max(initialCapacity, 16)];
    }

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _pos;

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => _buf.AsSpan(0, _pos).ToArray();

    /// <summary>The written bytes; invalidated by the next write.</summary>
    public ReadOnlySpan<byte> AsSpan() => new(_buf, 0, _pos);

    /// <summary>Forgets all written bytes but keeps the buffer for reuse.</summary>
    public void Clear() => _pos = 0;

    /// <summary>Drops every byte after <paramref name="length"/> (used to undo a trailing flush).</summary>
    internal void Truncate(int length)
    {
        if ((uint)length <= (uint)_pos)
        {
            _pos = length;
        }
    }

    /// <summary>Makes room for <paramref name="count"/> more bytes and returns the span to fill.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int count)
    {
        if (_buf.Length - _pos < count)
        {
            Grow(count);
        }
        return _buf.AsSpan(_pos, count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        long needed = (long)_pos + count;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException("Lib0Writer cannot grow beyond the maximum array length.");
        }
        long size = Math.Max((long)_buf.Length * 2, needed);
        if (size > Array.MaxLength)
        {
            size = Array.MaxLength;
        }
        Array.Resize(ref _buf, (int)size);
    }

    /// <summary>Writes one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt8(byte value)
    {
        if (_pos == _buf.Length)
        {
            Grow(1);
        }
        _buf[_pos++] = value;
    }

    /// <summary>Writes an unsigned LEB128 value (JS accepts up to 2^53-1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarUint(ulong value)
    {
        if (value < 0x80)
        {
            WriteUInt8((byte)value);
            return;
        }
        WriteVarUintSlow(value);
    }

    private void WriteVarUintSlow(ulong value)
    {
        if (_buf.Length - _pos < 10)
        {
            Grow(10);
        }
        byte[] buf = _buf;
        int pos = _pos;
        while (value >= 0x80)
        {
            buf[pos++] = (byte)(value | 0x80);
            value >>= 7;
        }
        buf[pos++] = (byte)value;
        _pos = pos;
    }

    /// <summary>Writes a signed value as lib0 sign-magnitude varInt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarInt(long value)
    {
        if (value < 0)
        {
            WriteVarIntCore(unchecked((ulong)(-(value + 1)) + 1), true);
        }
        else
        {
            WriteVarIntCore((ulong)value, false);
        }
    }

    /// <summary>
    /// Writes a sign-magnitude varInt from its parts, so that negative zero (<c>40</c>) can be written.
    /// </summary>
    /// <param name="magnitude">Absolute value; must not be negative.</param>
    /// <param name="negative">The sign flag.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarInt(long magnitude, bool negative)
    {
        if (magnitude < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(magnitude), "The magnitude must not be negative.");
        }
        WriteVarIntCore((ulong)magnitude, negative);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteVarIntCore(ulong magnitude, bool negative)
    {
        byte sign = negative ? (byte)0x40 : (byte)0;
        if (magnitude < 0x40)
        {
            WriteUInt8((byte)(sign | (byte)magnitude));
            return;
        }
        if (_buf.Length - _pos < 10)
        {
            Grow(10);
        }
        byte[] buf = _buf;
        int pos = _pos;
        buf[pos++] = (byte)(0x80 | sign | (byte)(magnitude & 0x3F));
        magnitude >>= 6;
        while (magnitude >= 0x80)
        {
            buf[pos++] = (byte)(magnitude | 0x80);
            magnitude >>= 7;
        }
        buf[pos++] = (byte)magnitude;
        _pos = pos;
    }

    /// <summary>
    /// Writes <c>varUint(utf8ByteLength) • UTF-8</c>. Lone surrogates become U+FFFD, as JS
    /// <c>TextEncoder</c> does.
    /// </summary>
    public void WriteVarString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteVarString(value.AsSpan());
    }

    /// <summary>Span overload of <see cref="WriteVarString(string)"/>.</summary>
    public void WriteVarString(ReadOnlySpan<char> value)
    {
        int len = value.Length;
        if (len < 43)
        {
            // At most 3 bytes per UTF-16 unit, so the byte length fits a one-byte prefix:
            // encode straight into the buffer and patch the prefix afterwards.
            Span<byte> dest = Reserve(1 + len * 3);
            int written = System.Text.Encoding.UTF8.GetBytes(value, dest[1..]);
            dest[0] = (byte)written;
            _pos += 1 + written;
            return;
        }
        int byteCount = System.Text.Encoding.UTF8.GetByteCount(value);
        WriteVarUint((ulong)byteCount);
        Span<byte> span = Reserve(byteCount);
        System.Text.Encoding.UTF8.GetBytes(value, span);
        _pos += byteCount;
    }

    /// <summary>Writes <c>varUint(length) • bytes</c>.</summary>
    public void WriteVarUint8Array(ReadOnlySpan<byte> bytes)
    {
        WriteVarUint((ulong)bytes.Length);
        WriteUint8Array(bytes);
    }

    /// <summary>Writes raw bytes without a length prefix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUint8Array(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _pos += bytes.Length;
    }

    /// <summary>Writes an IEEE-754 single, big-endian.</summary>
    public void WriteFloat32BE(float value)
    {
        BinaryPrimitives.WriteSingleBigEndian(Reserve(4), value);
        _pos += 4;
    }

    /// <summary>Writes an IEEE-754 double, big-endian.</summary>
    public void WriteFloat64BE(double value)
    {
        BinaryPrimitives.WriteDoubleBigEndian(Reserve(8), value);
        _pos += 8;
    }

    /// <summary>Writes a two's-complement signed 64-bit integer, big-endian.</summary>
    public void WriteBigInt64BE(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
        _pos += 8;
    }

    /// <summary>Writes a value with lib0's <c>any</c> encoding; see <see cref="AnyEncoding"/>.</summary>
    public void WriteAny(object? value) => AnyEncoding.Write(this, value);
}
