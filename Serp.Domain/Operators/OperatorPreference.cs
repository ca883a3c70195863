namespace Serp.Domain.Operators;

/// <summary>Per-operator UI preferences, keyed by the identity provider's subject.</summary>
public sealed class OperatorPreference
{
    public required string Subject { get; set; }
    public bool DarkMode { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
