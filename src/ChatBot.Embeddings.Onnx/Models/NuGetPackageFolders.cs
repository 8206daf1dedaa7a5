using System.Reflection;

namespace ChatBot.Embeddings.Onnx.Models;

/// <summary>
/// Where restore put a model's package: the NuGet global packages folder this project was restored into (baked into
/// the assembly at build time as <c>NuGetPackageRoot</c> metadata), else <c>NUGET_PACKAGES</c>, else
/// <c>~/.nuget/packages</c>. The layout inside is NuGet's: <c>&lt;root&gt;/&lt;id lower-case&gt;/&lt;version&gt;/</c>.
/// </summary>
public sealed class NuGetPackageFolders(IReadOnlyList<string> roots)
{
    public IReadOnlyList<string> Roots { get; } = roots;

    /// <summary>The roots this build knows, most specific first.</summary>
    public static NuGetPackageFolders FromBuild()
    {
        var roots = new List<string>();
        var baked = typeof(NuGetPackageFolders).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        foreach (var root in new[]
                 {
                     baked,
                     Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
                     Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
                 })
        {
            if (!string.IsNullOrWhiteSpace(root) && !roots.Contains(Path.GetFullPath(root)))
            {
                roots.Add(Path.GetFullPath(root));
            }
        }

        return new NuGetPackageFolders(roots);
    }

    /// <summary>The package's assembly file, or an exception naming every place looked at and how to get it.</summary>
    public string FindAssembly(ModelPackage package)
    {
        var candidates = Roots
            .Select(root => Path.Combine(root, package.Id.ToLowerInvariant(), package.Version.ToLowerInvariant(), package.Assembly))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"the package {package.Id} {package.Version} is not in the NuGet cache (looked for {string.Join(", ", candidates)}); " +
                "`dotnet restore` fetches it (ChatBot.Embeddings.Onnx.csproj pins it with a PackageDownload item).");
    }
}
