using Microsoft.AspNetCore.Mvc;
using RunawaysAlliance.Web.Features.Accounts;

namespace RunawaysAlliance.Web.Features.People;

/// <summary>The people feature's services, and its one endpoint that is not a page: the personal data download.</summary>
public static class PeopleEndpoints
{
    public static IServiceCollection AddRunawaysPeople(this IServiceCollection services)
    {
        services.AddSingleton<ProfileService>();
        services.AddSingleton<ContactService>();
        services.AddSingleton<PersonalDataService>();
        return services;
    }

    public static IEndpointConventionBuilder MapPeopleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet("/me/data.json", DownloadAsync).RequireAuthorization();
    }

    /// <summary>The signed-in person's data as a file download that no cache keeps.</summary>
    private static async Task<IResult> DownloadAsync(HttpContext context, [FromServices] PersonalDataService data, CancellationToken ct)
    {
        var personId = CurrentPerson.IdOf(context.User);
        var export = personId is null ? null : await data.ExportAsync(personId.Value, ct);
        context.Response.Headers.CacheControl = "no-store";
        if (export is null)
        {
            return TypedResults.NotFound();
        }

        // A file name makes it an attachment: the browser saves it instead of showing it.
        return TypedResults.File(export.Content, "application/json; charset=utf-8", export.FileName);
    }
}
