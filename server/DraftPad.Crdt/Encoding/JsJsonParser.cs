using System.Globalization;
using System.Text;

namespace DraftPad.Crdt.Encoding;

/// <summary>A strict JSON.parse: ECMA-404 grammar, JSON whitespace only, depth-limited.</summary>
internal struct JsJsonParser
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    private readonly string _s;
    private int _pos;

    private JsJsonParser(string s)
    {
        _s = s;
        _pos = 0;
    }

    public static object? Parse(string json)
    {
        var p = new JsJsonParser(json);
        p.SkipWhitespace();
        object? value = p.ParseValue(0);
        p.SkipWhitespace();
        if (p._pos != json.Length)
        {
            throw p.Error("Unexpected trailing characters");
        }
        return value;
    }

    private readonly YjsDecodeException Error(string what) =>
        new($"Invalid JSON: {what} at position {_pos}.");

    private void SkipWhitespace()
    {
        string s = _s;
        int pos = _pos;
        while (pos < s.Length)
        {
            char c = s[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            {
                break;
            }
            pos++;
        }
        _pos = pos;
    }

    private object? ParseValue(int depth)
    {
        if (_pos >= _s.Length)
        {
            throw Error("Unexpected end");
        }
        char c = _s[_pos];
        switch (c)
        {
            case '{':
                return ParseObject(depth);
            case '[':
                return ParseArray(depth);
            case '"':
                return ParseString();
            case 't':
                ExpectLiteral("true");
                return BoxedTrue;
            case 'f':
                ExpectLiteral("false");
                return BoxedFalse;
            case 'n':
                ExpectLiteral("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }
                throw Error($"Unexpected character '{c}'");
        }
    }

    private void ExpectLiteral(string literal)
    {
        if (string.CompareOrdinal(_s, _pos, literal, 0, literal.Length) != 0)
        {
            throw Error("Invalid literal");
        }
        _pos += literal.Length;
    }

    private Dictionary<string, object?> ParseObject(int depth)
    {
        if (depth >= AnyEncoding.MaxReadDepth)
        {
            throw Error("Nesting too deep");
        }
        _pos++;
        var obj = new Dictionary<string, object?>();
        SkipWhitespace();
        if (_pos < _s.Length && _s[_pos] == '}')
        {
            _pos++;
            return obj;
        }
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _s.Length || _s[_pos] != '"')
            {
                throw Error("Expected property name");
            }
            string key = ParseString();
            SkipWhitespace();
            if (_pos >= _s.Length || _s[_pos] != ':')
            {
                throw Error("Expected ':'");
            }
            _pos++;
            SkipWhitespace();
            // Indexer: a duplicate key keeps its first position and takes the last value, as in JS.
            obj[key] = ParseValue(depth + 1);
            SkipWhitespace();
            if (_pos >= _s.Length)
            {
                throw Error("Unterminated object");
            }
            char c = _s[_pos++];
            if (c == '}')
            {
                return obj;
            }
            if (c != ',')
            {
                throw Error("Expected ',' or '}'");
            }
        }
    }

    private List<object?> ParseArray(int depth)
    {
        if (depth >= AnyEncoding.MaxReadDepth)
        {
            throw Error("Nesting too deep");
        }
        _pos++;
        var list = new List<object?>();
        SkipWhitespace();
        if (_pos < _s.Length && _s[_pos] == ']')
        {
            _pos++;
            return list;
        }
        while (true)
        {
            SkipWhitespace();
            list.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (_pos >= _s.Length)
            {
                throw Error("Unterminated array");
            }
            char c = _s[_pos++];
            if (c == ']')
            {
                return list;
            }
            if (c != ',')
            {
                throw Error("Expected ',' or ']'");
            }
        }
    }

    private string ParseString()
    {
        string s = _s;
        int start = ++_pos;
        int i = start;
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '"')
            {
                _pos = i + 1;
                return s.Substring(start, i - start);
            }
            if (c == '\\')
            {
                break;
            }
            if (c < 0x20)
            {
                _pos = i;
                throw Error("Control character in string");
            }
            i++;
        }
        var sb = new StringBuilder();
        sb.Append(s, start, i - start);
        while (true)
        {
            if (i >= s.Length)
            {
                _pos = i;
                throw Error("Unterminated string");
            }
            char c = s[i++];
            if (c == '"')
            {
                _pos = i;
                return sb.ToString();
            }
            if (c < 0x20)
            {
                _pos = i - 1;
                throw Error("Control character in string");
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (i >= s.Length)
            {
                _pos = i;
                throw Error("Unterminated escape");
            }
            char esc = s[i++];
            switch (esc)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    {
                        int code = 0;
                        for (int j = 0; j < 4; j++)
                        {
                            int h = i < s.Length ? HexValue(s[i]) : -1;
                            if (h < 0)
                            {
                                _pos = i;
                                throw Error("Invalid \\u escape");
                            }
                            code = (code << 4) | h;
                            i++;
                        }
                        sb.Append((char)code);
                        break;
                    }
                default:
                    _pos = i - 1;
                    throw Error("Invalid escape");
            }
        }
    }

    private static int HexValue(char c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }
        return -1;
    }

    private object ParseNumber()
    {
        string s = _s;
        int start = _pos;
        int i = start;
        if (s[i] == '-')
        {
            i++;
        }
        if (i >= s.Length)
        {
            throw Error("Invalid number");
        }
        if (s[i] == '0')
        {
            i++;
        }
        else if (s[i] >= '1' && s[i] <= '9')
        {
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }
        else
        {
            throw Error("Invalid number");
        }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (i >= s.Length || !IsDigit(s[i]))
            {
                _pos = i;
                throw Error("Invalid number");
            }
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }
            if (i >= s.Length || !IsDigit(s[i]))
            {
                _pos = i;
                throw Error("Invalid number");
            }
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
            }
        }
        _pos = i;
        // Overflowing literals parse to ±Infinity in .NET Core 3.0+, as in JS.
        return double.Parse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;
}
