using System.Text;

namespace Shazamazon.QA.Bulk.Seeding;

/// <summary>Plausible shop text from word lists: product names, questions, answers, names and e-mail addresses.</summary>
internal static class TextGenerator
{
    public static readonly string[] Categories =
    [
        "kitchen", "outdoors", "electronics", "toys", "books", "garden", "sports", "beauty", "automotive", "office",
        "pets", "baby", "music", "tools", "home", "fashion", "jewelry", "grocery", "health", "games",
        "camping", "cycling", "fitness", "lighting", "furniture", "bedding", "bath", "crafts", "travel", "quidditch",
    ];

    private static readonly string[] Adjectives =
    [
        "Deluxe", "Compact", "Portable", "Classic", "Premium", "Wireless", "Ergonomic", "Heavy-Duty", "Lightweight", "Smart",
        "Vintage", "Modern", "Rustic", "Foldable", "Waterproof", "Stainless", "Organic", "Handmade", "Adjustable", "Rechargeable",
        "Ultra", "Mini", "Professional", "Eco", "Magnetic", "Insulated", "Cordless", "Reversible", "Stackable", "Quiet",
    ];

    private static readonly string[] Nouns =
    [
        "Blender", "Backpack", "Headphones", "Lamp", "Tent", "Kettle", "Drill", "Chair", "Desk", "Speaker",
        "Bottle", "Jacket", "Camera", "Router", "Skillet", "Pillow", "Scooter", "Helmet", "Watch", "Keyboard",
        "Mixer", "Blanket", "Charger", "Toaster", "Grill", "Umbrella", "Stroller", "Broom", "Kit Set", "Organizer",
    ];

    private static readonly string[] Series = ["2000", "Pro", "Max", "Lite", "Plus", "X", "S", "Mark II", "Go", "One"];

    private static readonly string[] Features =
    [
        "waterproof", "dishwasher safe", "easy to clean", "good for kids", "loud", "heavy", "durable", "true to size",
        "compatible with older models", "safe for pets", "quiet at night", "easy to assemble", "worth the price",
        "suitable for travel", "covered by warranty", "good in cold weather", "made of real leather", "BPA free",
    ];

    private static readonly string[] QuestionStarts =
    [
        "Is it", "Is this", "Would this be", "Has anyone found it", "Is the {0}", "Does the {0} stay",
    ];

    private static readonly string[] HowQuestions =
    [
        "How long does the battery last on the {0}?", "How heavy is the {0}?", "What are the exact dimensions of the {0}?",
        "Does the {0} come with a case?", "Can I use the {0} outside?", "Where is the {0} made?",
        "Does the {0} need assembly?", "What colors does the {0} come in?", "Can you replace parts of the {0}?",
        "How loud is the {0} when running?", "Does the {0} fit in a small apartment?", "Is there a warranty on the {0}?",
    ];

    private static readonly string[] AnswerOpeners =
    [
        "Yes,", "No,", "In my experience,", "Honestly,", "We have had ours for a year and", "Mine arrived last week and",
        "According to the manual,", "I asked the seller and", "After a month of daily use,", "Not really,",
    ];

    private static readonly string[] AnswerBodies =
    [
        "it works great for what we need.", "it holds up really well.", "it is a bit smaller than expected.",
        "it is sturdier than it looks.", "the quality is excellent for the price.", "it took ten minutes to set up.",
        "it still looks brand new.", "customer service replaced it quickly.", "I would buy it again.",
        "it runs quietly and charges fast.", "it fits perfectly in the kitchen.", "the kids love it.",
        "it is not as loud as the old one.", "the instructions could be clearer.", "it survived a trip in the rain.",
    ];

    private static readonly string[] FirstNames =
    [
        "jim", "bob", "alice", "maria", "chen", "fatima", "olga", "raj", "lucas", "emma", "noah", "aiko", "tom", "sara",
        "ivan", "lena", "omar", "zoe", "pedro", "nina", "yuki", "sam", "ava", "leo", "mia", "kai", "ella", "finn",
    ];

    private static readonly string[] Domains = ["example.com", "mail.example", "shop.example", "inbox.example"];

    public static string ProductName(ref SeedRandom random) =>
        string.Concat(random.Pick(Adjectives), " ", random.Pick(Nouns), " ", random.Pick(Series));

    public static string Question(ref SeedRandom random, StringBuilder builder)
    {
        var noun = random.Pick(Nouns).ToLowerInvariant();
        if (random.Next(2) == 0)
        {
            return random.Pick(HowQuestions).Replace("{0}", noun, StringComparison.Ordinal);
        }

        builder.Clear();
        builder.Append(random.Pick(QuestionStarts).Replace("{0}", noun, StringComparison.Ordinal));
        builder.Append(' ').Append(random.Pick(Features));
        if (random.Next(3) == 0)
        {
            builder.Append(" and ").Append(random.Pick(Features));
        }

        return builder.Append('?').ToString();
    }

    public static string Answer(ref SeedRandom random, StringBuilder builder)
    {
        builder.Clear();
        builder.Append(random.Pick(AnswerOpeners)).Append(' ').Append(random.Pick(AnswerBodies));
        if (random.Next(2) == 0)
        {
            builder.Append(" It is ").Append(random.Pick(Features)).Append('.');
        }

        return builder.ToString();
    }

    public static string PersonName(ref SeedRandom random) =>
        string.Concat(random.Pick(FirstNames), random.Next(1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Email(string name, ref SeedRandom random) => string.Concat(name, "@", random.Pick(Domains));
}
