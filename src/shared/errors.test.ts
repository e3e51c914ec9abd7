import { describe, expect, it } from 'vitest';
import { asKpError, badFile, badRow, ERROR_CATALOG, formatError, KpError, oneLine } from './errors.js';

describe('error catalog', () => {
  it('formats the one-line message from the structured fields', () => {
    expect(badRow('a.csv', 3, 'value', '"9" is not a rating 1..5').message).toBe(
      'a.csv:3: column value: "9" is not a rating 1..5',
    );
    expect(badRow('a.csv', 1, null, 'empty').message).toBe('a.csv:1: empty');
    expect(badFile('b.xlsx', 'cannot read the workbook').message).toBe('b.xlsx: cannot read the workbook');
    expect(formatError({ file: 'c.json', field: 'groups.1.weight', why: 'duplicate key' })).toBe(
      'c.json: groups.1.weight: duplicate key',
    );
    expect(
      formatError({
        file: 'x.gz',
        line: 17,
        table: 'responses',
        column: 'duration_s',
        why: 'expected a number',
      }),
    ).toBe('x.gz:17: table responses: column duration_s: expected a number');
    expect(new KpError('KP_NOT_FOUND', 'assessment "x" does not exist').message).toBe(
      'assessment "x" does not exist',
    );
  });

  it('never lets a control character into the line', () => {
    const e = badRow('a\r\nb.csv', 2, 'id\u0000', 'bad\u001b[31m value\nnext');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(e.message).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(e.message).toBe('a  b.csv:2: column id\\u0000: bad\\u001b[31m value next');
    expect(oneLine('tab\there')).toBe('tab here');
  });

  it('gives every code an HTTP status and an exit code', () => {
    for (const [code, spec] of Object.entries(ERROR_CATALOG)) {
      expect(spec.status, code).toBeGreaterThanOrEqual(400);
      expect(spec.status, code).toBeLessThan(600);
      expect(spec.exit, code).toBeGreaterThan(0);
    }
    expect(new KpError('KP_BAD_ARGUMENT', 'x').exitCode).toBe(2);
    expect(badRow('f', 2, 'c', 'w').status).toBe(422);
  });

  it('becomes a problem+json body naming the field, hiding internals of a 5xx', () => {
    expect(badRow('a.csv', 4, 'phone', 'not a phone number').toProblem('/api/v1/x')).toEqual({
      type: 'urn:kaoping:error:KP_IMPORT_BAD_ROW',
      title: 'Invalid row in input file',
      status: 422,
      code: 'KP_IMPORT_BAD_ROW',
      detail: 'a.csv:4: column phone: not a phone number',
      file: 'a.csv',
      line: 4,
      column: 'phone',
      instance: '/api/v1/x',
    });
    const internal = asKpError(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=secret'));
    expect(internal.code).toBe('KP_INTERNAL');
    expect(JSON.stringify(internal.toProblem())).not.toMatch(/ECONNREFUSED|secret/);
  });

  it('names a request field alone, and says when to retry', () => {
    expect(formatError({ field: 'answers.0.value', why: 'must be integer' })).toBe(
      'answers.0.value: must be integer',
    );
    expect(new KpError('KP_SIGN_IN_LOCKED', { why: 'locked', retryAfter: 900 }).toProblem()).toEqual({
      type: 'urn:kaoping:error:KP_SIGN_IN_LOCKED',
      title: 'Too many failed sign-ins',
      status: 429,
      code: 'KP_SIGN_IN_LOCKED',
      detail: 'locked',
      retryAfter: 900,
    });
  });

  it('keeps expected errors as they are', () => {
    const e = badFile('f', 'w');
    expect(asKpError(e)).toBe(e);
    expect(asKpError('plain', 'g.csv').message).toBe('g.csv: plain');
  });
});
