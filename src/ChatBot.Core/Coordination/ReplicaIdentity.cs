namespace ChatBot.Core.Coordination;

/// <summary>The name this process goes by in claims and leases: host, process id and a random suffix (unique per start).</summary>
public sealed class ReplicaIdentity
{
    public ReplicaIdentity()
        : this($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}")
    {
    }

    public ReplicaIdentity(string id) => Id = id;

    public string Id { get; }

    public override string ToString() => Id;
}
