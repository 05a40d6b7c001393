# shellcheck shell=bash
# Throwaway PostgreSQL + MongoDB(-compatible) services for mobileforge tests.
#
# Source this file, then:
#   trap 'mf_stop_all' EXIT
#   mf_start_postgres "$tmp/pg"     # exports MF_PG_HOST MF_PG_PORT MF_PG_USER MF_PG_PASSWORD (+ MF_PG_DATABASE)
#   mf_start_mongo    "$tmp/mongo"  # exports MF_MONGO_HOST MF_MONGO_PORT MF_MONGO_USER MF_MONGO_PASSWORD (+ MF_MONGO_URI)
#   ...
#   mf_stop_all                     # idempotent; also removes the DIRs given above
#
# DIR must not exist yet or be empty; it is deleted by mf_stop_all
# (set MF_KEEP_TMP=1 to keep it for debugging).
#
# Mongo: a real `mongod` on PATH is used if present, otherwise the PyPI
# package nx-27017 (MongoDB wire protocol over SQLite) is installed in
# $MF_VENV (default: <repo>/.venv) and started from there.
#
# Every function returns non-zero on failure (never calls `exit`), so it is
# safe under `set -euo pipefail` in the caller.

# Pinned stand-in versions (verified with the Rust `mongodb` 3.x driver).
MF_NX_VERSION="${MF_NX_VERSION:-0.8.1}"
MF_NEOSQLITE_VERSION="${MF_NEOSQLITE_VERSION:-1.17.2}"

_MF_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MF_REPO_ROOT="${MF_REPO_ROOT:-$(cd "$_MF_LIB_DIR/../.." && pwd)}"
MF_VENV="${MF_VENV:-$MF_REPO_ROOT/.venv}"

# State for mf_stop_all.
_MF_PG_DATADIRS=()
_MF_PG_CHILDREN=()
_MF_MONGO_PIDS=()
_MF_CLEANUP_DIRS=()
_MF_APT_UPDATED="${_MF_APT_UPDATED:-0}"

_mf_log() { printf '[services] %s\n' "$*" >&2; }
_mf_err() { printf '[services] ERROR: %s\n' "$*" >&2; }

_mf_is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------- helpers

