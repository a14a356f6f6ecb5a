using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Caching;

/// <summary>Checks every <c>Qa:Cache</c> key at start-up and reports all failures at once, each naming its key and the fix.</summary>
internal sealed class QaCacheOptionsValidator : IValidateOptions<QaCacheOptions>
{
    private static readonly TimeSpan MaxTtl = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, QaCacheOptions options)
    {
        var failures = new List<string>();
        Ttl(nameof(options.QuestionPages), options.QuestionPages);
        Ttl(nameof(options.AnswerPages), options.AnswerPages);
        Ttl(nameof(options.Counts), options.Counts);
        Ttl(nameof(options.SearchResults), options.SearchResults);
        Ttl(nameof(options.NotFound), options.NotFound);
        Window(nameof(options.StaleWhileRevalidate), options.StaleWhileRevalidate);
        Window(nameof(options.FailSafeMaxStaleness), options.FailSafeMaxStaleness);
        if (options.CursorLifetime < options.QuestionPages + options.StaleWhileRevalidate || options.CursorLifetime > MaxTtl)
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.CursorLifetime)} is {options.CursorLifetime}; set at least QuestionPages + StaleWhileRevalidate ({options.QuestionPages + options.StaleWhileRevalidate}) and at most 1.00:00:00, e.g. 00:30:00.");
        }

        if (options.L2Lifetime < options.Longest || options.L2Lifetime > TimeSpan.FromDays(7))
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.L2Lifetime)} is {options.L2Lifetime}; set at least the longest TTL plus the stale window ({options.Longest}) and at most 7.00:00:00, e.g. 1.00:00:00.");
        }

        if (options.FillTimeout <= TimeSpan.Zero || options.FillTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.FillTimeout)} is {options.FillTimeout}; set a duration above 00:00:00 and at most 00:01:00, e.g. 00:00:01.");
        }

        if (options.MaxConcurrentFills is < 1 or > 10_000)
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.MaxConcurrentFills)} is {options.MaxConcurrentFills}; set a count from 1 to 10000.");
        }

        if (options.FillQueueTimeout < TimeSpan.Zero || options.FillQueueTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.FillQueueTimeout)} is {options.FillQueueTimeout}; set a duration from 00:00:00 (no waiting) to 00:01:00, e.g. 00:00:00.500.");
        }

        if (options.NegativeEntryLimit is < 0 or > 10_000_000)
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.NegativeEntryLimit)} is {options.NegativeEntryLimit}; set a count from 0 (keep none) to 10000000.");
        }

        if (options.L1SizeLimitMegabytes is < 1 or > 64 * 1024)
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.L1SizeLimitMegabytes)} is {options.L1SizeLimitMegabytes}; set a whole number of megabytes from 1 to 65536.");
        }

        if (options.RedisPrefix is null || options.RedisPrefix.Length > 64 || !options.RedisPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.RedisPrefix)} is \"{options.RedisPrefix}\"; set up to 64 letters, digits, '-', '_' or '.' (e.g. shop-a), or nothing for no prefix.");
        }

        if (options.RedisTimeout <= TimeSpan.Zero || options.RedisTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.RedisTimeout)} is {options.RedisTimeout}; set a duration above 00:00:00 and at most 00:00:30, e.g. 00:00:00.250.");
        }

        if (options.RedisBreakAfterFailures is < 1 or > 1000)
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.RedisBreakAfterFailures)} is {options.RedisBreakAfterFailures}; set a count from 1 to 1000.");
        }

        if (options.RedisBreakDuration <= TimeSpan.Zero || options.RedisBreakDuration > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.RedisBreakDuration)} is {options.RedisBreakDuration}; set a duration above 00:00:00 and at most 00:10:00.");
        }

        if (options.MaximumPayloadBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"{QaCacheOptions.SectionName}:{nameof(options.MaximumPayloadBytes)} is {options.MaximumPayloadBytes}; set a byte count from 1024 to 67108864.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Window(string key, TimeSpan value)
        {
            if (value < TimeSpan.Zero || value > MaxTtl)
            {
                failures.Add($"{QaCacheOptions.SectionName}:{key} is {value}; set a duration from 00:00:00 (off) to 1.00:00:00.");
            }
        }

        void Ttl(string key, TimeSpan value)
        {
            if (value <= TimeSpan.Zero || value > MaxTtl)
            {
                failures.Add($"{QaCacheOptions.SectionName}:{key} is {value}; set a duration above 00:00:00 and at most 1.00:00:00, e.g. 00:01:00.");
            }
        }
    }
}
