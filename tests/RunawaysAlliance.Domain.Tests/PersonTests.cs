using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Domain.Tests;

public class PersonTests
{
    [Fact]
    public void Constructor_ValidName_IsTrimmed()
    {
        var id = Guid.NewGuid();

        var person = new Person(id, "  Mina  ", TestEvent.Now);

        person.Id.Should().Be(id);
        person.DisplayName.Should().Be("Mina");
        person.CreatedAt.Should().Be(TestEvent.Now);
    }

    [Theory]
    [InlineData("민아")]
    [InlineData("Mina 🌱")]
    [InlineData("🦊")]
    [InlineData("Mina (she/her)")]
    public void Constructor_HangulOrEmojiName_IsAccepted(string name)
    {
        new Person(Guid.NewGuid(), name, TestEvent.Now).DisplayName.Should().Be(name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    [InlineData(null)]
    public void Constructor_MissingName_ThrowsInvalidInput(string? name)
    {
        var act = () => new Person(Guid.NewGuid(), name!, TestEvent.Now);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Display name is required.")
            .Which.Field.Should().Be("display name");
    }

    [Theory]
    [InlineData("m")]
    [InlineData("민")]
    [InlineData("🦊")]
    [InlineData("👩‍💻")]
    public void Constructor_NameOf40Characters_IsAccepted(string element)
    {
        var name = string.Concat(Enumerable.Repeat(element, Person.DisplayNameMaxLength));

        new Person(Guid.NewGuid(), name, TestEvent.Now).DisplayName.Should().Be(name);
    }

    [Theory]
    [InlineData("m")]
    [InlineData("민")]
    [InlineData("🦊")]
    [InlineData("👩‍💻")]
    public void Constructor_NameOf41Characters_ThrowsInvalidInput(string element)
    {
        var name = string.Concat(Enumerable.Repeat(element, Person.DisplayNameMaxLength + 1));

        var act = () => new Person(Guid.NewGuid(), name, TestEvent.Now);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Display name can be at most 40 characters (it has 41).")
            .Which.Field.Should().Be("display name");
    }

    [Fact]
    public void Rename_ValidName_ChangesName()
    {
        var person = new Person(Guid.NewGuid(), "Mina", TestEvent.Now);

        person.Rename(" 민아 ");

        person.DisplayName.Should().Be("민아");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Rename_MissingName_ThrowsAndKeepsName(string? name)
    {
        var person = new Person(Guid.NewGuid(), "Mina", TestEvent.Now);

        var act = () => person.Rename(name!);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("display name");
        person.DisplayName.Should().Be("Mina");
    }

    [Fact]
    public void Rename_TooLong_ThrowsAndKeepsName()
    {
        var person = new Person(Guid.NewGuid(), "Mina", TestEvent.Now);

        var act = () => person.Rename(new string('x', 41));

        act.Should().Throw<InvalidInputException>().WithMessage("*at most 40 characters*");
        person.DisplayName.Should().Be("Mina");
    }
}
