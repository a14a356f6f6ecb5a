using nietras.SeparatedValues;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>The reject file: one CSV row (<c>file, line, reason</c>) per rejected input row, created at the first.</summary>
internal sealed class RejectLog(string path) : IDisposable
{
    private SepWriter? _writer;

    public string Path { get; } = path;

    public long Count { get; private set; }

    public void Add(string file, long line, string reason)
    {
        _writer ??= Sep.New(',').Writer(o => o with { Escape = true }).ToFile(Path);
        using var row = _writer.NewRow();
        row["file"].Set(file);
        row["line"].Format(line);
        row["reason"].Set(reason);
        Count++;
    }

    public void Dispose() => _writer?.Dispose();
}
