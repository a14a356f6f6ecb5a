namespace Shazamazon.QA.Bulk.Import;

/// <summary>An input the import cannot start on (a missing file or header column); nothing was changed.</summary>
public sealed class ImportInputException(string message) : Exception(message);
