namespace Shazamazon.QA.Core.Data.Migrations;

/// <summary>One embedded migration: <c>Data/Migrations/NNNN_name.sql</c>.</summary>
/// <param name="Version">Its number, the order it applies in.</param>
/// <param name="Name">The rest of its file name.</param>
/// <param name="Sql">Its statements, run in one transaction.</param>
internal sealed record Migration(int Version, string Name, string Sql);
