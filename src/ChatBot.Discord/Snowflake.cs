namespace ChatBot.Discord;

/// <summary>Discord ids are 64-bit integers sent as JSON strings; we keep them as strings and only check the shape.</summary>
internal static class Snowflake
{
    public static bool IsValid(string? value) => ulong.TryParse(value, System.Globalization.NumberStyles.None, null, out _);
}
