# One image, two commands: the API (`node dist/api/server.js`) and the worker (`node dist/worker.js`).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npx tsx scripts/build-web.ts --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
# Runtime data read next to the compiled code: migrations, calendars, seed directory, workflow sources.
COPY db/migrations ./dist/db/migrations
COPY db/seed ./dist/db/seed
COPY calendars ./dist/calendars
# The staff workspace, built above; the API serves it at /app/.
COPY --from=build /app/web/dist ./dist/web/dist
USER node
EXPOSE 3000
CMD ["node", "dist/api/server.js"]
