using FluentAssertions;
using RunawaysAlliance.Web.Features.Sessions;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>Which participants' names a record's text contains (the check behind "named only with consent").</summary>
public sealed class RecordNamesTests
{
    private static readonly string[] People = ["Mina", "서연", "Jean-Luc", "Al"];

    [Theory]
    [InlineData("Mina suggested two price tiers.", "Mina")]
    [InlineData("ask MINA about it", "Mina")]
    [InlineData("(Mina)", "Mina")]
    [InlineData("서연님이 가격을 두 단계로 나누자고 했다", "서연")]
    [InlineData("김서연: 다음 주에 다시 만나기", "서연")]
    [InlineData("- 서연이 제안함", "서연")]
    [InlineData("Jean-Luc will write to the clinic", "Jean-Luc")]
    public void Find_TextNamesAParticipant_FindsTheName(string text, string name) =>
        RecordNames.Find(text, People).Should().Equal(name);

    [Theory]
    [InlineData("Minako and Hermina came")]
    [InlineData("we talked about minimal pricing")]
    [InlineData("Also, all of us agreed")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_NoNameAsAWord_FindsNothing(string? text) =>
        RecordNames.Find(text, People).Should().BeEmpty();

    [Fact]
    public void Find_SeveralNamesAndRepeats_EachOnceInTheGivenOrder() =>
        RecordNames.Find("서연 and Mina, then Mina again, 서연", People).Should().Equal("Mina", "서연");

    [Fact]
    public void Find_OneLetterName_IsNotFlagged() =>
        RecordNames.Find("Al said: J is right", ["J", "Al"]).Should().Equal("Al");
}
