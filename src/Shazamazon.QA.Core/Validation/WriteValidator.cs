using System.Net.Mail;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Core.Validation;

/// <summary>The rules of the contract's write bodies: body 1..1000 characters, names 1..60, e-mails well-formed and at most 60.</summary>
public static class WriteValidator
{
    /// <summary>The longest question or answer text.</summary>
    public const int MaxBodyLength = 1000;

    /// <summary>The longest display name.</summary>
    public const int MaxNameLength = 60;

    /// <summary>The longest e-mail address.</summary>
    public const int MaxEmailLength = 60;

    /// <summary>Validates a new question, naming fields as the JSON body does.</summary>
    public static void Validate(NewQuestion question, FieldErrors errors)
    {
        Body(question.Body, "body", errors);
        Name(question.AskerName, "askerName", errors);
        Email(question.AskerEmail, "askerEmail", errors);
    }

    /// <summary>Validates a new answer, naming fields as the JSON body does.</summary>
    public static void Validate(NewAnswer answer, FieldErrors errors)
    {
        Body(answer.Body, "body", errors);
        Name(answer.AnswererName, "answererName", errors);
        Email(answer.AnswererEmail, "answererEmail", errors);
    }

    /// <summary>The longest voter or reporter id a write may name.</summary>
    public const int MaxOpaqueIdLength = 64;

    /// <summary>
    /// True when <paramref name="id"/> can name a voter or a reporter: 1 to 64 printable characters, no white space at
    /// its ends.
    /// </summary>
    public static bool IsOpaqueId(string? id) =>
        id is { Length: > 0 and <= MaxOpaqueIdLength } && id.Trim().Length == id.Length && TextRules.IsPrintable(id, allowLineBreaks: false);

    /// <summary>Validates the voter a vote names, when it names one.</summary>
    public static void Voter(Vote vote, FieldErrors errors) => OpaqueId(vote.Voter, "voter", errors);

    /// <summary>Validates a report and returns its reason (<c>other</c> when it gives none); null when invalid.</summary>
    public static string? Validate(Report report, FieldErrors errors)
    {
        OpaqueId(report.Reporter, "reporter", errors);
        var reason = report.Reason ?? "other";
        if (!Report.Reasons.Contains(reason, StringComparer.Ordinal))
        {
            errors.Add("reason", $"reason must be one of {string.Join(", ", Report.Reasons)}, or left out (other).");
            return null;
        }

        return reason;
    }

    private static void OpaqueId(string? value, string field, FieldErrors errors)
    {
        if (value is not null && !IsOpaqueId(value))
        {
            errors.Add(field, $"{field} must be 1 to {MaxOpaqueIdLength} printable characters without spaces at either end, or left out (the qa_voter cookie then names the {field}).");
        }
    }

    /// <summary>Validates a vote and returns its step: +1 for up, -1 for down, 0 when invalid.</summary>
    public static int Direction(Vote vote, FieldErrors errors)
    {
        switch (vote.Direction)
        {
            case "up":
                return 1;
            case "down":
                return -1;
            default:
                errors.Add("direction", "direction must be 'up' or 'down'.");
                return 0;
        }
    }

    /// <summary>The highest count the legacy <c>/updateVote</c> may set (../shared/API.md), far from any integer's overflow.</summary>
    public const int MaxLegacyVotes = 1_000_000;

    /// <summary>Validates the legacy vote update.</summary>
    public static void Validate(LegacyVoteUpdate update, FieldErrors errors)
    {
        if (update.ProductId is not > 0)
        {
            errors.Add("pID", "pID must be a positive 64-bit integer.");
        }

        if (update.QuestionId is not > 0)
        {
            errors.Add("qID", "qID must be a positive 64-bit integer.");
        }

        if (update.Votes is not (>= 0 and <= MaxLegacyVotes))
        {
            errors.Add("votes", $"votes must be an integer from 0 to {MaxLegacyVotes:N0}.");
        }
    }

    internal static void Body(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} is required (1 to {MaxBodyLength} characters).");
        }
        else if (value.Length > MaxBodyLength)
        {
            errors.Add(field, $"{field} must be at most {MaxBodyLength} characters.");
        }
        else if (!TextRules.IsPrintable(value, allowLineBreaks: true))
        {
            errors.Add(field, $"{field} must not contain control characters or invalid UTF-16.");
        }
    }

    internal static void Name(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} is required (1 to {MaxNameLength} characters).");
        }
        else if (value.Length > MaxNameLength)
        {
            errors.Add(field, $"{field} must be at most {MaxNameLength} characters.");
        }
        else if (!TextRules.IsPrintable(value, allowLineBreaks: false))
        {
            errors.Add(field, $"{field} must not contain control characters or line breaks.");
        }
    }

    internal static void Email(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} is required (a well-formed address of at most {MaxEmailLength} characters).");
        }
        else if (value.Length > MaxEmailLength)
        {
            errors.Add(field, $"{field} must be at most {MaxEmailLength} characters.");
        }
        else if (!IsWellFormedEmail(value))
        {
            errors.Add(field, $"{field} must be a well-formed e-mail address such as name@example.com.");
        }
    }

    private static bool IsWellFormedEmail(string value) =>
        TextRules.IsPrintable(value, allowLineBreaks: false)
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value // no display name, no comments
        && address.Host.Contains('.', StringComparison.Ordinal);
}
