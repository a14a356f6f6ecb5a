using Shazamazon.QA.EdgeHost;
using Shazamazon.QA.EdgeHost.Commands;

// `EdgeHost migrate` and `EdgeHost seed ...` are maintenance commands; anything else runs the edge.
if (HostCommand.TryParse(args) is { } command)
{
    return await command.RunAsync();
}

await EdgeApp.Build(args).RunAsync();
return 0;
