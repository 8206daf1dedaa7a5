namespace ChatBot.Core.Ingestion;

/// <summary>One folder of the library as this process sees it.</summary>
/// <param name="Key">How it is recorded, the same in every process (see <see cref="Hosting.ContentRoot.KeyOf"/>); stored with each of its articles.</param>
/// <param name="Path">Where it is on this machine (the key resolved against this process's content root).</param>
public sealed record LibraryFolder(string Key, string Path);
