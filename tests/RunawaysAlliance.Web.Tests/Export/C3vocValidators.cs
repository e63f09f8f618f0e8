using System.Text.Json;
using System.Xml;
using System.Xml.Schema;
using Json.Schema;

namespace RunawaysAlliance.Web.Tests.Export;

/// <summary>
/// The c3voc schemas, read from <c>../shared/validators/c3voc/</c> next to the repository (never copied into it), or
/// from <c>RUNAWAYS_C3VOC_DIR</c>. Missing schemas fail the tests that need them, loudly: an export that was never
/// validated is not known to open in schedule apps.
/// </summary>
internal static class C3vocValidators
{
    private static readonly Lazy<string> Folder = new(Find);

    // Built once: the schema registers its $id globally, and a second build of the same $id is refused.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Directory, "schedule.schema.json"))));

    public static string Directory => Folder.Value;

    /// <summary>The errors of a schedule.json against the c3voc JSON schema (empty when valid).</summary>
    public static IReadOnlyList<string> JsonErrors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
                .DefaultIfEmpty("invalid (no details)")];
    }

    /// <summary>The errors of a schedule.xml against the c3voc XSD (empty when valid).</summary>
    public static IReadOnlyList<string> XmlErrors(byte[] xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, DtdProcessing = DtdProcessing.Prohibit };
        settings.Schemas.Add(null, Path.Combine(Directory, "schedule.xml.xsd"));
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static string Find()
    {
        var configured = Environment.GetEnvironmentVariable("RUNAWAYS_C3VOC_DIR");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "schedule.xml.xsd")))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "validators", "c3voc");
            if (File.Exists(Path.Combine(candidate, "schedule.xml.xsd")) && File.Exists(Path.Combine(candidate, "schedule.schema.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The c3voc schemas were not found: expected ../shared/validators/c3voc/ (schedule.schema.json, schedule.xml.xsd) " +
            "beside the repository, or a folder in RUNAWAYS_C3VOC_DIR. The schedule exports cannot be validated without them.");
    }
}
