using System.Text.Json.Serialization;

namespace Shazamazon.QA.Contracts;

/// <summary>System.Text.Json source generation for the wire types.</summary>
[JsonSerializable(typeof(ProductQuestionsPage))]
[JsonSerializable(typeof(QuestionAnswersPage))]
[JsonSerializable(typeof(ProductQuestionCount))]
[JsonSerializable(typeof(ProductQuestionStats))]
[JsonSerializable(typeof(QuestionSearchResults))]
[JsonSerializable(typeof(Question))]
[JsonSerializable(typeof(Answer))]
[JsonSerializable(typeof(NewQuestion))]
[JsonSerializable(typeof(NewAnswer))]
[JsonSerializable(typeof(Vote))]
[JsonSerializable(typeof(Report))]
[JsonSerializable(typeof(QaWebhookEvent))]
[JsonSerializable(typeof(ModerationQueuePage))]
[JsonSerializable(typeof(LegacyItem))]
[JsonSerializable(typeof(LegacyVoteUpdate))]
public sealed partial class QaJsonContext : JsonSerializerContext;
