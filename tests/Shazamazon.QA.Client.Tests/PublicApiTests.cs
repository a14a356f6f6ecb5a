using System.Reflection;
using System.Text;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Client.Tests;

/// <summary>
/// The published surface (Shazamazon.QA.Client and Shazamazon.QA.Contracts) must equal PublicApi.approved.txt: a
/// change to it fails here until the approved file is updated on purpose (the received file is written beside it).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicSurface_MatchesTheApprovedFile()
    {
        var received = Describe(typeof(QaClient).Assembly) + Describe(typeof(ProductQuestionsPage).Assembly);
        var approvedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved != received)
        {
            var receivedPath = Path.Combine(Path.GetTempPath(), "PublicApi.received.txt");
            File.WriteAllText(receivedPath, received);
            Assert.Fail($"The public API changed. If that is intended (and compatible, or the version says otherwise), copy {receivedPath} over tests/Shazamazon.QA.Client.Tests/PublicApi.approved.txt.");
        }
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(type.FullName);
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            {
                text.Append(" : ").Append(baseType.FullName);
            }

            text.Append('\n');
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(Flags)
                .Where(m => m is not Type && IsVisible(m) && !m.Name.StartsWith('<') && m.Name != "<Clone>$")
                .Select(Signature)
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase method => (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly) && (method is ConstructorInfo || !method.IsSpecialName),
        FieldInfo field => (field.IsPublic || field.IsFamily) && !field.IsSpecialName,
        PropertyInfo property => property.GetMethod is { } get && (get.IsPublic || get.IsFamily),
        EventInfo => true,
        _ => false,
    };

    private static string Signature(MemberInfo member) => member switch
    {
        MethodBase method => $"{(method.IsStatic ? "static " : string.Empty)}{(method.IsVirtual && !method.IsFinal ? "virtual " : string.Empty)}{(method is MethodInfo m ? m.ReturnType.ToString() + " " : string.Empty)}{method.Name}({string.Join(", ", method.GetParameters().Select(p => $"{p.ParameterType} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"))})",
        PropertyInfo property => $"{property.PropertyType} {property.Name} {{ {(property.GetMethod is not null ? "get; " : string.Empty)}{(property.SetMethod is { IsPublic: true } ? "set; " : string.Empty)}}}",
        FieldInfo field => $"{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{field.FieldType} {field.Name}{(field.IsLiteral ? " = " + field.GetRawConstantValue() : string.Empty)}",
        _ => member.ToString() ?? member.Name,
    };
}
