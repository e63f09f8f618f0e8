namespace RunawaysAlliance.Web;

/// <summary>The marker type for the UI strings in Resources/SharedResource.*.resx (English and Korean).</summary>
public sealed class SharedResource;
