namespace Serp.Admin.Features.Analytics;

/// <summary>Buyers of one bucket: new (first purchase in the bucket) or returning (bought before it), and their gross.</summary>
public sealed record BuyersInBucket(long NewBuyers, long ReturningBuyers, long NewRevenue, long ReturningRevenue)
{
    public static BuyersInBucket Zero { get; } = new(0, 0, 0, 0);
}

/// <summary>One month of a cohort: the customers who bought in it (each once), their orders and net.</summary>
public sealed record CohortCell(long Customers, long Orders, long Net)
{
    public static CohortCell Zero { get; } = new(0, 0, 0);
}

/// <summary>Customers whose first purchase fell in <see cref="Month"/>; <see cref="Cells"/>[n] is n months after it.</summary>
public sealed record CohortRow(DateOnly Month, IReadOnlyList<CohortCell> Cells)
{
    public long Customers => Cells.Count == 0 ? 0 : Cells[0].Customers;
}

/// <summary>
/// Lifetime value (net to date: gross − refunded − lost disputes) of the customers acquired in the period, in one
/// currency. Mean and median are in minor units, rounded down (the median of an even count is the mean of the two
/// middle customers).
/// </summary>
public sealed record LifetimeValue(string Currency, long Customers, long Total, long Mean, long Median)
{
    /// <summary>From the customers per exact value, sorted by value (the rollup's rows).</summary>
    public static LifetimeValue From(string currency, IReadOnlyList<(long Net, long Customers)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = values.Sum(v => v.Customers);
        var total = values.Sum(v => v.Net * v.Customers);
        return new LifetimeValue(currency, count, total, count == 0 ? 0 : (long)Math.Floor((decimal)total / count),
            count == 0 ? 0 : (long)Math.Floor(((decimal)Nth(values, (count - 1) / 2) + Nth(values, count / 2)) / 2));
    }

    private static long Nth(IReadOnlyList<(long Net, long Customers)> values, long n)
    {
        foreach (var (net, customers) in values)
        {
            if (n < customers) return net;
            n -= customers;
        }
        throw new ArgumentOutOfRangeException(nameof(n));
    }
}

/// <summary>Customers whose lifetime value is in [From, To) (minor units).</summary>
public sealed record ValueBin(long From, long To, long Customers);

/// <summary>The Customers section of <c>/analytics</c>, for one currency (see <see cref="CustomerQueries"/>).</summary>
public sealed record CustomerFigures
{
    public required string Currency { get; init; }
    public required IReadOnlyList<DateOnly> Buckets { get; init; }
    /// <summary>One per bucket of <see cref="Buckets"/>.</summary>
    public required IReadOnlyList<BuyersInBucket> Buyers { get; init; }
    /// <summary>Cohorts of the months the period touches, oldest first.</summary>
    public required IReadOnlyList<CohortRow> Cohorts { get; init; }
    /// <summary>Every currency with customers acquired in the period.</summary>
    public required IReadOnlyList<LifetimeValue> Values { get; init; }
    /// <summary>The histogram of <see cref="Currency"/>'s lifetime values.</summary>
    public required IReadOnlyList<ValueBin> Distribution { get; init; }

    public bool IsEmpty => Buyers.All(b => b.NewBuyers == 0 && b.ReturningBuyers == 0) && Cohorts.Count == 0 && Values.Count == 0;

    /// <summary>
    /// Equal-width bins over the values (a step of 1, 2 or 5 × 10ⁿ minor units, about <paramref name="bins"/> of them),
    /// from zero or the lowest value if negative; every customer in exactly one bin.
    /// </summary>
    public static IReadOnlyList<ValueBin> Bin(IReadOnlyList<(long Net, long Customers)> values, int bins = 12)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return [];
        var low = Math.Min(0, values.Min(v => v.Net));
        var high = values.Max(v => v.Net);
        var raw = Math.Max(1, (high - low) / bins + 1);
        long step = 1;
        while (step * 10 <= raw) step *= 10;
        step = raw <= step ? step : raw <= 2 * step ? 2 * step : raw <= 5 * step ? 5 * step : 10 * step;
        var start = (long)Math.Floor((decimal)low / step) * step;
        var counts = new long[(int)((high - start) / step) + 1];
        foreach (var (net, customers) in values) counts[(int)((net - start) / step)] += customers;
        return [.. counts.Select((c, i) => new ValueBin(start + i * step, start + (i + 1) * step, c))];
    }
}
