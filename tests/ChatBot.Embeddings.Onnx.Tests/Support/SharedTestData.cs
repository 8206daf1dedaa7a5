using ChatBot.Testing;

namespace ChatBot.Embeddings.Onnx.Tests.Support;

/// <summary>Test data outside the repository (never committed): the bert-base-uncased vocabulary.</summary>
internal static class SharedTestData
{
    public static string BertVocabulary => Path.Combine(RepoPaths.Shared, "models", "bert-base-uncased", "vocab.txt");

    public static string TestDataFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
