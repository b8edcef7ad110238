using System.Globalization;

namespace Chat.Gateway.Hosting;

/// <summary>The process's open-file limit (RLIMIT_NOFILE): every connection holds one descriptor.</summary>
public static class OpenFileLimit
{
    /// <summary>The soft limit from <c>/proc/self/limits</c>; null where there is no such file or it is unlimited.</summary>
    public static int? Read()
    {
        const string path = "/proc/self/limits";
        if (!File.Exists(path))
        {
            return null;
        }
        foreach (var line in File.ReadLines(path))
        {
            // "Max open files            20000                20000                files"
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
            }
        }
        return null;
    }
}
