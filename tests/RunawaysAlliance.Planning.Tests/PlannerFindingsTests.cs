using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>What the property and brute-force tests found, kept as tests of their own.</summary>
public sealed class PlannerFindingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_BlankPoolMember_RefusedWithAMessage(string blank)
    {
        var instance = new PlanningInstance([new PlanRoom("a", 10)], [new PlanRound("r")], [new PlanCard("c", "ann")], [blank], [new PlanPerson("p", ["c"])], []);

        var validate = () => instance.Validate();

        validate.Should().Throw<PlanningInstanceException>().WithMessage("*moderator*id*");
    }

    [Fact]
    public void Violations_PoolHaverModeratingTheirOwnCard_RefusedLikeTheModelDoes()
    {
        var instance = new PlanningInstance([new PlanRoom("a", 10)], [new PlanRound("r")], [new PlanCard("c", "ann")], ["ann"], [new PlanPerson("p", ["c"])], []);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(5)), Ct);

        PlanScoring.Violations(instance, [new Placement("c", "a", "r", "ann")]).Should().ContainSingle();
        plan.Status.Should().Be(PlanStatus.Optimal);
        plan.Placements.Should().BeEmpty("the only pool moderator is the haver, who cannot also run their own card");
    }

    [Fact]
    public void Violations_CardWithItsOwnModeratorRunByAnother_Refused()
    {
        var instance = new PlanningInstance([new PlanRoom("a", 10)], [new PlanRound("r")], [new PlanCard("c", "ann", "bo")], ["cy"], [], []);

        PlanScoring.Violations(instance, [new Placement("c", "a", "r", "cy")]).Should().ContainSingle();
        PlanScoring.Violations(instance, [new Placement("c", "a", "r", "bo")]).Should().BeEmpty();
    }

    [Fact]
    public void Solve_AlreadyCancelled_ReturnsTheGreedyPlanWithoutStartingTheSolver()
    {
        var instance = RandomInstances.Create(20131);
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancelled.Cancel();

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(30)), cancelled.Token);

        plan.Status.Should().Be(PlanStatus.Greedy);
        plan.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the 30 s budget was not spent");
        PlanScoring.Violations(instance, plan.Placements).Should().BeEmpty();
    }

    [Theory]
    [InlineData(20137)]
    [InlineData(20788)]
    public void Solve_SameSeedOneWorkerDeterministicBudget_SamePlacementsEveryRun(int instanceSeed)
    {
        var instance = RandomInstances.Create(instanceSeed);
        // The wall clock is generous; the deterministic budget is what ends the search, so every run ends alike.
        var options = new PlannerOptions(TimeSpan.FromSeconds(60), Seed: 7, Workers: 1, DeterministicTime: 0.3);

        var runs = Enumerable.Range(0, 4).Select(_ => Planner.Solve(instance, options, Ct)).ToList();

        runs.Should().AllSatisfy(r => r.Placements.Should().Equal(runs[0].Placements));
    }

    [Fact]
    public void ReadInstance_LargerThanTheBound_RefusedWithAMessageBeforeParsing()
    {
        // Whitespace is valid JSON padding: only the size is wrong.
        using var stream = new MemoryStream(new byte[PlanningJson.MaxInstanceBytes + 1]);

        var read = () => PlanningJson.ReadInstance(stream);

        read.Should().Throw<PlanningInstanceException>().WithMessage("The instance is 64.0 MB; the planner reads instances of at most 64 MB*");
    }

    [Fact]
    public void ReadInstance_UnseekableStreamPastTheBound_Refused()
    {
        using var stream = new UnseekableStream(new MemoryStream(new byte[PlanningJson.MaxInstanceBytes + 100_000]));

        var read = () => PlanningJson.ReadInstance(stream);

        read.Should().Throw<PlanningInstanceException>().WithMessage("The instance is larger than 64 MB*");
    }

    [Fact]
    public void Validate_MoreCardsThanTheBound_RefusedWithAMessage()
    {
        var instance = new PlanningInstance([new PlanRoom("a", 10)], [new PlanRound("r")],
            [.. Enumerable.Range(0, PlanningInstance.MaxCards + 1).Select(i => new PlanCard($"c{i}", $"h{i}"))], [], [], []);

        var validate = () => instance.Validate();

        validate.Should().Throw<PlanningInstanceException>().WithMessage("The instance has 20,001 cards; the planner takes at most 20,000.");
    }

    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
