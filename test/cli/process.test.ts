/**
 * The CLI as users start it: a real process, real exit status. Most behaviour is tested
 * in-process (analyze.test.ts); these check the entry points themselves.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Report } from '../../src/pipeline/report.ts';
import { validateReport } from '../../src/report/validate.ts';
import { FR } from './helpers.ts';

function node(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('src/cli/main.ts run by node (npm run spinlens)', () => {
  it('prints a valid JSON report and exits 0', () => {
    const { status, stdout, stderr } = node([
      '--import',
      'tsx',
      'src/cli/main.ts',
      'analyze',
      '-f',
      'json',
      FR,
    ]);
    assert.equal(stderr, '');
    assert.equal(status, 0);
    assert.deepEqual(validateReport(JSON.parse(stdout) as Report), []);
  });

  it('exits 2 on a usage error and 1 on a missing file, without a stack trace', () => {
    const usage = node(['--import', 'tsx', 'src/cli/main.ts', 'analyze', '--format', 'pdf', FR]);
    assert.equal(usage.status, 2);
    const missing = node(['--import', 'tsx', 'src/cli/main.ts', 'analyze', 'missing.txt']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^spinlens: missing\.txt: [^\n]+\n$/);
  });
});

describe('a reader that goes away', () => {
  it('stops quietly when stdout is closed early (| head), exit 0', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'analyze', '-f', 'json', 'examples', 'examples', 'examples'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const [status] = (await once(child, 'close')) as [number | null];
    assert.doesNotMatch(stderr, /internal error|EPIPE/);
    assert.equal(status, 0);
  });
});

describe('bin/spinlens.js (the installed command)', {
  skip: !existsSync('dist/cli/main.js') && 'dist/ not built: run npm run build',
}, () => {
  it('runs the built CLI with the same exit codes', () => {
    const ok = node(['bin/spinlens.js', 'analyze', FR]);
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /^Le conseil municipal vote la rénovation du marché couvert\n/);
    assert.equal(node(['bin/spinlens.js', 'analyze', 'missing.txt']).status, 1);
    assert.equal(node(['bin/spinlens.js', 'analyze', '--bogus']).status, 2);
  });
});
