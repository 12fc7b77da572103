import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as examples from './examples';
import {
  checkEnvelope,
  ClientEventMessageSchema,
  DEFAULT_FACILITATOR_CODES,
  KNOWN_STATS_SCHEMAS,
  MESSAGE_KINDS,
  toIngestAck,
} from './index';

const docs = readFileSync(join(__dirname, '../../../docs/protocol.md'), 'utf8');
const exampleByName: Record<string, unknown> = examples;

/** `<!-- example: NAME -->` or `<!-- ack-of: NAME -->`, then a ```json block. */
const blocks = [...docs.matchAll(/<!-- (example|ack-of): (\w+) -->\s*```json\n([\s\S]*?)```/g)].map(
  ([, what, name, json]) => ({ what, name, json }),
);

/** Shown through others: the header of EXAMPLE_ENVELOPE plus the stats message, and so on. */
const NOT_SHOWN_ON_THEIR_OWN = ['EXAMPLE_IDS', 'EXAMPLE_STATS_ENVELOPE', 'EXAMPLE_FACILITATOR_ENVELOPE'];

describe('docs/protocol.md', () => {
  it.each(blocks.filter(({ what }) => what === 'example'))('shows $name exactly as examples.ts exports it', (block) => {
    expect(JSON.parse(block.json)).toEqual(exampleByName[block.name]);
  });

  it.each(blocks.filter(({ what }) => what === 'ack-of'))('shows the ack that $name really earns', (block) => {
    expect(JSON.parse(block.json)).toEqual(toIngestAck(checkEnvelope(exampleByName[block.name])));
  });

  it('shows every example', () => {
    const shown = new Set(blocks.map(({ name }) => name));
    const missing = Object.keys(examples).filter((name) => !shown.has(name) && !NOT_SHOWN_ON_THEIR_OWN.includes(name));

    expect(missing).toEqual([]);
  });

  it.each(KNOWN_STATS_SCHEMAS.map((schema) => [schema.properties.type.const, schema] as const))(
    'lists exactly the typed fields of %s',
    (type, schema) => {
      const item = docs.split('\n').find((line) => line.startsWith(`- \`${type}\`: `));
      const listed = [...(item?.split(': ')[1] ?? '').matchAll(/`(\w+)`/g)].map(([, field]) => field);
      const typed = Object.keys(schema.properties).filter((field) => !['type', 'id', 'timestamp'].includes(field));

      expect(listed).toEqual(typed);
    },
  );

  it('names every message kind, client event type and default facilitator code', () => {
    const clientEventTypes = ClientEventMessageSchema.anyOf.map((schema) => schema.properties.type.const);
    const names = [...MESSAGE_KINDS, ...clientEventTypes, ...DEFAULT_FACILITATOR_CODES];

    expect(names.filter((name) => !docs.includes(`\`${name}\``))).toEqual([]);
  });
});
