using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class SessionRecordTests
{
    private readonly SessionRecord _record;
    private readonly Guid _moderatorId;

    public SessionRecordTests()
    {
        var demo = TestEvent.Create();
        _moderatorId = demo.NewModerator();
        _record = demo.Claim(demo.NewCard(), room: 2, round: 1, _moderatorId).Record;
    }

    [Fact]
    public void Edit_Text_IsKeptTrimmedWithWhoAndWhen()
    {
        _record.Edit("  회의 노트 ", "Two options", "Mina sends the draft", _moderatorId, TestEvent.Now, expectedRevision: 0);

        _record.Notes.Should().Be("회의 노트");
        _record.Outcomes.Should().Be("Two options");
        _record.NextSteps.Should().Be("Mina sends the draft");
        _record.UpdatedBy.Should().Be(_moderatorId);
        _record.UpdatedAt.Should().Be(TestEvent.Now);
        _record.Revision.Should().Be(1);
        _record.IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void Edit_FromAStaleRevision_ThrowsAndKeepsTheNewerText()
    {
        _record.Edit("first", null, null, _moderatorId, TestEvent.Now, expectedRevision: 0);

        var act = () => _record.Edit("stale", null, null, _moderatorId, TestEvent.Now, expectedRevision: 0);

        act.Should().Throw<ConcurrentEditException>();
        _record.Notes.Should().Be("first");
        _record.Revision.Should().Be(1);
    }

    [Fact]
    public void Edit_TooLong_ThrowsNamingTheFieldAndChangesNothing()
    {
        var act = () => _record.Edit("ok", new string('가', SessionRecord.OutcomesMaxLength + 1), null, _moderatorId, TestEvent.Now);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("outcomes");
        _record.IsEmpty.Should().BeTrue();
        _record.Revision.Should().Be(0);
    }
}
