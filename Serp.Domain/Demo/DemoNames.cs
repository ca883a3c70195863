namespace Serp.Domain.Demo;

/// <summary>Deterministic people for demo customers; emails use reserved example domains.</summary>
internal static class DemoNames
{
    private static readonly string[] First =
    [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "Mateo", "Hana", "Kenji", "Amara",
        "Tomás", "Chloé", "Jonas", "Priya", "Arjun", "Zoe", "Felix", "Ingrid", "Omar", "Leila", "Yuki", "Carlos",
        "Grace", "Daniel", "Nina", "Samuel", "Elena", "Ravi", "Aisha", "Marco", "Freya", "Hugo", "Isla",
    ];

    private static readonly string[] Last =
    [
        "Smith", "Johnson", "Garcia", "Müller", "Rossi", "Dubois", "Tanaka", "Kim", "Nguyen", "Patel", "Silva", "Novak",
        "Jensen", "O'Brien", "Kowalski", "Haddad", "Larsen", "Moreau", "Schmidt", "Costa", "Sato", "Ivanova", "Brown",
        "Wilson", "Taylor", "Martin", "Lee", "Walker", "Hall", "Young",
    ];

    private static readonly string[] Domains = ["example.com", "example.org", "example.net"];

    public static string Name(int customer) =>
        $"{First[customer % First.Length]} {Last[customer / First.Length % Last.Length]}";

    public static string Email(int customer)
    {
        var first = Ascii(First[customer % First.Length]);
        var last = Ascii(Last[customer / First.Length % Last.Length]);
        var number = customer / (First.Length * Last.Length);
        var suffix = number == 0 ? "" : number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{first}.{last}{suffix}@{Domains[customer % Domains.Length]}";
    }

    private static string Ascii(string name) =>
        new(name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => c is >= 'a' and <= 'z').ToArray());
}
