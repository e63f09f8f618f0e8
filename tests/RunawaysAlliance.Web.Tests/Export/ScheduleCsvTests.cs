using System.Text;
using CsvHelper;
using FluentAssertions;
using RunawaysAlliance.Web.Features.Export;

namespace RunawaysAlliance.Web.Tests.Export;

/// <summary>The schedule as a spreadsheet: parsed back with CsvHelper, Hangul intact, formulas never evaluated.</summary>
public sealed class ScheduleCsvTests
{
    // Characters a spreadsheet treats specially, plus Hangul, quotes, separators and line breaks, to draw cells from.
    private const string Alphabet = "=+-@\t\r\n\",;' abcXYZ019가나다한글🚆|%!()";

    [Fact]
    public void Write_Sessions_OneRowEachInRoundThenRoomOrder_WithLocalTimesAndHangulIntact()
    {
        var schedule = ExportKit.Schedule(("Hall", 2, "가격을 어떻게 정하죠?", "민준"), ("Room 1", 1, "Pricing, \"quoted\"", "Mina"), ("Hall", 1, "Hiring", "Alex"));

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
        var rows = Parse(ScheduleCsv.Write(ExportKit.Schedule()));

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
        Parse(ScheduleCsv.Write(ExportKit.Schedule(("Hall", 1, title, "Mina"))))[1][5].Should().Be(expected);

    [Fact]
    public void Write_ArbitraryTitlesAndNames_ParseBackExactly_AndNoCellStartsAFormula()
    {
        var random = new Random(20261205);
        for (var run = 0; run < 300; run++)
        {
            var title = RandomText(random);
            var name = RandomText(random);
            var room = RandomText(random);
            var schedule = ExportKit.Schedule((room, 1, title, name));

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
}
