using Microsoft.Extensions.Options;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Core.Webhooks;

/// <summary>Checks every <c>Qa:Webhooks</c> key at start-up and reports all failures at once, each naming its key and the fix.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        const string Section = WebhookOptions.SectionName;
        var failures = new List<string>();
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var key = $"{Section}:Endpoints:{i}";
            if (endpoint.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{key}:Url must be an absolute http(s) address, e.g. https://shop.example/hooks/qa.");
            }

            if (endpoint.Secret is not { Length: >= 16 })
            {
                failures.Add($"{key}:Secret must be at least 16 characters (e.g. openssl rand -hex 24): receivers check X-Qa-Signature with it.");
            }

            if (endpoint.Events.Count == 0 || endpoint.Events.Any(e => !QaWebhookEvent.Types.Contains(e, StringComparer.Ordinal)))
            {
                failures.Add($"{key}:Events must list one or more of {string.Join(", ", QaWebhookEvent.Types)}; it has [{string.Join(", ", endpoint.Events)}].");
            }
        }

        foreach (var duplicate in options.Endpoints.Where(e => e.Url is { IsAbsoluteUri: true }).GroupBy(e => e.Url!.AbsoluteUri).Where(g => g.Count() > 1))
        {
            failures.Add($"{Section}:Endpoints lists {duplicate.Key} {duplicate.Count()} times; an address names one endpoint (list every event it takes under one entry).");
        }

        Duration(nameof(options.RetryFor), options.RetryFor, TimeSpan.FromDays(7));
        Duration(nameof(options.FirstRetryDelay), options.FirstRetryDelay, TimeSpan.FromHours(1));
        Duration(nameof(options.MaxRetryDelay), options.MaxRetryDelay, TimeSpan.FromDays(1));
        Duration(nameof(options.Timeout), options.Timeout, TimeSpan.FromMinutes(5));
        Duration(nameof(options.PollInterval), options.PollInterval, TimeSpan.FromMinutes(1));
        if (options.MaxRetryDelay < options.FirstRetryDelay)
        {
            failures.Add($"{Section}:MaxRetryDelay ({options.MaxRetryDelay}) must be at least FirstRetryDelay ({options.FirstRetryDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Duration(string key, TimeSpan value, TimeSpan most)
        {
            if (value <= TimeSpan.Zero || value > most)
            {
                failures.Add($"{Section}:{key} is {value}; set a duration above 00:00:00 and at most {most}.");
            }
        }
    }
}
