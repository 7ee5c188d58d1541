# syntax=docker/dockerfile:1
# Build: docker build --build-arg VERSION=$(git describe --tags --always) --build-arg COMMIT=$(git rev-parse --short HEAD) -t unblock .
# Run:   docker run -e SLACK_APP_TOKEN -e SLACK_BOT_TOKEN -v unblock-data:/data unblock
#        (with your config: add -v $PWD/config.yaml:/etc/unblock/config.yaml:ro)

# Base images pinned by digest, so a rebuild of a tag upstream cannot change the image
# underneath a release. The digests are those the tags golang:1.26.8-bookworm and
# debian:bookworm-slim had when they were pinned (they could not be pulled from the
# machine that wrote this file). To move to newer builds of the same tags:
#   docker buildx imagetools inspect golang:1.26.8-bookworm   (and debian:bookworm-slim)
# and replace the sha256 below with the "Digest:" line.
FROM golang:1.26.8-bookworm@sha256:a688600ca24f8a4d3ca77f95b0dd40704a9fc787c826660eb7ba0b641b8b175d AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=dev
# go-sqlite3 needs cgo; the runtime image has the same glibc as the build image.
RUN CGO_ENABLED=1 go build -trimpath \
    -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
    -o /out/unblock ./cmd/unblock

FROM debian:bookworm-slim@sha256:7b140f374b289a7c2befc338f42ebe6441b7ea838a042bbd5acbfca6ec875818
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin unblock \
 && mkdir -p /data /etc/unblock && chown unblock /data
COPY --from=build /out/unblock /usr/local/bin/unblock
# A relative database path in any config resolves under the volume, not beside
# the config in /etc/unblock where the bot cannot write.
ENV UNBLOCK_DATA_DIR=/data
# The image's own config runs no teams and posts no digest: it only reads the
# channels the bot is invited to and answers /blocked. Mount your config over it.
# It serves /healthz on loopback for the HEALTHCHECK below.
RUN printf '%s\n' \
      '# The image default: no teams, no digest. Mount your own config over this file.' \
      'database: unblock.db' \
      'ops:' \
      '  listen: 127.0.0.1:9090' > /etc/unblock/config.yaml
COPY config.example.yaml /etc/unblock/config.example.yaml
USER unblock
WORKDIR /data
VOLUME ["/data"]
# Needs ops.listen in the config (the image's has it); with a config of your own
# without it, the check reports the container unhealthy: add ops.listen, or
# override the HEALTHCHECK.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["unblock", "health", "-config", "/etc/unblock/config.yaml"]
ENTRYPOINT ["unblock"]
CMD ["run", "-config", "/etc/unblock/config.yaml"]
