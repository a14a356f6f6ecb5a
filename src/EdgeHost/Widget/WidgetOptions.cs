namespace Shazamazon.QA.EdgeHost.Widget;

/// <summary>Options of section <c>Qa:Widget</c>: the embeddable Q&amp;A block and its demo pages.</summary>
public sealed class WidgetOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Widget";

    /// <summary>
    /// Whether <c>/demo/products/{id}</c> serves a plain product page embedding the widget. A shop whose own routes are
    /// forwarded under <c>/demo</c> turns it off; the path then goes to the reverse proxy like any other. Default true.
    /// </summary>
    public bool DemoPages { get; set; } = true;

    /// <summary>How long browsers and shared caches may keep the widget's script and style sheet before revalidating them (their <c>ETag</c> answers 304). Default 01:00:00.</summary>
    public TimeSpan AssetMaxAge { get; set; } = TimeSpan.FromHours(1);
}
