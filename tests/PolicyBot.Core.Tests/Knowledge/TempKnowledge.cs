using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Knowledge;

/// <summary>A private copy of the real knowledge folder that a test may break.</summary>
internal sealed class TempKnowledge : IDisposable
{
    public TempKnowledge()
    {
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "policybot-kb-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Replace(string file, string oldText, string newText)
    {
        var text = System.IO.File.ReadAllText(File(file));
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        System.IO.File.WriteAllText(File(file), text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
