using System.Globalization;
using Shazamazon.QA.Core.Validation;
using Shazamazon.QA.EdgeHost.Browsers;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.Widget;

/// <summary>
/// The embeddable Q&amp;A block: <c>/widget/v1/qa-widget.js</c> and its style sheet (versioned by path, cacheable, open
/// to every origin like the reads it makes), and <c>/demo/products/{id}</c>, a plain product page embedding it. The
/// files are embedded resources of this assembly (<c>Widget/Assets</c>); none is fetched from anywhere at run time.
/// </summary>
internal static class WidgetEndpoints
{
    public static void AddEdgeWidget(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(builder.Configuration.ReadValidated<WidgetOptions, WidgetOptionsValidator>(WidgetOptions.SectionName));

    public static IEndpointRouteBuilder MapWidgetEndpoints(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<WidgetOptions>();
        var assets = routes.MapGroup("/widget/v1").RequireCors(CorsSetup.Reads).ExcludeFromDescription();
        var cacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)options.AssetMaxAge.TotalSeconds}");
        foreach (var name in new[] { "qa-widget.js", "qa-widget.css", "demo.css" })
        {
            var asset = EmbeddedAsset.Load($"Widget/Assets/{name}");
            assets.MapGet($"/{name}", (HttpContext context) => asset.WriteAsync(context, cacheControl));
        }

        if (options.DemoPages)
        {
            var page = EmbeddedAsset.Load("Widget/Assets/demo-product.html").Text;
            routes.MapGet("/demo/products/{productId}", (string productId, HttpContext context) => DemoPageAsync(page, productId, context))
                .ExcludeFromDescription();
        }

        return routes;
    }

    private static Task DemoPageAsync(string template, string productId, HttpContext context)
    {
        var errors = new FieldErrors();
        var id = QueryValidator.Id(productId, "productId", errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors).ExecuteAsync(context);
        }

        var html = template
            .Replace("{{id}}", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{previous}}", Math.Max(1, id - 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{next}}", (id == long.MaxValue ? id : id + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentType = "text/html; charset=utf-8"; // a page: the security headers give it the pages' policy
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
