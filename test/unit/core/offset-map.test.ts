import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../../server/src/core/offset-map';

/** The map a naive per-character table gives, for comparison. */
function table(ops: Array<{ kind: 'copy' | 'escape'; doc: number; n: number }>) {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const op of ops) {
    if (op.kind === 'copy') for (let i = 0; i < op.n; i++) starts.push(op.doc + i), ends.push(op.doc + i + 1);
    else starts.push(op.doc), ends.push(op.doc + op.n);
  }
  return { starts, ends };
}

const ops = fc.array(
  fc.record({ kind: fc.constantFrom<'copy' | 'escape'>('copy', 'escape'), doc: fc.nat(1000), n: fc.integer({ min: 1, max: 6 }) }),
  { minLength: 1, maxLength: 30 },
);

function build(list: Array<{ kind: 'copy' | 'escape'; doc: number; n: number }>): OffsetMap {
  const map = new OffsetMap();
  for (const op of list) (op.kind === 'copy' ? map.copy(op.doc, op.n) : map.escape(op.doc, op.n));
  return map;
}

describe('OffsetMap', () => {
  it('maps every character like a per-character table', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const map = build(list);
        const { starts, ends } = table(list);
        expect(map.length).toBe(starts.length);
        for (let i = 0; i < starts.length; i++) {
          expect(map.start(i)).toBe(starts[i]);
          expect(map.end(i)).toBe(ends[i]);
        }
        expect(map.start(starts.length)).toBe(ends[ends.length - 1]);
      }),
    );
  });

  it('slices and appends like the table', () => {
    fc.assert(
      fc.property(ops, ops, fc.nat(), fc.nat(), (a, b, x, y) => {
        const map = build(a);
        map.append(build(b));
        const { starts, ends } = table([...a, ...b]);
        const from = x % starts.length;
        const to = from + (y % (starts.length - from + 1));
        const slice = map.slice(from, to);
        expect(slice.length).toBe(to - from);
        for (let i = from; i < to; i++) {
          expect(slice.start(i - from)).toBe(starts[i]);
          expect(slice.end(i - from)).toBe(ends[i]);
        }
      }),
    );
  });
});
