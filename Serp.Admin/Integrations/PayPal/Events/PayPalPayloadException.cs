namespace Serp.Admin.Integrations.PayPal.Events;

/// <summary>
/// A verified PayPal event whose resource lacks what a fact needs, or holds an amount we cannot store exactly: the
/// stored event fails processing with this message (plain words, no customer data), changes nothing, and can be
/// replayed from /monitoring.
/// </summary>
internal sealed class PayPalPayloadException(string message) : Exception(message);
