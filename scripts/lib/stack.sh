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
    local url i
    for url in "$MF_SMS_URL" "$MF_INSIGHTS_URL"; do
        for i in $(seq 1 100); do
            curl -fsS "$url/health/ready" >/dev/null 2>&1 && break
            sleep 0.2
            if [ "$i" = 100 ]; then
                echo "service at $url did not become ready; logs in $tmp" >&2
                tail -20 "$tmp"/*.log >&2
                return 1
            fi
        done
    done
    echo "==> sms on $MF_SMS_URL, insights on $MF_INSIGHTS_URL (logs in $tmp)" >&2
}

mf_stack_down() {
    local pid
    for pid in "${MF_INSIGHTS_PID:-}" "${MF_SMS_PID:-}"; do
        [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    mf_stop_all
}
