#pragma warning disable CA1050 // The runtime finds a startup hook only as a type named StartupHook in no namespace.

/// <summary>
/// Loaded into the host process by <c>DOTNET_STARTUP_HOOKS</c> (see <c>HostIsolationTests</c>): when the process
/// exits, writes the name of every assembly it loaded to the file named by <see cref="RecordFileVariable"/>. Touches
/// only the base library, so loading it pulls nothing else in.
/// </summary>
internal static class StartupHook
{
    public const string RecordFileVariable = "CHATBOT_TEST_LOADED_ASSEMBLIES";

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(RecordFileVariable) is not { Length: > 0 } path)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            File.WriteAllLines(path, AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? string.Empty));
    }
}
