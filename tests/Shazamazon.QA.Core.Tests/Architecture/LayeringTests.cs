using System.Text.RegularExpressions;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests.Architecture;

/// <summary>
/// The serving library's folders are layers, and arrows point down (docs/architecture.md): a file may use its own
/// folder and the folders of lower layers, never a sibling or a higher one. Read from the source, so a reference in a
/// method body counts as much as one in a signature.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["Model"] = 0,
        ["Validation"] = 1,
        ["Data"] = 1,
        ["Resilience"] = 1,
        ["Caching"] = 2,
        ["Sources"] = 2,
        ["Invalidation"] = 3,
        ["Reads"] = 4,
        ["Writes"] = 4,
        ["Moderation"] = 5,
        ["Webhooks"] = 5,
        ["Operations"] = 5,
        ["DependencyInjection"] = 6,
    };

    private static readonly string CoreDirectory = Path.Combine(Repository.Root, "src", "Shazamazon.QA.Core");

    [Fact]
    public void EveryFolder_HasALayer()
    {
        var folders = Directory.GetDirectories(CoreDirectory).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj"));
        Assert.DoesNotContain(folders, f => !Layers.ContainsKey(f!));
    }

    [Fact]
    public void EveryReference_PointsToTheSameFolderOrALowerLayer()
    {
        var violations = new List<string>();
        foreach (var file in Repository.SourceFiles(Path.Combine("src", "Shazamazon.QA.Core")))
        {
            var relative = Path.GetRelativePath(CoreDirectory, file);
            var folder = relative.Split(Path.DirectorySeparatorChar) is { Length: > 1 } parts ? parts[0] : null;
            if (folder is null)
            {
                continue; // the root's few files (log event ids, the instrumentation name) are below every layer
            }

            foreach (var used in References(File.ReadAllText(file)).Where(u => u != folder))
            {
                if (!Layers.TryGetValue(used, out var layer) || layer >= Layers[folder])
                {
                    violations.Add($"{relative} ({folder}, layer {Layers[folder]}) uses {used} ({(Layers.TryGetValue(used, out var l) ? $"layer {l}" : "no layer")})");
                }
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void TheServingLibrary_CarriesNoBulkTooling()
    {
        var core = typeof(IQaReader).Assembly;
        Assert.Empty(core.GetTypes().Where(t => t.Namespace is { } ns && (ns.EndsWith(".Import", StringComparison.Ordinal)
            || ns.EndsWith(".Export", StringComparison.Ordinal) || ns.EndsWith(".Seeding", StringComparison.Ordinal))).Select(t => t.FullName));
        Assert.DoesNotContain(core.GetReferencedAssemblies(), a => a.Name is "Sep" or "Shazamazon.QA.Bulk");
    }

    // The core folders a file names: through "Shazamazon.QA.Core.X" (usings, qualified names), or "X.Type" relative to
    // the parent namespace, which C# resolves without a using.
    private static IEnumerable<string> References(string source)
    {
        var code = NamespaceLine().Replace(source, string.Empty);
        return QualifiedReference().Matches(code).Select(m => m.Groups[1].Value)
            .Concat(RelativeReference().Matches(code).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^namespace [\w.]+;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"Shazamazon\.QA\.Core\.(\w+)")]
    private static partial Regex QualifiedReference();

    [GeneratedRegex(@"(?<![\w.])(Model|Validation|Data|Resilience|Caching|Sources|Invalidation|Reads|Writes|Operations)\.[A-Z]")]
    private static partial Regex RelativeReference();
}
