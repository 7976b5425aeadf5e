import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Report } from '../../src/pipeline/report.ts';
import { validateReport } from '../../src/report/validate.ts';
import { EN, FR, spinlens } from './helpers.ts';

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'spinlens-cli-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function parseLines(stdout: string): Report[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Report);
}

/** Every span of every finding slices the text it claims; the validator finds nothing wrong. */
function assertSound(report: Report): void {
  assert.deepEqual(validateReport(report), []);
  for (const f of report.findings) {
    if (!f.span) continue;
    const words = report.article.text.slice(f.span.start, f.span.end);
    assert.equal(words, words.trim(), `${f.label} span has no stray whitespace`);
    assert.ok(words.length > 0);
  }
}

describe('spinlens analyze: one article', () => {
  it('prints a text report with the paragraphs, their findings and a summary; exit 0', async () => {
    const { code, stdout, stderr } = await spinlens(['analyze', FR]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, /^Le conseil municipal vote la rénovation du marché couvert\n/);
    assert.match(stdout, /id marche-fr · language fr/);
    assert.match(stdout, /\n3 .?│ Le conseil municipal de Belleval a voté jeudi soir/);
    assert.match(stdout, /\n8 .?│ Le conseil municipal vote la rénovation du marché couvert\n/);
    assert.match(stdout, /── Repetitions ─+\n {2}paragraph ×2 verbatim/);
    assert.match(stdout, /── Summary/);
    assert.ok(!stdout.includes('\u001b['), 'no colours when stdout is not a terminal');
  });

  it('prints JSON that passes the schema validator', async () => {
    const { code, stdout } = await spinlens(['analyze', '--format', 'json', FR]);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as Report;
    assertSound(report);
    assert.equal(report.article.id, 'marche-fr');
    assert.equal(report.article.language.code, 'fr');
    assert.deepEqual(
      report.article.paragraphs.map((p) => p.line),
      [1, 3, 4, 5, 6, 7, 8],
    );
    assert.ok(report.findings.some((f) => f.analyser === 'repetition'));
    assert.ok(stdout.startsWith('{\n  "schema": "spinlens.report/1"'), 'indented');
  });

  it('writes a self-contained HTML page to --out', async () => {
    const out = join(scratch, 'one.html');
    const { code, stdout } = await spinlens(['analyze', '--format', 'html', '--out', out, FR]);
    assert.equal(code, 0);
    assert.equal(stdout, '');
    const html = await readFile(out, 'utf8');
    assert.match(html, /^<!doctype html>\n<html lang="fr">/);
    assert.match(html, /Content-Security-Policy/);
  });

  it('reads stdin when the input is -', async () => {
    const { code, stdout } = await spinlens(['analyze', '-f', 'json', '-'], {
      stdin: 'A short headline\n\nA first paragraph of plain English text about the weather today.\n',
    });
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as Report;
    assertSound(report);
    assert.equal(report.article.metadata.source, '-');
  });

  it('forces the language with --lang', async () => {
    const { code, stdout } = await spinlens(['analyze', '-f', 'json', '--lang', 'it', EN]);
    assert.equal(code, 0);
    assert.deepEqual((JSON.parse(stdout) as Report).article.language, {
      code: 'it',
      confidence: 1,
      method: 'override',
    });
  });

  it('runs only the analysers named with --analysers', async () => {
    const { code, stdout } = await spinlens(['analyze', '-f', 'json', '--analysers', 'language', FR]);
    assert.equal(code, 0);
    const report = JSON.parse(stdout) as Report;
    assert.deepEqual(
      report.analysers.map((a) => a.name),
      ['language'],
    );
    assert.ok(report.findings.every((f) => f.analyser === 'language'));
  });

  it('colours the text report on a terminal, but not with NO_COLOR or --no-color', async () => {
    assert.ok((await spinlens(['analyze', FR], { tty: true })).stdout.includes('\u001b['));
    assert.ok(
      !(await spinlens(['analyze', FR], { tty: true, env: { NO_COLOR: '1' } })).stdout.includes('\u001b['),
    );
    assert.ok(!(await spinlens(['analyze', '--no-color', FR], { tty: true })).stdout.includes('\u001b['));
  });
});

