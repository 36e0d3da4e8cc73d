import { describe, expect, it } from 'vitest';
import { parsePostDate } from '../content/post-date.js';
import { expandPermalink } from './permalink.js';

const post = {
  slug: 'NW202202252289057147',
  date: parsePostDate('2022-02-25 09:55:40 +0800', 'Asia/Shanghai')!,
  categories: ['mindongribao'],
};

describe('expandPermalink', () => {
  it('gives Jekyll’s default /:categories/:year/:month/:day/:title.html', () => {
    expect(expandPermalink('/:categories/:year/:month/:day/:title.html', post, 'unicode')).toBe('mindongribao/2022/02/25/NW202202252289057147.html');
  });

  it('knows Jekyll’s named styles', () => {
    expect(expandPermalink('date', post, 'unicode')).toBe('mindongribao/2022/02/25/NW202202252289057147.html');
    expect(expandPermalink('pretty', post, 'unicode')).toBe('mindongribao/2022/02/25/NW202202252289057147/');
    expect(expandPermalink('ordinal', post, 'unicode')).toBe('mindongribao/2022/056/NW202202252289057147.html');
    expect(expandPermalink('none', post, 'unicode')).toBe('mindongribao/NW202202252289057147.html');
  });

  it('fills the other placeholders', () => {
    expect(expandPermalink('/:short_year/:i_month/:i_day/:hour:minute:second/:slug:output_ext', post, 'unicode')).toBe('22/2/25/095540/NW202202252289057147.html');
    expect(expandPermalink('/:year/W:week/:short_day/:title/', post, 'unicode')).toBe('2022/W08/Fri/NW202202252289057147/');
    expect(expandPermalink('/:short_month-:long_month/:w_year-:w_day-:long_day/:y_day/:name', post, 'unicode')).toBe('Feb-February/2022-5-Friday/056/NW202202252289057147');
  });

  it('leaves a placeholder it does not know as written', () => {
    expect(expandPermalink('/:year/:nope/:title.html', post, 'unicode')).toBe('2022/:nope/NW202202252289057147.html');
  });

  it('joins several categories lower-cased and drops the segment when there are none', () => {
    expect(expandPermalink('date', { ...post, categories: ['21shijijingjibaodao', '21caijingAPP'] }, 'unicode')).toBe('21shijijingjibaodao/21caijingapp/2022/02/25/NW202202252289057147.html');
    expect(expandPermalink('date', { ...post, categories: [] }, 'unicode')).toBe('2022/02/25/NW202202252289057147.html');
  });

  it('keeps categories from adding path segments of their own', () => {
    expect(expandPermalink('date', { ...post, categories: ['../../etc'] }, 'unicode')).toBe('etc/2022/02/25/NW202202252289057147.html');
    expect(expandPermalink('date', { ...post, slug: 'a/../b' }, 'unicode')).toBe('mindongribao/2022/02/25/a-..-b.html');
  });
});
