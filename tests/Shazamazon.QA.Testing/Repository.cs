namespace Shazamazon.QA.Testing;

/// <summary>Where the repository is, found from the test's own output directory (the folder holding QaEdge.sln).</summary>
public static class Repository
{
    /// <summary>The repository's root directory.</summary>
    public static string Root { get; } = Find();

    /// <summary>The C# files under <paramref name="relativeDirectory"/>, build outputs excluded.</summary>
    public static IEnumerable<string> SourceFiles(string relativeDirectory) =>
        Directory.EnumerateFiles(Path.Combine(Root, relativeDirectory), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QaEdge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No QaEdge.sln above {AppContext.BaseDirectory}: run the tests from the repository's build output.");
    }
}
