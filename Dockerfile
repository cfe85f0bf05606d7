# The API and map page, compiled. `docker build -t hrl .` then
# `docker run -p 3000:3000 -v hrl-data:/app/.data hrl` (embedded database in the volume), or
# with DATABASE_URL for PostgreSQL (see docker-compose.yml). Runs migrations at start.

# --- build: all dependencies, compile the server (tsc) and the page (esbuild) ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY server server
COPY common common
COPY migrations migrations
COPY web web
RUN npm run build

# --- runtime: production dependencies and the build output only ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    PGLITE_DIR=/app/.data/pglite
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --omit=optional as well: a dev tool a production package names as an optional peer (typescript, via
# opening_hours → i18next) stays out of the image.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY data/mappings ./data/mappings
# The embedded database lives in a volume the unprivileged user owns.
RUN mkdir -p /app/.data && chown node:node /app/.data
VOLUME ["/app/.data"]
USER node
EXPOSE 3000
# Ready = the database answers (503 while it is away or still migrating).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Commands in the container: node dist/server/cli/import.js …, node dist/server/cli/curator.js …, node dist/server/cli/verification.js … (see README).
# A 64 MB young generation (V8 default 16): fewer scavenges per search (README, capacity).
CMD ["node", "--max-semi-space-size=64", "dist/server/main.js"]
