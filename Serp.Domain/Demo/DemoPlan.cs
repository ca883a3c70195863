namespace Serp.Domain.Demo;

/// <summary>Everything random about one demo purchase, drawn once so both COPY passes agree.</summary>
internal readonly record struct DemoPlan(
    Guid SessionId,
    Guid OrderId,
    DateTimeOffset CreatedAt,
    int Customer,
    int Offer,
    int Lander,
    int Currency,
    string Source,
    string SessionStatus,
    string? PaymentStatus,
    string PaymentMethod,
    string? AffiliateId,
    string IdSuffix,
    double RefundShare,
    string DisputeStatus);
