import { getHeapSnapshot } from 'node:v8';

/**
 * How many objects are alive on the heap now, from a heap snapshot (which collects garbage
 * first). What a full garbage collection has to mark grows with this count more than with
 * bytes: a typed array of a thousand numbers is one object to mark, a thousand boxed numbers
 * are a thousand.
 */
export async function liveHeapObjects(): Promise<number> {
  const chunks: string[] = [];
  for await (const chunk of getHeapSnapshot()) chunks.push(String(chunk));
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[] } };
    nodes: number[];
  };
  return snapshot.nodes.length / snapshot.snapshot.meta.node_fields.length;
}
