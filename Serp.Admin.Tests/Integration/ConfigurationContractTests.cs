using System.Text.Json;

namespace Serp.Admin.Tests.Integration;

/// <summary>appsettings.Example.json documents every contract key (shared/ARCHITECTURE.md), with placeholders only.</summary>
public sealed class ConfigurationContractTests
{
    private static readonly string[] ContractKeys =
    [
        "ConnectionStrings:Serp", "Stripe:SecretKey", "Stripe:WebhookSecret", "Stripe:ApiBase", "PayPal:ClientId",
        "PayPal:ClientSecret", "PayPal:WebhookId", "PayPal:ApiBase", "Ghl:BaseUrl", "Ghl:Token", "Ghl:LocationId",
        "Auth:Oidc:Authority", "Auth:Oidc:ClientId", "Auth:Oidc:ClientSecret", "Auth:Oidc:RoleClaim",
        "Alerts:SlackWebhookUrl", "Catalog:Offers", "Monitoring:MetricsToken",
    ];

    [Fact]
    public void The_example_settings_name_every_contract_key()
    {
        var keys = Flatten(Load("appsettings.Example.json")).Select(k => k.Key).ToHashSet();

        Assert.All(ContractKeys, key => Assert.True(keys.Any(k => k == key || k.StartsWith(key + ":", StringComparison.Ordinal)), $"{key} is missing"));
    }

    [Theory]
    [InlineData("appsettings.Example.json")]
    [InlineData("Serp.Admin/appsettings.json")]
    [InlineData("Serp.Admin/appsettings.Development.json")]
    public void Settings_files_in_the_repository_hold_no_secrets(string file)
    {
        var secrets = Flatten(Load(file))
            .Where(k => k.Key.EndsWith("Secret", StringComparison.Ordinal) || k.Key.EndsWith("SecretKey", StringComparison.Ordinal)
                        || k.Key.EndsWith("Token", StringComparison.Ordinal) || k.Key.EndsWith("WebhookUrl", StringComparison.Ordinal)
                        || k.Key.StartsWith("ConnectionStrings:", StringComparison.Ordinal))
            .Where(k => !string.IsNullOrEmpty(k.Value) && !k.Value.Contains("CHANGE_ME", StringComparison.Ordinal)
                        && !k.Value.Contains("CHANGE/ME", StringComparison.Ordinal) && !k.Value.Contains("PREVIOUS", StringComparison.Ordinal));

        Assert.Empty(secrets);
    }

    private static JsonElement Load(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Serp.Admin.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, relative)));
        return document.RootElement.Clone();
    }

    private static IEnumerable<KeyValuePair<string, string?>> Flatten(JsonElement element, string prefix = "")
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield return new(prefix, element.ValueKind == JsonValueKind.String ? element.GetString() : element.ToString());
            yield break;
        }
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : prefix + ":" + property.Name;
            foreach (var pair in Flatten(property.Value, key)) yield return pair;
        }
    }
}
