using System.Text.Json;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Core.Sources;

/// <summary>
/// Reads a question's stored top answers (<c>questions.top_answers</c>, migration 0009): a JSON array of objects with
/// <c>id</c>, <c>body</c>, <c>answererName</c>, <c>createdAtMicros</c> (microseconds since 1970, UTC) and <c>helpful</c>,
/// in the order the contract shows them: the jsonb column's UTF-8 text, as Npgsql hands it over, read with
/// <see cref="Utf8JsonReader"/> straight into contract answers (the format is the database's own, and a miss reads up
/// to one array per question).
/// </summary>
internal static class TopAnswers
{
    /// <summary>The answers of <paramref name="utf8"/>, in order.</summary>
    /// <exception cref="JsonException">The text is not such an array.</exception>
    public static List<Answer> Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        Expect(ref reader, JsonTokenType.StartArray);
        var answers = new List<Answer>(DatabaseSource.InlineAnswers);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            long id = 0, micros = 0;
            string? body = null, answererName = null;
            var helpful = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    id = Next(ref reader).GetInt64();
                }
                else if (reader.ValueTextEquals("body"u8))
                {
                    body = Next(ref reader).GetString();
                }
                else if (reader.ValueTextEquals("answererName"u8))
                {
                    answererName = Next(ref reader).GetString();
                }
                else if (reader.ValueTextEquals("createdAtMicros"u8))
                {
                    micros = Next(ref reader).GetInt64();
                }
                else if (reader.ValueTextEquals("helpful"u8))
                {
                    helpful = Next(ref reader).GetInt32();
                }
                else
                {
                    reader.Skip();
                }
            }

            answers.Add(new Answer(id, body ?? throw Missing("body"), answererName ?? throw Missing("answererName"),
                DateTime.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond), helpful));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException($"Stored top answers: expected an object or the array's end, found {reader.TokenType}.");
        }

        return answers;
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ref reader;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"Stored top answers: expected {type}.");
        }
    }

    private static JsonException Missing(string name) => new($"Stored top answers: an answer without \"{name}\".");
}
