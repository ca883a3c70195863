namespace Serp.Domain.Demo;

/// <summary>
/// The metadata entry (<c>"demo": "true"</c>) the demo generator puts on every order and checkout session it makes.
/// Real checkouts never carry it; the GHL sync skips customers who have it (demo data never reaches a real CRM).
/// </summary>
public static class DemoMarker
{
    public const string Key = "demo";
    public const string Value = "true";
}
