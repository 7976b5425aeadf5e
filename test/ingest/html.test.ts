import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isFurnitureLine } from '../../src/article/html.ts';
import { assertOffsets, fixture, readFailure, readOne, tempDir } from './helpers.ts';

/** Page furniture that must not reach the article text. */
function assertNoneOf(text: string, fragments: string[]): void {
  for (const fragment of fragments)
    assert.ok(!text.includes(fragment), `article text contains "${fragment}"`);
}

describe('saved HTML pages', () => {
  it('extracts an English news page: prose, title, byline, date, outlet, URL, language', async () => {
    const article = await readOne(fixture('tram-vote-en.html'));
    assert.equal(article.id, 'tram-vote-en');
    assert.equal(article.title, 'Council approves northern tram extension after marathon session');
    assert.deepEqual(article.metadata, {
      format: 'html',
      source: fixture('tram-vote-en.html'),
      encoding: 'utf-8',
      outlet: 'The Harbour Gazette',
      url: 'https://harbour-gazette.example/news/2024/03/tram-extension-approved',
      author: 'Priya Castellane',
      published: '2024-03-14T18:05:00+00:00',
    });
    assert.deepEqual(article.language, { code: 'en', confidence: 0.9, method: 'metadata' });
    const texts = article.paragraphs.map((p) => p.text);
    assert.equal(texts[0], article.title);
    assert.equal(
      texts[1],
      'Councillors voted 31 to 19 on Thursday evening to extend the city’s tram network to the northern estates, ending a debate that had dragged on for almost seven hours.',
    );
    assert.ok(texts.includes('Opposition warns of costs'), 'h2 kept');
    assert.ok(
      texts.includes(
        'We are being asked to sign a blank cheque for a railway that half of this city will never use.',
      ),
      'blockquote kept',
    );
    assert.ok(texts.includes('Trams every six minutes at peak times.'), 'list item kept');
    assert.ok(
      texts.some((t) => t.includes('the budget relied on optimistic passenger forecasts')),
      'spaces collapsed',
    );
    assert.ok(
      texts.some((t) => t.startsWith('The £412m scheme')),
      'entities decoded',
    );
    assertNoneOf(article.text, [
      'Sport',
      'Search',
      'Advertisement',
      'Share',
      'Photograph',
      'Photo:',
      'Tomasz Wren',
      'A tram leaves the Quayside depot',
      'newsletter',
      'Related stories',
      'Bus fares',
      'All rights reserved',
      'Transport correspondent',
      'dataLayer',
    ]);
  });

  it('lays the text out as title and paragraphs separated by blank lines, lines 1, 3, 5...', async () => {
    const article = await readOne(fixture('tram-vote-en.html'));
    assert.equal(article.text, article.paragraphs.map((p) => p.text).join('\n\n'));
    assert.deepEqual(
      article.paragraphs.map((p) => p.line),
      article.paragraphs.map((_, i) => 1 + 2 * i),
    );
    assert.deepEqual(
      article.paragraphs.map((p) => p.kind),
      ['title', ...article.paragraphs.slice(1).map(() => 'body')],
    );
    assertOffsets(article);
  });

  it('extracts a French page: JSON-LD date and author, furniture in French left out', async () => {
    const article = await readOne(fixture('canicule-fr.html'));
    assert.equal(article.title, "Sécheresse : le plateau restreint l'usage de l'eau dès lundi");
    assert.equal(article.metadata.author, 'Hélène Marchetti');
    assert.equal(article.metadata.published, '2023-08-02T09:30:00+02:00');
    assert.equal(article.metadata.outlet, 'Le Courrier du Plateau');
    assert.equal(article.metadata.url, 'https://courrier-plateau.example/region/secheresse-restrictions-eau');
    assert.equal(article.language.code, 'fr');
    assert.equal(article.language.method, 'metadata');
    const texts = article.paragraphs.map((p) => p.text);
    assert.ok(texts[1]!.startsWith('La préfecture a placé lundi trente-deux communes'));
    assert.ok(
      texts.includes(
        '«\u00a0Nous n’avons jamais vu la Sorne aussi basse en début d’août\u00a0», confie Marc Dubreuil, agriculteur à Saint-Aubin, qui a dû vendre une partie de son troupeau.',
      ),
      'quotes with no-break spaces kept',
    );
    assert.ok(texts.includes('Des dérogations pour les maraîchers'), 'h3 kept');
    assert.equal(texts.length, 7);
    assertNoneOf(article.text, [
      'cookies',
      'Accueil',
      'Partager',
      'Copier le lien',
      'Photo Julien Ferrand',
      'Crédit photo',
      'Publicité',
      'Lire aussi',
      'nappes phréatiques',
      'Incendie',
      'Mentions légales',
    ]);
    assertOffsets(article);
  });

  it('lets --lang override the page language', async () => {
    const article = await readOne(fixture('canicule-fr.html'), { lang: 'de' });
    assert.deepEqual(article.language, { code: 'de', confidence: 1, method: 'override' });
  });

  it('detects the language when the page does not declare one, and decodes a declared legacy charset', async () => {
    const dir = await tempDir();
    const path = join(dir, 'novosti.html');
    const body =
      '<p>Городской совет утвердил новый план строительства трамвайной линии, которая соединит вокзал с северными районами.</p>' +
      '<p>Работы начнутся весной следующего года и продлятся около трёх лет, сообщили в администрации города.</p>';
    const html = `<html><head><meta charset="windows-1251"><title>Новая линия трамвая</title></head><body><article>${body}</article></body></html>`;
    const bytes = Buffer.from(new Uint8Array([...html].map(cp1251)));
    await writeFile(path, bytes);
    const article = await readOne(path);
    assert.equal(article.metadata.encoding, 'windows-1251');
    assert.equal(article.title, 'Новая линия трамвая');
    assert.equal(article.language.code, 'ru');
    assert.equal(article.language.method, 'detected');
    assert.ok(article.paragraphs[1]!.text.startsWith('Городской совет утвердил'));
    assertOffsets(article);
  });

  it('takes the date from <time datetime> when no meta or JSON-LD gives it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'time.html');
    await writeFile(
      path,
      `<html lang="en"><head><title>Library hours</title></head><body><article><h1>Library hours</h1>
      <p>Published <time datetime="2024-01-05">5 January</time></p>
      <p>The central library will open on Sundays from February, the city announced on Friday after a public consultation.</p>
      </article></body></html>`,
    );
    const article = await readOne(path);
    assert.equal(article.metadata.published, '2024-01-05');
    assert.equal(article.title, 'Library hours');
    assert.ok(
      article.paragraphs.every((p, i) => i === 0 || p.text !== 'Library hours'),
      'h1 not repeated',
    );
  });

  it('fails clearly on a page with no article text', async () => {
    const dir = await tempDir();
    const path = join(dir, 'empty-page.html');
    await writeFile(
      path,
      '<html><head><title>Nothing</title></head><body><nav><a href="/">Home</a></nav></body></html>',
    );
    const error = await readFailure(path);
    assert.equal(error.message, `${path}: no article text found in the page`);
  });
});

