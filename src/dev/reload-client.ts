/**
 * The script the dev server puts into every HTML page it serves (never into `build` output):
 * it listens for rebuilds over Server-Sent Events, reloads the page after each good one, and
 * shows an overlay with the file, line and message after a broken one.
 */
export const reloadClientPath = '/__baoku/events';

export function reloadClientScript(eventsUrl: string): string {
  return `<script data-baoku-dev>(() => {
  const source = new EventSource(${JSON.stringify(eventsUrl)});
  const show = (problems) => {
    let overlay = document.getElementById('baoku-overlay');
    if (!problems.length) { if (overlay) overlay.remove(); return; }
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'baoku-overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:14px/1.6 ui-monospace,monospace;padding:2rem';
      document.body.appendChild(overlay);
    }
    overlay.replaceChildren(...[Object.assign(document.createElement('h2'), { textContent: 'baoku: 构建出错 (build failed)' }),
      ...problems.map((p) => Object.assign(document.createElement('pre'), { textContent: p, style: 'white-space:pre-wrap;color:#ff8a80' }))]);
  };
  source.addEventListener('reload', () => location.reload());
  source.addEventListener('problems', (event) => show(JSON.parse(event.data)));
})();</script>`;
}

/** Puts the reload script just before `</body>` (or at the end when there is none). */
export function injectReloadClient(html: string, eventsUrl: string): string {
  const script = reloadClientScript(eventsUrl);
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + script : html.slice(0, at) + script + html.slice(at);
}
