# One image, two commands: the API (`node dist/api/server.js`) and the worker (`node dist/worker.js`).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

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
USER node
EXPOSE 3000
CMD ["node", "dist/api/server.js"]
