# shellcheck shell=bash
# Brings up the whole pipeline on this machine without Docker: throwaway
# PostgreSQL + MongoDB-compatible server, a release build, migrate, and the
# two services. Sourced by scripts/demo and scripts/load (after services.sh).

# mf_contract_env LAUNCH_ENV SMS_PORT INSIGHTS_PORT : print, one KEY=VALUE a
# line, the contract's DI_* / DB_* variables (and ports) that point both roles
# at the throwaway PostgreSQL and MongoDB started by services.sh. Used by
# mf_stack_up (exported) and scripts/docker-smoke (passed to the containers).
mf_contract_env() {
    local env="$1" sms_port="$2" insights_port="$3"
    printf '%s\n' \
        "LAUNCH_ENVIRONMENT=$env" \
        "DI_POSTGRES_USERNAME=$MF_PG_USER" "DI_POSTGRES_PASSWORD=$MF_PG_PASSWORD" \
        "DI_POSTGRES_HOST=$MF_PG_HOST" "DI_POSTGRES_PORT=$MF_PG_PORT" \
        "DI_POSTGRES_DATABASE=api_insights_db" "DI_POSTGRES_SYNC_DATABASE=sync_db" \
        "DI_MONGODB_HOST=$MF_MONGO_HOST" "DI_MONGODB_PORT=$MF_MONGO_PORT" "DI_MONGODB_DATABASE=sync_db" \
        "DI_MONGODB_USERNAME=${MF_MONGO_USER:-}" "DI_MONGODB_PASSWORD=${MF_MONGO_PASSWORD:-}" \
        "DB_USER=$MF_PG_USER" "DB_PASSWORD=$MF_PG_PASSWORD" "DB_HOST=$MF_PG_HOST" "DB_PORT=$MF_PG_PORT" \
        "DB_NAME=api_insights_db" \
        "SMS_EXTRACTOR_SERVICE_URL=http://127.0.0.1:$sms_port" \
        "MOBILEFORGE__SERVER__HOST=127.0.0.1" \
        "MOBILEFORGE__SERVER__SMS_PORT=$sms_port" "MOBILEFORGE__SERVER__INSIGHTS_PORT=$insights_port"
}

# mf_stack_up TMPDIR : exports MF_BIN, MF_SMS_URL, MF_INSIGHTS_URL and the
# contract's DI_* / DB_* variables; the services run in the background and
# are stopped by mf_stack_down (call it from an EXIT trap).
mf_stack_up() {
    local tmp="$1"
    mf_start_postgres "$tmp/pg"
    mf_start_mongo "$tmp/mongo"

    echo "==> building mobileforge (release)" >&2
    cargo build --release --locked --bin mobileforge >&2
    MF_BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/mobileforge"
    export MF_BIN

    local sms_port insights_port
    sms_port="${MF_SMS_PORT:-$(mf_free_port)}"
    insights_port="${MF_INSIGHTS_PORT:-$(mf_free_port)}"
    local kv
    while IFS= read -r kv; do
        export "${kv?}"
    done < <(mf_contract_env dev "$sms_port" "$insights_port")
    export MF_SMS_URL="http://127.0.0.1:$sms_port" MF_INSIGHTS_URL="http://127.0.0.1:$insights_port"

    echo "==> mobileforge migrate" >&2
    "$MF_BIN" migrate >&2

    "$MF_BIN" serve sms >"$tmp/sms.log" 2>&1 &
    MF_SMS_PID=$!
    "$MF_BIN" serve insights >"$tmp/insights.log" 2>&1 &
    MF_INSIGHTS_PID=$!
    export MF_SMS_PID MF_INSIGHTS_PID
    mf_wait_ready "$MF_SMS_URL" "$tmp"/*.log || return 1
    mf_wait_ready "$MF_INSIGHTS_URL" "$tmp"/*.log || return 1
    echo "==> sms on $MF_SMS_URL, insights on $MF_INSIGHTS_URL (logs in $tmp)" >&2
}

# mf_wait_ready URL LOG... : wait up to 20 s for URL/health/ready to answer;
# if it never does, print the tail of each LOG and fail.
mf_wait_ready() {
    local url="$1" i
    shift
    for i in $(seq 1 100); do
        curl -fsS "$url/health/ready" >/dev/null 2>&1 && return 0
        sleep 0.2
        : "$i"
    done
    echo "service at $url did not become ready; its logs:" >&2
    tail -20 "$@" >&2
    return 1
}

# mf_seed_load_user BIN DIR : with the mobileforge executable BIN, seed the
# load benchmark's user (user_0001: 5,000 SMS, 300 apps) and set
# MF_LOAD_CLIENT_ID, MF_LOAD_TOKEN and MF_LOAD_BODY (an insights request for
# all three groupings); DIR/post.lua becomes the wrk script that posts it.
# Used by scripts/load and scripts/ab, so both load the same request.
mf_seed_load_user() {
    local bin="$1" dir="$2" seed_out
    seed_out="$("$bin" seed --users 1 --sms-per-user 5000 --apps-per-user 300)" || return 1
    MF_LOAD_CLIENT_ID="$(echo "$seed_out" | sed -n 's/^x-client-id: //p')"
    MF_LOAD_TOKEN="$(echo "$seed_out" | sed -n 's/^x-auth-token: //p')"
    MF_LOAD_BODY="{\"user_id\": \"user_0001\", \"client_id\": \"$MF_LOAD_CLIENT_ID\", \"groupings\": [\"sms\", \"fraud\", \"extracted_sms\"]}"
    cat >"$dir/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$MF_LOAD_BODY'
wrk.headers["content-type"] = "application/json"
wrk.headers["x-client-id"] = "$MF_LOAD_CLIENT_ID"
wrk.headers["x-auth-token"] = "$MF_LOAD_TOKEN"
LUA
}

mf_stack_down() {
    local pid
    for pid in "${MF_INSIGHTS_PID:-}" "${MF_SMS_PID:-}"; do
        [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    mf_stop_all
}
