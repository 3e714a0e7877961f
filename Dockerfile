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
# The build also bundles the workflow code (dist/workflows/bundle.js), which the worker loads
# instead of running webpack at start.
RUN npm run build \
  && test -f dist/console/index.html && test -f dist/console/graphiql.html && test -f dist/workflows/bundle.js \
  && npm prune --omit=dev

FROM node:24.22.3-bookworm-slim
ENV NODE_ENV=production
# Two glibc malloc arenas for every process of the image (the worker's value,
# deploy/kubernetes/worker.yaml): the SDK's native threads otherwise each grow arenas of their
# own. The V8 heap limit is not set here: the image runs the API and the worker, whose limits
# differ, so each workload's NODE_OPTIONS sets it (docker-compose.yml, deploy/kubernetes).
ENV MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
EXPOSE 3000 3001 9464
CMD ["node", "dist/apps/api/src/main.js"]
