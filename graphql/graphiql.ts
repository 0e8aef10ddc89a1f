import path from 'node:path';
import type { Express, Response } from 'express';

/**
 * A self-hosted GraphiQL for development: no CDN (provincial networks are often offline). The page and its script are
 * served from here; GraphiQL (its UMD build, with CSS fonts inlined) and React 18 (UMD) come from node_modules.
 * Paste `{"Authorization": "Bearer <token>"}` in the Headers tab: it goes with every HTTP request and, as connection
 * params, with WebSocket subscriptions.
 */

export const GRAPHIQL_PATH = '/graphiql';

/** Only these files are served, each from the package that ships it. */
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

const ASSETS: Record<string, () => string> = {
  'react.production.min.js': () => packageFile('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': () => packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.min.js': () => packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': () => packageFile('graphiql', 'graphiql.min.css'),
};

/** Everything the page loads comes from this server; GraphiQL's editors need inline styles and data: fonts. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>DLXH GraphiQL</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${GRAPHIQL_PATH}/assets/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Đang tải GraphiQL…</div>
  <script src="${GRAPHIQL_PATH}/assets/react.production.min.js"></script>
  <script src="${GRAPHIQL_PATH}/assets/react-dom.production.min.js"></script>
  <script src="${GRAPHIQL_PATH}/assets/graphiql.min.js"></script>
  <script src="${GRAPHIQL_PATH}/app.js"></script>
</body>
</html>
`;

const APP = `'use strict';
(function () {
  var http = new URL('/graphql', window.location.href);
  var ws = new URL(http.href);
  ws.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
  var baseFetcher = GraphiQL.createFetcher({ url: http.href, subscriptionUrl: ws.href });
  // The headers template holds "Bearer " until a token is pasted: send no Authorization header until then.
  var fetcher = function (params, options) {
    var headers = options && options.headers;
    if (headers && /^Bearer\\s*$/i.test(headers.Authorization || '')) {
      headers = Object.assign({}, headers);
      delete headers.Authorization;
      options = Object.assign({}, options, { headers: headers });
    }
    return baseFetcher(params, options);
  };
  var defaultQuery = [
    '# DLXH — paste {"Authorization": "Bearer <token>"} in Headers below (token: npx dlxh token --role OFFICER --province 68)',
    '{',
    '  me { id role roleLabel provinceCode communeCodes }',
    '  sectors { code label }',
    '}',
    '',
  ].join('\\n');
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultHeaders: '{\\n  "Authorization": "Bearer "\\n}',
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
`;

function send(res: Response, type: string, body: string): void {
  res.set({ 'Content-Type': type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' });
  res.send(body);
}

/**
 * Mounts GET /graphiql (the page), /graphiql/app.js and /graphiql/assets/<file>, and redirects a browser's plain
 * GET /graphql (it asks for HTML, without a query) to the page. Call only outside production.
 */
export function mountGraphiQL(app: Express): void {
  app.get(GRAPHIQL_PATH, (_req, res) => send(res, 'text/html; charset=utf-8', PAGE));
  app.get(`${GRAPHIQL_PATH}/app.js`, (_req, res) => send(res, 'text/javascript; charset=utf-8', APP));
  app.get(`${GRAPHIQL_PATH}/assets/:file`, (req, res, next) => {
    const name = req.params.file;
    if (!Object.hasOwn(ASSETS, name)) return next();
    res.sendFile(ASSETS[name](), { maxAge: '1d', headers: { 'X-Content-Type-Options': 'nosniff' } }, (err) => {
      if (err && !res.headersSent) next();
    });
  });
  app.get('/graphql', (req, res, next) => {
    const wantsPage = req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html';
    if (wantsPage) res.redirect(302, GRAPHIQL_PATH);
    else next();
  });
}
