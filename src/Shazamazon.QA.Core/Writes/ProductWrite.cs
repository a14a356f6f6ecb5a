using Npgsql;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Writes;

/// <summary>
/// How every write reaches PostgreSQL: the change, then the product's version (which the change's trigger, migration
/// 0002, has just bumped), as one batch that PostgreSQL runs as one implicit transaction; once it commits, the product
/// is evicted through <see cref="IQaInvalidator"/> before the call returns. Refusals of the data by the database become
/// <see cref="WriteRejectedException"/>s naming the field.
/// </summary>
internal sealed class ProductWrite(NpgsqlDataSource dataSource, IQaInvalidator invalidator)
{
    /// <summary>Runs a change whose first column is the item's id; null when it found no item.</summary>
    public async Task<ProductChange?> ChangeAsync(NpgsqlBatchCommand change, NpgsqlBatchCommand version, CancellationToken cancellationToken) =>
        (await RunAsync(change, version, static r => r.GetInt64(0), cancellationToken))?.Change;

    /// <summary>Runs the change and the version query; when the change returned a row, reads it and evicts the product.</summary>
    public async Task<(T Value, ProductChange Change)?> RunAsync<T>(NpgsqlBatchCommand change, NpgsqlBatchCommand version,
        Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        T value;
        ProductChange changed;
        try
        {
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(change);
            batch.BatchCommands.Add(version);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            value = read(reader);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            changed = new ProductChange(reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (PostgresException ex) when (Rejection(ex) is { } rejected)
        {
            throw rejected;
        }

        // Committed: the announcement runs even when the client has hung up meanwhile.
        await invalidator.ProductChangedAsync(changed, CancellationToken.None);
        return (value, changed);
    }

    /// <summary>A statement with positional parameters <c>$1</c>, <c>$2</c>... in order.</summary>
    public static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    // Data exceptions (class 22) and integrity violations (class 23) are about the request against what is stored, and
    // roll the statement back: the caller's to hear, by field. Anything else is the store failing.
    private static WriteRejectedException? Rejection(PostgresException ex) => ex.SqlState switch
    {
        PostgresErrorCodes.NumericValueOutOfRange => new("helpful", "The helpful count is at the end of its range and cannot move further that way.", conflict: true, ex),
        PostgresErrorCodes.ForeignKeyViolation => new("id", "The item this write refers to was removed meanwhile.", conflict: true, ex),
        PostgresErrorCodes.UniqueViolation => new("id", "The item exists already.", conflict: true, ex),
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter
            => new("body", "The text holds characters the store cannot keep.", conflict: false, ex),
        _ when ex.SqlState.StartsWith("22", StringComparison.Ordinal) => new("body", "A value of the write is outside what the store can hold.", conflict: false, ex),
        _ when ex.SqlState.StartsWith("23", StringComparison.Ordinal) => new("id", "The write conflicts with what is stored.", conflict: true, ex),
        _ => null,
    };
}
