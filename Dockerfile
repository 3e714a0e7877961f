# One image for both services; the command picks the API or the worker.
FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# schema.graphql types the console's operations (codegen); apps/console is built by Vite into
# dist/console (the console and the development API explorer), which the API serves at /console.
COPY tsconfig.json tsconfig.build.json nest-cli.json schema.graphql ./
COPY apps apps
COPY libs libs
COPY workflows workflows
COPY scripts scripts
RUN npm run build \
  && test -f dist/console/index.html && test -f dist/console/graphiql.html \
  && npm prune --omit=dev

FROM node:24.22.3-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
EXPOSE 3000 3001 9464
CMD ["node", "dist/apps/api/src/main.js"]
