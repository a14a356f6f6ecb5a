namespace Shazamazon.QA.Contracts;

/// <summary>The orders in which a product's questions can be listed.</summary>
public enum QuestionSort
{
    /// <summary>Most helpful first, then newest id first (<c>sort=helpful</c>, the default).</summary>
    Helpful,

    /// <summary>Newest first, then newest id first (<c>sort=newest</c>).</summary>
    Newest,
}
