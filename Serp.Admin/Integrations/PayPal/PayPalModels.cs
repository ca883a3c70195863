namespace Serp.Admin.Integrations.PayPal;

/// <summary>The five <c>PAYPAL-*</c> transmission headers of a webhook delivery.</summary>
public sealed record PayPalTransmission(string AuthAlgo, string CertUrl, string TransmissionId, string TransmissionSig, string TransmissionTime);

/// <summary>PayPal's <c>verification_status</c>: only <c>SUCCESS</c> means the delivery is genuine.</summary>
public sealed record PayPalVerification(string Status)
{
    public bool Succeeded => string.Equals(Status, "SUCCESS", StringComparison.Ordinal);
}

/// <summary>A PayPal resource as raw JSON (an order), so one parser reads it whether it came from a webhook or the API.</summary>
public sealed record PayPalJson(string Id, string Status, string Json);

/// <summary>A refund of a capture. <see cref="Amount"/> is PayPal's decimal string in the capture's currency (e.g. <c>"10.00"</c>, <c>"500"</c> for JPY).</summary>
public sealed record PayPalRefundRequest(Guid RequestId, string CaptureId, string Amount, string CurrencyCode, string? NoteToPayer);

public sealed record PayPalRefundCreated(string Id, string Status, string? Amount, string? CurrencyCode, string Json);

/// <summary>One listed webhook event, with its JSON as PayPal returned it (stored in the inbox as is).</summary>
public sealed record PayPalListedEvent(string Id, string EventType, DateTimeOffset CreateTime, string Json);

public sealed record PayPalEventPage(IReadOnlyList<PayPalListedEvent> Events, string? NextPage);
