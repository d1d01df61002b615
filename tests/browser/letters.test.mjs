// Letters' web pages in a real browser (issues 17 and 18):
//   1. a build of the example service with the letters' HTML copies, and one in a bilingual
//      (Welsh and English, side by side) copy of it;
//   2. every letter page passes axe (WCAG 2.0/2.1/2.2 A and AA), runs no script and asks for
//      nothing off the machine;
//   3. its letterhead shows who it is from and the date, and its phone numbers and emails are
//      `tel:` and `mailto:` links;
//   4. a bilingual page shows Welsh on the left and English on the right on a wide screen, one
//      above the other on a phone, with no sideways scroll at 320 pixels.
//
// Run with scripts/browser-test.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { checkEachPage, copyExampleService, iroBin, launch, newContext, openFile, runOk, tempDir } from './lib.mjs';

const AS_OF = '2026-11-27';

/** Every letter page (not a form, not the site) under `out`. */
function letterPages(out) {
  return fs
    .readdirSync(out, { recursive: true })
    .filter((f) => f.endsWith('.html') && !f.endsWith('-form.html') && !f.startsWith('site'))
    .sort()
    .map((f) => path.join(out, f));
}

/** The example service in `dir`, where Lily-Mae (NM-1003) and everyone in her case file ask
 * for an HTML copy (her file gives no one `formats:`). */
function serviceWithPages(dir, bilingual) {
  copyExampleService(dir);
  const p = path.join(dir, 'cases', 'NM-1003.yaml');
  const text = fs.readFileSync(p, 'utf8');
  assert.ok(!text.includes('formats:'), 'NM-1003 now has formats: change the edit below');
  fs.writeFileSync(
    p,
    text
      .replace(/^( {2}date_of_birth: .*)$/m, '$1\n  formats: [html]')
      .replace(/^( {4}role: .*)$/gm, '$1\n    formats: [html]'),
  );
  if (bilingual) {
    const p = path.join(dir, 'service.yaml');
    const text = fs
      .readFileSync(p, 'utf8')
      .replace('  language: en\n', '  language: en\n  bilingual:\n    languages: [cy, en]\n    layout: side-by-side\n');
    fs.writeFileSync(p, text);
  }
}

describe('letters as web pages in Chromium', () => {
  let tmp;
  let browser;
  let pages = [];
  let bilingualPages = [];

  test('iro build makes the letters as pages', { timeout: 600_000 }, async () => {
    const bin = iroBin();
    tmp = tempDir('iro-letters-');
    browser = await launch();
    for (const [name, bilingual] of [['plain', false], ['bilingual', true]]) {
      const dir = path.join(tmp, name);
      fs.mkdirSync(dir);
      serviceWithPages(dir, bilingual);
      const out = path.join(dir, 'out');
      runOk(bin, ['build', '--service', dir, '--out', out, '--case', 'NM-1003', '--as-of', AS_OF], {
        cwd: dir,
        timeoutMs: 290_000,
      });
      const made = letterPages(out);
      if (bilingual) bilingualPages = made;
      else pages = made;
    }
    assert.ok(pages.length >= 3, `only ${pages.length} letter pages`);
    assert.ok(bilingualPages.length >= 3, `only ${bilingualPages.length} bilingual pages`);
  });

  after(async () => {
    await browser?.close();
    if (tmp && !process.env.IRO_BROWSER_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('every letter page passes axe, with its letterhead and links', { timeout: 600_000 }, async (t) => {
    assert.ok(pages.length > 0, 'needs the build, which failed');
    const files = [...pages, ...bilingualPages];
    await checkEachPage(t, browser, files, (f) => path.relative(tmp, f), async (page, label) => {
      assert.equal(await page.locator('script').count(), 0, `${label} has a script`);
      const header = page.locator('header.letterhead');
      assert.ok(await header.isVisible(), `${label} has no letterhead`);
      const said = await header.textContent();
      // A bilingual letter's letterhead is in its first language: the service's Welsh name.
      assert.match(said, /Northmoor Independent Reviewing Service|Gwasanaeth Adolygu Annibynnol Northmoor/);
      assert.match(said, /(November|Tachwedd) 2026/);
      const tel = await page.locator('a[href^="tel:+44"]').count();
      const mail = await page.locator('a[href^="mailto:"]').count();
      assert.ok(tel >= 1 && mail >= 1, `${label}: ${tel} tel: and ${mail} mailto: links`);
    });
  });

  test('a bilingual page is side by side when wide and stacked on a phone', { timeout: 60_000 }, async () => {
    const file = bilingualPages.find((f) => f.endsWith('dad-invitation.html'));
    assert.ok(file, `no dad-invitation.html among ${bilingualPages.join(', ')}`);
    const context = await newContext(browser);
    try {
      const page = await openFile(context, file);
      await page.setViewportSize({ width: 1280, height: 900 });
      const box = async (lang) => page.locator(`section[lang="${lang}"]`).boundingBox();
      let [cy, en] = [await box('cy'), await box('en')];
      assert.ok(cy.x + cy.width <= en.x, `Welsh ${JSON.stringify(cy)} is not left of English ${JSON.stringify(en)}`);
      assert.ok(Math.abs(cy.y - en.y) < 2, 'the two columns start at the same height');
      await page.setViewportSize({ width: 320, height: 800 });
      [cy, en] = [await box('cy'), await box('en')];
      assert.ok(cy.y + cy.height <= en.y, 'on a phone the English comes below the Welsh');
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(sideways, false, 'the page scrolls sideways at 320 pixels');
    } finally {
      await context.close();
    }
  });
});
