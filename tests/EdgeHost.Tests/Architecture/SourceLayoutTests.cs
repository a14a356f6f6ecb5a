using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Bulk.Import;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests.Architecture;

/// <summary>Rules of the source's shape that a reviewer should not have to check by hand.</summary>
public sealed partial class SourceLayoutTests
{
    private static readonly Assembly[] Assemblies = [typeof(IQaReader).Assembly, typeof(QaImporter).Assembly, typeof(EdgeApp).Assembly];

    [Fact]
    public void EveryFile_DeclaresOneTopLevelType()
    {
        var crowded = Repository.SourceFiles("src")
            .Select(file => (File: Path.GetRelativePath(Repository.Root, file), Types: TopLevelType().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToArray()))
            .Where(f => f.Types.Length > 1)
            .Select(f => $"{f.File}: {string.Join(", ", f.Types)}");

        Assert.Empty(crowded);
    }

    [Fact]
    public void EveryLogEventId_IsUsedOnce_AndComesFromItsAssemblysLogEvents()
    {
        var uses = Assemblies.SelectMany(assembly => assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                .Select(m => (Assembly: assembly, Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
                .Where(u => u.Attribute is not null)
                .Select(u => (u.Assembly, u.Method, u.Attribute!.EventId)))
            .ToList();

        Assert.NotEmpty(uses);
        Assert.Empty(uses.GroupBy(u => u.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(u => u.Method))}"));
        foreach (var assembly in Assemblies)
        {
            var declared = LogEventsOf(assembly);
            Assert.Equal(declared.Count, declared.Distinct().Count());
            Assert.All(uses.Where(u => u.Assembly == assembly), u => Assert.Contains(u.EventId, declared));
        }
    }

    private static List<int> LogEventsOf(Assembly assembly) =>
        assembly.GetTypes().Single(t => t.Name == "LogEvents")
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (int)f.GetRawConstantValue()!)
            .ToList();

    // A type declared at the top of a file-scoped namespace: at the start of a line, not nested.
    [GeneratedRegex(@"^(?:public |internal |file )?(?:static |sealed |abstract |partial |readonly )*(?:class|record struct|record|struct|interface|enum) (\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();
}
