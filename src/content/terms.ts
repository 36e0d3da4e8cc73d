/**
 * Reads categories or tags the way Jekyll does (`Utils.pluralized_array_from_hash`): the singular
 * key wins and is taken whole; the plural key is a list, or a string split on whitespace.
 */
export function readTerms(data: Readonly<Record<string, unknown>>, singular: string, plural: string): string[] {
  const single = data[singular];
  const raw: unknown[] =
    single !== undefined && single !== null
      ? [single]
      : typeof data[plural] === 'string'
        ? (data[plural] as string).split(/\s+/)
        : Array.isArray(data[plural])
          ? (data[plural] as unknown[])
          : data[plural] !== undefined && data[plural] !== null
            ? [data[plural]]
            : [];
  const terms = raw
    .flat()
    .filter((term) => term !== null && term !== undefined && typeof term !== 'object')
    .map((term) => String(term).normalize('NFC').trim())
    .filter((term) => term !== '');
  return [...new Set(terms)];
}
