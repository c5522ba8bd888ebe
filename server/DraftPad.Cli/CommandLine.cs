using System.Globalization;

namespace DraftPad.Cli;

/// <summary>
/// A parsed command line: <c>--name value</c>, <c>--name=value</c>, flags, and positional
/// arguments (<c>-</c> is positional: standard input). Unknown options are usage errors.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CommandLine(List<string> positionals) => Positionals = positionals;

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>Parses <paramref name="args"/> against the known <paramref name="spec"/> (name → takes a value).</summary>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, bool> spec)
    {
        var positionals = new List<string>();
        var line = new CommandLine(positionals);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) && arg != "-h")
            {
                positionals.Add(arg);
                continue;
            }
            var name = arg == "-h" ? "help" : arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0) (name, value) = (name[..equals], name[(equals + 1)..]);
            if (name == "help")
            {
                line._options["help"] = null;
                continue;
            }
            if (!spec.TryGetValue(name, out var takesValue)) throw new UsageException($"Unknown option --{name}.");
            if (takesValue && value is null)
            {
                if (i + 1 >= args.Count) throw new UsageException($"--{name} needs a value.");
                value = args[++i];
            }
            else if (!takesValue && value is not null)
            {
                throw new UsageException($"--{name} takes no value.");
            }
            line._options[name] = value;
        }
        return line;
    }

    /// <summary>Whether the flag or option was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>The option's value, or null.</summary>
    public string? Get(string name) => _options.GetValueOrDefault(name);

    /// <summary>The option's value; a usage error when missing.</summary>
    public string Require(string name, string why) => Get(name) ?? throw new UsageException($"--{name} is required: {why}.");

    /// <summary>A <c>YYYY-MM</c> month option as (year, month), or null.</summary>
    public (int Year, int Month)? Month(string name = "month")
    {
        if (Get(name) is not { } text) return null;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new UsageException($"--{name} '{text}' is not a month written YYYY-MM.");
        }
        return (date.Year, date.Month);
    }

    /// <summary>A <c>YYYY-MM-DD</c> date option, or null.</summary>
    public DateOnly? Date(string name)
    {
        if (Get(name) is not { } text) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new UsageException($"--{name} '{text}' is not a date written YYYY-MM-DD.");
        }
        return date;
    }
}
