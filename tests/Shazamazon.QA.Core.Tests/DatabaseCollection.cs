using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests;

/// <summary>The tests that share one real PostgreSQL server (<see cref="DatabaseFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
