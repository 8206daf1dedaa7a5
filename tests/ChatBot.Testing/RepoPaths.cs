using ChatBot.Core.Hosting;

namespace ChatBot.Testing;

/// <summary>Finds the repository's folders from a test's binaries (bin/…), so tests run from any working directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = ContentRoot.FindCheckout(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"Could not find {ContentRoot.CheckoutMarker} above {AppContext.BaseDirectory}");

    public static string Seeds => Path.Combine(Root, "seeds");
}
