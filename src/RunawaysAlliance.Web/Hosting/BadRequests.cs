using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace RunawaysAlliance.Web.Hosting;

/// <summary>
/// A request the app cannot read (a form without a valid antiforgery token, a body that does not bind) is the
/// client's mistake or an attack, never a server error: it is answered with its 4xx status and a short text, and
/// costs one request-log line instead of exceptions, a failed error page and kilobytes of stack traces. Without
/// the text, the status-code pages would run the same POST again on another page, whose antiforgery check then
/// throws (the 500s a stranger could cause at will).
/// </summary>
internal sealed class BadRequests(RequestDelegate next, ILogger<BadRequests> logger)
{
    private const string Explanation = "This form has expired or did not come from this site. Go back, reload the page and try again.\n";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context, ex.StatusCode, ex.Message);
            return;
        }

        if (context.Response is { StatusCode: StatusCodes.Status400BadRequest, HasStarted: false } &&
            context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } antiforgery)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, antiforgery.Error?.Message ?? "invalid antiforgery token");
        }
    }

    private async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        // The request-log line says what happened; the reason only when someone asks for it.
        logger.LogDebug("Refused {RequestMethod} {RequestPath} with {StatusCode}: {Reason}",
            context.Request.Method, WebHosting.MaskSecrets(context.Request.Path), status, reason);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(Explanation, context.RequestAborted);
    }
}
