/** The page at / when the console has not been built (dist/web missing): how to build it. */
export const NOT_BUILT_PAGE =
  `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>考评 kaoping</title><body style="font-family:sans-serif;max-width:40em;margin:3em auto">` +
  `<h1>考评 kaoping</h1><p>控制台尚未构建：请运行 <code>npm run build</code>（或 <code>npm install</code>）后刷新。</p>` +
  `<p>The console is not built yet: run <code>npm run build</code> (or <code>npm install</code>) and reload.</p>` +
  `<p>API: <a href="/api/docs">/api/docs</a></p></body></html>`;
