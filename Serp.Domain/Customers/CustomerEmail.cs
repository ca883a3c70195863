namespace Serp.Domain.Customers;

/// <summary>
/// The key a customer is known by across tables (<c>ghl_sync.email</c>, <c>customer_totals.email</c>, the customer
/// page): the email trimmed and in lower case, as <c>lower(customer_email)</c> reads it in SQL.
/// </summary>
public static class CustomerEmail
{
    public static string Key(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }
}
