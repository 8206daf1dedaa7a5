namespace ChatBot.Host.Hosting;

/// <summary>CLI verbs keep stderr quiet (warnings and up); the long-running bot logs its progress.</summary>
internal enum HostMode
{
    Cli,
    Service,
}
