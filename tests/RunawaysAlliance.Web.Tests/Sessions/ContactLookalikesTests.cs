using FluentAssertions;
using RunawaysAlliance.Web.Features.Sessions;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>What looks like contact details in a record is found (to warn the editor); times, dates and room numbers are not.</summary>
public sealed class ContactLookalikesTests
{
    [Theory]
    [InlineData("민준 님 연락처는 010-1234-5678입니다", "010-1234-5678")]
    [InlineData("번호: 01012345678 로 주세요", "01012345678")]
    [InlineData("국제전화 +82 10 1234 5678 가능", "+82 10 1234 5678")]
    [InlineData("사무실 02-123-4567 (평일)", "02-123-4567")]
    [InlineData("대표번호 031.123.4567", "031.123.4567")]
    [InlineData("인터넷전화 070-1234-5678", "070-1234-5678")]
    [InlineData("US office +1 (415) 555-0100 after 9", "+1 (415) 555-0100")]
    [InlineData("메일은 mina.park+ra@example.co.kr으로 보내 주세요", "mina.park+ra@example.co.kr")]
    [InlineData("Reach me: Someone_1@Mail.Example.com.", "Someone_1@Mail.Example.com")]
    public void Find_ContactDetailsInKoreanText_FoundAsTyped(string text, string expected) =>
        ContactLookalikes.Find(text).Should().Equal(expected);

    [Theory]
    [InlineData("19:00에 Hall에서 다시 만나요")]
    [InlineData("다음 모임은 2026-12-05 20:00, 2026.12.12도 가능")]
    [InlineData("301호, 402호 회의실; Room 3 · Round 2")]
    [InlineData("참가자 12명, 예산 1500000원, 45분")]
    [InlineData("버전 1.2.3, 이슈 #1234, 2025년 12월 11일")]
    [InlineData("")]
    public void Find_TimesDatesRoomsAndShortNumbers_NothingFound(string text) =>
        ContactLookalikes.Find(text).Should().BeEmpty();

    [Fact]
    public void Find_Several_InTheOrderTheyAppear()
    {
        var found = ContactLookalikes.Find("지수 jisoo@example.com, 하늘 010 9876 5432, 19:30 종료");

        found.Should().Equal("jisoo@example.com", "010 9876 5432");
    }

    [Fact]
    public void AnyIn_OneOfTheTexts_True()
    {
        ContactLookalikes.AnyIn("회의 노트", "결과 없음", "다음 단계: 010-2222-3333으로 연락").Should().BeTrue();
        ContactLookalikes.AnyIn("회의 노트", "19:00 시작", "").Should().BeFalse();
    }
}