describe('furniture lines', () => {
  it('recognises photo credits, ad labels and cross-links in several languages', () => {
    for (const line of [
      'Photo: Tomasz Wren',
      'Photograph: A. Name/Agency',
      '(Photo: Reuters)',
      'Crédit photo : Julien Ferrand / Le Courrier du Plateau',
      'Photo Julien Ferrand',
      'Foto: Marco Bianchi',
      'Bild: dpa',
      'Фото: пресс-служба',
      '© Anna Kowalska',
      'Advertisement',
      'Publicité',
      'Lire aussi : Les nappes phréatiques au plus bas',
      'Lesen Sie auch: Neue Brücke',
      'Читайте также: новости',
    ]) {
      assert.equal(isFurnitureLine(line), true, line);
    }
  });

  it('keeps sentences that merely start with a credit word', () => {
    for (const line of [
      'Images of the flood spread quickly on social media after the storm.',
      'Photos taken by residents show the water reaching the first floor.',
      'Foto e video hanno fatto il giro del paese in poche ore.',
    ]) {
      assert.equal(isFurnitureLine(line), false, line);
    }
  });
});

/** Windows-1251 byte of a character (Cyrillic and ASCII only: enough for this test). */
function cp1251(char: string): number {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  if (code === 0x451) return 0xb8; // ё
  if (code === 0x401) return 0xa8; // Ё
  throw new Error(`no Windows-1251 byte for ${char}`);
}
