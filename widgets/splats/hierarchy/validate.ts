/**
 * Structural checks of a SplatTree, for tests and for trees that arrive from elsewhere (a Worker, a file).
 * Returns human-readable problems, none for a valid tree. Stops listing after a few dozen: one broken
 * index tends to break everything after it.
 */
import { COV_STRIDE, type SplatTree } from '../types.ts';

const MAX_PROBLEMS = 40;

export function treeProblems(tree: SplatTree): string[] {
  const problems: string[] = [];
  const report = (problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const m = tree.nodes.count;
  const lengths: [string, number, number][] = [
    ['nodes.mean', tree.nodes.mean.length, 3 * m],
    ['nodes.cov', tree.nodes.cov.length, COV_STRIDE * m],
    ['nodes.color', tree.nodes.color.length, 3 * m],
    ['nodes.opacity', tree.nodes.opacity.length, m],
    ['parent', tree.parent.length, m],
    ['childStart', tree.childStart.length, m],
    ['childCount', tree.childCount.length, m],
    ['level', tree.level.length, m],
    ['boxMin', tree.boxMin.length, 3 * m],
    ['boxMax', tree.boxMax.length, 3 * m],
    ['leafIndex', tree.leafIndex.length, m],
  ];
  for (const [name, actual, expected] of lengths) {
    if (actual !== expected) report(`${name} has length ${actual}, expected ${expected}`);
  }
  if (problems.length > 0) return problems;
  if (m < 1) return ['the tree has no nodes'];
  if (tree.parent[0] !== -1) report(`the root's parent is ${tree.parent[0]}, expected -1`);
  if (tree.level[0] !== 0) report(`the root's level is ${tree.level[0]}, expected 0`);

  // Breadth-first with contiguous children means the child blocks of the interior nodes, taken in node
  // order, tile 1 … m − 1 exactly. Then every non-root node has exactly one parent, and since parents come
  // before children there is no cycle: every node has exactly one path from the root.
  let nextChild = 1;
  let maxLevel = 0;
  const leafSeen = new Uint8Array(Math.max(0, tree.leafCount));
  let leaves = 0;
  for (let i = 0; i < m; i++) {
    if (i > 0 && tree.level[i] < tree.level[i - 1]) report(`node ${i}: level ${tree.level[i]} after ${tree.level[i - 1]} (not breadth-first)`);
    maxLevel = Math.max(maxLevel, tree.level[i]);
    const count = tree.childCount[i];
    const start = tree.childStart[i];
    if (count === 0) {
      leaves++;
      if (start !== -1) report(`leaf ${i}: childStart ${start}, expected -1`);
      const leaf = tree.leafIndex[i];
      if (!(leaf >= 0 && leaf < tree.leafCount)) report(`leaf ${i}: leafIndex ${leaf} outside 0 … ${tree.leafCount - 1}`);
      else if (leafSeen[leaf]++) report(`leafIndex ${leaf} appears more than once (again at node ${i})`);
      continue;
    }
    if (tree.leafIndex[i] !== -1) report(`interior node ${i}: leafIndex ${tree.leafIndex[i]}, expected -1`);
    if (count > 8) report(`node ${i}: ${count} children, at most 8`);
    if (start !== nextChild) report(`node ${i}: children start at ${start}, expected ${nextChild} (not contiguous or not breadth-first)`);
    if (start < 0 || start + count > m) {
      report(`node ${i}: children ${start} … ${start + count - 1} outside the tree`);
      continue;
    }
    nextChild = start + count;
    for (let c = start; c < start + count; c++) {
      if (tree.parent[c] !== i) report(`node ${c}: parent ${tree.parent[c]}, but it is a child of ${i}`);
      if (tree.level[c] !== tree.level[i] + 1) report(`node ${c}: level ${tree.level[c]}, its parent's is ${tree.level[i]}`);
      for (let axis = 0; axis < 3; axis++) {
        if (tree.boxMin[3 * c + axis] < tree.boxMin[3 * i + axis] || tree.boxMax[3 * c + axis] > tree.boxMax[3 * i + axis]) {
          report(`node ${c}: box not inside its parent ${i}'s along axis ${'xyz'[axis]}`);
        }
      }
    }
  }
  if (nextChild !== m) report(`nodes ${nextChild} … ${m - 1} are nobody's children (unreachable from the root)`);
  if (leaves !== tree.leafCount) report(`${leaves} leaves, but leafCount is ${tree.leafCount}`);
  for (let leaf = 0; leaf < leafSeen.length; leaf++) {
    if (!leafSeen[leaf]) {
      report(`leafIndex ${leaf} belongs to no leaf`);
      break;
    }
  }
  if (tree.depth !== maxLevel + 1) report(`depth ${tree.depth}, but the deepest level is ${maxLevel}`);
  return problems;
}
