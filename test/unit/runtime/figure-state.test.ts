// An essay's opening state for a figure (<Figure state={{…}}>): checked against the widget's schema, turned
// into the schema's defaults, and read by the server render (the per-page table) and by the browser (the
// <figure>'s data-figure-state attribute).
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import {
  figureStateOf,
  figureStateProblems,
  figureStateQuery,
  openingFields,
  openingState,
  setFigureState,
  withFigureState,
} from '../../../widgets/runtime/kit/figure-state.ts';
import { boolField, decodeState, defaultState, encodeState, enumField, intField, textField } from '../../../widgets/runtime/url-state.ts';
import OpeningState from './fixtures/OpeningState.svelte';

const schema = {
  text: textField({ default: 'The cat sat.' }),
  layer: intField({ min: 1, max: 4, default: 2 }),
  view: enumField(['heatmap', 'arcs'] as const, 'heatmap'),
  log: boolField(false),
};

describe('figureStateQuery', () => {
  it('writes each value as a link would carry it', () => {
    expect(figureStateQuery({ layer: 3, text: 'a b&c', log: true, view: 'arcs' })).toBe('layer=3&text=a+b%26c&log=1&view=arcs');
    expect(figureStateQuery(undefined)).toBe('');
    expect(figureStateQuery('layer=3')).toBe('');
  });
});

describe('figureStateProblems', () => {
  it('accepts the schema’s fields with values its fields take', () => {
    expect(figureStateProblems(schema, { layer: 4, text: 'anything', view: 'arcs', log: true })).toEqual([]);
  });

  it('names an unknown field and lists the fields there are', () => {
    expect(figureStateProblems(schema, { layers: 3 })).toEqual([
      'state field "layers" is not one of this widget\'s state fields (text, layer, view, log)',
    ]);
  });

  it('names a value the field rejects, with what the field takes', () => {
    const problems = figureStateProblems(schema, { layer: 9, view: 'bars', text: 'ok' });
    expect(problems).toEqual([
      'state field "layer": 9 is not a valid value (it takes integer 1…4)',
      'state field "view": "bars" is not a valid value (it takes one of heatmap, arcs)',
    ]);
  });

  it('rejects values that are not text, numbers or booleans, and a state that is not an object', () => {
    expect(figureStateProblems(schema, { layer: [3] })[0]).toMatch(/"layer": write its value as text, a number or true\/false/);
    expect(figureStateProblems(schema, { layer: Number.NaN })[0]).toMatch(/"layer": write its value/);
    expect(figureStateProblems(schema, 'layer=3')[0]).toMatch(/state must be an object/);
  });
});

describe('withFigureState', () => {
  it('makes the state the defaults: defaultState is it, and a link leaves out what equals it', () => {
    const opened = withFigureState(schema, figureStateQuery({ layer: 3, text: 'A dog ran.' }));
    expect(defaultState(opened)).toEqual({ text: 'A dog ran.', layer: 3, view: 'heatmap', log: false });
    // The reader's own changes are what a link carries, including a return to the widget's own default.
    expect(encodeState(opened, { text: 'A dog ran.', layer: 2, view: 'heatmap', log: false }, 'fig')).toEqual([['fig.layer', '2']]);
    // A link overrides the opening state field by field; the fields it lacks are the opening state's.
    expect(decodeState(opened, 'fig.layer=1', 'fig')).toEqual({ text: 'A dog ran.', layer: 1, view: 'heatmap', log: false });
  });

  it('leaves the schema as it is without a state, and ignores what its fields reject', () => {
    expect(withFigureState(schema, '')).toBe(schema);
    expect(withFigureState(schema, 'layer=9&nope=1')).toBe(schema);
    expect(schema.layer.default).toBe(2); // the widget's schema is never changed
  });
});

describe('the server render reads the figure’s state', () => {
  afterEach(() => setFigureState('fig', ''));

  it('openingState and openingFields follow the per-page table', () => {
    setFigureState('fig', 'layer=4');
    expect(figureStateOf('fig')).toBe('layer=4');
    expect(openingState(schema, 'fig').layer).toBe(4);
    expect(openingFields(schema, 'fig')).toEqual({ layer: 4 });
    // An embed page (namespace '') has no essay state.
    expect(figureStateOf('')).toBe('');
    setFigureState('fig', '');
    expect(openingState(schema, 'fig')).toEqual(defaultState(schema));
  });

  it('a view built on the kit’s url state paints the opening state on the server', () => {
    setFigureState('fig', figureStateQuery({ layer: 3, text: 'An essay’s text' }));
    const { body } = render(OpeningState, { props: { figureId: 'fig' } });
    expect(body).toContain('layer 3; text An essay’s text; opening layer 3');
    setFigureState('fig', '');
    expect(render(OpeningState, { props: { figureId: 'fig' } }).body).toContain('layer 2; text widget text; opening layer 2');
  });
});

describe('the browser reads the figure’s state from its element', () => {
  afterEach(() => {
    delete (globalThis as { document?: unknown }).document;
  });

  it('takes data-figure-state of the element with the figure’s id', () => {
    const figure = { getAttribute: (name: string) => (name === 'data-figure-state' ? 'layer=1' : null) };
    (globalThis as { document?: unknown }).document = { getElementById: (id: string) => (id === 'fig' ? figure : null) };
    expect(figureStateOf('fig')).toBe('layer=1');
    expect(figureStateOf('other')).toBe('');
  });
});
