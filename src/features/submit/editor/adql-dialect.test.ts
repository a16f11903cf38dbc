import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import type { TapSchema } from '../../../protocol/tap';
import { completionNamespace, tableNameCompletions } from './adql-dialect';

const column = { name: 'ra', description: '', unit: 'deg', ucd: '', datatype: 'double', indexed: false, principal: false, primary: false };
const schemas: TapSchema[] = [
  {
    name: 'radio',
    description: '',
    tables: [
      { name: 'radio.fluxes_00001', schema: 'radio', description: 'Fluxes', type: 'table', columns: null, foreignKeys: [] },
      { name: 'radio.fluxes_00002', schema: 'radio', description: '', type: 'table', columns: null, foreignKeys: [] },
      { name: 'radio.sources', schema: 'radio', description: '', type: 'table', columns: [column], foreignKeys: [] },
    ],
  },
];

function complete(doc: string): CompletionResult | null {
  const state = EditorState.create({ doc });
  return tableNameCompletions(schemas)(new CompletionContext(state, doc.length, false)) as CompletionResult | null;
}

describe('completion of table names on a large service', () => {
  it('offers the tables of the schema typed before the dot, whose columns are not read', () => {
    const result = complete('SELECT * FROM radio.flu');
    expect(result?.from).toBe('SELECT * FROM radio.'.length);
    expect(result?.options.map((o) => o.label)).toEqual(['fluxes_00001', 'fluxes_00002']);
  });

  it('offers nothing after an unknown name or without a dot', () => {
    expect(complete('SELECT * FROM s.')).toBeNull();
    expect(complete('SELECT * FROM radio')).toBeNull();
  });

  it('leaves the tables with read columns to the schema completion, with their columns', () => {
    const namespace = completionNamespace(schemas) as Record<string, { children: Record<string, { children: { label: string }[] }> }>;
    expect(Object.keys(namespace['radio']!.children)).toEqual(['sources']);
    expect(namespace['radio']!.children['sources']!.children.map((c) => c.label)).toEqual(['ra']);
  });
});
