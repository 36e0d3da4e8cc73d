/**
 * Text made safe for XML 1.0, shared by the Atom feed and the sitemaps. We write those two
 * formats by hand (see atom-feed.ts for why), so everything that reaches the XML goes through here.
 */

/**
 * Characters XML 1.0 forbids even as character references: C0 controls other than tab, LF and
 * CR, lone surrogates (a `u` regex sees them as code points D800–DFFF), and U+FFFE / U+FFFF.
 */
const invalidXmlChars = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` without the characters XML 1.0 does not allow anywhere in a document. */
export function removeInvalidXmlChars(text: string): string {
  return text.replace(invalidXmlChars, '');
}

const textEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A parser turns a literal CR (or CRLF) into LF; a reference survives, so content round-trips.
  '\r': '&#xD;',
};

const attributeEscapes: Readonly<Record<string, string>> = {
  ...textEscapes,
  // Attribute-value normalization turns literal tab and LF into spaces; references survive it.
  '\t': '&#x9;',
  '\n': '&#xA;',
};

/**
 * Element content: invalid characters removed, `& < > " '` and CR written as references.
 * `>` is always escaped, so a `]]>` in the text cannot end anything.
 */
export function escapeXmlText(text: string): string {
  return removeInvalidXmlChars(text).replace(/[&<>"'\r]/g, (char) => textEscapes[char]!);
}

/** An attribute value for either quote style: as {@link escapeXmlText}, plus tab and LF. */
export function escapeXmlAttribute(text: string): string {
  return removeInvalidXmlChars(text).replace(/[&<>"'\r\t\n]/g, (char) => attributeEscapes[char]!);
}
