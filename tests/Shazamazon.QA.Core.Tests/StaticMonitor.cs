using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Tests;

/// <summary>Options that never change, for the unit tests of classes that watch their options.</summary>
internal sealed class StaticMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
