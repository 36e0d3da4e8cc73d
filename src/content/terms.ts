/**
 * Reads categories or tags the way Jekyll does (`Utils.pluralized_array_from_hash`): the singular
 * key wins and is taken whole; the plural key is a list, or a string split on whitespace.
 * A list's nested lists are read one level deep (as Array.prototype.flat would); deeper lists,
 * maps, nulls and empty names are left out, and each name is kept once.
 */
export function readTerms(data: Readonly<Record<string, unknown>>, singular: string, plural: string): string[] {
  const single = data[singular];
  const many = data[plural];
  // Added to one set as they are read: the chain of flat, filter and map this replaces allocated
  // four arrays for each post's one or two names.
  const terms = new Set<string>();
  if (single !== undefined && single !== null) addItem(terms, single);
  else if (typeof many === 'string') for (const word of many.split(/\s+/)) addName(terms, word);
  else if (Array.isArray(many)) for (const item of many) addItem(terms, item);
  else if (many !== undefined && many !== null) addName(terms, many);
  return [...terms];
}

/** A list's item: a name, or a list whose names are read (one level). */
function addItem(terms: Set<string>, item: unknown): void {
  if (Array.isArray(item)) for (const name of item) addName(terms, name);
  else addName(terms, item);
}

function addName(terms: Set<string>, name: unknown): void {
  if (name === null || name === undefined || typeof name === 'object') return;
  const text = String(name).normalize('NFC').trim();
  if (text !== '') terms.add(text);
}
