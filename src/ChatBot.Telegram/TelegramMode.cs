namespace ChatBot.Telegram;

/// <summary>How updates reach the bot.</summary>
public enum TelegramMode
{
    /// <summary>Long polling with getUpdates: one instance per bot token.</summary>
    Polling,

    /// <summary>Telegram POSTs updates to a public HTTPS URL: lets several instances share the load.</summary>
    Webhook,
}
