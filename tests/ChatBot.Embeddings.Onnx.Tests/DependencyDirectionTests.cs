using ChatBot.Embeddings.Onnx.Embeddings;

namespace ChatBot.Embeddings.Onnx.Tests;

/// <summary>The embeddings library is an adapter Core's ports are answered with, so it must not know Core itself.</summary>
public sealed class DependencyDirectionTests
{
    [Fact]
    public void The_embeddings_assembly_does_not_reference_core()
    {
        var references = typeof(OnnxEmbeddingGenerator).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("ChatBot.Core", references);
        Assert.Contains("ChatBot.Unicode", references);
    }
}
