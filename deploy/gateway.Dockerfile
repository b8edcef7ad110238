# syntax=docker/dockerfile:1
# Chat.Orleans gateway: REST, SignalR, raw WebSocket, gRPC and the web UI; an Orleans client of the silos.
# Build from the repository root:  docker build -f deploy/gateway.Dockerfile -t chat-orleans/gateway .
ARG DOTNET_VERSION=10.0
ARG NODE_VERSION=20

# ---- web: the Vue front end, built into src/Gateway/wwwroot (vite's outDir) ----
FROM node:${NODE_VERSION}-bookworm-slim AS web
WORKDIR /repo/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN --mount=type=cache,id=npm,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY protos/ /repo/protos/
COPY frontend/ ./
RUN npm run build

# ---- build: restore on project files alone (a cached layer), then publish framework-dependent ----
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /repo
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Grains.Interfaces/Grains.Interfaces.csproj src/Grains.Interfaces/
COPY src/Gateway/Gateway.csproj src/Gateway/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/Gateway/Gateway.csproj
COPY protos/ protos/
COPY src/Grains.Interfaces/ src/Grains.Interfaces/
COPY src/Gateway/ src/Gateway/
COPY --from=web /repo/src/Gateway/wwwroot/ src/Gateway/wwwroot/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Gateway/Gateway.csproj -c Release -o /out --no-restore -p:UseAppHost=false

# ---- runtime: ASP.NET Core runtime only, non-root, read-only application files ----
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
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
