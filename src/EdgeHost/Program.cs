using Shazamazon.QA.EdgeHost.Commands;

// `EdgeHost` or `EdgeHost serve` runs the edge; `migrate`, `seed`, `import` and `export` are maintenance verbs.
return await EdgeCommandLine.RunAsync(args);
