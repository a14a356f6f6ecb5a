namespace Shazamazon.QA.Bulk.Seeding;

/// <summary>
/// The structure of one chunk of products: how many questions each product has and how many answers each question has.
/// Drawn from its own random stream (even stream numbers; text uses the odd ones), so planning and loading agree.
/// </summary>
internal sealed record ChunkShape(long FirstProductId, int[] QuestionsPerProduct, int[] AnswersPerQuestion)
{
    public static ChunkShape Generate(SeedOptions options, int chunk, int productsPerChunk)
    {
        var first = ((long)chunk * productsPerChunk) + 1;
        var count = (int)Math.Min(productsPerChunk, options.Products - first + 1);
        var random = new SeedRandom((ulong)options.Seed, 2UL * (ulong)chunk);
        var questions = new int[count];
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            questions[i] = CatalogShape.QuestionsFor(ref random);
            total += questions[i];
        }

        var answers = new int[total];
        for (var i = 0; i < total; i++)
        {
            answers[i] = CatalogShape.AnswersFor(ref random);
        }

        return new ChunkShape(first, questions, answers);
    }
}
