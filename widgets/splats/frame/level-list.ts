/**
 * The widget's "show one level" mode: every node at level k, plus every leaf shallower than k (a branch
 * that ends above k), all at blend 1. Each leaf is then covered exactly once, by its ancestor at level k or
 * by itself, so the image stays a whole scene at that resolution instead of dropping the short branches.
 */
import type { Cut } from '../cut.ts';
import type { SplatTree } from '../types.ts';

export function levelList(tree: Pick<SplatTree, 'level' | 'childCount'>, k: number, out: Cut): Cut {
  const { level, childCount } = tree;
  const m = level.length;
  let count = 0;
  // Nodes are breadth first, so levels never decrease along the array: stop at the first node below k.
  for (let n = 0; n < m; n++) {
    const l = level[n]!;
    if (l > k) break;
    if (l === k || childCount[n] === 0) {
      out.nodes[count] = n;
      out.blend[count] = 1;
      count++;
    }
  }
  out.count = count;
  return out;
}
