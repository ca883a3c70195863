using Serp.Admin.Features.Monitoring.Alerts.Rules;

namespace Serp.Admin.Tests.Domain;

/// <summary>The order-volume rule's chance of a count, against values worked out by hand.</summary>
public sealed class BinomialTailTests
{
    [Theory]
    [InlineData(5, 10, 0.5, 0.623046875)] // 638 of 1024
    [InlineData(0, 56, 0.2, 3.7414441915671e-6)] // 0.8^56: an empty hour against 14 an hour for 4 weeks
    [InlineData(-1, 10, 0.2, 0)]
    [InlineData(10, 10, 0.2, 1)]
    public void At_most(long k, long n, double p, double expected) =>
        Assert.Equal(expected, BinomialTail.AtMost(k, n, p), 1e-12);

    [Theory]
    [InlineData(6, 10, 0.5, 0.376953125)] // 386 of 1024
    [InlineData(3, 3, 0.2, 0.008)]
    [InlineData(0, 10, 0.2, 1)]
    [InlineData(11, 10, 0.2, 0)]
    public void At_least(long k, long n, double p, double expected) =>
        Assert.Equal(expected, BinomialTail.AtLeast(k, n, p), 1e-12);

    [Fact]
    public void Thousands_of_orders_an_hour_neither_underflow_nor_overflow()
    {
        Assert.Equal(0.5, BinomialTail.AtMost(2000, 10_000, 0.2), 0.01); // the median share
        Assert.InRange(BinomialTail.AtLeast(2600, 10_000, 0.2), 0, 1e-20); // 30 % more than usual on a big store is no chance
        Assert.InRange(BinomialTail.AtMost(1990, 10_000, 0.2), 0.3, 0.5);
    }

    [Fact]
    public void A_probability_outside_zero_and_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialTail.AtMost(1, 10, 1));
}