# mf_apt_install PKG... : apt-get update (once per shell) + install; root only.
mf_apt_install() {
    if ! _mf_is_root; then
        _mf_err "need root to apt-get install $*; install it manually"
        return 1
    fi
    if [ "$_MF_APT_UPDATED" != 1 ]; then
        _mf_log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
        _MF_APT_UPDATED=1
    fi
    _mf_log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# _mf_py : print a python3 interpreter (the venv's one starts much faster than
# a pyenv shim), or fail if there is none.
_mf_py() {
    if [ -x "$MF_VENV/bin/python" ]; then
        echo "$MF_VENV/bin/python"
    else
        command -v python3
    fi
}

# mf_free_port : print a TCP port on 127.0.0.1 that is currently free.
mf_free_port() {
    local py
    if py="$(_mf_py)"; then
        "$py" - <<'PY' && return 0
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
    fi
    local p i
    for i in $(seq 1 200); do
        p=$(( (RANDOM % 30000) + 20000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
        : "$i"
    done
    _mf_err "could not find a free port"
    return 1
}

# _mf_prepare_dir DIR : create DIR (must be empty) and register it for removal.
_mf_prepare_dir() {
    local dir="$1"
    if [ -z "$dir" ]; then
        _mf_err "missing DIR argument"
        return 1
    fi
    if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
        _mf_err "$dir exists and is not empty"
        return 1
    fi
    mkdir -p "$dir" || return 1
    _MF_CLEANUP_DIRS+=("$(cd "$dir" && pwd)")
}

# mf_register_cleanup DIR... : have mf_stop_all remove DIR as well.
mf_register_cleanup() {
    local d
    for d in "$@"; do
        [ -n "$d" ] && _MF_CLEANUP_DIRS+=("$d")
    done
    return 0
}

# ---------------------------------------------------------------- postgres

# mf_pg_bindir : print the directory holding initdb/pg_ctl (installs if missing).
mf_pg_bindir() {
    local best
    if [ -n "${MF_PG_BINDIR:-}" ] && [ -x "$MF_PG_BINDIR/initdb" ]; then
        echo "$MF_PG_BINDIR"
        return 0
    fi
    # highest installed major version of Debian's layout
    best="$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)"
    if [ -n "$best" ] && [ -x "$(dirname "$best")/pg_ctl" ]; then
        dirname "$best"
        return 0
    fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

# mf_ensure_postgres : make sure server binaries (and psql) are installed.
mf_ensure_postgres() {
    if ! mf_pg_bindir >/dev/null; then
        _mf_log "PostgreSQL server binaries not found; installing via apt"
        mf_apt_install postgresql postgresql-client || return 1
        mf_pg_bindir >/dev/null || { _mf_err "initdb still not found after install"; return 1; }
    fi
    if _mf_is_root && ! id -u postgres >/dev/null 2>&1; then
        _mf_log "creating system user postgres"
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres || return 1
    fi
}

# _mf_as_pg CMD... : run as the postgres OS user when root, else directly.
_mf_as_pg() {
    if _mf_is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# _mf_pg_tls TLSDIR DATADIR : a CA and a server certificate (IP 127.0.0.1,
# localhost) signed by it; the server's pair is copied into DATADIR.
_mf_pg_tls() {
    local tls="$1" data="$2"
    if ! command -v openssl >/dev/null 2>&1; then
        _mf_log "openssl not found; installing via apt"
        mf_apt_install openssl || { _mf_log "no openssl: PostgreSQL runs without TLS"; return 1; }
    fi
    mkdir -p "$tls" || return 1
    {
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3 \
            -subj "/CN=mobileforge throwaway test CA" -keyout "$tls/ca.key" -out "$tls/ca.crt" &&
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
            -keyout "$tls/server.key" -out "$tls/server.csr" &&
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
            >"$tls/server.ext" &&
        openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial \
            -days 3 -extfile "$tls/server.ext" -out "$tls/server.crt"
    } >"$tls/openssl.log" 2>&1 || { _mf_err "creating the test certificates failed:"; cat "$tls/openssl.log" >&2; return 1; }
    cp "$tls/server.crt" "$tls/server.key" "$data/" || return 1
    chmod 600 "$data/server.key"
    chmod 644 "$tls/ca.crt"
    if _mf_is_root; then
        chown postgres: "$data/server.crt" "$data/server.key" || return 1
    fi
}

# mf_start_postgres DIR
mf_start_postgres() {
    local dir="$1" bindir data sock port attempt pmwrap started i
    mf_ensure_postgres || return 1
    bindir="$(mf_pg_bindir)" || return 1
    _mf_prepare_dir "$dir" || return 1
    dir="$(cd "$dir" && pwd)"
    data="$dir/data"
    sock="$dir/sock"
    # Unix socket paths are limited to ~107 bytes.
    if [ "${#sock}" -gt 80 ]; then
        sock="$(mktemp -d "${TMPDIR:-/tmp}/mfpg.XXXXXX")" || return 1
        chmod 0755 "$sock"
        _MF_CLEANUP_DIRS+=("$sock")
    else
        mkdir -p "$sock"
    fi
    if _mf_is_root; then
        chown -R postgres: "$dir" "$sock" || return 1
        if ! runuser -u postgres -- test -w "$dir"; then
            _mf_err "user postgres cannot reach $dir (a parent directory is not traversable; chmod 755 it)"
            return 1
        fi
    fi

    _mf_log "initdb ($bindir) in $data"
    if ! _mf_as_pg "$bindir/initdb" -D "$data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-instructions -N \
        >"$dir/initdb.log" 2>&1; then
        # older initdb / missing C.UTF-8 locale: retry with plain C
        rm -rf "$data"
        if ! _mf_as_pg "$bindir/initdb" -D "$data" -U postgres --auth-local=trust \
            --auth-host=scram-sha-256 -E UTF8 --locale=C -N >"$dir/initdb.log" 2>&1; then
            _mf_err "initdb failed:"
            cat "$dir/initdb.log" >&2
            return 1
        fi
    fi

    # Only local socket (trust, socket dir is private) and password auth on 127.0.0.1.
    _mf_as_pg tee "$data/pg_hba.conf" >/dev/null <<EOF
# generated by scripts/lib/services.sh
local   all   all                  trust
host    all   all   127.0.0.1/32   scram-sha-256
EOF

    # TLS: a throwaway CA and a server certificate for 127.0.0.1, so the
    # tests can connect with ssl_mode = "require" (MF_PG_CA is the CA file).
    # Without openssl the cluster runs plain and the TLS tests say so.
    local ssl_conf=""
    if _mf_pg_tls "$dir/tls" "$data"; then
        ssl_conf="ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'"
        export MF_PG_CA="$dir/tls/ca.crt"
    else
        unset MF_PG_CA
    fi

    _MF_PG_DATADIRS+=("$data")
    for attempt in 1 2 3; do
        port="$(mf_free_port)" || return 1
        _mf_as_pg tee "$data/postgresql.auto.conf" >/dev/null <<EOF
# generated by scripts/lib/services.sh (throwaway test cluster)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
password_encryption = 'scram-sha-256'
logging_collector = off
$ssl_conf
EOF
        # Run the postmaster as our own child (not via `pg_ctl start`) so that
        # mf_stop_all can reap it: no zombie/orphan is left behind.
        _mf_as_pg "$bindir/postgres" -D "$data" </dev/null >>"$dir/postgres.log" 2>&1 &
        pmwrap=$!
        _MF_PG_CHILDREN+=("$pmwrap")
        started=0
        for i in $(seq 1 600); do   # up to ~60s
            kill -0 "$pmwrap" 2>/dev/null || break
            if _mf_as_pg "$bindir/pg_isready" -q -h "$sock" -p "$port" 2>/dev/null; then
                started=1
                break
            fi
            sleep 0.1
        done
        [ "$started" = 1 ] && break
        _mf_log "postgres did not start on port $port (attempt $attempt)"
        tail -n 20 "$dir/postgres.log" >&2 || true
        _mf_as_pg "$bindir/pg_ctl" -D "$data" stop -m immediate >/dev/null 2>&1 || true
        kill -9 "$pmwrap" 2>/dev/null || true
        wait "$pmwrap" 2>/dev/null || true
        if [ "$attempt" = 3 ]; then
            _mf_err "postgres failed to start"
            return 1
        fi
    done

    local psql="$bindir/psql"
    [ -x "$psql" ] || psql="$(command -v psql)" || { _mf_err "psql not found"; return 1; }
    if ! _mf_as_pg "$psql" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE mobileforge LOGIN SUPERUSER PASSWORD 'mobileforge'" \
        -c "CREATE DATABASE mobileforge OWNER mobileforge" >&2; then
        _mf_err "creating role mobileforge failed"
        return 1
    fi

    export MF_PG_HOST=127.0.0.1
    export MF_PG_PORT="$port"
    export MF_PG_USER=mobileforge
    export MF_PG_PASSWORD=mobileforge
    export MF_PG_DATABASE=mobileforge
    _mf_log "postgres $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data $data)"
}

# ---------------------------------------------------------------- mongo

# mf_ensure_nx : create $MF_VENV (installing python3-venv via apt if needed)
# and install the pinned nx-27017 into it. Prints nothing on stdout.
mf_ensure_nx() {
    local py want have
    want="$MF_NX_VERSION"
    if [ -x "$MF_VENV/bin/nx-27017" ] && [ -x "$MF_VENV/bin/python" ]; then
        have="$("$MF_VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("nx-27017"))' 2>/dev/null || true)"
        [ "$have" = "$want" ] && return 0
    fi
    if ! command -v python3 >/dev/null 2>&1; then
        mf_apt_install python3 python3-venv python3-pip || return 1
    fi
    py="$(command -v python3)"
    if ! "$py" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        mf_apt_install python3-venv || return 1
    fi
    mkdir -p "$MF_VENV" || return 1
    (
        # serialise concurrent runs sharing the venv
        if command -v flock >/dev/null 2>&1; then
            exec 9>"$MF_VENV/.mf-install.lock"
            flock 9
        fi
        if [ ! -x "$MF_VENV/bin/python" ] || ! "$MF_VENV/bin/python" -m pip --version >/dev/null 2>&1; then
            _mf_log "creating venv $MF_VENV"
            "$py" -m venv "$MF_VENV" >&2 || exit 1
        fi
        have="$("$MF_VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("nx-27017"))' 2>/dev/null || true)"
        if [ "$have" != "$want" ]; then
            _mf_log "pip install nx-27017==$want into $MF_VENV"
            PIP_DISABLE_PIP_VERSION_CHECK=1 "$MF_VENV/bin/python" -m pip install -q \
                "nx-27017==$want" "neosqlite==$MF_NEOSQLITE_VERSION" pymongo >&2 || exit 1
        fi
    ) || { _mf_err "could not install nx-27017 into $MF_VENV"; return 1; }
}

# _mf_mongo_ping PORT : exit 0 if a MongoDB wire server on 127.0.0.1:PORT answers
# {ping:1} with ok:1 (OP_MSG, stdlib only; falls back to a TCP connect check).
_mf_mongo_ping() {
    local port="$1" py
    if py="$(_mf_py)"; then
        "$py" - "$port" <<'PY' 2>/dev/null
import socket, struct, sys
port = int(sys.argv[1])
def cstr(s): return s.encode() + b"\0"
body = b"\x10" + cstr("ping") + struct.pack("<i", 1) \
     + b"\x02" + cstr("$db") + struct.pack("<i", 6) + cstr("admin") + b"\0"
doc = struct.pack("<i", len(body) + 4) + body
payload = struct.pack("<I", 0) + b"\0" + doc
msg = struct.pack("<iiii", 16 + len(payload), 1, 0, 2013) + payload
s = socket.create_connection(("127.0.0.1", port), timeout=2)
s.settimeout(2)
s.sendall(msg)
hdr = b""
while len(hdr) < 16:
    c = s.recv(16 - len(hdr))
    if not c: sys.exit(1)
    hdr += c
n = struct.unpack("<i", hdr[:4])[0] - 16
data = b""
while len(data) < n:
    c = s.recv(n - len(data))
    if not c: sys.exit(1)
    data += c
i = data.find(b"\x01ok\x00")
if i >= 0 and struct.unpack("<d", data[i + 4:i + 12])[0] == 1.0: sys.exit(0)
i = data.find(b"\x10ok\x00")
if i >= 0 and struct.unpack("<i", data[i + 4:i + 8])[0] == 1: sys.exit(0)
sys.exit(1)
PY
        return $?
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# mf_start_mongo DIR
mf_start_mongo() {
    local dir="$1" port attempt pid kind i started
    _mf_prepare_dir "$dir" || return 1
    dir="$(cd "$dir" && pwd)"
    mkdir -p "$dir/data"
    if [ "${MF_MONGO_IMPL:-auto}" != nx ] && command -v mongod >/dev/null 2>&1; then
        kind=mongod
    else
        kind=nx
        mf_ensure_nx || return 1
    fi

    for attempt in 1 2 3; do
        port="$(mf_free_port)" || return 1
        if [ "$kind" = mongod ]; then
            mongod --dbpath "$dir/data" --bind_ip 127.0.0.1 --port "$port" \
                --pidfilepath "$dir/mongod.pid" --quiet \
                --logpath "$dir/mongod.log" </dev/null >"$dir/mongod.stdout" 2>&1 &
        else
            # foreground mode in the background: $! is the server process itself
            "$MF_VENV/bin/nx-27017" --host 127.0.0.1 -p "$port" --data-dir "$dir/data" \
                --pid-file "$dir/nx.pid" --log-file "$dir/nx.log" \
                </dev/null >"$dir/nx.stdout" 2>&1 &
        fi
        pid=$!
        _MF_MONGO_PIDS+=("$pid")
        started=0
        for i in $(seq 1 600); do   # up to ~30s
            if ! kill -0 "$pid" 2>/dev/null; then
                break
            fi
            if _mf_mongo_ping "$port"; then
                started=1
                break
            fi
            sleep 0.05
        done
        [ "$started" = 1 ] && break
        _mf_log "$kind did not come up on port $port (attempt $attempt)"
        tail -n 20 "$dir/$kind.stdout" "$dir"/*.log >&2 2>/dev/null || true
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        rm -f "$dir/nx.pid" "$dir/mongod.pid"
        if [ "$attempt" = 3 ]; then
            _mf_err "mongo ($kind) failed to start"
            return 1
        fi
    done

    export MF_MONGO_HOST=127.0.0.1
    export MF_MONGO_PORT="$port"
    # Neither the throwaway mongod (no --auth) nor nx-27017 (no auth support
    # at all) uses authentication.
    export MF_MONGO_USER=""
    export MF_MONGO_PASSWORD=""
    export MF_MONGO_URI="mongodb://127.0.0.1:$port/?directConnection=true"
    if [ "$kind" = nx ]; then
        _mf_log "nx-27017 $MF_NX_VERSION (MongoDB wire-protocol stand-in) on 127.0.0.1:$port (pid $pid)"
    else
        _mf_log "mongod $(mongod --version 2>/dev/null | head -n1 | awk '{print $NF}') on 127.0.0.1:$port (pid $pid)"
    fi
}

# ---------------------------------------------------------------- teardown

# mf_stop_all : stop everything started by this shell and remove its dirs.
# Safe to call more than once.
mf_stop_all() {
    local d pid bindir i pmpid
    bindir="$(mf_pg_bindir 2>/dev/null || true)"
    for d in "${_MF_PG_DATADIRS[@]+"${_MF_PG_DATADIRS[@]}"}"; do
        [ -f "$d/postmaster.pid" ] || continue
        pmpid="$(head -n1 "$d/postmaster.pid" 2>/dev/null || true)"
        if [ -n "$bindir" ]; then
            _mf_as_pg "$bindir/pg_ctl" -D "$d" stop -m immediate -w -t 20 >/dev/null 2>&1 || true
        fi
        if [ -n "$pmpid" ] && kill -0 "$pmpid" 2>/dev/null; then
            kill -9 "$pmpid" 2>/dev/null || true
        fi
    done
    _MF_PG_DATADIRS=()
    for pid in "${_MF_PG_CHILDREN[@]+"${_MF_PG_CHILDREN[@]}"}"; do
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null || true
    done
    _MF_PG_CHILDREN=()

    for pid in "${_MF_MONGO_PIDS[@]+"${_MF_MONGO_PIDS[@]}"}"; do
        kill -0 "$pid" 2>/dev/null || continue
        kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
            : "$i"
        done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    _MF_MONGO_PIDS=()

    if [ "${MF_KEEP_TMP:-0}" = 1 ]; then
        [ "${#_MF_CLEANUP_DIRS[@]}" -gt 0 ] && _mf_log "keeping ${_MF_CLEANUP_DIRS[*]}"
    else
        for d in "${_MF_CLEANUP_DIRS[@]+"${_MF_CLEANUP_DIRS[@]}"}"; do
            case "$d" in
                "" | / ) continue ;;
            esac
            rm -rf -- "$d" 2>/dev/null || true
        done
    fi
    _MF_CLEANUP_DIRS=()
    return 0
}
