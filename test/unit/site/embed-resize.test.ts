import { describe, expect, it } from 'vitest';
import { frameId, isEmbedHeightMessage, resizingEmbedCode } from '../../../src/lib/embed-resize.ts';
import { controlsHiddenByEmbed } from '../../../widgets/runtime/kit/embed-options.ts';

const page = 'https://dezoom.example/articles/x/?rf.layers=c3.1.1&other.n=2#intro';

describe('embeds that fit their frame', () => {
  it('the embed code is the iframe of the figure’s state plus a listener for that iframe’s height', () => {
    const code = resizingEmbedCode(page, 'rf', 'receptive-field', 'A "quoted" title');
    expect(code).toMatch(/^<iframe id="dezoom-receptive-field-rf" src="https:\/\/dezoom\.example\/embed\/receptive-field\/\?layers=c3\.1\.1"/);
    expect(code).toContain('title="A &quot;quoted&quot; title"');
    expect(code).toContain('e.source===f.contentWindow'); // only this iframe's messages resize it
    expect(code).toContain('"dezoom:embed-height"');
    expect(code).not.toContain('\n');
  });

  it('the no-controls option is part of the embed URL', () => {
    expect(resizingEmbedCode(page, 'rf', 'receptive-field', 't', { controls: false })).toContain('?layers=c3.1.1&amp;controls=0');
  });

  it('ids are safe inside the listener script whatever the figure id', () => {
    expect(frameId('a"b</script>', 'w')).toMatch(/^[a-zA-Z0-9-]+$/);
  });

  it('accepts only well-formed height messages', () => {
    expect(isEmbedHeightMessage({ type: 'dezoom:embed-height', height: 600, href: 'x' })).toBe(true);
    for (const bad of [null, 'x', { type: 'other', height: 1, href: '' }, { type: 'dezoom:embed-height', height: -1, href: '' }, { type: 'dezoom:embed-height', height: NaN, href: '' }])
      expect(isEmbedHeightMessage(bad)).toBe(false);
  });

  it('controls=0 hides the controls on embed pages only', () => {
    expect(controlsHiddenByEmbed('', '?layers=g&controls=0')).toBe(true);
    expect(controlsHiddenByEmbed('', '?controls=1')).toBe(false);
    expect(controlsHiddenByEmbed('rf', '?controls=0')).toBe(false);
  });
});
