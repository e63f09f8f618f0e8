# Runaways' Alliance web app.
#   docker build -t runaways-alliance .
#   docker compose up --build          (with PostgreSQL; see docker-compose.yml and .env.example)

# ---- build ---------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG CONFIGURATION=Release
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Restore first, from the project files only, so that the package layer survives source edits.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/RunawaysAlliance.Domain/RunawaysAlliance.Domain.csproj src/RunawaysAlliance.Domain/
COPY src/RunawaysAlliance.Data/RunawaysAlliance.Data.csproj src/RunawaysAlliance.Data/
COPY src/RunawaysAlliance.Web/RunawaysAlliance.Web.csproj src/RunawaysAlliance.Web/
RUN dotnet restore src/RunawaysAlliance.Web/RunawaysAlliance.Web.csproj

# .editorconfig takes part in the build (code style is enforced, warnings are errors).
COPY .editorconfig ./
COPY src/ src/
RUN dotnet publish src/RunawaysAlliance.Web/RunawaysAlliance.Web.csproj \
      -c "$CONFIGURATION" --no-restore -o /app/publish -p:UseAppHost=false

# ---- runtime -------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# The app files stay root-owned (read-only for the app); only the Serilog file sink's folder is writable.
# The embedded SQLite store (when no PostgreSQL is configured) lives in /home/app/.local/share.
RUN mkdir -p /app/logs && chown app:app /app/logs
COPY --from=build /app/publish .
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "RunawaysAlliance.Web.dll"]
