namespace Shazamazon.QA.Core.Operations;

/// <summary>What this node's cache holds and has done, for operators.</summary>
public interface IQaStatistics
{
    /// <summary>A snapshot of this node's cache.</summary>
    QaCacheStatistics Snapshot();
}
