#!/usr/bin/env bash
# Runs every test project (tests/*.Tests) against a throwaway PostgreSQL cluster.
#
#   ./test.sh                      build the solution once, run all test projects
#   ./test.sh Domain Web           run only the projects whose name contains "Domain" or "Web"
#   ./test.sh Data -- --filter-class '*SlotClaim*'
#                                  everything after "--" goes to `dotnet test` (MTP/xunit options)
#
# The cluster is started from the local PostgreSQL binaries (as the `postgres` user when run as root)
# on a free 127.0.0.1 port, and removed on exit, whatever the outcome (failure, Ctrl-C, SIGTERM; a
# watchdog also removes it if this script is killed outright).
#
# Environment handed to the tests:
#   RUNAWAYS_TEST_POSTGRES  admin connection string (Database=postgres); tests create their own databases
#   RUNAWAYS_CHROMIUM       Chromium executable for Playwright (browsers are never downloaded)
# Knobs:
#   RUNAWAYS_TEST_POSTGRES  if already set, no cluster is started and that server is used instead
#   RUNAWAYS_CHROMIUM       defaults to /usr/bin/chromium (or `chromium` on PATH)
#   RUNAWAYS_TEST_PG_PORT   first port to try (default 55432)
#   RUNAWAYS_TEST_TIMEOUT   per-project timeout passed to `dotnet test --timeout` (default 30m)
#   RUNAWAYS_TEST_RESULTS   where TRX files go (default ./TestResults)
#
# Output: per-project results, then as the very last line "N passed, N failed".
# Exit code: 0 when nothing failed, non-zero otherwise (a project that crashed, timed out or did not
# build counts as at least one failure).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

usage() { sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

FILTERS=()
PASSTHRU=()
while (($#)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --) shift; PASSTHRU=("$@"); break ;;
    *) FILTERS+=("$1"); shift ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

PASSED=0
FAILED=0
SKIPPED=0
PG_DIR=""
PG_BIN=""
WATCHDOG_PID=""
REPORT=()

log() { printf '==> %s\n' "$*" >&2; }

# ---------------------------------------------------------------- PostgreSQL cluster
RUNUSER=""
as_pg() {
  if [[ $EUID -eq 0 ]]; then "$RUNUSER" -u postgres -- "$@"; else "$@"; fi
}

find_pg_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir 2>/dev/null || true)"
    if [[ -n $d && -x $d/initdb && -x $d/pg_ctl ]]; then echo "$d"; return 0; fi
  fi
  d="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n $d && -x $d/initdb && -x $d/pg_ctl ]]; then echo "$d"; return 0; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

# Port in use = something accepts a TCP connection on it.
port_in_use() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1; }

