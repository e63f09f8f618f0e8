using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Benchmarks.Search;

/// <summary>One query: what a pass over every card's search text costs, and how that compares with a word.</summary>
internal sealed record SearchRow(string Query, string Kind, int Length, int Terms, int Matches, double MicrosecondsPerPass, double NanosecondsPerCard, double VersusWord, double VersusSameLengthWord);

/// <summary>
/// The card search (CardSearch.cs) over a marketplace of generated Korean and English cards: each query is parsed
/// and matched against every card, as the card list does per search. Queries pair a word with initials (초성) of the
/// same length, up to the cap (200 characters, 8 terms), so that the initials path is measured against a word.
/// </summary>
internal static class SearchBenchmark
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Syllable-heavy vocabulary: many different words share initials, the hard case for initials search.
    private static readonly string[] KoreanWords =
    [
        "회의", "행사", "해외", "후원", "홍보", "자원봉사", "지역", "주민", "카페", "수리", "모임", "공간", "사람", "번아웃",
        "사이드", "프로젝트", "농산물", "온라인", "판매", "배송", "포장", "번역", "그림책", "다문화", "가족", "개발자", "채용",
        "면접", "창업", "가격", "고객", "병원", "학교", "도서관", "동네", "함께", "고치는", "물건", "한 달에", "필요해요",
    ];

    private static readonly string[] EnglishWords =
    [
        "volunteers", "pricing", "repair", "community", "hiring", "engineer", "founders", "translation", "book", "space",
        "makers", "event", "clinic", "small", "business", "marketing", "funding", "school", "library", "neighbourhood",
    ];

    public static int Run(int cards, int seed, string? outPath, TextWriter output)
    {
        var corpus = Corpus(cards, seed);
        var queries = Queries(seed);
        // Every query once first, so that the first row is not measured on code the JIT has not optimized yet.
        foreach (var (query, _) in queries)
        {
            Measure(query, corpus);
        }

        var results = new List<SearchRow>();
        double? word = null;
        var byLength = new Dictionary<int, double>();
        foreach (var (query, kind) in queries)
        {
            var parsed = SearchQuery.Parse(query);
            var matches = corpus.Count(parsed.Matches);
            var micros = Measure(query, corpus);
            word ??= micros;
            if (kind.StartsWith("word", StringComparison.Ordinal))
            {
                byLength[query.Length] = micros;
            }

            results.Add(new SearchRow(query.Length > 24 ? query[..24] + "…" : query, kind, query.Length, parsed.Terms.Count, matches, micros,
                micros * 1000 / corpus.Count, micros / word.Value, byLength.TryGetValue(query.Length, out var same) ? micros / same : double.NaN));
        }

        output.WriteLine($"{cards} cards, {corpus.Sum(c => c.Folded.Length) / corpus.Count} characters each on average, seed {seed}; median of 7 samples");
        output.WriteLine($"{"kind",-16} {"len",4} {"terms",5} {"hits",5} {"µs/pass",9} {"ns/card",8} {"×word",6} {"×same-len word",15}  query");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Kind,-16} {r.Length,4} {r.Terms,5} {r.Matches,5} {r.MicrosecondsPerPass,9:0.0} {r.NanosecondsPerCard,8:0} {r.VersusWord,6:0.00} {r.VersusSameLengthWord,15:0.00}  {r.Query}"));
        }

        var path = outPath ?? Path.Combine(AppContext.BaseDirectory, $"search-{DateTime.UtcNow:yyyy-MM-dd}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            cards,
            seed,
            machine = new { Environment.ProcessorCount, os = RuntimeInformation.OSDescription, runtime = RuntimeInformation.FrameworkDescription },
            loadAverage = LoadAverage(),
            rows = results.Select(r => r with { VersusSameLengthWord = double.IsNaN(r.VersusSameLengthWord) ? 0 : r.VersusSameLengthWord }),
        }, Indented));
        output.WriteLine($"wrote {path}");
        return 0;
    }

    // Each row: the query, and whether it is a word, initials or a mix (a same-length word comes before its initials).
    private static List<(string Query, string Kind)> Queries(int seed)
    {
        var random = new Random(seed + 1);
        string Phrase(int syllables)
        {
            var builder = new StringBuilder();
            while (builder.Length < syllables)
            {
                builder.Append(KoreanWords[random.Next(KoreanWords.Length)].Replace(" ", "", StringComparison.Ordinal));
            }

            return builder.ToString()[..syllables];
        }

        string Terms(int count, int length) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Phrase(length)));

        var long40 = Phrase(40);
        var cap = Terms(8, 24);
        return
        [
            ("회의", "word"),
            ("ㅎㅇ", "initials"),
            ("회ㅇ", "mixed"),
            ("volunteers", "word-en"),
            ("자원봉사", "word"),
            ("ㅈㅇㅂㅅ", "initials"),
            (long40, "word-long"),
            (Initials(long40), "initials-long"),
            (long40[..20] + Initials(long40[20..]), "mixed-long"),
            (cap, "word-cap"),
            (Initials(cap), "initials-cap"),
            (string.Concat(Enumerable.Repeat("ㅎ", 199)) + "회", "mixed-worst"),
        ];
    }

    private static string Initials(string text) =>
        string.Concat(text.Select(c => c is >= '\uAC00' and <= '\uD7A3' ? "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"[(c - '\uAC00') / (21 * 28)] : c));

    private static List<SearchText> Corpus(int cards, int seed)
    {
        var random = new Random(seed);
        string Sentence(string[] words, int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
        return [.. Enumerable.Range(0, cards).Select(i =>
        {
            var korean = i % 3 != 2;
            var words = korean ? KoreanWords : EnglishWords;
            return SearchText.Of(
                Sentence(words, 5),
                Sentence(words, korean ? 30 : 25),
                Sentence(words, 6),
                Sentence(words, 2),
                korean ? "하늘" : "Priya");
        })];
    }

    // Median over 7 samples of enough passes (parse + match every card) to take about 100 ms each, after a warm-up.
    private static double Measure(string query, List<SearchText> corpus)
    {
        var sink = 0;
        for (var i = 0; i < 50; i++)
        {
            sink += Pass(query, corpus);
        }

        var clock = Stopwatch.StartNew();
        var passes = 0;
        while (clock.ElapsedMilliseconds < 100)
        {
            sink += Pass(query, corpus);
            passes++;
        }

        var samples = new List<double>();
        for (var s = 0; s < 7; s++)
        {
            clock.Restart();
            for (var i = 0; i < passes; i++)
            {
                sink += Pass(query, corpus);
            }

            samples.Add(clock.Elapsed.TotalMicroseconds / passes);
        }

        GC.KeepAlive(sink);
        samples.Sort();
        return samples[3];
    }

    private static int Pass(string query, List<SearchText> corpus)
    {
        var parsed = SearchQuery.Parse(query);
        var count = 0;
        foreach (var card in corpus)
        {
            if (parsed.Matches(card))
            {
                count++;
            }
        }

        return count;
    }

    private static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
