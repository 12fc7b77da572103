/** Where and why a JSON text is malformed, for a reason that names the position. */
export interface JsonSyntaxError {
  position: number;
  problem: string;
}

type Expecting = 'value' | 'value-or-]' | 'key' | 'key-or-}' | 'colon' | 'after-value';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const LITERALS = ['true', 'false', 'null'];

/**
 * Finds the first syntax error. Only used after JSON.parse has failed, because V8's messages
 * name the position for some errors and not for others. Iterative, so deeply nested input
 * cannot overflow the stack.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const open: string[] = [];
  let expecting: Expecting = 'value';
  let index = 0;
  const fail = (problem: string): JsonSyntaxError => ({ position: index, problem });

  for (;;) {
    while (index < text.length && ' \t\n\r'.includes(text[index])) index++;
    if (index >= text.length) {
      return expecting === 'after-value' && open.length === 0 ? undefined : fail('unexpected end of input');
    }
    const char = text[index];
    switch (expecting) {
      case 'value-or-]':
      case 'value':
        if (expecting === 'value-or-]' && char === ']') {
          open.pop();
          index++;
          expecting = 'after-value';
        } else if (char === '{' || char === '[') {
          open.push(char);
          index++;
          expecting = char === '{' ? 'key-or-}' : 'value-or-]';
        } else {
          const end = scalarEnd(text, index);
          if (typeof end !== 'number') return end;
          index = end;
          expecting = 'after-value';
        }
        break;
      case 'key-or-}':
      case 'key':
        if (expecting === 'key-or-}' && char === '}') {
          open.pop();
          index++;
          expecting = 'after-value';
        } else if (char === '"') {
          const end = stringEnd(text, index);
          if (typeof end !== 'number') return end;
          index = end;
          expecting = 'colon';
        } else {
          return fail(`expected a property name in double quotes, found ${show(char)}`);
        }
        break;
      case 'colon':
        if (char !== ':') return fail(`expected ':' after the property name, found ${show(char)}`);
        index++;
        expecting = 'value';
        break;
      case 'after-value': {
        const container = open[open.length - 1];
        const closer = container === '{' ? '}' : ']';
        if (container === undefined) return fail(`unexpected ${show(char)} after the end of the JSON value`);
        if (char === ',') {
          index++;
          expecting = container === '{' ? 'key' : 'value';
        } else if (char === closer) {
          open.pop();
          index++;
        } else {
          return fail(`expected ',' or '${closer}', found ${show(char)}`);
        }
        break;
      }
    }
  }
}

function scalarEnd(text: string, start: number): number | JsonSyntaxError {
  const char = text[start];
  if (char === '"') return stringEnd(text, start);
  if (char === '-' || (char >= '0' && char <= '9')) {
    NUMBER.lastIndex = start;
    return NUMBER.test(text) ? NUMBER.lastIndex : { position: start, problem: 'malformed number' };
  }
  const literal = LITERALS.find((word) => text.startsWith(word, start));
  if (literal) return start + literal.length;
  return { position: start, problem: `unexpected ${show(char)}` };
}

function stringEnd(text: string, start: number): number | JsonSyntaxError {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') return index + 1;
    if (char === '\\') {
      ESCAPE.lastIndex = index;
      if (!ESCAPE.test(text)) return { position: index, problem: 'invalid escape sequence in string' };
      index = ESCAPE.lastIndex;
    } else if (char < ' ') {
      return { position: index, problem: 'control character in string (escape it)' };
    } else {
      index++;
    }
  }
  return { position: start, problem: 'unterminated string' };
}

/** One character, shown without echoing a run of client text. */
function show(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code > 0x20 && code < 0x7f ? `'${char}'` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
