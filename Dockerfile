# syntax=docker/dockerfile:1
# Build: docker build --build-arg VERSION=$(git describe --tags --always) --build-arg COMMIT=$(git rev-parse --short HEAD) -t unblock .
# Run:   docker run -e SLACK_APP_TOKEN -e SLACK_BOT_TOKEN -v unblock-data:/data unblock

FROM golang:1.26-bookworm AS build
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

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin unblock \
 && mkdir -p /data /etc/unblock && chown unblock /data
COPY --from=build /out/unblock /usr/local/bin/unblock
# The example config, with the database on the volume (a relative path would
# resolve beside the config, in /etc/unblock). Mount your own config over it.
COPY config.example.yaml /etc/unblock/config.example.yaml
RUN sed 's#^database: .*#database: /data/unblock.db#' /etc/unblock/config.example.yaml > /etc/unblock/config.yaml
USER unblock
WORKDIR /data
VOLUME ["/data"]
ENTRYPOINT ["unblock"]
CMD ["run", "-config", "/etc/unblock/config.yaml"]
