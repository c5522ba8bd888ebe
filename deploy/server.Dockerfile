# DraftPad server image (used by docker-compose.yml). Build from the repository root:
#   docker build -f deploy/server.Dockerfile -t draftpad .
# Stage 1: the browser client (client/dist), served by the server at /.
FROM node:20-bookworm AS client
WORKDIR /src/client
COPY client/package.json client/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY client/ ./
RUN npm run build

# Stage 2: the server (Release, framework-dependent).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS server
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY server/ server/
RUN dotnet publish server/DraftPad.Server/DraftPad.Server.csproj -c Release -o /app

# Stage 3: runtime.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=server /app ./
COPY --from=client /src/client/dist ./client
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Client__Path=/app/client \
    Storage__DataDirectory=/var/lib/draftpad
EXPOSE 8080
ENTRYPOINT ["dotnet", "DraftPad.Server.dll"]
