# syntax=docker/dockerfile:1
# Chat.Orleans gateway: REST, SignalR, raw WebSocket, gRPC and the web UI; an Orleans client of the silos.
# Build from the repository root:
#   docker build -f deploy/gateway.Dockerfile -t chat-orleans/gateway:1.0.0 \
#     --build-arg VERSION=1.0.0 --build-arg REVISION="$(git rev-parse HEAD)" --build-arg CREATED="$(date -u +%FT%TZ)" .
# Base images are pinned by digest (tag kept for readers): a rebuild gets exactly the same bases until someone
# moves the pin on purpose. How to update them: docs/DEPLOYMENT.md, "Base images".

# ---- web: the Vue front end, built into src/Gateway/wwwroot (vite's outDir), with .br/.gz copies of its assets ----
# Node 22, an LTS line (supported until 2027-04).
FROM node:22-bookworm-slim@sha256:53ada149d435c38b14476cb57e4a7da73c15595aba79bd6971b547ceb6d018bf AS web
WORKDIR /repo/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN --mount=type=cache,id=npm,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY protos/ /repo/protos/
COPY frontend/ ./
RUN npm run build

# ---- build: restore on project files alone (a cached layer), then publish framework-dependent, ReadyToRun ----
# ReadyToRun (crossgen2 precompiles every assembly for linux-x64) so a fresh container starts and takes its first
# traffic without waiting for the JIT: measured in bench/README.md ("ReadyToRun against JIT-only"). The restore must
# name the same runtime identifier and PublishReadyToRun, or it lacks the runtime pack and crossgen2 that the
# --no-restore publish needs; the SDK picks their versions to match itself.
FROM mcr.microsoft.com/dotnet/sdk:10.0@sha256:ea8bde36c11b6e7eec2656d0e59101d4462f6bd630730f2c8201ed0572b295d5 AS build
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Grains.Interfaces/Grains.Interfaces.csproj src/Grains.Interfaces/
COPY src/Contracts/Contracts.csproj src/Contracts/
COPY src/ServiceDefaults/ServiceDefaults.csproj src/ServiceDefaults/
COPY src/Streams/Streams.csproj src/Streams/
COPY src/Gateway/Gateway.csproj src/Gateway/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Gateway/Gateway.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY protos/ protos/
COPY src/Grains.Interfaces/ src/Grains.Interfaces/
COPY src/Contracts/ src/Contracts/
COPY src/ServiceDefaults/ src/ServiceDefaults/
COPY src/Streams/ src/Streams/
COPY src/Gateway/ src/Gateway/
COPY --from=web /repo/src/Gateway/wwwroot/ src/Gateway/wwwroot/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Gateway/Gateway.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -p:UseAppHost=false --no-restore -o /out

# ---- runtime: ASP.NET Core runtime only, non-root, read-only application files ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0@sha256:7644f992230d35cf230017189d4038c0ae0f7388b13f4f7ae1900a155bafb597 AS runtime
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z
LABEL org.opencontainers.image.title="Chat.Orleans gateway" \
      org.opencontainers.image.description="REST, SignalR, WebSocket and gRPC gateway of Chat.Orleans, with its web app" \
      org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.revision="$REVISION" \
      org.opencontainers.image.created="$CREATED" \
      org.opencontainers.image.vendor="Chat.Orleans" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/aspnet:10.0" \
      org.opencontainers.image.base.digest="sha256:7644f992230d35cf230017189d4038c0ae0f7388b13f4f7ae1900a155bafb597"
WORKDIR /app
ENV ASPNETCORE_ENVIRONMENT=Production \
    Kestrel__Endpoints__Http__Url=http://0.0.0.0:3001 \
    Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:50051 \
    Kestrel__Endpoints__Grpc__Protocols=Http2 \
    Logging__Json=true
COPY --chmod=0755 deploy/healthcheck.sh /usr/local/bin/chat-healthcheck
COPY --from=build /out ./
# 3001 HTTP/1.1+2 (REST, SignalR, /ws, web UI, health, metrics), 50051 gRPC over h2c.
EXPOSE 3001 50051
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["chat-healthcheck", "/health"]
ENTRYPOINT ["dotnet", "Gateway.dll"]
