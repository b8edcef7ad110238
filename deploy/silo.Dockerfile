# syntax=docker/dockerfile:1
# Chat.Orleans silo: the Orleans server (grains, storage, streams, dashboard) behind an ASP.NET Core host.
# Build from the repository root:  docker build -f deploy/silo.Dockerfile -t chat-orleans/silo .
ARG DOTNET_VERSION=10.0

# ---- build: restore on project files alone (a cached layer), then publish framework-dependent ----
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Grains.Interfaces/Grains.Interfaces.csproj src/Grains.Interfaces/
COPY src/Grains/Grains.csproj src/Grains/
COPY src/Silo/Silo.csproj src/Silo/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Silo/Silo.csproj
COPY src/Grains.Interfaces/ src/Grains.Interfaces/
COPY src/Grains/ src/Grains/
COPY src/Silo/ src/Silo/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Silo/Silo.csproj -c Release -o /out --no-restore -p:UseAppHost=false

# ---- runtime: ASP.NET Core runtime only, non-root, read-only application files ----
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
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
