/** A CHECK expression restricting a text column to a fixed set of values. */
export function sqlOneOf(column: string, values: readonly string[]): string {
  return `"${column}" IN (${values.map((value) => `'${value}'`).join(', ')})`;
}
