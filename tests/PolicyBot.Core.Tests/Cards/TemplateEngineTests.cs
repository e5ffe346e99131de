using System.Text.Json.Nodes;
using PolicyBot.Core.Cards.Templating;

namespace PolicyBot.Core.Tests.Cards;

public sealed class TemplateEngineTests
{
    private static string Expand(string template, string data) =>
        CardTemplate.Compile("test", JsonNode.Parse(template)!).Expand(JsonNode.Parse(data))!.ToJsonString();

    [Fact]
    public void A_binding_alone_keeps_the_type_of_its_value()
    {
        var result = Expand("""{"n": "${n}", "b": "${b}", "o": "${o}", "a": "${a}"}""", """{"n": 3, "b": true, "o": {"x": 1}, "a": [1, 2]}""");
        Assert.Equal("""{"n":3,"b":true,"o":{"x":1},"a":[1,2]}""", result);
    }

    [Fact]
    public void Text_around_bindings_makes_a_string()
    {
        Assert.Equal("""{"t":"3 items, first a"}""", Expand("""{"t": "${count(items)} items, first ${items[0]}"}""", """{"items": ["a", "b", "c"]}"""));
    }

    [Fact]
    public void Data_array_repeats_the_object_with_its_index()
    {
        var result = Expand(
            """{"body": [{"$data": "${items}", "text": "${$index + 1}. ${name}"}]}""",
            """{"items": [{"name": "A"}, {"name": "B"}]}""");
        Assert.Equal("""{"body":[{"text":"1. A"},{"text":"2. B"}]}""", result);
    }

    [Fact]
    public void Nested_data_arrays_expand_inside_each_other()
    {
        var result = Expand(
            """{"sets": [{"$data": "${sets}", "type": "ActionSet", "actions": [{"$data": "${actions}", "title": "${title}"}]}]}""",
            """{"sets": [{"actions": [{"title": "1"}, {"title": "2"}]}, {"actions": [{"title": "3"}]}]}""");
        Assert.Equal("""{"sets":[{"type":"ActionSet","actions":[{"title":"1"},{"title":"2"}]},{"type":"ActionSet","actions":[{"title":"3"}]}]}""", result);
    }

    [Fact]
    public void Root_is_reachable_inside_a_data_scope()
    {
        var result = Expand("""{"b": [{"$data": "${items}", "t": "${$data} of ${$root.owner}"}]}""", """{"owner": "NATO", "items": ["x"]}""");
        Assert.Equal("""{"b":[{"t":"x of NATO"}]}""", result);
    }

    [Fact]
    public void An_empty_data_array_removes_the_object_from_its_array()
    {
        Assert.Equal("""{"b":[{"k":2}]}""", Expand("""{"b": [{"$data": "${none}", "k": 1}, {"k": 2}]}""", """{"none": []}"""));
    }

    [Theory]
    [InlineData("${show}", true)]
    [InlineData("${!show}", false)]
    [InlineData("${!empty(items)}", true)]
    [InlineData("${count(items) == 2}", true)]
    [InlineData("${name != 'PoC'}", false)]
    [InlineData("${show && empty(items)}", false)]
    [InlineData("${!show || exists(name)}", true)]
    [InlineData("${name}", false)]
    [InlineData("${missing}", false)]
    [InlineData("${exists(missing)}", false)]
    [InlineData("show", false)]
    public void When_keeps_an_object_only_for_the_boolean_true(string when, bool kept)
    {
        var result = Expand($$"""{"b": [{"$when": "{{when}}", "k": 1}]}""", """{"show": true, "items": [1, 2], "name": "PoC"}""");
        Assert.Equal(kept ? """{"b":[{"k":1}]}""" : """{"b":[]}""", result);
    }

    [Fact]
    public void A_missing_field_shows_its_binding_like_the_official_library()
    {
        Assert.Equal("""{"a":"${missing}","b":"x ${o.missing} y"}""", Expand("""{"a": "${missing}", "b": "x ${o.missing} y"}""", """{"o": {}}"""));
    }

    [Fact]
    public void A_null_joined_into_a_string_fails_with_the_binding_named()
    {
        var error = Assert.Throws<TemplateExpansionException>(() => Expand("""{"a": "x ${n}"}""", """{"n": null}"""));
        Assert.Contains("${n}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserved_properties_are_not_copied()
    {
        Assert.Equal("""{"k":1}""", Expand("""{"$data": "${o}", "$when": "${true}", "k": 1}""", """{"o": {}}"""));
    }

    [Fact]
    public void Index_outside_a_data_array_is_missing()
    {
        Assert.Equal("""{"a":"${$index}"}""", Expand("""{"a": "${$index}"}""", "{}"));
    }

    [Fact]
    public void Strings_without_bindings_and_other_values_are_copied()
    {
        Assert.Equal("""{"a":"$ {} 100%","b":1.5,"c":null,"d":[true]}""", Expand("""{"a": "$ {} 100%", "b": 1.5, "c": null, "d": [true]}""", "{}"));
    }

    [Theory]
    [InlineData("${nosuch(x)}", "unknown function 'nosuch'")]
    [InlineData("${a", "not closed")]
    [InlineData("${}", "empty expression")]
    [InlineData("${a +}", "ends too early")]
    [InlineData("${count(a, b)}", "count() takes 1")]
    [InlineData("${'open}", "not closed")]
    public void A_bad_expression_is_refused_at_compile_time_with_its_place(string text, string message)
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => CardTemplate.Compile("t", JsonNode.Parse($$"""{"body": [{"text": "{{text}}"}]}""")!));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("/body/0/text", error.JsonPointer);
    }

    [Fact]
    public void A_compiled_template_expands_many_times_without_sharing_nodes()
    {
        var template = CardTemplate.Compile("t", JsonNode.Parse("""{"a": "${o}", "b": [1]}""")!);
        var first = template.Expand(JsonNode.Parse("""{"o": {"x": 1}}"""))!;
        first["b"]!.AsArray().Add(2);
        var second = template.Expand(JsonNode.Parse("""{"o": {"x": 2}}"""))!;
        Assert.Equal("""{"a":{"x":2},"b":[1]}""", second.ToJsonString());
    }
}
