import { describe, expect, it } from 'vitest';
import { findUnsafeMarkup } from './find-unsafe.js';
import { htmlTree } from '../test-support/test-trees.js';

describe('findUnsafeMarkup', () => {
  it('reports a script element with its line', () => {
    expect(findUnsafeMarkup(htmlTree('<p>正文</p>\n<script>alert(1)</script>'))).toEqual([{ what: '<script>', line: 2 }]);
  });

  it('reports event-handler attributes with their line', () => {
    expect(findUnsafeMarkup(htmlTree('<p>正文</p>\n\n<img src="x" onerror="alert(1)">\n<p onClick="x()">点</p>'))).toEqual([
      { what: 'onerror attribute', line: 3 },
      { what: 'onclick attribute', line: 4 },
    ]);
  });

  it('reports javascript: URLs, also when entities or white space hide the scheme', () => {
    const tree = htmlTree('<a href="javascript:alert(1)">一</a>\n<a href="jav&#x09;ascript:alert(1)">二</a>\n<a href=" JAVASCRIPT:alert(1)">三</a>');
    expect(findUnsafeMarkup(tree)).toEqual([
      { what: 'javascript: URL in href', line: 1 },
      { what: 'javascript: URL in href', line: 2 },
      { what: 'javascript: URL in href', line: 3 },
    ]);
  });

  it('reports other elements that can run or load code', () => {
    const found = findUnsafeMarkup(htmlTree('<iframe srcdoc="x"></iframe><svg></svg><style>p{}</style><object></object>'));
    expect(found.map((item) => item.what)).toEqual(['<iframe>', '<svg>', '<style>', '<object>']);
  });

  it('reports an SVG data: image but not a raster one', () => {
    const found = findUnsafeMarkup(htmlTree('<img src="data:image/png;base64,iVBORw0KGgo="><img src="data:image/svg+xml;base64,PHN2Zz4=">'));
    expect(found).toEqual([{ what: 'data: URL in src', line: 1 }]);
  });

  it('reports a javascript: URL among the candidates of a srcset, but not a raster data: one', () => {
    const found = findUnsafeMarkup(htmlTree('<img src="a.png" srcset="data:image/png;base64,iVBORw0KGgo= 1x, javascript:alert(1) 2x">\n<img srcset="a.png 1x, b.png 2x">'));
    expect(found).toEqual([{ what: 'javascript: URL in srcSet', line: 1 }]);
  });

  it('reports nothing in an ordinary news body', () => {
    const tree = htmlTree('<p class="em_media" style="text-align:center">（文章来源：海风日报）</p><p><a href="https://news.example.cn/">原文</a><img src="https://img.example.cn/a.jpg"></p>');
    expect(findUnsafeMarkup(tree)).toEqual([]);
  });
});
