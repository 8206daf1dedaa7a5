namespace ChatBot.Discord.Gateway;

/// <summary>Why one gateway connection ended and what the next one should do.</summary>
/// <param name="Action">Resume, identify afresh, or stop for good.</param>
/// <param name="Reason">Human-readable cause, for logs.</param>
/// <param name="Established">True when READY or RESUMED was received, i.e. the connection had been healthy.</param>
/// <param name="InvalidSession">True after op 9, which Discord asks clients to follow with a random 1–5 s pause.</param>
internal sealed record ConnectionOutcome(CloseCodeAction Action, string Reason, bool Established, bool InvalidSession = false);
