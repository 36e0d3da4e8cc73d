import { describe, it, expect } from 'vitest';
import { readTerms } from './terms.js';

const categories = (data: Record<string, unknown>): string[] => readTerms(data, 'category', 'categories');

describe('readTerms', () => {
  it('reads a plural string of one word', () => {
    expect(categories({ categories: 'mindongribao' })).toEqual(['mindongribao']);
  });

  it('splits a plural string on any whitespace', () => {
    expect(categories({ categories: ' a  b\tc ' })).toEqual(['a', 'b', 'c']);
  });

  it('reads a plural list as written, keeping spaces inside an item', () => {
    expect(categories({ categories: ['21shijijingjibaodao 21caijingAPP', 'emnews'] })).toEqual([
      '21shijijingjibaodao 21caijingAPP',
      'emnews',
    ]);
  });

  it('takes the singular key whole, and prefers it over the plural', () => {
    expect(categories({ category: 'a b' })).toEqual(['a b']);
    expect(categories({ category: 'a b', categories: 'c d' })).toEqual(['a b']);
  });

  it('turns numbers into text', () => {
    expect(categories({ categories: [2022, 'emnews'] })).toEqual(['2022', 'emnews']);
    expect(categories({ categories: 2022 })).toEqual(['2022']);
  });

  it('drops empty items, nulls, nested maps, and repeats', () => {
    expect(categories({ categories: ['emnews', '', null, { a: 1 }, ' emnews ', '财经'] })).toEqual(['emnews', '财经']);
  });

  it('reads lists inside a plural list one level deep, as Jekyll flattens them', () => {
    expect(categories({ categories: [['a', 'b'], 'c', [['d']]] })).toEqual(['a', 'b', 'c']);
    expect(categories({ category: [['x'], 'y'] })).toEqual(['y']);
  });

  it('has no terms for a missing, null or empty key', () => {
    expect(categories({})).toEqual([]);
    expect(categories({ categories: null })).toEqual([]);
    expect(categories({ categories: '' })).toEqual([]);
  });

  it('normalizes to NFC so one name is one term', () => {
    expect(categories({ categories: ['cafe\u0301', 'caf\u00e9'] })).toEqual(['caf\u00e9']);
  });

  it('reads tags with their own keys', () => {
    expect(readTerms({ tags: '经济 民生', categories: 'x' }, 'tag', 'tags')).toEqual(['经济', '民生']);
  });
});
