import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What each template's output depends on, for deciding which pages a template edit touches. */
export interface TemplateKeys {
  /**
   * A key that changes when the template, or any template it extends, includes or imports,
   * changes; `post.njk` and `list.njk` get different keys, so editing one leaves the other's pages.
   */
  keyOf(template: string): string;
  /** Whether any template prints `site.time`, the build's time: then every build changes every page. */
  readonly usesBuildTime: boolean;
  /** Changes when any template changes. */
  readonly fingerprint: string;
}

/** `{% extends "base.njk" %}`, `{% include 'x.njk' %}`, `{% import "m.njk" as m %}`, `{% from "m.njk" import f %}`. */
const literalReference = /\{%-?\s*(?:extends|include|import|from)\s+(["'])([^"']+)\1/g;
/** The same tags naming their template with an expression, which no scan can follow. */
const anyReference = /\{%-?\s*(?:extends|include|import|from)\s/g;

/**
 * Reads every `.njk` file of the folders (earlier folders override later ones, as the template
 * loader does) and keys each template by its own text and the texts it refers to. A template that
 * names another with an expression depends on all of them.
 */
export function readTemplateKeys(folders: readonly string[], salt: string): TemplateKeys {
  const texts = new Map<string, string>();
  for (const folder of folders) {
    let names: string[] = [];
    try {
      names = (readdirSync(folder, { recursive: true }) as string[]).filter((name) => name.endsWith('.njk'));
    } catch {
      continue;
    }
    for (const name of names) {
      const key = name.split(path.sep).join('/');
      if (!texts.has(key)) texts.set(key, readFileSync(path.join(folder, name), 'utf8'));
    }
  }
  return templateKeysOf(texts, salt);
}

/** Pure part of readTemplateKeys: template texts by name in, keys out. */
export function templateKeysOf(texts: ReadonlyMap<string, string>, salt: string): TemplateKeys {
  const all = [...texts.keys()].sort();
  const references = new Map<string, readonly string[]>();
  for (const [name, text] of texts) {
    const named = [...text.matchAll(literalReference)].map((match) => match[2]!);
    const total = [...text.matchAll(anyReference)].length;
    references.set(name, total > named.length ? all : named);
  }
  const keys = new Map<string, string>();
  const keyOf = (template: string): string => {
    const known = keys.get(template);
    if (known) return known;
    // Every template reachable from this one, each once (includes may form cycles).
    const reached = new Set<string>([template]);
    const queue = [template];
    while (queue.length > 0) {
      for (const next of references.get(queue.pop()!) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    const hash = createHash('sha256').update(salt);
    for (const name of [...reached].sort()) hash.update(`\0${name}\0`).update(texts.get(name) ?? '\u0000missing');
    const key = hash.digest('hex').slice(0, 20);
    keys.set(template, key);
    return key;
  };
  const everything = createHash('sha256').update(salt);
  for (const name of all) everything.update(`\0${name}\0`).update(texts.get(name)!);
  return { keyOf, usesBuildTime: [...texts.values()].some((text) => text.includes('site.time')), fingerprint: everything.digest('hex').slice(0, 20) };
}