stop_pg() {
  [[ -n $PG_DIR && -d $PG_DIR ]] || return 0
  if [[ -f $PG_DIR/data/postmaster.pid ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || {
      local pid
      pid="$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true)"
      if [[ $pid =~ ^[0-9]+$ ]]; then kill -9 "$pid" 2>/dev/null || true; fi
    }
  fi
  rm -rf "$PG_DIR"
}

start_pg() {
  PG_BIN="$(find_pg_bindir)" || {
    echo "test.sh: PostgreSQL binaries not found (install the Debian package 'postgresql', or set RUNAWAYS_TEST_POSTGRES)." >&2
    return 1
  }
  if [[ $EUID -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "test.sh: running as root but there is no 'postgres' user to own the throwaway cluster." >&2
      return 1
    fi
    RUNUSER="$(command -v runuser || true)"
    for RUNUSER in "$RUNUSER" /usr/sbin/runuser /sbin/runuser; do [[ -x $RUNUSER ]] && break; done
    if [[ ! -x $RUNUSER ]]; then
      echo "test.sh: running as root needs runuser (util-linux) to start PostgreSQL as 'postgres'." >&2
      return 1
    fi
  fi

  PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/runaways-pg.XXXXXX")"
  chmod 700 "$PG_DIR"
  [[ $EUID -eq 0 ]] && chown postgres: "$PG_DIR"

  # Watchdog in its own session: if this script dies without running its traps (SIGKILL, even of the
  # whole process group), it still stops and removes the cluster.
  local as_pg_cmd=""
  [[ $EUID -eq 0 ]] && as_pg_cmd="$RUNUSER -u postgres --"
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c '
    while kill -0 "$1" 2>/dev/null; do sleep 2; done
    if [[ -f $2/data/postmaster.pid ]]; then $4 "$3/pg_ctl" -D "$2/data" -m immediate -w -t 20 stop; fi
    rm -rf "$2"' runaways-pg-watchdog "$$" "$PG_DIR" "$PG_BIN" "$as_pg_cmd" </dev/null >/dev/null 2>&1 &
  WATCHDOG_PID=$!

  local password
  password="$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
  (umask 077 && printf '%s\n' "$password" >"$PG_DIR/pwfile")
  [[ $EUID -eq 0 ]] && chown postgres: "$PG_DIR/pwfile"

  local locale_args=(--no-locale)
  if locale -a 2>/dev/null | grep -ix 'c\.utf-\?8' >/dev/null; then locale_args=(--locale=C.UTF-8); fi

  log "PostgreSQL: initdb in $PG_DIR ($PG_BIN)"
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 "${locale_args[@]}" --no-sync \
    >"$PG_DIR/initdb.log" 2>&1; then
    cat "$PG_DIR/initdb.log" >&2
    return 1
  fi
  rm -f "$PG_DIR/pwfile"

  # Throwaway cluster: durability off, everything local.
  as_pg tee -a "$PG_DIR/data/postgresql.conf" >/dev/null <<EOF

# --- test.sh: throwaway cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = '1GB'
checkpoint_timeout = '30min'
autovacuum = off
jit = off
timezone = 'UTC'
log_timezone = 'UTC'
EOF

  local port="${RUNAWAYS_TEST_PG_PORT:-55432}" attempt
  for attempt in $(seq 1 40); do
    if port_in_use "$port"; then port=$((port + 1)); continue; fi
    : >"$PG_DIR/postgres.log" 2>/dev/null || true
    [[ $EUID -eq 0 ]] && chown postgres: "$PG_DIR/postgres.log"
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    if grep -qiE 'could not (bind|create listen)|address already in use' "$PG_DIR/postgres.log" 2>/dev/null; then
      port=$((port + 1))
      continue
    fi
    echo "test.sh: PostgreSQL did not start (attempt $attempt, port $port):" >&2
    tail -n 30 "$PG_DIR/postgres.log" >&2 || true
    return 1
  done

  local i
  for i in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then break; fi
    if ((i == 60)); then
      echo "test.sh: PostgreSQL on 127.0.0.1:$port is not ready." >&2
      tail -n 30 "$PG_DIR/postgres.log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  if ! PGPASSWORD="$password" PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c 'select 1' >/dev/null; then
    echo "test.sh: cannot log in to the throwaway cluster on 127.0.0.1:$port." >&2
    return 1
  fi

  export RUNAWAYS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port"
}

# ---------------------------------------------------------------- exit: clean up, then the summary line
on_exit() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [[ -n $WATCHDOG_PID ]]; then kill "$WATCHDOG_PID" 2>/dev/null || true; fi
  stop_pg || true
  if ((rc != 0 && FAILED == 0)); then FAILED=1; fi
  if ((FAILED > 0 && rc == 0)); then rc=1; fi
  if ((${#REPORT[@]})); then
    echo
    printf '%s\n' "${REPORT[@]}"
    ((SKIPPED == 0)) || echo "($SKIPPED skipped)"
  fi
  echo "$PASSED passed, $FAILED failed"
  exit "$rc"
}
trap on_exit EXIT
trap 'echo "test.sh: interrupted" >&2; exit 130' INT
trap 'echo "test.sh: terminated" >&2; exit 143' TERM HUP

# ---------------------------------------------------------------- which projects
PROJECTS=()
LATE=()
shopt -s nullglob
for csproj in tests/*/*.Tests.csproj; do
  name="$(basename "$csproj" .csproj)"
  [[ $(basename "$(dirname "$csproj")") == "$name" ]] || continue
  if ((${#FILTERS[@]})); then
    match=0
    for f in "${FILTERS[@]}"; do
      [[ ${name,,} == *"${f,,}"* ]] && match=1
    done
    ((match)) || continue
  fi
  # Browser tests last: the quick projects report first.
  if [[ $name == *E2E* ]]; then LATE+=("$csproj"); else PROJECTS+=("$csproj"); fi
done
shopt -u nullglob
PROJECTS+=(${LATE[@]+"${LATE[@]}"})
if ((${#PROJECTS[@]} == 0)); then
  echo "test.sh: no test project under tests/ matches: ${FILTERS[*]:-(any)}" >&2
  exit 2
fi

# ---------------------------------------------------------------- environment for the tests
if [[ -z ${RUNAWAYS_CHROMIUM:-} ]]; then
  if [[ -x /usr/bin/chromium ]]; then
    RUNAWAYS_CHROMIUM=/usr/bin/chromium
  else
    RUNAWAYS_CHROMIUM="$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)"
  fi
fi
export RUNAWAYS_CHROMIUM
[[ -x $RUNAWAYS_CHROMIUM ]] || log "warning: Chromium not found at $RUNAWAYS_CHROMIUM (install the Debian package 'chromium')"

if [[ -n ${RUNAWAYS_TEST_POSTGRES:-} ]]; then
  log "PostgreSQL: using RUNAWAYS_TEST_POSTGRES from the environment"
else
  start_pg
fi

# ---------------------------------------------------------------- build
BUILD_ARGS=(-c Release -nologo -v minimal -nodeReuse:false)
BROKEN=()
if ((${#FILTERS[@]})); then
  for csproj in "${PROJECTS[@]}"; do
    log "dotnet build $csproj"
    dotnet build "$csproj" "${BUILD_ARGS[@]}" || BROKEN+=("$csproj")
  done
else
  log "dotnet build RunawaysAlliance.sln"
  if ! dotnet build RunawaysAlliance.sln "${BUILD_ARGS[@]}"; then
    log "solution build failed; building the test projects one by one to run what still builds"
    for csproj in "${PROJECTS[@]}"; do
      dotnet build "$csproj" "${BUILD_ARGS[@]}" -v quiet >/dev/null 2>&1 || BROKEN+=("$csproj")
    done
    # Something outside the test projects (e.g. a benchmark) broke: still a failure.
    ((${#BROKEN[@]})) || { FAILED=$((FAILED + 1)); REPORT+=("FAILED  RunawaysAlliance.sln: build failed"); }
  fi
fi

# ---------------------------------------------------------------- run
RESULTS="${RUNAWAYS_TEST_RESULTS:-$ROOT/TestResults}"
mkdir -p "$RESULTS"

trx_counter() { # file attribute
  grep -m 1 -o '<Counters [^>]*>' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0
}

for csproj in "${PROJECTS[@]}"; do
  name="$(basename "$csproj" .csproj)"
  if [[ " ${BROKEN[*]-} " == *" $csproj "* ]]; then
    FAILED=$((FAILED + 1))
    REPORT+=("FAILED  $name: did not build")
    continue
  fi
  out="$RESULTS/$name"
  rm -rf "$out"
  log "dotnet test $name"
  set +e
  dotnet test --project "$csproj" -c Release --no-build \
    --results-directory "$out" --report-xunit-trx --report-xunit-trx-filename "$name.trx" \
    --timeout "${RUNAWAYS_TEST_TIMEOUT:-30m}" ${PASSTHRU[@]+"${PASSTHRU[@]}"}
  rc=$?
  set -e

  p=0 f=0 s=0
  trx="$out/$name.trx"
  if [[ -f $trx ]]; then
    p=$(trx_counter "$trx" passed)
    f=$(($(trx_counter "$trx" failed) + $(trx_counter "$trx" error) + $(trx_counter "$trx" timeout) + $(trx_counter "$trx" aborted)))
    s=$(trx_counter "$trx" notExecuted)
  fi
  note=""
  case "$rc" in
    0) [[ -f $trx ]] || { f=$((f > 0 ? f : 1)); note=" (no test results written)"; } ;;
    8) note=" (no tests found)" ;;
    *) if ((f == 0)); then f=1; fi; note=" (exit code $rc)" ;;
  esac
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  SKIPPED=$((SKIPPED + s))
  status="ok     "
  ((f == 0)) || status="FAILED "
  REPORT+=("$status $name: $p passed, $f failed, $s skipped$note")
done

((FAILED == 0))
