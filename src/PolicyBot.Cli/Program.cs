return PolicyBot.Cli.CliApp.Run(args, Console.In, Console.Out, Console.Error);
