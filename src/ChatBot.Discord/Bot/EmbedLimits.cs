namespace ChatBot.Discord.Bot;

/// <summary>Discord's embed limits (characters), from the message resource docs.</summary>
internal static class EmbedLimits
{
    public const int Title = 256;
    public const int Description = 4096;
    public const int Fields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int Footer = 2048;
    public const int TotalPerMessage = 6000;
    public const int EmbedsPerMessage = 10;
    public const int Content = 2000;
}
