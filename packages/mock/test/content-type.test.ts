// Issue 25 item 11: every multipart body the mock accepts is parsed one way only. The Content-Type is
// parsed once, strictly; busboy and the part counter read the same boundary. Spellings on which two
// readings differed (an escaped quote or backslash in a quoted boundary, `boundary=` inside another
// parameter's quoted value, an empty boundary) answered 201 while busboy skipped a part.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockServer, MultipartError, startMockServer } from '../src/index.js';
import { multipartBoundary } from '../src/multipart.js';
import { paths } from './helpers.js';
import { post } from './raw.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.clearRequests());

/** A body of `boundary`: a valid text part, a part without Content-Disposition (busboy skips it), another text part. */
const withHeaderlessPart = (boundary: string) =>
  [
    `--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi`,
    `--${boundary}\r\nContent-Type: text/plain\r\n\r\nlost?`,
    `--${boundary}--\r\n`,
  ].join('\r\n');

/** A valid body of `boundary`: one text part. */
const valid = (boundary: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n--${boundary}--\r\n`;

const send = (contentType: string, body: string) =>
  post(`${mock.url}${paths.sendMessage}`, body, { 'content-type': contentType });

describe('Content-Type spellings that two readings disagreed on: never a 201 with a part lost', () => {
  it.each([
    ['an escaped quote in a quoted boundary', 'multipart/form-data; boundary="a\\"b"', 'a"b'],
    ['an escaped backslash in a quoted boundary', 'multipart/form-data; boundary="a\\\\b"', 'a\\b'],
    ['an empty quoted boundary', 'multipart/form-data; boundary=""', ''],
    ['two boundary parameters', 'multipart/form-data; boundary=AAA; boundary=BBB', 'AAA'],
    ['two boundary parameters, the second one used', 'multipart/form-data; boundary=AAA; boundary=BBB', 'BBB'],
    ['spaces around =', 'multipart/form-data; boundary = AAA', 'AAA'],
    ['a boundary longer than 70 characters', `multipart/form-data; boundary=${'b'.repeat(71)}`, 'b'.repeat(71)],
    ['a boundary with a character RFC 2046 does not allow', 'multipart/form-data; boundary=a*b', 'a*b'],
    ['junk after the parameters', 'multipart/form-data; boundary=AAA junk', 'AAA'],
  ])('%s: refused as malformed, naming the Content-Type problem', async (_label, contentType, boundary) => {
    const res = await send(contentType, withHeaderlessPart(boundary));
    expect(res.status).toBe(422); // sendMessage documents no 400: errors/invalid_message
    expect(res.json.type).toBe('errors/invalid_message');
    expect(res.json.detail).toMatch(/Content-Type|boundary/);
  });

  it('`boundary=` inside another quoted parameter: read as the real boundary by both, so the lost part is refused', async () => {
    const contentType = 'multipart/form-data; x="; boundary=AAA"; boundary=BBB';
    const res = await send(contentType, withHeaderlessPart('BBB'));
    expect(res.status).toBe(422);
    expect(res.json.detail).toContain('1 of 2 parts could not be read');
    // And a valid body in that spelling is read whole.
    expect((await send(contentType, valid('BBB'))).status).toBe(201);
  });

  it.each([
    ['upper case type and parameter name', 'Multipart/Form-Data; BOUNDARY=XyZ', 'XyZ'],
    ['a quoted boundary with inner spaces', 'multipart/form-data; boundary="a b c"', 'a b c'],
    ['a trailing parameter', 'multipart/form-data; boundary=XYZ; charset=utf-8', 'XYZ'],
    ['a quoted trailing parameter with ; inside', 'multipart/form-data; boundary=XYZ; note="a; boundary=Q"', 'XYZ'],
    ['whitespace before ;', 'multipart/form-data ; boundary=XYZ', 'XYZ'],
    [
      'the boundary curl writes',
      'multipart/form-data; boundary=------------------------d74496d66958873e',
      '------------------------d74496d66958873e',
    ],
  ])('%s: accepted, every part read', async (_label, contentType, boundary) => {
    const res = await send(contentType, valid(boundary));
    expect(res.status).toBe(201);
    expect(mock.requests()[0]?.parts).toEqual([
      { kind: 'field', name: 'text', value: 'hi', contentType: 'text/plain', size: 2 },
    ]);
    // The same spelling with a part busboy cannot read is refused, not answered 201.
    expect((await send(contentType, withHeaderlessPart(boundary))).status).toBe(422);
  });
});

describe('multipartBoundary', () => {
  it('returns the boundary, unquoted; throws a MultipartError naming the problem otherwise', () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/form-data;boundary=X')).toBe('X');
    expect(() => multipartBoundary('multipart/form-data; boundary=A; BOUNDARY=B')).toThrow(/twice/);
    expect(() => multipartBoundary('multipart/form-data')).toThrow(/no boundary/);
    expect(() => multipartBoundary('text/plain; boundary=X')).toThrow(MultipartError);
    expect(() => multipartBoundary(undefined)).toThrow(MultipartError);
  });
});
