using ChatBot.Testing;
using System.Net;
using System.Security.Cryptography;
using ChatBot.Embeddings.Onnx.Models;
using ChatBot.Embeddings.Onnx.Tests.Support;

namespace ChatBot.Embeddings.Onnx.Tests.Models;

public sealed class ModelCatalogTests : IDisposable
{
    private static readonly byte[] ModelBytes = "pretend onnx model"u8.ToArray();
    private static readonly byte[] VocabularyBytes = "[PAD]\n[UNK]\n"u8.ToArray();

    private readonly TempDirectory _models = new();

    public ModelCatalogTests()
    {
        Directory.CreateDirectory(Path.Combine(_models.Path, "remote"));
        File.WriteAllText(Path.Combine(_models.Path, "remote", "manifest.json"), Manifest("remote", Sha(ModelBytes), Sha(VocabularyBytes)));
        Directory.CreateDirectory(Path.Combine(_models.Path, "built"));
        File.WriteAllText(Path.Combine(_models.Path, "built", "manifest.json"), BuiltManifest);
    }

    [Fact]
    public void Lists_models_with_download_and_presence_state()
    {
        var catalog = new ModelCatalog(new HttpClient(new FakeServer()), _models.Path);

        var entries = catalog.List();

        Assert.Equal(["built", "remote"], entries.Select(e => e.Manifest.Name));
        Assert.False(entries[0].Downloadable);
        Assert.True(entries[1].Downloadable);
        Assert.All(entries, e => Assert.False(e.Present));
    }

    [Fact]
    public async Task Download_verifies_each_file_and_a_second_download_fetches_nothing()
    {
        var server = new FakeServer();
        var catalog = new ModelCatalog(new HttpClient(server), _models.Path);

        var first = await catalog.DownloadAsync("remote");
        var second = await catalog.DownloadAsync("remote");

        Assert.True(first.IsUsable);
        Assert.All(second.Files, f => Assert.Equal(ModelFileStatus.Verified, f.Status));
        Assert.Equal(2, server.Requests); // model + vocabulary, once
        Assert.Equal(ModelBytes, File.ReadAllBytes(Path.Combine(_models.Path, "remote", "model.onnx")));
        Assert.True(catalog.List().Single(e => e.Manifest.Name == "remote").Present);
    }

    [Fact]
    public async Task A_download_with_the_wrong_hash_is_discarded()
    {
        File.WriteAllText(Path.Combine(_models.Path, "remote", "manifest.json"), Manifest("remote", Sha("something else"u8.ToArray()), Sha(VocabularyBytes)));
        var catalog = new ModelCatalog(new HttpClient(new FakeServer()), _models.Path);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => catalog.DownloadAsync("remote"));

        Assert.Contains("the file was discarded", error.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_models.Path, "remote"), "model.onnx*"));
    }

    [Fact]
    public async Task No_network_is_said_plainly()
    {
        var catalog = new ModelCatalog(new HttpClient(new FakeServer(offline: true)), _models.Path);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => catalog.DownloadAsync("remote"));

        Assert.StartsWith("no network: could not reach huggingface.co", error.Message);
    }

    [Fact]
    public async Task Verify_reports_missing_mismatched_and_unpinned_files()
    {
        var catalog = new ModelCatalog(new HttpClient(new FakeServer()), _models.Path);
        File.WriteAllBytes(Path.Combine(_models.Path, "remote", "model.onnx"), "tampered"u8.ToArray());
        File.WriteAllBytes(Path.Combine(_models.Path, "built", "model.onnx"), ModelBytes);

        var remote = await catalog.VerifyAsync("remote");
        var built = await catalog.VerifyAsync("built");

        Assert.Equal([ModelFileStatus.Mismatch, ModelFileStatus.Missing], remote.Files.Select(f => f.Status));
        Assert.False(remote.IsUsable);
        Assert.Equal(ModelFileStatus.Unpinned, Assert.Single(built.Files).Status);
    }

    [Fact]
    public async Task Built_models_cannot_be_downloaded()
    {
        var catalog = new ModelCatalog(new HttpClient(new FakeServer()), _models.Path);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => catalog.DownloadAsync("built"));

        Assert.Contains("no download URL", error.Message);
    }

    public void Dispose() => _models.Dispose();

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Manifest(string name, string modelSha, string vocabularySha) => $$"""
        {
          "name": "{{name}}",
          "model_file": "model.onnx",
          "files": [
            { "path": "model.onnx", "sha256": "{{modelSha}}", "url": "https://huggingface.co/org/repo/resolve/0123/onnx/model.onnx" },
            { "path": "vocab.txt", "sha256": "{{vocabularySha}}", "url": "https://huggingface.co/org/repo/resolve/0123/vocab.txt" }
          ],
          "tokenizer": { "kind": "wordpiece", "vocabulary_file": "vocab.txt" },
          "inputs": { "input_ids": "input_ids" },
          "output": "last_hidden_state", "pooling": "mean", "normalize": true,
          "dimensions": 32, "max_tokens": 128, "decline_threshold": 0.5
        }
        """;

    private const string BuiltManifest = """
        {
          "name": "built",
          "model_file": "model.onnx",
          "files": [ { "path": "model.onnx" } ],
          "tokenizer": { "kind": "sentencepiece", "vocabulary_file": "vocab.json" },
          "inputs": { "input_ids": "input_ids" },
          "output": "sentence_embedding", "pooling": "none", "normalize": false,
          "dimensions": 512, "max_tokens": 128, "decline_threshold": 0.35
        }
        """;

    /// <summary>Answers like huggingface.co would, without any network; or fails like a machine with no network.</summary>
    private sealed class FakeServer(bool offline = false) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            if (offline)
            {
                throw new HttpRequestException("Name or service not known (huggingface.co:443)");
            }

            var path = request.RequestUri!.AbsolutePath;
            var body = path.EndsWith("model.onnx", StringComparison.Ordinal) ? ModelBytes
                : path.EndsWith("vocab.txt", StringComparison.Ordinal) ? VocabularyBytes
                : null;
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        }
    }
}
