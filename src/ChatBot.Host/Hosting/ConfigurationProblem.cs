using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatBot.Host.Hosting;

/// <summary>
/// Turns the exceptions configuration loading and binding throw into one line a user can act on: the file and line
/// of broken JSON, the setting and its valid values for a bad enum.
/// </summary>
internal static partial class ConfigurationProblem
{
    /// <summary>One line describing the configuration error, or null when <paramref name="exception"/> is not one.</summary>
    public static string? Describe(Exception exception)
    {
        if (exception is InvalidDataException { Message: var loadMessage } && FailedFile().Match(loadMessage) is { Success: true } file)
        {
            var json = Chain(exception).OfType<JsonException>().FirstOrDefault();
            var line = json?.LineNumber is { } zeroBased ? $" line {zeroBased + 1}" : LineFromMessage(exception);
            return $"{file.Groups["path"].Value}{line}: not valid JSON ({Reason(exception)})";
        }

        if (exception is InvalidOperationException && FailedConversion().Match(exception.Message) is { Success: true } conversion)
        {
            var key = conversion.Groups["key"].Value;
            var value = conversion.Groups["value"].Value;
            var type = FindType(conversion.Groups["type"].Value);
            return type is { IsEnum: true }
                ? $"{key} = '{value}' is not valid; use one of: {string.Join(", ", Enum.GetNames(type))}"
                : $"{key} = '{value}' is not a valid {type?.Name ?? conversion.Groups["type"].Value}";
        }

        return null;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static string LineFromMessage(Exception exception) =>
        Chain(exception).Select(e => LineNumber().Match(e.Message)).FirstOrDefault(m => m.Success) is { } match
            ? $" line {int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}"
            : string.Empty;

    private static string Reason(Exception exception)
    {
        var innermost = Chain(exception).Last();
        var text = innermost.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0].Trim().TrimEnd('.');
        return text.Length > 0 ? text : innermost.GetType().Name;
    }

    private static Type? FindType(string fullName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => fullName.StartsWith(a.GetName().Name ?? "?", StringComparison.Ordinal))
            .Select(a => a.GetType(fullName, throwOnError: false))
            .FirstOrDefault(t => t is not null);

    [GeneratedRegex(@"^Failed to load configuration from file '(?<path>[^']+)'")]
    private static partial Regex FailedFile();

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>[^']*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex FailedConversion();

    [GeneratedRegex(@"LineNumber: (?<line>\d+)")]
    private static partial Regex LineNumber();
}
