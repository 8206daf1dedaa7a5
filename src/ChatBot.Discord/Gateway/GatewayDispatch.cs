using System.Text.Json;

namespace ChatBot.Discord.Gateway;

/// <summary>One dispatch event (op 0) handed from the gateway to the bot's handler.</summary>
/// <param name="EventName">The <c>t</c> field, e.g. MESSAGE_CREATE.</param>
/// <param name="Sequence">The <c>s</c> field.</param>
/// <param name="Data">The <c>d</c> field, cloned so it outlives the receive buffer.</param>
public sealed record GatewayDispatch(string EventName, int Sequence, JsonElement Data);
