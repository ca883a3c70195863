namespace Serp.Admin.Features.Analytics;

/// <summary>Sums of the sales rollup for some slice (a period, a bucket, an offer); minor units of one currency.</summary>
public sealed record SalesSums(long Orders, long Gross, long Refunded, long RefundedOrders, long Disputes, long DisputesLost,
    long DisputesLostAmount)
{
    public static SalesSums Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Gross − refunded − lost disputes.</summary>
    public long Net => Gross - Refunded - DisputesLostAmount;
    public long? AverageOrder => Orders == 0 ? null : Gross / Orders;
    public double? RefundRate => Orders == 0 ? null : (double)RefundedOrders / Orders;
    public double? DisputeRate => Orders == 0 ? null : (double)Disputes / Orders;

    public SalesSums Add(SalesSums other) => new(Orders + other.Orders, Gross + other.Gross, Refunded + other.Refunded,
        RefundedOrders + other.RefundedOrders, Disputes + other.Disputes, DisputesLost + other.DisputesLost,
        DisputesLostAmount + other.DisputesLostAmount);
}

/// <summary>Checkout sessions by their current status; pending = sessions − the rest.</summary>
public sealed record CheckoutSums(long Sessions, long Completed, long Abandoned, long Failed)
{
    public static CheckoutSums Zero { get; } = new(0, 0, 0, 0);
    public double? Conversion => Sessions == 0 ? null : (double)Completed / Sessions;
    public CheckoutSums Add(CheckoutSums o) => new(Sessions + o.Sessions, Completed + o.Completed, Abandoned + o.Abandoned, Failed + o.Failed);
}

/// <summary>One row of the product and offer table: the period, the previous period and the gross per bucket.</summary>
public sealed record OfferRow(string OfferId, SalesSums Current, SalesSums Previous, IReadOnlyList<long> GrossByBucket);

public sealed record NamedCheckouts(string Name, CheckoutSums Sums);

public sealed record NamedSales(string Name, SalesSums Sums);

public sealed record FailureCode(string Code, long Count, long Amount);

/// <summary>Refunds of one offer by days from purchase to refund: 0, 1–7, 8–30, over 30.</summary>
public sealed record RefundTimingRow(string OfferId, IReadOnlyList<long> Counts, IReadOnlyList<long> Amounts);

/// <summary>Everything one load of <c>/analytics</c> shows, for one currency.</summary>
public sealed record AnalyticsView
{
    public required AnalyticsFilter Filter { get; init; }
    /// <summary>Currencies with sales in the period, busiest first (the page offers them one at a time).</summary>
    public required IReadOnlyList<string> Currencies { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyList<DateOnly> Buckets { get; init; }
    public required SalesSums Current { get; init; }
    public required SalesSums Previous { get; init; }
    public required CheckoutSums Checkouts { get; init; }
    public required CheckoutSums PreviousCheckouts { get; init; }
    public required IReadOnlyList<OfferRow> Offers { get; init; }
    public required IReadOnlyList<long> NetByBucket { get; init; }
    public required IReadOnlyList<long?> PreviousGrossByBucket { get; init; }
    public required IReadOnlyList<NamedCheckouts> CheckoutsByOffer { get; init; }
    public required IReadOnlyList<NamedCheckouts> CheckoutsByLander { get; init; }
    public required IReadOnlyList<CheckoutSums> CheckoutsByBucket { get; init; }
    public required IReadOnlyList<long> FailuresByBucket { get; init; }
    public required IReadOnlyList<long> OrdersByBucket { get; init; }
    public required IReadOnlyList<FailureCode> TopFailureCodes { get; init; }
    public required IReadOnlyList<RefundTimingRow> RefundTiming { get; init; }
    public required IReadOnlyList<NamedSales> ByAffiliate { get; init; }
    public required IReadOnlyList<NamedSales> ByLander { get; init; }

    public bool IsEmpty => Current.Orders == 0 && Checkouts.Sessions == 0 && FailuresByBucket.All(f => f == 0);
}
