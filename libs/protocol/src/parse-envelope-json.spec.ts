import { EXAMPLE_ENVELOPE } from './examples';
import { checkEnvelope, checkEnvelopeJson, parseEnvelopeJson } from './index';

describe(parseEnvelopeJson.name, () => {
  it('parses valid JSON', () => {
    expect(parseEnvelopeJson('{"a":[1,true,null,"x"]}')).toEqual({ ok: true, value: { a: [1, true, null, 'x'] } });
  });

  it.each<[string, string]>([
    ['{"a":}', "malformed JSON at position 5 (line 1, column 6): unexpected '}'"],
    ['{"a":1', 'malformed JSON at position 6 (line 1, column 7): unexpected end of input'],
    ['', 'malformed JSON at position 0 (line 1, column 1): unexpected end of input'],
    ['[1,2,]', "malformed JSON at position 5 (line 1, column 6): unexpected ']'"],
    ['{"a":1}x', "malformed JSON at position 7 (line 1, column 8): unexpected 'x' after the end of the JSON value"],
    [
      "{'a':1}",
      "malformed JSON at position 1 (line 1, column 2): expected a property name in double quotes, found '''",
    ],
    ['{"a" 1}', "malformed JSON at position 5 (line 1, column 6): expected ':' after the property name, found '1'"],
    ['{"a":1 "b":2}', "malformed JSON at position 7 (line 1, column 8): expected ',' or '}', found '\"'"],
    ['{\n  "a": tru\n}', "malformed JSON at position 9 (line 2, column 8): unexpected 't'"],
    ['{"a":"x\ny"}', 'malformed JSON at position 7 (line 1, column 8): control character in string (escape it)'],
    ['{"a":"\\q"}', 'malformed JSON at position 6 (line 1, column 7): invalid escape sequence in string'],
    ['{"a":"open', 'malformed JSON at position 5 (line 1, column 6): unterminated string'],
    ['{"a":-}', 'malformed JSON at position 5 (line 1, column 6): malformed number'],
    ['\uFEFF{}', 'malformed JSON at position 0 (line 1, column 1): unexpected U+FEFF'],
  ])('names the position of the error in %j', (text, reason) => {
    expect(parseEnvelopeJson(text)).toEqual({ ok: false, issue: { path: '', reason } });
  });

  it('copes with deeply nested input without overflowing the stack', () => {
    const text = '['.repeat(200_000);

    expect(parseEnvelopeJson(text)).toEqual({
      ok: false,
      issue: { path: '', reason: 'malformed JSON at position 200000 (line 1, column 200001): unexpected end of input' },
    });
  });
});

describe(checkEnvelopeJson.name, () => {
  it('checks a JSON envelope like checkEnvelope does', () => {
    expect(checkEnvelopeJson(JSON.stringify(EXAMPLE_ENVELOPE))).toEqual(checkEnvelope(EXAMPLE_ENVELOPE));
  });

  it('rejects malformed JSON as an envelope issue', () => {
    expect(checkEnvelopeJson('{"v":1,')).toEqual({
      ok: false,
      envelopeIssues: [
        { path: '', reason: 'malformed JSON at position 7 (line 1, column 8): unexpected end of input' },
      ],
      accepted: [],
      rejected: [],
    });
  });
});