describe('spinlens analyze: several articles', () => {
  it('prints JSON Lines, one valid report per line, and a summary on stderr', async () => {
    const { code, stdout, stderr } = await spinlens(['analyze', '--format', 'json', FR, EN]);
    assert.equal(code, 0);
    const reports = parseLines(stdout);
    assert.deepEqual(
      reports.map((r) => r.article.id),
      ['marche-fr', 'ferry-en'],
    );
    for (const report of reports) assertSound(report);
    assert.match(stderr, /^spinlens: 2 articles analysed in \d+\.\d s/);
  });

  it('prints text reports one after another', async () => {
    const { code, stdout } = await spinlens(['analyze', FR, EN]);
    assert.equal(code, 0);
    assert.ok(stdout.indexOf('Le conseil municipal') < stdout.indexOf('Ferry service resumes'));
    assert.equal(stdout.match(/── Summary/g)?.length, 2);
  });

  it('refuses html for several articles without an --out directory (usage error)', async () => {
    const { code, stdout, stderr } = await spinlens(['analyze', '-f', 'html', FR, EN]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^spinlens: several articles as html need --out <directory>\//);
  });

  it('writes one html file per article into an --out directory', async () => {
    const dir = join(scratch, 'html-out/');
    const { code } = await spinlens(['analyze', '-f', 'html', '--out', dir, FR, EN]);
    assert.equal(code, 0);
    assert.deepEqual((await readdir(dir)).sort(), ['ferry-en.html', 'marche-fr.html']);
  });

  it('gives articles with the same id distinct files in an --out directory', async () => {
    const dir = join(scratch, 'json-out/');
    const { code } = await spinlens(['analyze', '-f', 'json', '--out', dir, FR, FR]);
    assert.equal(code, 0);
    assert.deepEqual((await readdir(dir)).sort(), ['marche-fr-2.json', 'marche-fr.json']);
    assertSound(JSON.parse(await readFile(join(dir, 'marche-fr-2.json'), 'utf8')) as Report);
  });

  it('reads a JSONL corpus', async () => {
    const corpus = join(scratch, 'corpus.jsonl');
    const records = [
      { uid: 'a1', body: 'The museum reopened on Sunday after a year of works on its roof.' },
      { uid: 'a2', body: 'Le musée a rouvert dimanche après un an de travaux sur sa toiture.' },
    ];
    await writeFile(corpus, records.map((r) => JSON.stringify(r)).join('\n'));
    const { code, stdout } = await spinlens([
      'analyze',
      '-f',
      'json',
      '--field',
      'id=uid',
      '--field',
      'text=body',
      corpus,
    ]);
    assert.equal(code, 0);
    const reports = parseLines(stdout);
    assert.deepEqual(
      reports.map((r) => [r.article.id, r.article.language.code]),
      [
        ['a1', 'en'],
        ['a2', 'fr'],
      ],
    );
  });
});

describe('spinlens analyze: failures and exit codes', () => {
  it('exits 1 and names a missing file', async () => {
    const { code, stdout, stderr } = await spinlens(['analyze', 'no/such/article.txt']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /^spinlens: no\/such\/article\.txt: .+\n$/);
  });

  it('analyses the others when one input is missing, and exits 1', async () => {
    const { code, stdout, stderr } = await spinlens(['analyze', '-f', 'json', FR, 'missing.txt', EN]);
    assert.equal(code, 1);
    assert.equal(parseLines(stdout).length, 2);
    assert.match(stderr, /^spinlens: missing\.txt: .+\nspinlens: 2 articles analysed, 1 failed in /);
  });

  it('analyses a directory of 1,000 articles with a corrupt one among them, reports it, exits 1', async () => {
    const dir = join(scratch, 'thousand');
    await mkdir(dir);
    for (let i = 0; i < 1000; i++) {
      const name = `article${String(i).padStart(4, '0')}.txt`;
      const body =
        i === 500
          ? Buffer.from([
              0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
            ])
          : `Report number ${i}\n\nThe harbour office counted ${i} boats this morning, more than last week.\nThe weather stayed calm.\n`;
      await writeFile(join(dir, name), body);
    }
    const { code, stdout, stderr } = await spinlens(['analyze', '--format', 'json', dir]);
    assert.equal(code, 1);
    const reports = parseLines(stdout);
    assert.equal(reports.length, 999);
    assert.ok(!reports.some((r) => r.article.id === '0500'));
    const lines = stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^spinlens: .*article0500\.txt: /);
    assert.match(lines[1]!, /^spinlens: 999 articles analysed, 1 failed in /);
  });

  it('exits 2 on an unknown option, with one clear line', async () => {
    const { code, stdout, stderr } = await spinlens(['analyze', '--bogus', FR]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, "spinlens: unknown option '--bogus'\n");
  });

  it('exits 2 on a bad --format value', async () => {
    const { code, stderr } = await spinlens(['analyze', '--format', 'pdf', FR]);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /^spinlens: option '-f, --format <format>' argument 'pdf' is invalid\. Allowed choices are text, json, html\.\n$/,
    );
  });

  it('exits 2 on an unknown analyser, a bad --lang, a bad --field', async () => {
    const unknown = await spinlens(['analyze', '--analysers', 'language,telepathy', FR]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^spinlens: unknown analyser: telepathy \(known: .*language.*\)/);
    const lang = await spinlens(['analyze', '--lang', 'French', FR]);
    assert.equal(lang.code, 2);
    assert.match(lang.stderr, /^spinlens: option '-l, --lang <code>' argument 'French' is invalid/);
    const field = await spinlens(['analyze', '--field', 'body', FR]);
    assert.equal(field.code, 2);
    assert.match(field.stderr, /argument 'body' is invalid\. expected <name>=<column>/);
  });

  it('exits 2 on an unknown command, a missing input and no arguments at all', async () => {
    assert.equal((await spinlens(['analyse', FR])).code, 2);
    assert.equal((await spinlens(['analyze'])).code, 2);
    const none = await spinlens([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: spinlens/);
  });

  it('exits 2 when --out cannot be written', async () => {
    const { code, stderr } = await spinlens([
      'analyze',
      '--out',
      join(scratch, 'no/such/dir/report.txt'),
      FR,
    ]);
    assert.equal(code, 2);
    assert.match(stderr, /^spinlens: .*report\.txt: cannot write: /);
  });
});

describe('spinlens --help and --version', () => {
  it('documents commands, examples and exit codes; exits 0', async () => {
    const { code, stdout } = await spinlens(['--help']);
    assert.equal(code, 0);
    for (const text of ['analyze', 'Examples:', 'Exit status:', '2  usage error'])
      assert.ok(stdout.includes(text), text);
    const analyze = await spinlens(['analyze', '--help']);
    assert.equal(analyze.code, 0);
    for (const option of [
      '--format',
      '--lang',
      '--input-format',
      '--field',
      '--analysers',
      '--out',
      '--no-color',
    ]) {
      assert.ok(analyze.stdout.includes(option), option);
    }
  });

  it('prints the version', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    assert.deepEqual(await spinlens(['--version']), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});
