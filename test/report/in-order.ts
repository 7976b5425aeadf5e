import assert from 'node:assert/strict';

/** Asserts that every piece occurs in `text`, and in the order given. */
export function assertInOrder(text: string, pieces: string[]): void {
  const positions = pieces.map((piece) => text.indexOf(piece));
  assert.ok(
    positions.every((p) => p >= 0),
    positions.join(','),
  );
  assert.deepEqual(
    [...positions].sort((a, b) => a - b),
    positions,
  );
}
