using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Host.Hosting;

/// <summary>
/// Runs one verb inside a started host (so option validation happens first) and turns failures into one clear
/// line on stderr and a non-zero exit code instead of a stack trace.
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
        try
        {
            using var host = ChatBotHostBuilder.Build(mode, configure);
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
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("Configuration error: " + string.Join("; ", ex.Failures));
            await Console.Error.WriteLineAsync("See appsettings.example.json for every option.");
            return BadConfiguration;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Failed;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException
            or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync("Error: " + ex.Message);
            return Failed;
        }
    }
}
