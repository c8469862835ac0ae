# syntax=docker/dockerfile:1
#
# Hindsight container image, official Node image only.
# UNTESTED: the development machines have no Docker engine, so this file has never been built there.
#
# Runtime configuration comes from the environment (see README.md, "Configuration"):
#   DATABASE_URL     postgresql://user:password@host:5432/db  (unset = embedded PGlite in /app/data)
#   NEXTAUTH_SECRET  required with DATABASE_URL; the same on every instance
#   NEXTAUTH_URL     required with DATABASE_URL; the public URL users open
#   ADMIN_EMAIL / ADMIN_PASSWORD  optional, first admin on an empty PostgreSQL database

# --- dependencies ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# `npm ci` runs the postinstall `prisma generate`, which reads the schema and prisma.config.ts;
# the config imports the driver adapters from lib/db.
COPY package.json package-lock.json tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY lib ./lib
RUN npm ci

# --- production build -----------------------------------------------------------------------
FROM deps AS build
COPY . .
RUN npm run build && rm -rf .next/cache

# --- runtime --------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 NPM_CONFIG_UPDATE_NOTIFIER=false PORT=3000
# Dev dependencies stay: `npm start` rebuilds with them if the sources ever differ from the build.
COPY --from=build --chown=node:node /app /app
# /app/data holds the embedded database when DATABASE_URL is unset; mount a volume there.
RUN mkdir -p /app/data && chown node:node /app /app/data
USER node
# `npm start` skips `next build` only when its fingerprint of the sources (paths, sizes,
# modification times) matches; record it after the copy so the container serves the build above.
RUN node_modules/.bin/tsx -e 'import("./scripts/build-fingerprint.ts").then((m) => m.writeBuildFingerprint())'
EXPOSE 3000
# Checks the configuration, migrates (prisma migrate deploy on PostgreSQL), seeds, serves on PORT.
CMD ["npm", "start"]
