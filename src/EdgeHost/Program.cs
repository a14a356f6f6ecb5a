using Shazamazon.QA.EdgeHost;
using Shazamazon.QA.EdgeHost.Commands;

// `EdgeHost migrate`, `seed`, `import` and `export` are maintenance commands; anything else runs the edge.
HostCommand? command;
try
{
    command = HostCommand.TryParse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 64; // EX_USAGE
}

if (command is not null)
{
    return await command.RunAsync();
}

await EdgeApp.Build(args).RunAsync();
return 0;
