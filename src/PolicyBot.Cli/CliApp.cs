namespace PolicyBot.Cli;

/// <summary>Dispatches the CLI's commands; returns the process exit code.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "validate":
                return ValidateCommand.Run(rest, output, error);
            case "ask":
                return AskCommand.Run(rest, input, output, error);
            case "eval":
                return EvalCommand.Run(rest, output, error);
            case "teams-package":
                return Teams.TeamsPackageCommand.Run(rest, output, error);
            case "report":
                return ReportCommand.Run(rest, output, error);
        }

        error.WriteLine($"Unknown command '{args[0]}'.");
        error.WriteLine(Usage);
        return 2;
    }

    internal const string Usage = """
        Usage: policybot <command> [options]
          validate [--notes] [DIR]   check the knowledge base (default: knowledge); --notes lists the content owner's notes
          ask "question"             show how a question is matched       [--lang en|fr|auto] [--knowledge DIR]
          ask --json                 read questions from stdin, one per line; write one JSON object per line
          eval FILE.jsonl            score an evaluation set: accuracy per label and language, and every miss
                                     (--lang auto, the default, detects each question's language; a line's "lang" wins)
          teams-package --out FILE   write the Teams app package (--bot-id GUID, --config FILE, --Teams:App:KEY VALUE)
          report                     what staff asked, missed and rated: --since 30d, --format md|csv|html|json, --out FILE
        """;
}
