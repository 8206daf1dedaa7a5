namespace ChatBot.Discord.Gateway;

/// <summary>One shard of the bot's gateway sessions: Discord sends guild <c>g</c>'s events to shard <c>(g &gt;&gt; 22) % Count</c>, DMs to shard 0.</summary>
public readonly record struct GatewayShard(int Id, int Count)
{
    public int[] ToIdentifyField() => [Id, Count];

    public override string ToString() => $"{Id}/{Count}";
}
