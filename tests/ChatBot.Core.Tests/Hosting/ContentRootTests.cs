using ChatBot.Core.Hosting;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Core.Tests.Hosting;

public sealed class ContentRootTests
{
    [Fact]
    public void Inside_a_checkout_the_root_is_the_checkout_from_any_subfolder()
    {
        using var checkout = new TempDirectory();
        File.WriteAllText(checkout.File(ContentRoot.CheckoutMarker), string.Empty);
        var deep = Directory.CreateDirectory(Path.Combine(checkout.Path, "src", "ChatBot.Host")).FullName;

        var root = ContentRoot.From(Empty(), deep);

        Assert.Equal(checkout.Path, root.Path);
        Assert.Equal(Path.Combine(checkout.Path, "seeds"), root.Resolve("seeds"));
        Assert.Equal(Path.Combine(checkout.Path, "models"), root.Resolve("models"));
    }

    [Fact]
    public void Outside_a_checkout_the_root_is_the_working_directory_and_ChatBot_Root_overrides_both()
    {
        using var elsewhere = new TempDirectory();
        using var configured = new TempDirectory();

        Assert.Equal(elsewhere.Path, ContentRoot.From(Empty(), elsewhere.Path).Path);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ContentRoot.SettingName] = configured.Path }).Build();
        Assert.Equal(configured.Path, ContentRoot.From(settings, elsewhere.Path).Path);
    }

    [Fact]
    public void Folders_under_the_root_are_recorded_relative_with_slashes_and_others_in_full()
    {
        using var dir = new TempDirectory();
        var root = new ContentRoot(dir.Path);

        Assert.Equal("seeds", root.KeyOf(Path.Combine(dir.Path, "seeds")));
        Assert.Equal("news/2026", root.KeyOf(Path.Combine(dir.Path, "news", "2026") + Path.DirectorySeparatorChar));
        Assert.Equal("news/2026", root.KeyOf("news/2026"));
        Assert.Equal(".", root.KeyOf(dir.Path));
        Assert.Equal("/srv/articles", root.KeyOf("/srv/articles"));
        Assert.Equal(Path.GetFullPath(Path.Combine(dir.Path, "..", "sibling")), root.KeyOf(Path.Combine(dir.Path, "..", "sibling")));
        Assert.Equal(Path.Combine(dir.Path, "news", "2026"), root.Resolve(root.KeyOf(Path.Combine(dir.Path, "news", "2026"))));
    }

    private static IConfiguration Empty() => new ConfigurationBuilder().Build();
}
