using Cilock.Cli.Hosting;

// Composition only: the command tree comes from CommandCatalog, error handling and exit codes from CliApplication.
return await CliApplication.InvokeAsync(args, Console.Out, Console.Error);
