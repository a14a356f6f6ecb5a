namespace Shazamazon.QA.Core.Model;

/// <summary>Why a stale entry was served.</summary>
public enum StaleReason
{
    /// <summary>Within the stale-while-revalidate window: one refresh runs in the background.</summary>
    Revalidating,

    /// <summary>The source failed (fail-safe).</summary>
    SourceUnavailable,

    /// <summary>The source did not answer within <c>Qa:Cache:FillTimeout</c> (fail-safe); the refresh goes on.</summary>
    SourceSlow,
}
