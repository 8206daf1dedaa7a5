using ChatBot.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Hosting;

/// <summary>
/// Runs one verb inside a started host (so option validation happens first) and turns failures into one clear
/// line on stderr and a non-zero exit code instead of a stack trace (<c>--verbose</c> adds it). A damaged database
/// is moved aside and the verb runs once more on a new one, rebuilt from the library.
/// </summary>
internal static class VerbRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadConfiguration = 2;

    public static async Task<int> RunAsync(
        Func<IServiceProvider, CancellationToken, Task<int>> verb,
        CancellationToken cancellationToken,
        HostMode mode = HostMode.Cli,
        Action<HostApplicationBuilder>? configure = null)
    {
        var verbose = CommandLineFlags.Verbose;
        for (var attempt = 1; ; attempt++)
        {
            string? databasePath = null;
            try
            {
                using var host = ChatBotHostBuilder.Build(mode, configure);
                databasePath = host.Services.GetService<SqliteDatabase>()?.FilePath;
                await host.StartAsync(cancellationToken);
                try
                {
                    using var scope = host.Services.CreateScope();
                    return await verb(scope.ServiceProvider, cancellationToken);
                }
                finally
                {
                    await host.StopAsync(CancellationToken.None);
                }
            }
            catch (Exception ex) when (attempt == 1 && databasePath is not null && SqliteCorruption.Find(ex) is { } corruption)
            {
                var aside = SqliteCorruption.MoveAside(databasePath, TimeProvider.System);
                await Console.Error.WriteLineAsync(
                    $"warning: the database {databasePath} is damaged ({corruption.Message.Split(": ", 2)[^1].Trim('\'', '.')}); moved it to " +
                    $"{Path.GetFileName(aside)} and rebuilding the index from the library. Lost: bot state (the Telegram update " +
                    "offset, so recent Telegram messages may be answered twice).");
                if (verbose)
                {
                    await Console.Error.WriteLineAsync(ex.ToString());
                }
            }
            catch (OptionsValidationException ex)
            {
                await Console.Error.WriteLineAsync("Configuration error: " + string.Join("; ", ex.Failures));
                await Console.Error.WriteLineAsync("See appsettings.example.json for every option.");
                return BadConfiguration;
            }
            catch (Exception ex) when (ConfigurationProblem.Describe(ex) is { } problem)
            {
                await Console.Error.WriteLineAsync("Configuration error: " + problem);
                return BadConfiguration;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Failed;
            }
            catch (Exception ex)
            {
                var expected = ex is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException
                    or System.Data.Common.DbException;
                await Console.Error.WriteLineAsync(
                    "Error: " + ex.Message + (verbose || expected ? string.Empty : $" ({ex.GetType().Name}; --verbose shows where)"));
                if (verbose)
                {
                    await Console.Error.WriteLineAsync(ex.ToString());
                }

                return Failed;
            }
        }
    }
}
