namespace ChatBot.Host.Bench;

/// <summary>Median and 95th percentile of a sample (nearest-rank).</summary>
internal static class Percentiles
{
    public static (double P50, double P95) Of(IReadOnlyCollection<double> sample)
    {
        if (sample.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var sorted = sample.Order().ToArray();
        return (At(sorted, 0.50), At(sorted, 0.95));
    }

    private static double At(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
