import { describe, expect, it } from 'vitest';
import { repositoryOf, sourceLinks } from '../../../src/lib/source-links.ts';

const FILE = 'content/articles/why-stack-layers.mdx';

describe('source links', () => {
  it('are absent when the build knows no repository', () => {
    expect(sourceLinks(FILE, {})).toBeNull();
    expect(sourceLinks(FILE, { REPOSITORY_URL: 'not a url' })).toBeNull();
  });

  it('point to GitHub’s edit and history pages of the file', () => {
    expect(sourceLinks(FILE, { REPOSITORY_URL: 'https://github.com/ada/dezoom.git', REPOSITORY_BRANCH: 'main' })).toEqual({
      edit: 'https://github.com/ada/dezoom/edit/main/content/articles/why-stack-layers.mdx',
      history: 'https://github.com/ada/dezoom/commits/main/content/articles/why-stack-layers.mdx',
    });
  });

  it('use GitHub Actions’ and Netlify’s variables, and GitLab’s URL shape', () => {
    expect(repositoryOf({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'ada/dezoom', GITHUB_REF_NAME: 'trunk' })).toEqual({
      url: 'https://github.com/ada/dezoom',
      branch: 'trunk',
    });
    expect(repositoryOf({ REPOSITORY_URL: 'git@github.com:ada/dezoom.git', BRANCH: 'dev' })).toEqual({ url: 'https://github.com/ada/dezoom', branch: 'dev' });
    expect(sourceLinks(FILE, { REPOSITORY_URL: 'https://gitlab.com/ada/dezoom' })!.edit).toBe('https://gitlab.com/ada/dezoom/-/edit/main/content/articles/why-stack-layers.mdx');
  });
});
