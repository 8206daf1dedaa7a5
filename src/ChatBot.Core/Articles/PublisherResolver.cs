namespace ChatBot.Core.Articles;

/// <summary>
/// Names the publisher from evidence on the page, strongest first: the canonical URL's host, the agency in the
/// dateline ("MOSCOW (Sputnik) —"), then photo credits ("© Sputnik / …").
/// </summary>
internal sealed class PublisherResolver
{
    private static readonly Dictionary<string, string> KnownHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["themoscowtimes.com"] = "The Moscow Times",
        ["sputniknews.com"] = "Sputnik",
        ["rferl.org"] = "RFE/RL",
        ["reuters.com"] = "Reuters",
        ["apnews.com"] = "AP",
        ["tass.com"] = "TASS",
    };

    public string? Resolve(CleanedScrape scrape)
    {
        if (scrape.SourceUrl is not null && Uri.TryCreate(scrape.SourceUrl, UriKind.Absolute, out var uri))
        {
            var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
            if (KnownHosts.TryGetValue(host, out var name))
            {
                return name;
            }
        }

        foreach (var block in scrape.Blocks)
        {
            var dateline = ScrapePatterns.Dateline().Match(block.Text);
            if (dateline.Success && dateline.Groups["agency"].Success)
            {
                return dateline.Groups["agency"].Value.Trim();
            }
        }

        foreach (var credit in scrape.Credits)
        {
            if (credit.StartsWith('©'))
            {
                var owner = credit.TrimStart('©').Split('/')[0].Trim();
                if (owner.Length > 0)
                {
                    return owner;
                }
            }
        }

        return null;
    }
}
