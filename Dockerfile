# mobileforge: one image, every role. The role is chosen by the arguments:
#   docker run mobileforge serve insights   (default, port 8000)
#   docker run mobileforge serve sms        (port 8082)
#   docker run mobileforge migrate          (one-shot, idempotent)
#   docker run mobileforge seed --users 5   (one-shot, demo data)
#   docker run -i mobileforge sms extract < sms.jsonl
# Needs BuildKit (the default builder of Docker >= 23) for the cache mounts;
# its built-in Dockerfile frontend is used (no `# syntax=` line, so a build
# pulls only the two base images below, nothing else from Docker Hub).
# See docs/deploy.md.

ARG RUST_VERSION=1
ARG DEBIAN_RELEASE=bookworm

# ---------------------------------------------------------------------------
# Builder
FROM rust:${RUST_VERSION}-${DEBIAN_RELEASE} AS builder
WORKDIR /src

# Everything the manifest and the compiler look at:
#   src/         the crate (lib + bin)
#   config/      include_str! of the built-in defaults and SMS rule files
#   migrations/  include_str! of the SQL migrations
#   benches/, tests/  targets the manifest declares (not built here)
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY config ./config
COPY migrations ./migrations
COPY benches ./benches
COPY tests ./tests

# The registry and target/ live in BuildKit cache mounts, so a rebuild after a
# source change recompiles only the crate itself, not its ~300 dependencies.
# target/ is a cache mount, hence the binary is copied out in the same step.
RUN --mount=type=cache,id=mobileforge-cargo-registry,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,id=mobileforge-cargo-git,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,id=mobileforge-target,target=/src/target,sharing=locked \
    cargo build --release --locked --bin mobileforge \
 && install -D -m 0755 target/release/mobileforge /out/mobileforge

# ---------------------------------------------------------------------------
# Runtime
FROM debian:${DEBIAN_RELEASE}-slim AS runtime

# ca-certificates: TLS to managed databases; curl: container healthchecks
# (there is no healthcheck subcommand).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 mobileforge \
 && useradd --system --uid 10001 --gid mobileforge --home-dir /app \
      --no-create-home --shell /usr/sbin/nologin mobileforge

WORKDIR /app
COPY --from=builder /out/mobileforge /usr/local/bin/mobileforge
# The binary embeds these defaults too; the copy lets operators override a file
# by mounting over /app/config (or pointing MOBILEFORGE_CONFIG_DIR elsewhere).
COPY config /app/config

ENV LAUNCH_ENVIRONMENT=prod \
    MOBILEFORGE_CONFIG_DIR=/app/config \
    RUST_LOG=info

USER 10001:10001
EXPOSE 8000 8082
# The binary is PID 1 (exec form) and handles SIGTERM itself: it stops
# accepting, then lets in-flight requests finish within
# MOBILEFORGE__SERVER__SHUTDOWN_TIMEOUT_SECS (default 30).
STOPSIGNAL SIGTERM
ENTRYPOINT ["mobileforge"]
CMD ["serve", "insights"]
