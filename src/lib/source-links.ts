/**
 * "Edit this page" and "History" links from an essay to its source file, for the repository the site was built
 * from: REPOSITORY_URL (and REPOSITORY_BRANCH, default main) at build time, else what GitHub Actions
 * (GITHUB_SERVER_URL + GITHUB_REPOSITORY, GITHUB_REF_NAME) or Netlify (REPOSITORY_URL, BRANCH) provide. The
 * project has no public address of its own yet, so without any of them there are no links (docs/DEPLOY.md).
 */
export interface SourceLinks {
  edit: string;
  history: string;
}

type Env = Record<string, string | undefined>;

export function repositoryOf(env: Env): { url: string; branch: string } | null {
  const fromActions = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}` : undefined;
  const raw = env.REPOSITORY_URL || fromActions;
  if (!raw) return null;
  // git@host:owner/repo(.git) and https://host/owner/repo(.git) both become https://host/owner/repo.
  const url = raw.replace(/^git@([^:]+):/, 'https://$1/').replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  if (!/^https:\/\/[^/]+\/.+/.test(url)) return null;
  return { url, branch: env.REPOSITORY_BRANCH || env.GITHUB_REF_NAME || env.BRANCH || 'main' };
}

/** Links for a file given relative to the repository's root, e.g. content/articles/x.mdx; null without a repository. */
export function sourceLinks(file: string, env: Env = process.env): SourceLinks | null {
  const repo = repositoryOf(env);
  if (!repo) return null;
  const path = file.replace(/^\.?\//, '').split('/').map(encodeURIComponent).join('/');
  const branch = encodeURIComponent(repo.branch);
  const gitlab = /gitlab/.test(new URL(repo.url).host);
  return gitlab
    ? { edit: `${repo.url}/-/edit/${branch}/${path}`, history: `${repo.url}/-/commits/${branch}/${path}` }
    : { edit: `${repo.url}/edit/${branch}/${path}`, history: `${repo.url}/commits/${branch}/${path}` };
}
