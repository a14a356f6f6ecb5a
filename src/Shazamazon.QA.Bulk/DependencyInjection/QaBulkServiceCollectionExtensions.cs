using Microsoft.Extensions.DependencyInjection.Extensions;
using Shazamazon.QA.Bulk.Export;
using Shazamazon.QA.Bulk.Import;
using Shazamazon.QA.Bulk.Seeding;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the bulk tools: <see cref="QaImporter"/>, <see cref="QaExporter"/> and <see cref="DataSeeder"/>.</summary>
public static class QaBulkServiceCollectionExtensions
{
    /// <summary>
    /// Adds the bulk tools. They work on the PostgreSQL data source that
    /// <c>AddQaCore(...).AddPostgresSource(...)</c> registers.
    /// </summary>
    public static IServiceCollection AddQaBulk(this IServiceCollection services)
    {
        services.TryAddSingleton<QaImporter>();
        services.TryAddSingleton<QaExporter>();
        services.TryAddSingleton<DataSeeder>();
        return services;
    }
}
