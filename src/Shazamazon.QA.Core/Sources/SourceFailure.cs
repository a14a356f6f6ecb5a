namespace Shazamazon.QA.Core.Sources;

/// <summary>Why a source could not answer a fill.</summary>
public enum SourceFailure
{
    /// <summary>It failed or could not be reached.</summary>
    Unavailable,

    /// <summary>It did not answer within its time budget.</summary>
    TimedOut,

    /// <summary>It failed repeatedly, so it is skipped for a while (a circuit breaker is open).</summary>
    CircuitOpen,

    /// <summary>This node has as many fills running as it allows (<c>Qa:Cache:MaxConcurrentFills</c>) and the request waited its turn in vain.</summary>
    Busy,
}
