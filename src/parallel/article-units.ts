/**
 * An article's HTML as text, or as its UTF-16 code units: how it travels between threads. A
 * thread that reads posts sends each article's HTML as units, and the thread that started the
 * build keeps and forwards them as they are to the thread that renders the page, which alone makes
 * text of them again. As text, it was serialized and read back on each hop, and moved by every
 * collection of the heap on the way: about 30 MB at 10,000 posts, sent twice.
 */
export type ArticleHtml = string | Uint8Array;

/** The HTML as UTF-16 code units (little-endian): a copy made in one pass. */
export function unitsOf(html: ArticleHtml): Uint8Array {
  return typeof html === 'string' ? Buffer.from(html, 'utf16le') : html;
}

/** The HTML as text. */
export function textOf(html: ArticleHtml): string {
  return typeof html === 'string' ? html : Buffer.from(html.buffer, html.byteOffset, html.byteLength).toString('utf16le');
}

/**
 * The HTML ready to send to another thread: units read back from a larger buffer (a batch a
 * thread sent, or the whole post cache) are copied into one of their own, for a message copies
 * every buffer it holds a view of whole.
 */
export function sendable(html: ArticleHtml): ArticleHtml {
  return typeof html === 'string' || html.byteLength === html.buffer.byteLength ? html : new Uint8Array(html);
}
