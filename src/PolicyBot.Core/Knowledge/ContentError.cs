namespace PolicyBot.Core.Knowledge;

/// <summary>A problem in a content file, located for the person who has to fix it.</summary>
/// <param name="File">The file name relative to the knowledge folder.</param>
/// <param name="Line">1-based line, or 0 when the problem is about the whole file.</param>
/// <param name="Field">The field path, e.g. "nodes[2].obligations[0].source".</param>
public sealed record ContentError(string File, int Line, string Field, string Message, bool IsWarning = false)
{
    public override string ToString() =>
        $"{File}:{(Line > 0 ? Line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "1")}: {(IsWarning ? "warning" : "error")}: {(Field.Length > 0 ? Field + ": " : string.Empty)}{Message}";
}
