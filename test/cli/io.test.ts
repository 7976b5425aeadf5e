import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeInternal, useColor } from '../../src/cli/io.ts';

describe('useColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('colours a terminal, not a pipe or a file', () => {
    assert.equal(useColor(true, tty, {}), true);
    assert.equal(useColor(true, pipe, {}), false);
  });

  it('obeys --no-color and NO_COLOR before anything else', () => {
    assert.equal(useColor(false, tty, { FORCE_COLOR: '1' }), false);
    assert.equal(useColor(true, tty, { NO_COLOR: '1' }), false);
    assert.equal(useColor(true, tty, { NO_COLOR: '' }), true, 'an empty NO_COLOR is unset');
  });

  it('lets FORCE_COLOR colour a pipe, and FORCE_COLOR=0 turn a terminal off', () => {
    assert.equal(useColor(true, pipe, { FORCE_COLOR: '1' }), true);
    assert.equal(useColor(true, tty, { FORCE_COLOR: '0' }), false);
  });
});

describe('describeInternal', () => {
  const error = new Error('analyser exploded');

  it('is one line without SPINLENS_DEBUG', () => {
    assert.equal(describeInternal(error, {}), 'internal error: analyser exploded');
  });

  it('adds the stack trace with SPINLENS_DEBUG=1', () => {
    const text = describeInternal(error, { SPINLENS_DEBUG: '1' });
    assert.match(text, /^internal error: analyser exploded\nError: analyser exploded\n\s+at /);
  });
});
