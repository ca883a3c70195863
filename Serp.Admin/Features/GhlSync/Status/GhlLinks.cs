using Serp.Domain.Customers;

namespace Serp.Admin.Features.GhlSync.Status;

/// <summary>Links into /ghl and into GHL itself.</summary>
public static class GhlLinks
{
    /// <summary>The customer's sync history on /ghl (the email is the key, escaped for the path).</summary>
    public static string Customer(string email) => $"/ghl/customers/{Uri.EscapeDataString(CustomerEmail.Key(email))}";

    /// <summary>The contact in GHL's own app, when both the location and the contact id are known.</summary>
    public static string? Contact(string? locationId, string? contactId) =>
        string.IsNullOrWhiteSpace(locationId) || string.IsNullOrWhiteSpace(contactId)
            ? null
            : $"https://app.gohighlevel.com/v2/location/{Uri.EscapeDataString(locationId)}/contacts/detail/{Uri.EscapeDataString(contactId)}";
}
