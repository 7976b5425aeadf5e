import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analysersByName, defaultAnalysers, UnknownAnalyserError } from '../../src/analysers/registry.ts';

describe('analyser registry', () => {
  it('ships language and repetition by default, with unique names', () => {
    const names = defaultAnalysers().map((a) => a.name);
    assert.ok(names.includes('language') && names.includes('repetition'));
    assert.equal(new Set(names).size, names.length);
  });

  it('picks analysers by name, in the order given, once each', () => {
    assert.deepEqual(
      analysersByName(['repetition', 'language', 'repetition']).map((a) => a.name),
      ['repetition', 'language'],
    );
  });

  it('rejects an unknown name with the list of known ones', () => {
    assert.throws(
      () => analysersByName(['language', 'sentiment']),
      (error: unknown) =>
        error instanceof UnknownAnalyserError &&
        /unknown analyser: sentiment/.test(error.message) &&
        /known: .*language.*repetition/.test(error.message),
    );
  });
});
