namespace Shazamazon.QA.Contracts;

/// <summary>The orders in which a product's questions can be listed.</summary>
public enum QuestionSort
{
    /// <summary>Most helpful first, then newest id first (<c>sort=helpful</c>, the default).</summary>
    Helpful,

    /// <summary>Newest first, then newest id first (<c>sort=newest</c>).</summary>
    Newest,

    /// <summary>Most approved answers first, then newest id first (<c>sort=mostAnswered</c>).</summary>
    MostAnswered,

    /// <summary>Latest approved answer first, then newest id first; unanswered questions last (<c>sort=recentlyAnswered</c>).</summary>
    RecentlyAnswered,
}
