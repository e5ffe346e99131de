namespace PolicyBot.LoadTest;

/// <summary>Percentiles by the nearest-rank method: the smallest sample with at least p% of samples at or below it.</summary>
internal static class Percentiles
{
    public static double NearestRank(IReadOnlyList<double> sortedSamples, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sortedSamples);
        if (sortedSamples.Count == 0)
        {
            throw new ArgumentException("No samples: a percentile of nothing is undefined.", nameof(sortedSamples));
        }

        if (double.IsNaN(percentile) || percentile <= 0 || percentile > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile must be greater than 0 and at most 100.");
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sortedSamples.Count);
        return sortedSamples[Math.Clamp(rank, 1, sortedSamples.Count) - 1];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values: a median of nothing is undefined.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>Latencies of the answered turns of one run, in milliseconds.</summary>
internal sealed class LatencyStats
{
    private readonly double[] _sorted;

    public LatencyStats(IEnumerable<double> latenciesMs)
    {
        _sorted = latenciesMs.Order().ToArray();
    }

    public int Count => _sorted.Length;

    public double P50 => Count == 0 ? double.NaN : Percentiles.NearestRank(_sorted, 50);

    public double P99 => Count == 0 ? double.NaN : Percentiles.NearestRank(_sorted, 99);
}
