using System.Globalization;

namespace DraftPad.Benchmarks.Load;

/// <summary>CPU time and memory of a process, read from Linux's /proc.</summary>
internal readonly record struct ProcSample(double CpuSeconds, long RssBytes, long PeakRssBytes, long WallTimestamp);

/// <summary>Reads /proc/&lt;pid&gt;/stat (user + system time) and /proc/&lt;pid&gt;/status (VmRSS, VmHWM).</summary>
internal static class ProcStats
{
    /// <summary>USER_HZ, the unit of utime/stime in /proc/&lt;pid&gt;/stat: 100 on every Linux ABI .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;

    public static bool Available => File.Exists("/proc/self/stat");

    public static ProcSample Sample(int pid)
    {
        var ts = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!Available) return new ProcSample(double.NaN, 0, 0, ts);
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Field 2 (comm) is parenthesised and may contain spaces: split after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        var utime = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
        }
        return new ProcSample((utime + stime) / ClockTicksPerSecond, rss, hwm, ts);
    }

    /// <summary>Busy and total jiffies of the whole machine (first line of /proc/stat).</summary>
    public static (long Busy, long Total) MachineCpu()
    {
        if (!File.Exists("/proc/stat")) return (0, 0);
        var first = File.ReadLines("/proc/stat").First();
        var values = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
        var total = values.Take(8).Sum();
        var idle = values[3] + values[4];
        return (total - idle, total);
    }

    /// <summary>CPU seconds (user + system) of every process on the machine, with its name.</summary>
    public static Dictionary<int, (string Name, double CpuSeconds)> AllProcesses()
    {
        var all = new Dictionary<int, (string, double)>();
        if (!Directory.Exists("/proc")) return all;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
                all[pid] = (stat[(open + 1)..close], cpu);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // the process ended meanwhile
            }
        }
        return all;
    }

    /// <summary>The processes other than <paramref name="exclude"/> that used the most CPU between two <see cref="AllProcesses"/> readings.</summary>
    public static List<(int Pid, string Name, double CpuSeconds)> TopOthers(
        Dictionary<int, (string Name, double CpuSeconds)> before, Dictionary<int, (string Name, double CpuSeconds)> after, IReadOnlySet<int> exclude, int count)
    {
        return after.Where(p => !exclude.Contains(p.Key))
            .Select(p => (Pid: p.Key, p.Value.Name, CpuSeconds: p.Value.CpuSeconds - (before.TryGetValue(p.Key, out var b) ? b.CpuSeconds : 0)))
            .Where(p => p.CpuSeconds > 0)
            .OrderByDescending(p => p.CpuSeconds)
            .Take(count)
            .ToList();
    }

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
