using Microsoft.Extensions.Options;

namespace Serp.Admin.Tests.TestData;

/// <summary>Options a test sets and changes directly (what IOptionsMonitor would read from configuration).</summary>
public sealed class TestOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
