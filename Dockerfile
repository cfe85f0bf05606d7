# The API and map page. Runs migrations at start; serves on PORT (3000).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
# The page is built into the image; at run time the server only serves it.
RUN npm run build:web
EXPOSE 3000
USER node
CMD ["node", "--import", "tsx", "server/main.ts"]
