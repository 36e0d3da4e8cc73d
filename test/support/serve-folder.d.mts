/** Serves a built site's folder over HTTP on 127.0.0.1, under `baseurl` when given. */
export function serveFolder(root: string, baseurl?: string): Promise<{ url: string; close: () => Promise<void> }>;
