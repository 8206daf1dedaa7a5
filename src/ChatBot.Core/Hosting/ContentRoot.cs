using Microsoft.Extensions.Configuration;

namespace ChatBot.Core.Hosting;

/// <summary>
/// The one folder every relative path of the configuration is taken from: seeds and library folders, the library
/// file, the database, the models. <c>ChatBot:Root</c> when set (itself relative to the working directory);
/// otherwise the checkout (the nearest folder holding ChatBot.sln at or above the working directory) when run from
/// inside one; otherwise the working directory. The app's own folder plays no part, so an app built inside the
/// checkout but run elsewhere reads and writes where it runs.
/// </summary>
public sealed class ContentRoot
{
    public const string SettingName = "ChatBot:Root";

    /// <summary>The file that marks a ChatBot checkout.</summary>
    public const string CheckoutMarker = "ChatBot.sln";

    public ContentRoot(string path) => Path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));

    /// <summary>The root, a full path without a trailing separator.</summary>
    public string Path { get; }

    /// <summary>The root this configuration and working directory give (see the class summary).</summary>
    public static ContentRoot From(IConfiguration configuration, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return From(configuration[SettingName], workingDirectory ?? Directory.GetCurrentDirectory());
    }

    /// <summary>The root for a <c>ChatBot:Root</c> value (null when unset) and a working directory.</summary>
    public static ContentRoot From(string? configured, string working)
    {
        ArgumentNullException.ThrowIfNull(working);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new ContentRoot(System.IO.Path.Combine(working, configured));
        }

        return new ContentRoot(FindCheckout(working) ?? working);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> holding ChatBot.sln; null when there is none.</summary>
    public static string? FindCheckout(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, CheckoutMarker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>A full path: relative paths are taken from the root, rooted ones are only normalised.</summary>
    public string Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, path));
    }

    /// <summary>
    /// How a folder is recorded so that every process reads it the same way: relative to the root (with '/') when it
    /// is under it, else its full path. Replicas with different roots (or mounts at different places under their
    /// roots) thereby agree on "seeds", where full paths would differ.
    /// </summary>
    public string KeyOf(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = System.IO.Path.TrimEndingDirectorySeparator(Resolve(folder));
        if (string.Equals(full, Path, StringComparison.Ordinal))
        {
            return ".";
        }

        var relative = System.IO.Path.GetRelativePath(Path, full);
        return relative == ".." || relative.StartsWith(".." + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
               System.IO.Path.IsPathRooted(relative)
            ? full
            : relative.Replace(System.IO.Path.DirectorySeparatorChar, '/');
    }

    public override string ToString() => Path;
}
