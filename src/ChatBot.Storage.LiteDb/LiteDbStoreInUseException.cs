namespace ChatBot.Storage.LiteDb;

/// <summary>The LiteDB file is open in another process; its message is the one line a user sees.</summary>
public sealed class LiteDbStoreInUseException(string message) : IOException(message);
