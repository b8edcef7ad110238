# syntax=docker/dockerfile:1
# Chat.Orleans silo: the Orleans server (grains, storage, streams, dashboard) behind an ASP.NET Core host.
# Build from the repository root:
#   docker build -f deploy/silo.Dockerfile -t chat-orleans/silo:1.0.0 \
#     --build-arg VERSION=1.0.0 --build-arg REVISION="$(git rev-parse HEAD)" --build-arg CREATED="$(date -u +%FT%TZ)" .
# Base images are pinned by digest (tag kept for readers): a rebuild gets exactly the same bases until someone
# moves the pin on purpose. How to update them: docs/DEPLOYMENT.md, "Base images".

# ---- build: restore on project files alone (a cached layer), then publish framework-dependent, ReadyToRun ----
# ReadyToRun (crossgen2 precompiles every assembly for linux-x64) so a fresh container starts and takes its first
# traffic without waiting for the JIT: measured in bench/README.md ("ReadyToRun against JIT-only"). The restore must
# name the same runtime identifier and PublishReadyToRun, or it lacks the runtime pack and crossgen2 that the
# --no-restore publish needs; the SDK picks their versions to match itself.
FROM mcr.microsoft.com/dotnet/sdk:10.0@sha256:ea8bde36c11b6e7eec2656d0e59101d4462f6bd630730f2c8201ed0572b295d5 AS build
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Grains.Interfaces/Grains.Interfaces.csproj src/Grains.Interfaces/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/ServiceDefaults/ServiceDefaults.csproj src/ServiceDefaults/
COPY src/Streams/Streams.csproj src/Streams/
COPY src/Silo/Silo.csproj src/Silo/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Silo/Silo.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY src/Grains.Interfaces/ src/Grains.Interfaces/
COPY src/Grains/ src/Grains/
COPY src/ServiceDefaults/ src/ServiceDefaults/
COPY src/Streams/ src/Streams/
COPY src/Silo/ src/Silo/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Silo/Silo.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -p:UseAppHost=false --no-restore -o /out

# ---- runtime: ASP.NET Core runtime only, non-root, read-only application files ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0@sha256:7644f992230d35cf230017189d4038c0ae0f7388b13f4f7ae1900a155bafb597 AS runtime
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z
LABEL org.opencontainers.image.title="Chat.Orleans silo" \
      org.opencontainers.image.description="Orleans silo of Chat.Orleans: grains, storage, streams and the Orleans dashboard" \
      org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.revision="$REVISION" \
      org.opencontainers.image.created="$CREATED" \
      org.opencontainers.image.vendor="Chat.Orleans" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/aspnet:10.0" \
      org.opencontainers.image.base.digest="sha256:7644f992230d35cf230017189d4038c0ae0f7388b13f4f7ae1900a155bafb597"
WORKDIR /app
ENV ASPNETCORE_ENVIRONMENT=Production \
    Kestrel__Endpoints__Http__Url=http://0.0.0.0:8080 \
    Orleans__SiloPort=11111 \
    Orleans__GatewayPort=30000 \
    Orleans__ListenOnAnyAddress=true \
    Logging__Json=true
COPY --chmod=0755 deploy/healthcheck.sh /usr/local/bin/chat-healthcheck
COPY --chmod=0755 deploy/silo-entrypoint.sh /usr/local/bin/chat-silo-entrypoint
COPY --from=build /out ./
# 8080 HTTP (health, /metrics, Orleans dashboard), 11111 silo-to-silo, 30000 Orleans gateway for clients.
EXPOSE 8080 11111 30000
# The numeric uid of the image's "app" user, so Kubernetes' runAsNonRoot can verify it.
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["chat-healthcheck", "/health"]
# The entry point finds the address to advertise (the pod IP on Kubernetes, the container's address elsewhere).
ENTRYPOINT ["chat-silo-entrypoint", "dotnet", "Silo.dll"]
