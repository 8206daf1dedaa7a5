using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatBot.Testing;

/// <summary>
/// A throw-away PostgreSQL 15 cluster for one test assembly: initdb into a temp directory, a free port on
/// 127.0.0.1, its unix socket inside that directory, stopped and deleted on dispose. PostgreSQL refuses to run as
/// root, so under root (CI) the server runs as the system user <see cref="SystemUser"/>, created when missing.
/// Anything that prevents the start throws with the reason: tests that need PostgreSQL fail, never pass silently.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    /// <summary>The unprivileged account the server runs as when the tests run as root.</summary>
    public const string SystemUser = "chatbot-pg";

    /// <summary>Overrides the folder of initdb/pg_ctl (default /usr/lib/postgresql/15/bin).</summary>
    public const string BinFolderVariable = "CHATBOT_PG_BIN";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _bin;
    private readonly bool _asRoot;
    private int _databases;
    private bool _stopped;

    public PostgresCluster()
    {
        _bin = Environment.GetEnvironmentVariable(BinFolderVariable) ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(_bin, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is needed by these tests but {_bin}/initdb does not exist: install it " +
                $"(apt-get install -y postgresql-15) or point {BinFolderVariable} at its bin folder.");
        }

        _asRoot = Environment.UserName == "root";
        Root = Path.Combine(Path.GetTempPath(), "chatbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        try
        {
            if (_asRoot)
            {
                EnsureSystemUser();
                Run("chown", [SystemUser, Root], asServerUser: false);
            }

            Run(Path.Combine(_bin, "initdb"), ["-D", DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
            Port = FreePort();
            // fsync off: the cluster lives for one test run; durability across a machine crash is not under test.
            var settings = $"-p {Port} -k {Root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                           "-c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB";
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-o", settings, "-l", LogFile, "-w", "-t", "60", "start"]);
        }
        catch (Exception ex)
        {
            var log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";
            Dispose();
            throw new InvalidOperationException($"Could not start a throw-away PostgreSQL cluster: {ex.Message}\n{log}", ex);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public string Root { get; }

    public int Port { get; }

    private string DataFolder => Path.Combine(Root, "data");

    private string LogFile => Path.Combine(Root, "server.log");

    /// <summary>Connection string to <paramref name="database"/> over TCP on loopback (trust authentication).</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true";

    /// <summary>A new empty database, so each test starts from nothing without restarting the server.</summary>
    public string CreateDatabase()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        Run(Path.Combine(_bin, "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", name], asServerUser: false);
        return ConnectionString(name);
    }

    public void Dispose()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                Run(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"]);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone; nothing left to stop.
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void EnsureSystemUser()
    {
        if (RunProcess("id", ["-u", SystemUser]).ExitCode == 0)
        {
            return;
        }

        var created = RunProcess("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SystemUser]);
        // Exit code 9: another test assembly created it a moment ago.
        if (created.ExitCode is not (0 or 9))
        {
            throw new InvalidOperationException($"useradd {SystemUser} failed: {created.Output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string program, IReadOnlyList<string> arguments, bool asServerUser = true)
    {
        var (exitCode, output) = asServerUser && _asRoot
            ? RunProcess("runuser", ["-u", SystemUser, "--", program, .. arguments])
            : RunProcess(program, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {exitCode}: {output.Trim()}");
        }
    }

    private static (int ExitCode, string Output) RunProcess(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}");
        // pg_ctl start leaves the server holding inherited pipes open, so read to the end only until the exit.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within {CommandTimeout.TotalSeconds:F0} s");
        }

        var output = (stdout.Wait(TimeSpan.FromSeconds(2)) ? stdout.Result : "") + (stderr.Wait(TimeSpan.FromSeconds(2)) ? stderr.Result : "");
        return (process.ExitCode, output);
    }
}
