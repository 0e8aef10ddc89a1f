# DLXH API / projector image. The TypeScript sources run through @swc-node/register: no separate build step.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
USER node
EXPOSE 4000
ENTRYPOINT ["node", "bin/dlxh.js"]
CMD ["start"]
