import { describe, expect, it } from 'vitest';
import { destinationProblem } from './check-destination.js';

describe('destinationProblem', () => {
  const root = '/srv/site';

  it('accepts _site and folders outside the site', () => {
    expect(destinationProblem(root, '/srv/site/_site')).toBeNull();
    expect(destinationProblem(root, '/var/www/news')).toBeNull();
    expect(destinationProblem(root, '/srv/site-out')).toBeNull();
  });

  it.each([
    ['/srv/site', 'site root'],
    ['/srv', 'contains the site root'],
    ['/', 'contains the site root'],
    ['/srv/site/posts', 'posts/'],
    ['/srv/site/_posts/out', '_posts/'],
    ['/srv/site/templates/x', 'templates/'],
    ['/srv/site/public', 'public/'],
  ])('refuses %s', (destination, reason) => {
    expect(destinationProblem(root, destination)).toContain(reason);
  });
});
