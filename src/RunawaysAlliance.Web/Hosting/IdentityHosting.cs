using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Web.Features.Accounts;

namespace RunawaysAlliance.Web.Hosting;

/// <summary>ASP.NET Core Identity on the project's store: passwords, passkeys, sign-in throttling, cookies.</summary>
internal static class IdentityHosting
{
    public static IServiceCollection AddRunawaysIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentPerson>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<SignInThrottle>();
        services.AddAuthorization();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "ra.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.CookieManager = new HostPrefixCookieManager();
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/denied";
            options.ExpireTimeSpan = TimeSpan.FromDays(30);
            options.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        // The Identity stores need a scoped context. Only Identity uses it: components and services
        // open their own short-lived contexts from the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddIdentityCore<AppUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireDigit = false;
                // Length is what makes a password strong (NIST SP 800-63B); a Hangul password has no a-z at all.
                options.Password.RequireLowercase = false;
                // No lockout: anyone could lock anyone out by typing wrong passwords for their user name.
                // SignInThrottle slows guessing instead, and AccountSignInManager treats no account as locked out.
                options.Lockout.AllowedForNewUsers = false;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AccountSignInManager>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        // Passkeys: discoverable (sign-in without typing a user name) and with a PIN or biometric, because a
        // passkey may be the only way into an account. The relying party is the request's host unless
        // Accounts:Passkeys:ServerDomain says otherwise (a proxy that rewrites Host), so localhost works as is.
        services.AddOptions<IdentityPasskeyOptions>()
            .Configure(options =>
            {
                options.ResidentKeyRequirement = "required";
                options.UserVerificationRequirement = "required";
            })
            .BindConfiguration("Accounts:Passkeys");
        return services;
    }
}
