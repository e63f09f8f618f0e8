#!/usr/bin/env bash
# Adds an EF Core migration for both stores, each into its own folder:
#   src/RunawaysAlliance.Data/Migrations/Postgres   (PostgresDbContext)
#   src/RunawaysAlliance.Data/Migrations/Sqlite     (SqliteDbContext)
#
#   scripts/add-migration.sh AddSessionNotes [extra dotnet-ef options...]
#
# Uses the repository's local tool manifest (.config/dotnet-tools.json, dotnet-ef pinned to the
# EF Core version), and the design-time factories in the Data project, so no database is needed.
# If the second provider fails, the first provider's new migration is removed again, so that the
# two folders never disagree.
set -euo pipefail

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

if (($# < 1)) || [[ $1 == -h || $1 == --help ]]; then
  usage
  (($# >= 1)) && exit 0 || exit 2
fi
name="$1"
shift
if [[ ! $name =~ ^[A-Z][A-Za-z0-9_]*$ ]]; then
  echo "add-migration: '$name' is not a migration name (PascalCase letters, digits, underscores)." >&2
  exit 2
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

PROJECT=src/RunawaysAlliance.Data
EF_COMMON=(--project "$PROJECT" --startup-project "$PROJECT")

dotnet tool restore >/dev/null

# Build once; both dotnet-ef calls reuse it.
dotnet build "$PROJECT" -nologo -v quiet

echo "==> PostgresDbContext -> $PROJECT/Migrations/Postgres/"
dotnet ef migrations add "$name" "${EF_COMMON[@]}" --no-build \
  --context PostgresDbContext --output-dir Migrations/Postgres "$@"

echo "==> SqliteDbContext -> $PROJECT/Migrations/Sqlite/"
if ! dotnet ef migrations add "$name" "${EF_COMMON[@]}" --no-build \
  --context SqliteDbContext --output-dir Migrations/Sqlite "$@"; then
  echo "add-migration: the SQLite migration failed; removing the PostgreSQL one again." >&2
  # --force: the migration was never applied anywhere, and without it dotnet-ef insists on reaching the
  # design-time database (localhost) to check that.
  dotnet ef migrations remove "${EF_COMMON[@]}" --context PostgresDbContext --force >&2 ||
    echo "add-migration: could not remove it; run: dotnet ef migrations remove ${EF_COMMON[*]} --context PostgresDbContext" >&2
  exit 1
fi

echo "==> added '$name' for PostgreSQL and SQLite. Review both, then build and run ./test.sh."
