namespace PolicyBot.Core.Tests.Content;

public sealed class ContentFoldersTests : IDisposable
{
    // outside/knowledge/index.yaml   (above the repository: never found from inside it)
    // outside/repo/PolicyBot.sln, outside/repo/cards/, outside/repo/src/app/
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "policybot-folders-" + Guid.NewGuid().ToString("N"));

    public ContentFoldersTests()
    {
        Directory.CreateDirectory(Path.Combine(_outside, "knowledge"));
        File.WriteAllText(Path.Combine(_outside, "knowledge", "index.yaml"), string.Empty);
        Directory.CreateDirectory(Path.Combine(Repo, "cards"));
        Directory.CreateDirectory(Path.Combine(Repo, "src", "app"));
        File.WriteAllText(Path.Combine(Repo, "PolicyBot.sln"), string.Empty);
    }

    private string Repo => Path.Combine(_outside, "repo");

    public void Dispose() => Directory.Delete(_outside, recursive: true);

    [Fact]
    public void A_relative_folder_is_found_from_a_start_inside_the_repository_upwards()
    {
        Assert.Equal(Path.Combine(Repo, "cards"), ContentFolders.FindFrom([Path.Combine(Repo, "src", "app")], "cards"));
    }

    [Fact]
    public void The_climb_stops_at_the_repository_root()
    {
        Assert.Null(ContentFolders.FindFrom([Path.Combine(Repo, "src", "app")], "knowledge", "index.yaml"));
    }

    [Fact]
    public void A_start_outside_any_repository_is_looked_at_alone()
    {
        var publish = Path.Combine(_outside, "publish");
        Directory.CreateDirectory(publish);

        Assert.Null(ContentFolders.FindFrom([publish], "knowledge", "index.yaml"));
        Assert.Equal(Path.Combine(_outside, "knowledge"), ContentFolders.FindFrom([_outside], "knowledge", "index.yaml"));
    }

    [Fact]
    public void Later_starts_are_tried_in_order_and_a_required_file_must_be_there()
    {
        var publish = Path.Combine(_outside, "publish");
        Directory.CreateDirectory(Path.Combine(publish, "cards"));
        File.WriteAllText(Path.Combine(publish, "cards", "answer.json"), "{}");
        var app = Path.Combine(Repo, "src", "app");

        Assert.Equal(Path.Combine(Repo, "cards"), ContentFolders.FindFrom([app, publish], "cards"));
        Assert.Equal(Path.Combine(publish, "cards"), ContentFolders.FindFrom([app, publish], "cards", "answer.json"));
    }

    [Fact]
    public void A_rooted_path_is_kept_and_a_missing_one_resolves_to_the_working_directory()
    {
        var missing = "no-such-folder-" + Guid.NewGuid().ToString("N");

        Assert.Equal(_outside, ContentFolders.Resolve(_outside));
        Assert.Equal(Path.GetFullPath(missing), ContentFolders.Resolve(missing));
    }
}
