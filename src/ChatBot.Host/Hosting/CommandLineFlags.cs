namespace ChatBot.Host.Hosting;

/// <summary>Flags that apply to every verb and are needed before the command line is bound (logging, error output).</summary>
internal static class CommandLineFlags
{
    public const string VerboseName = "--verbose";

    /// <summary><c>--verbose</c>: stack traces with errors, Information logs.</summary>
    public static bool Verbose => Environment.GetCommandLineArgs().Contains(VerboseName, StringComparer.Ordinal);
}
