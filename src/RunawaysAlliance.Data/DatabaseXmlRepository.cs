using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace RunawaysAlliance.Data;

/// <summary>
/// Keeps Data Protection keys in the database so that every instance reads the same cookies. It uses the
/// context factory rather than a scoped context, which the app never registers.
/// </summary>
internal sealed class DatabaseXmlRepository(IDbContextFactory<AppDbContext> factory) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = factory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking()
            .Select(k => k.Xml)
            .AsEnumerable()
            .Where(xml => !string.IsNullOrEmpty(xml))
            .Select(xml => XElement.Parse(xml!))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = factory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        // Data Protection's repository contract is synchronous; this runs rarely (key rotation).
        db.SaveChangesAsync().GetAwaiter().GetResult();
    }
}
