namespace ChatBot.Discord.Gateway;

/// <summary>What a gateway close code means for the next connection.</summary>
internal enum CloseCodeAction
{
    Resume,
    Reidentify,
    Fatal,
}

/// <summary>Discord's gateway close codes and how the client reacts to each.</summary>
internal static class GatewayCloseCodes
{
    public const int UnknownError = 4000;
    public const int AuthenticationFailed = 4004;
    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;

    /// <summary>The code this client uses to drop a connection it wants to resume (anything but 1000/1001 keeps the session).</summary>
    public const int ClientWantsResume = 4000;

    public static CloseCodeAction Classify(int? code) => code switch
    {
        InvalidSequence or SessionTimedOut => CloseCodeAction.Reidentify,
        AuthenticationFailed or 4010 or 4011 or 4012 or 4013 or 4014 => CloseCodeAction.Fatal,
        // 4000–4003, 4005, 4008, network drops and unknown codes: the session may still be alive.
        _ => CloseCodeAction.Resume,
    };

    /// <summary>A sentence an operator can act on, for the fatal codes.</summary>
    public static string Describe(int code) => code switch
    {
        AuthenticationFailed => "authentication failed (4004): the bot token is wrong or was reset; set Discord:Token to a valid token",
        4010 => "invalid shard (4010)",
        4011 => "sharding required (4011): the bot is in too many guilds for one connection",
        4012 => "invalid API version (4012)",
        4013 => "invalid intents (4013)",
        4014 => "disallowed intents (4014): enable the privileged intent in the developer portal or set Discord:MessageContentIntent to false",
        _ => $"close code {code}",
    };
}
