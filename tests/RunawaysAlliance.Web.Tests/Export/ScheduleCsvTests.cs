using System.Text;
using CsvHelper;
using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Export;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Tests.Export;

/// <summary>The schedule as a spreadsheet: parsed back with CsvHelper, Hangul intact, formulas never evaluated.</summary>
public sealed class ScheduleCsvTests
{
    private static readonly DateTimeOffset SevenPmInSeoul = new(2025, 12, 11, 10, 0, 0, TimeSpan.Zero);

    // Characters a spreadsheet treats specially, plus Hangul, quotes, separators and line breaks, to draw cells from.
    private const string Alphabet = "=+-@\t\r\n\",;' abcXYZ019가나다한글🚆|%!()";

    [Fact]
    public void Write_Sessions_OneRowEachInRoundThenRoomOrder_WithLocalTimesAndHangulIntact()
    {
        var schedule = Schedule(("Hall", 2, "가격을 어떻게 정하죠?", "민준"), ("Room 1", 1, "Pricing, \"quoted\"", "Mina"), ("Hall", 1, "Hiring", "Alex"));

        var bytes = ScheduleCsv.Write(schedule);

        bytes.Take(3).Should().Equal(new byte[] { 0xEF, 0xBB, 0xBF }, "Excel needs the BOM to read UTF-8 (Hangul)");
        var rows = Parse(bytes);
        rows[0].Should().Equal(ScheduleCsv.Header);
        rows.Skip(1).Select(r => (r[0], r[2], r[3], r[4], r[5], r[6])).Should().Equal(
            ("1", "19:00", "19:45", "Hall", "Hiring", "Alex"),
            ("1", "19:00", "19:45", "Room 1", "Pricing, \"quoted\"", "Mina"),
            ("2", "20:00", "20:45", "Hall", "가격을 어떻게 정하죠?", "민준"));
        rows[1][1].Should().Be("2025-12-11");
    }

    [Fact]
    public void Write_NoSessions_HeaderOnly()
    {
        var rows = Parse(ScheduleCsv.Write(Schedule()));

        rows.Should().ContainSingle().Which.Should().Equal(ScheduleCsv.Header);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("Plain = fine", "Plain = fine")]
    public void Write_FormulaStartsInATitle_GetAnApostrophe(string title, string expected) =>
        Parse(ScheduleCsv.Write(Schedule(("Hall", 1, title, "Mina"))))[1][5].Should().Be(expected);

    [Fact]
    public void Write_ArbitraryTitlesAndNames_ParseBackExactly_AndNoCellStartsAFormula()
    {
        var random = new Random(20261205);
        for (var run = 0; run < 300; run++)
        {
            var title = RandomText(random);
            var name = RandomText(random);
            var room = RandomText(random);
            var schedule = Schedule((room, 1, title, name));

            var rows = Parse(ScheduleCsv.Write(schedule));

            rows.Should().HaveCount(2, $"run {run}");
            var row = rows[1];
            row[4].Should().Be(Neutralized(room.Trim()), $"run {run}");
            row[5].Should().Be(Neutralized(title), $"run {run}");
            row[6].Should().Be(Neutralized(name), $"run {run}");
            row.Where(cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r').Should().BeEmpty($"run {run}");
        }
    }

    // The rule, written out independently of the writer: a cell a spreadsheet would run gets a leading apostrophe.
    private static string Neutralized(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    private static string RandomText(Random random)
    {
        var length = random.Next(1, 24);
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var at = random.Next(Alphabet.Length);
            // Keep surrogate pairs whole.
            if (char.IsHighSurrogate(Alphabet[at]))
            {
                text.Append(Alphabet, at, 2);
            }
            else if (!char.IsLowSurrogate(Alphabet[at]))
            {
                text.Append(Alphabet[at]);
            }
        }

        return text.Length == 0 ? "x" : text.ToString();
    }

    private static List<string[]> Parse(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }

        return rows;
    }

    private static EventSchedule Schedule(params (string Room, int Round, string Title, string Moderator)[] sessions)
    {
        var rooms = sessions.Select(s => s.Room.Trim()).Append("Hall").Append("Room 1").Distinct()
            .Select((name, i) => new RoomView(Guid.NewGuid(), name, 10 + i)).ToList();
        var rounds = Enumerable.Range(1, 3)
            .Select(n => new RoundView(Guid.NewGuid(), n, SevenPmInSeoul.AddHours(n - 1), SevenPmInSeoul.AddHours(n - 1).AddMinutes(45))).ToList();
        var views = sessions.Select(s => new SessionView(
            Guid.NewGuid(), rooms.First(r => r.Name == s.Room.Trim()).Id, rounds[s.Round - 1].Id, Guid.NewGuid(),
            s.Title, CardKind.Commercial, "ko", s.Moderator, 3, 0, 10)).ToList();
        return new EventSchedule(Guid.NewGuid(), "test-event", "Test", "Seoul", "Asia/Seoul", EventPhase.Marketplace, rooms, rounds, views);
    }
}
