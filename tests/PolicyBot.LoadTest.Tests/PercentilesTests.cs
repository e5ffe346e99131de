namespace PolicyBot.LoadTest.Tests;

public sealed class PercentilesTests
{
    private static readonly double[] OneToHundred = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

    [Theory]
    [InlineData(50, 50)]
    [InlineData(99, 99)]
    [InlineData(100, 100)]
    [InlineData(0.5, 1)]
    [InlineData(99.5, 100)]
    public void Nearest_rank_over_one_to_a_hundred(double percentile, double expected) =>
        Assert.Equal(expected, Percentiles.NearestRank(OneToHundred, percentile));

    [Fact]
    public void P99_of_a_thousand_samples_is_the_990th() =>
        Assert.Equal(990, Percentiles.NearestRank(Enumerable.Range(1, 1000).Select(i => (double)i).ToArray(), 99));

    [Fact]
    public void A_single_sample_is_every_percentile()
    {
        Assert.Equal(7, Percentiles.NearestRank([7.0], 50));
        Assert.Equal(7, Percentiles.NearestRank([7.0], 99));
    }

    [Fact]
    public void No_samples_is_refused_with_a_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => Percentiles.NearestRank([], 50));
        Assert.Contains("No samples", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.1)]
    [InlineData(double.NaN)]
    public void A_percentile_outside_zero_to_a_hundred_is_refused(double percentile) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank(OneToHundred, percentile));

    [Fact]
    public void Latency_stats_sort_their_samples_first()
    {
        var stats = new LatencyStats([9, 1, 5, 3, 7, 2, 8, 4, 6, 10]);

        Assert.Equal(10, stats.Count);
        Assert.Equal(5, stats.P50);
        Assert.Equal(10, stats.P99);
    }

    [Fact]
    public void Latency_stats_of_no_samples_are_not_a_number() => Assert.True(double.IsNaN(new LatencyStats([]).P99));

    [Fact]
    public void Median_of_odd_and_even_counts()
    {
        Assert.Equal(3, Percentiles.Median([5, 1, 3]));
        Assert.Equal(2.5, Percentiles.Median([4, 1, 3, 2]));
    }
}
