namespace Serp.Domain.Licenses;

/// <summary>A license key for a licensed product of an order; revoked when the money goes back.</summary>
public sealed class License
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public required string ProductId { get; set; }
    public required string Key { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokeReason { get; set; }
}

public static class LicenseStatus
{
    public const string Active = "active";
    public const string Revoked = "revoked";
}
