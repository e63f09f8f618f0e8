using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace RunawaysAlliance.Web.Tests.Accounts;

/// <summary>
/// The real app on a fixture's database with a fake clock (so sign-in delays pass without waiting) and a client
/// address taken from a test header (so one test can be several clients). Each one has its own throttle.
/// </summary>
internal static class ThrottledApp
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public static WebApplicationFactory<Program> Create(RunawaysWebFactory factory, FakeTimeProvider clock) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        }));

    /// <summary>A clock that starts now, so cookies issued on it are not already expired for the HTTP client.</summary>
    public static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
