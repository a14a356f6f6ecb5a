using Yarp.ReverseProxy.Forwarder;

namespace Shazamazon.QA.EdgeHost.Origin;

/// <summary>A fill's transport failure, in the shape YARP's passive health policies read a forwarded request's.</summary>
internal sealed class FillError(ForwarderError error, Exception exception) : IForwarderErrorFeature
{
    public ForwarderError Error { get; } = error;

    public Exception? Exception { get; } = exception;
}
