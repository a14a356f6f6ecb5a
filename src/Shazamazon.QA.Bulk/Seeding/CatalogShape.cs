namespace Shazamazon.QA.Bulk.Seeding;

/// <summary>
/// How many questions each product gets and how many answers each question gets, skewed like a real shop: most
/// products have 0-4 questions, a few hundred-odd have hundreds. The means are 2.5 questions per product and 4 answers
/// per product (1.6 per question), so 10M products give about 25M questions and 40M answers.
/// </summary>
internal static class CatalogShape
{
    // Popular products: 0.4% of them, 50..500 questions (log-uniform, mean 195.4), 0.78 questions per product overall.
    public const double PopularProductShare = 0.004;
    public const int PopularProductMin = 50;
    public const int PopularProductMax = 500;

    // Everyone else: Poisson with the mean that brings the total to 2.5.
    public static readonly double OrdinaryQuestionMean = (2.5 - (PopularProductShare * LogUniformMean(PopularProductMin, PopularProductMax))) / (1 - PopularProductShare);

    // Popular questions: 1% of them, 20..200 answers (mean 78.2); the rest Poisson, for 1.6 answers per question.
    public const double PopularQuestionShare = 0.01;
    public const int PopularQuestionMin = 20;
    public const int PopularQuestionMax = 200;

    public static readonly double OrdinaryAnswerMean = (1.6 - (PopularQuestionShare * LogUniformMean(PopularQuestionMin, PopularQuestionMax))) / (1 - PopularQuestionShare);

    /// <summary>About 1% of questions and answers are reported.</summary>
    public const double ReportedShare = 0.01;

    public static int QuestionsFor(ref SeedRandom random) =>
        random.NextDouble() < PopularProductShare
            ? random.LogUniform(PopularProductMin, PopularProductMax)
            : random.Poisson(OrdinaryQuestionMean);

    public static int AnswersFor(ref SeedRandom random) =>
        random.NextDouble() < PopularQuestionShare
            ? random.LogUniform(PopularQuestionMin, PopularQuestionMax)
            : random.Poisson(OrdinaryAnswerMean);

    private static double LogUniformMean(int min, int max) => (max - min) / Math.Log((double)max / min);
}
