using FluentAssertions;
using RunawaysAlliance.Web.Features.Sessions;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>A record's Markdown becomes HTML that cannot run anything in a reader's browser.</summary>
public sealed class RecordMarkdownTests
{
    [Fact]
    public void ToHtml_KoreanHeadingListAndEmphasis_Rendered()
    {
        var html = RecordMarkdown.ToHtml("## 결론\n- 멤버십 **카드** 도입\n- 단골 *모임*\n\n1. 첫째\n2. 둘째");

        html.Should().Contain("<h2>결론</h2>")
            .And.Contain("<li>멤버십 <strong>카드</strong> 도입</li>")
            .And.Contain("<em>모임</em>")
            .And.Contain("<ol>").And.Contain("<li>둘째</li>");
    }

    [Fact]
    public void ToHtml_ScriptTag_StaysTextNeverAnElement()
    {
        var html = RecordMarkdown.ToHtml("회의 <script>alert('x')</script> 끝");

        html.Should().NotContain("<script", "raw HTML is off and the sanitizer is the second wall");
        html.Should().Contain("회의").And.Contain("끝");
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void ToHtml_RawHtml_NeverBecomesMarkup(string raw)
    {
        var html = RecordMarkdown.ToHtml(raw);

        html.Should().NotContainAny("<img", "<a ", "<div", "<iframe");
        html.Should().NotMatchRegex("<[^>]*\\son[a-z]+=", "no element carries an event attribute");
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JAVASCRIPT:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    public void ToHtml_LinkWithAScriptScheme_LosesItsTarget(string markdown)
    {
        var html = RecordMarkdown.ToHtml(markdown);

        html.Should().NotContainEquivalentOf("javascript:").And.NotContain("data:").And.NotContain("vbscript:");
        html.Should().Contain("click");
    }

    [Fact]
    public void ToHtml_Images_AreNotShownFromAnyScheme()
    {
        var html = RecordMarkdown.ToHtml("![x](javascript:alert(1)) ![y](https://example.com/a.png)");

        // A shared record loads nothing from elsewhere in its readers' browsers (no tracking pixels).
        html.Should().NotContainEquivalentOf("javascript:");
        html.Should().NotContainEquivalentOf("<img");
        html.Should().NotContain("example.com/a.png");
    }

    [Fact]
    public void ToHtml_HttpsMailtoAndBareLinks_KeptWithNofollowNoopener()
    {
        var html = RecordMarkdown.ToHtml("[자료](https://example.com/doc) [메일](mailto:team@example.com) https://example.org/x");

        html.Should().Contain("<a href=\"https://example.com/doc\" rel=\"nofollow noopener noreferrer\">자료</a>")
            .And.Contain("<a href=\"mailto:team@example.com\" rel=\"nofollow noopener noreferrer\">메일</a>")
            .And.Contain("href=\"https://example.org/x\" rel=\"nofollow noopener noreferrer\"");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void ToHtml_Nothing_Empty(string? markdown) => RecordMarkdown.ToHtml(markdown).Should().BeEmpty();
}
