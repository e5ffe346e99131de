using System.Text.Json.Nodes;
using PolicyBot.Core.Cards.Templating;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>
/// The engine against the official library on the corner cases of the language: every case is expanded by both
/// and must give the same JSON (or both must fail).
/// </summary>
public sealed class TemplateEngineConformanceTests
{
    private const string Data = """
        {"s": "hi", "e": "", "z": 0, "n": null, "t": true, "f": false, "num": 2.5, "neg": -3,
         "arr": [{"a": 1}, {"a": 2}], "empty": [], "o": {"p": "q"}, "prims": ["x", "y"], "Mixed": "case",
         "sets": [{"actions": [{"title": "A", "data": {"action": "node", "id": "a"}}]}, {"actions": []}]}
        """;

    private static readonly string[] Templates =
    [
        """{"x": "${s}", "y": "${z}", "w": "${num}", "v": "${t}", "u": "${o}", "r": "${arr}", "q": "${e}", "n": "${n}"}""",
        """{"x": "${missing}", "y": "a ${missing} b", "z": "${o.missing.y}", "w": "${$index}", "v": "${missing + 'x'}"}""",
        """{"x": "v ${num} ${t} ${z} ${neg}", "y": "${s}${s}", "z": "${o}!", "w": "${arr}!", "u": "${prims} "}""",
        """{"a": "${!s}", "b": "${!e}", "c": "${!z}", "d": "${!n}", "e": "${!missing}", "f": "${!empty}", "g": "${!o.missing}"}""",
        """{"a": "${s && t}", "b": "${e || f}", "c": "${z && t}", "d": "${s == 'hi'}", "e": "${s != 'hi'}", "f": "${z == 0}", "g": "${missing == null}", "h": "${z == '0'}", "i": "${missing && t}"}""",
        """{"a": "${count(arr)}", "b": "${empty(empty)}", "c": "${empty(e)}", "d": "${exists(missing)}", "e": "${exists(n)}", "f": "${empty(missing)}", "g": "${count(s)}", "h": "${empty(o)}", "i": "${count(missing)}", "j": "${empty(z)}", "k": "${exists(e)}"}""",
        """[{"$when": "${s}", "k": 1}, {"$when": "${t}", "k": 2}, {"$when": "${z}", "k": 3}, {"$when": "s", "k": 4}, {"$when": "${missing}", "k": 5}, {"$when": "${!f}", "k": 6}, {"$when": false, "k": 7}, {"$when": "${t} ", "k": 8}]""",
        """{"body": [{"$data": "${arr}", "k": "${a} ${$index}", "i": "${$index + 1}", "r": "${$root.s}"}]}""",
        """{"body": [{"$data": "${empty}", "k": 1}], "single": {"$data": "${empty}", "k": 1}, "gone": {"$when": "${f}", "k": 1}}""",
        """{"body": [{"$data": "${prims}", "k": "${$data}", "n": "${$index}. ${$data}"}]}""",
        """{"body": [{"$data": "${o}", "k": "${p} ${$index}"}], "m": [{"$data": "${missing}", "k": "${p}"}]}""",
        """{"body": [{"$data": "${arr}", "$when": "${a == 2}", "k": "${a}"}, {"$data": "${arr}", "$when": "${$index == 0}", "i": "${$index}"}]}""",
        """{"a": [{"$data": "${arr}", "b": [{"$data": "${$root.prims}", "c": "${$data} ${$index}"}], "i": "${$index}"}]}""",
        """{"sets": [{"$data": "${sets}", "type": "ActionSet", "actions": [{"$data": "${actions}", "type": "Action.Submit", "title": "${title}", "data": "${data}"}]}]}""",
        """{"x": ["${s}", "${arr}", "${n}", 3, null, true, "${empty}"]}""",
        """{"a": "${1 + 2}", "b": "${7 / 2}", "c": "${7 % 3}", "d": "${neg * 2}", "e": "${-z}", "f": "${s + 1}", "g": "${2.5 - 1}", "h": "${1 + 2 * 3}", "i": "${(1 + 2) * 3}"}""",
        """{"a": "${z < 1}", "b": "${s > 'a'}", "c": "${1 <= 1}", "d": "${!t || f}", "e": "${t && !f && z == 0}", "f": "${(t || f) && f}", "g": "${count(arr) > 1}", "h": "${1 < 2 == true}"}""",
        """{"a": "${not(t)}", "b": "${and(t, s)}", "c": "${or(f, n)}", "d": "${equals(s, 'hi')}", "e": "${if(f, 'y', 'n')}", "f": "${if(n, 'y', 'n')}", "g": "${if(t, missing, 'n')}"}""",
        """{"a": "${join(prims, ', ')}", "b": "${length(s)}", "c": "${toUpper(s)}", "d": "${toLower(Mixed)}", "e": "${mixed}", "f": "${O.P}"}""",
        """{"a": "${o['p']}", "b": "${arr[1].a}", "c": "${$root.arr[0].a}", "d": "${arr[5].a}", "e": "${\"dq\"}", "f": "${'a\"b'}"}""",
        """{"$data": "${o}", "x": "${p}", "y": "${$root.s}", "z": {"$data": "${$root.arr}", "w": "${a}"}}""",
        """{"text": "100% ${s}: $ {} } ' \" → 👍", "plain": "no binding \\ ` here", "n": 5, "b": false, "nul": null}""",
        """{"x": "a ${n} b"}""",
        """{"x": "${arr[5]}"}""",
    ];

    [Fact]
    public void Every_case_expands_as_the_official_library_does()
    {
        var data = JsonNode.Parse(Data);
        var templates = Templates.Select(t => JsonNode.Parse(t)!).ToList();
        var official = OfficialTemplating.Expand([.. templates.Select(t => (t, data))]);
        var failures = new List<string>();
        for (var i = 0; i < templates.Count; i++)
        {
            string ours;
            try
            {
                ours = CanonicalJson.Of(CardTemplate.Compile("case" + i, templates[i]).Expand(data));
            }
            catch (TemplateExpansionException e)
            {
                ours = "error: " + e.Message;
            }

            var theirs = official[i].Error is { } error ? "error: " + error : CanonicalJson.Of(official[i].Card);
            var bothFailed = ours.StartsWith("error:", StringComparison.Ordinal) && theirs.StartsWith("error:", StringComparison.Ordinal);
            if (ours != theirs && !bothFailed)
            {
                failures.Add($"case {i}: {Templates[i]}\n  official: {theirs}\n  ours:     {ours}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
