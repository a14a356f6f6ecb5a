using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests.Data;

/// <summary>
/// The search index takes a write's entries at once (migration 0012): a vote rewrites its question's row, search vector
/// included, and with a pending list one write in a few thousand merged the whole list into the index before it could
/// return (1-2 s at full scale, docs/database.md).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SearchIndexTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Writes_LeaveNothingInAPendingList_AndSearchFindsThem()
    {
        await using var services = await CoreServices.CreateAsync(await fixture.Server.CreateDatabaseAsync());
        var database = services.GetRequiredService<NpgsqlDataSource>();
        await database.ExecuteAsync("""
            CREATE EXTENSION pageinspect;
            INSERT INTO products (id, name, category) VALUES (1, 'Kit', 'quidditch');
            INSERT INTO questions (id, product_id, body, asker_name, asker_email)
            SELECT g, 1, 'Is the kit waterproof in rain number ' || g || '?', 'jim', 'jim@example.com' FROM generate_series(1, 50) g;
            UPDATE questions SET helpful = helpful + 1;
            INSERT INTO answers (question_id, body, answerer_name, answerer_email) VALUES (7, 'Only the broomstick cover', 'ann', 'ann@example.com');
            """);

        var pending = await database.ScalarAsync<long>(
            "SELECT n_pending_tuples FROM gin_metapage_info(get_raw_page('questions_search', 0))");
        var found = await database.ScalarAsync<long>("""
            SELECT count(*) FROM questions
            WHERE product_id = 1 AND status = 'approved' AND search_vector @@ plainto_tsquery('english', 'broomstick cover')
            """);

        Assert.Equal(0, pending);
        Assert.Equal(1, found);
    }
}
