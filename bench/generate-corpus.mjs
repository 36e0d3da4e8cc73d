// Writes a deterministic corpus of news posts shaped like our users' archives:
// seed-shaped regional dailies (<p> bodies, subheadings, byline, em_media source, autolink,
// back-navigation), short wire items in markdown, and one-line eastmoney HTML.
// Usage: node bench/generate-corpus.mjs OUTDIR N [SEED]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: a small, fast, seedable PRNG, so every run writes the same corpus. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const outlets = [
  ['mindongribao', '闽东日报'], ['fuzhouribao', '福州日报'], ['xiamenribao', '厦门日报'], ['quanzhouwanbao', '泉州晚报'],
  ['zhangzhouxinwen', '漳州新闻'], ['putianribao', '莆田日报'], ['sanmingribao', '三明日报'], ['nanpingribao', '南平日报'],
  ['longyanribao', '龙岩日报'], ['haixiadaobao', '海峡导报'], ['dongnanzaobao', '东南早报'], ['fujianribao', '福建日报'],
];
const wire = [['emnews', '东财滚动'], ['cjkx', '财经快讯']];
const places = ['蕉城区', '福安市', '霞浦县', '古田县', '屏南县', '周宁县', '寿宁县', '柘荣县', '福鼎市', '晋江市', '石狮市', '德化县'];
const topics = ['乡村振兴', '产业升级', '生态保护', '民生保障', '科技创新', '招商引资', '文化旅游', '海洋经济', '人才引进', '基层治理'];
const sentences = [
  '今年以来，{p}围绕{t}这一中心任务，细化工作举措，压实各方责任。',
  '据统计，全年共完成投资{n}亿元，同比增长{m}%，增速位居全市前列。',
  '社区工作人员定期上门走访独居老人，了解他们的生活状况和实际需求。',
  '通过校企合作模式，当地培养了一大批技术技能人才，为产业发展提供了有力支撑。',
  '该负责人介绍，下一步将继续加大投入力度，力争早日建成一批示范项目。',
  '当天，来自各地的{n}多名代表齐聚一堂，围绕{t}展开深入交流研讨。',
  '眼下，正是农忙时节，田间地头到处是一派繁忙的景象。',
  '会议强调，要坚持问题导向，补齐短板弱项，切实把各项工作抓紧抓实抓细。',
  '多年来，当地始终坚持生态优先、绿色发展，守护好一方青山绿水。',
  '记者从有关部门了解到，截至目前，已累计服务群众{n}人次，群众满意度持续提升。',
];
const headings = ['坚持{t}，建设美丽家园', '聚焦{t}，跑出发展加速度', '深化改革，激发{t}新活力', '优化服务，打造{t}新高地', '党建引领，凝聚{t}强大合力'];
const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '林峰', '黄磊', '郑欣'];

export function generateCorpus(outDir, count, seed = 1) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  // Zipf-like: a few outlets publish most of the news.
  const outlet = () => {
    const all = [...outlets, ...wire];
    return all[Math.min(all.length - 1, Math.floor(all.length * random() ** 2.2))];
  };
  const fill = (text, topic, place) =>
    text.replace('{p}', place).replace(/\{t\}/g, topic).replace('{n}', String(100 + Math.floor(random() * 9000))).replace('{m}', String(2 + Math.floor(random() * 30)));
  const paragraph = (topic, place, n) => Array.from({ length: n }, () => fill(pick(sentences), topic, place)).join('');

  const postsDir = path.join(outDir, '_posts');
  rmSync(postsDir, { recursive: true, force: true });
  mkdirSync(postsDir, { recursive: true });
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2024, 11, 31) - start;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const when = new Date(start + Math.floor((span * i) / count) + Math.floor(random() * 3_600_000 * 20));
    const local = new Date(when.getTime() + 8 * 3_600_000);
    const day = local.toISOString().slice(0, 10);
    const time = local.toISOString().slice(11, 19);
    const id = `nw${day.replace(/-/g, '')}${String(i).padStart(7, '0')}`;
    const [slug, name] = outlet();
    const topic = pick(topics);
    const place = pick(places);
    const isWire = wire.some(([s]) => s === slug);
    const withOffset = random() < 0.8;
    const title = `${place}${topic}${pick(['取得新成效', '跑出加速度', '迈上新台阶', '再添新动能', '按下快进键'])}`;
    let body;
    if (isWire && random() < 0.7) {
      body = [
        random() < 0.3 ? `> ${paragraph(topic, place, 1)}\n` : '',
        paragraph(topic, place, 2 + Math.floor(random() * 3)),
        '',
        `<http://finance.example.com/news/${id}.html>`,
        '',
        `[返回${name}新闻](../${slug}/)`,
        '[返回首页](../)',
      ].join('\n');
    } else if (isWire) {
      // One-line eastmoney HTML with stock-quote spans.
      body = `<p style="display:none;"><br /></p><p>${paragraph(topic, place, 2)}<span id="stock_1.600${i % 1000}"><a href="http://quote.example.com/unify/r/1.600${i % 1000}" class="keytip" data-code="1,600${i % 1000}">某某股份</a></span>${paragraph(topic, place, 1)}</p><p><strong>${pick(headings).replace('{t}', topic)}</strong></p><p>${paragraph(topic, place, 3)}</p><p class="em_media">（文章来源：${name}）</p>\n\n<http://finance.example.com/a/${id}.html>\n\n[返回${name}新闻](//old.example.com/${slug}/)｜[返回首页](//old.example.com/)`;
    } else {
      const parts = [`<p>${paragraph(topic, place, 4)}</p>`];
      const sections = 2 + Math.floor(random() * 3);
      for (let s = 0; s < sections; s++) {
        parts.push(` <p>${pick(headings).replace('{t}', topic)}</p>`);
        for (let k = 0; k < 1 + Math.floor(random() * 3); k++) parts.push(` <p>${paragraph(topic, place, 3 + Math.floor(random() * 3))}</p>`);
      }
      parts.push(` <p>□ ${pick(['', '记者 ', '通讯员 '])}${pick(names)} </p><p class="em_media">（文章来源：${name}）</p>`);
      body = `${parts.join('\n')}\n\n<http://news.example.com/html_News/NewsShare.html?infoCode=${id}>\n\n[返回${name}新闻](//old.example.com/category/${slug}.html)｜[返回首页](//old.example.com/)`;
    }
    const text = `---\nlayout: post\ntitle: "${title}"\ndate: ${day} ${time}${withOffset ? ' +0800' : ''}\ncategories: ${slug}\ntags: ${name}新闻\n---\n${body}`;
    writeFileSync(path.join(postsDir, `${day}-${id}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return { posts: count, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outDir, count = '1000', seed = '1'] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: node bench/generate-corpus.mjs OUTDIR N [SEED]');
    process.exit(2);
  }
  const { posts, bytes } = generateCorpus(outDir, Number(count), Number(seed));
  console.log(`wrote ${posts} posts (${(bytes / 1048576).toFixed(1)} MiB) to ${path.join(outDir, '_posts')}`);
}
