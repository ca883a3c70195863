namespace Serp.Admin.Components.Shared;

/// <summary>Provider and database codes as words for the pages: "requested_by_customer" → "Requested by customer".</summary>
public static class CodeText
{
    /// <summary>The code with its first letter upper case and underscores as spaces; null for a blank code.</summary>
    public static string? Words(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');
}
