using System.Security.Cryptography;
using System.Text;

namespace RunawaysAlliance.Web.Features.Export;

/// <summary>
/// The ids the exports publish for sessions, rooms and moderators: UUIDv5s (RFC 4122 §4.3) of the event and the
/// thing's own id, so that schedule and calendar apps keep favourites and update entries across exports, and no
/// internal id (or anything derived from a contact detail) is published as it is.
/// </summary>
public static class ScheduleIds
{
    // RFC 4122 name-based UUIDs need a namespace: this one is ours, fixed forever (changing it changes every id).
    private static readonly Guid Namespace = new("5b7d3c1e-8f0a-4d2b-9c61-2f4e8a7b0d13");

    public static Guid Session(Guid eventId, Guid sessionId) => Of(eventId, "session", sessionId);

    public static Guid Room(Guid eventId, Guid roomId) => Of(eventId, "room", roomId);

    public static Guid Person(Guid eventId, Guid personId) => Of(eventId, "person", personId);

    private static Guid Of(Guid eventId, string kind, Guid id)
    {
        // Sessions keep the name form the first calendar export used ("event/session"), so their UIDs never change.
        var name = Encoding.UTF8.GetBytes(kind == "session" ? $"{eventId:D}/{id:D}" : $"{eventId:D}/{kind}/{id:D}");
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 prescribes for version 5 UUIDs; it is not used for security here.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
