using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Retrieval;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Host.Tests;

/// <summary>
/// Stopping while the real arctic-embed-xs set-up is opening its ONNX Runtime sessions. A process that exits while
/// another thread is inside that native call can die with SIGSEGV (exit 139, nothing on stderr): a BM25 eval that
/// finished during a cold start's session open did. So disposing the set-up must not return before it is done.
/// </summary>
public sealed class EmbeddingModelSetupStopTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Disposing_the_set_up_while_it_opens_onnx_sessions_returns_only_after_they_are_open_and_released()
    {
        using var models = new TempDirectory();
        var folder = Path.Combine(models.Path, "arctic-embed-xs");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(RepoPaths.Root, "models", "arctic-embed-xs", "manifest.json"), Path.Combine(folder, "manifest.json"));
        using var opening = new OpeningGate();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Embeddings:Model"] = "arctic-embed-xs",
            ["Embeddings:ModelsPath"] = models.Path,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IProgress<ModelSetupProgress>>(opening);
        services.AddEmbeddingModel(configuration);
        await using var provider = services.BuildServiceProvider();
        var setup = provider.GetRequiredService<EmbeddingModelSetup>();

        setup.Start();
        Assert.True(opening.Reached.Wait(Bound), "the set-up never reached opening the ONNX Runtime sessions");
        // The set-up goes on into ORT's session open the moment the gate opens; Dispose is called right behind it.
        opening.Release.Set();
        setup.Dispose();

        var outcome = setup.TryGetAsync();
        Assert.True(outcome.IsCompleted, "Dispose returned while ONNX Runtime was still opening the model's sessions on another thread");
        Assert.False(outcome.IsFaulted, outcome.Exception?.ToString());
    }

    /// <summary>Holds the set-up on the thread that is about to open the sessions until the test lets it go.</summary>
    private sealed class OpeningGate : IProgress<ModelSetupProgress>, IDisposable
    {
        public ManualResetEventSlim Reached { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public void Report(ModelSetupProgress value)
        {
            if (value.Stage == ModelSetupStage.Loading)
            {
                Reached.Set();
                Release.Wait(Bound);
            }
        }

        public void Dispose()
        {
            Reached.Dispose();
            Release.Dispose();
        }
    }
}
