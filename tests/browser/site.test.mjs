// The public information site in a real browser, in English (`site/`) and Welsh (`site/cy/`):
//   1. `iro build --only site` on a copy of the example service;
//   2. every page of both languages passes axe (WCAG 2.0/2.1/2.2 A and AA), says its language,
//      runs no script and asks for nothing off the machine;
//   3. the skip link is the first thing the keyboard reaches, and takes focus to the content;
//   4. the language switch is reached by keyboard and opens the same page in the other
//      language, and back;
//   5. at 400 percent zoom (a 320 pixel wide window) no page scrolls sideways.
//
// Run with scripts/browser-test.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import {
  checkEachPage,
  copyExampleService,
  iroBin,
  launch,
  newContext,
  openFile,
  runOk,
  tempDir,
} from './lib.mjs';

// Every build in a test says which day it is built as of.
const AS_OF = '2026-11-25';

/** `cy` for a page under `site/cy/`, `en` for the rest. */
const languageOf = (file) => (file.includes(`${path.sep}cy${path.sep}`) ? 'cy' : 'en');

describe('public site in Chromium', () => {
  let tmp;
  let dir;
  let browser;
  let pages = [];

  test('iro build --only site makes the pages', { timeout: 600_000 }, async () => {
    const bin = iroBin();
    tmp = tempDir('iro-site-');
    copyExampleService(tmp);
    browser = await launch();
    runOk(bin, ['build', '--service', tmp, '--out', path.join(tmp, 'out'), '--only', 'site', '--as-of', AS_OF], {
      cwd: tmp,
      timeoutMs: 590_000,
    });
    dir = path.join(tmp, 'out', 'site');
    pages = fs
      .readdirSync(dir, { recursive: true })
      .filter((f) => f.endsWith('.html'))
      .sort()
      .map((f) => path.join(dir, f));
    const welsh = pages.filter((p) => p.includes(`${path.sep}cy${path.sep}`));
    assert.ok(welsh.length >= 14, `only ${welsh.length} Welsh pages`);
    assert.ok(pages.length >= 28, `only ${pages.length} pages`);
  });

  after(async () => {
    await browser?.close();
    if (tmp && !process.env.IRO_BROWSER_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('every page passes axe, with no script and no request off the machine', { timeout: 600_000 }, async (t) => {
    assert.ok(pages.length > 0, 'needs the build, which failed');
    await checkEachPage(t, browser, pages, (f) => path.relative(dir, f), async (page, label) => {
      // Counted before axe is injected: the page itself must need no JavaScript.
      const scripts = await page.locator('script').count();
      assert.equal(scripts, 0, `${label} has a script`);
      const lang = await page.evaluate(() => document.documentElement.lang);
      assert.equal(lang, languageOf(path.join(dir, label)), `${label} says it is in ${lang}`);
    });
  });

  test('the skip link comes first and moves focus to the content', { timeout: 60_000 }, async () => {
    assert.ok(pages.length > 0, 'needs the build, which failed');
    const context = await newContext(browser);
    try {
      const page = await openFile(context, path.join(dir, 'looked-after-reviews.html'));
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => document.activeElement.textContent.trim());
      assert.equal(first, 'Skip to main content');
      assert.ok(await page.locator('.skip-link').isVisible(), 'the focused skip link is not visible');
      await page.keyboard.press('Enter');
      const focused = await page.evaluate(() => document.activeElement.id);
      assert.equal(focused, 'main');
    } finally {
      await context.close();
    }
  });

  test('the language switch works by keyboard, both ways', { timeout: 60_000 }, async () => {
    assert.ok(pages.length > 0, 'needs the build, which failed');
    const context = await newContext(browser);
    try {
      const page = await openFile(context, path.join(dir, 'taking-part.html'));
      // Tab from the top: the skip link, the site's name, then the switch.
      const reached = [];
      for (let i = 0; i < 3; i += 1) {
        await page.keyboard.press('Tab');
        reached.push(await page.evaluate(() => document.activeElement.textContent.trim()));
      }
      assert.deepEqual(reached.slice(0, 1), ['Skip to main content']);
      assert.equal(reached[2], 'Cymraeg', `the keyboard reached ${reached.join(', ')}`);
      const link = await page.evaluate(() => {
        const a = document.activeElement;
        return { lang: a.lang, hreflang: a.hreflang, visible: a.getBoundingClientRect().width > 0 };
      });
      assert.deepEqual(link, { lang: 'cy', hreflang: 'cy', visible: true });
      await Promise.all([page.waitForURL(/\/cy\/taking-part\.html$/), page.keyboard.press('Enter')]);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'cy');
      assert.equal(await page.locator('h1').textContent(), 'Cymryd rhan yn dy adolygiad');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Neidio i'r prif gynnwys");
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'English');
      await Promise.all([page.waitForURL(/\/site\/taking-part\.html$/), page.keyboard.press('Enter')]);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.equal(await page.locator('h1').textContent(), 'Taking part in your review');
    } finally {
      await context.close();
    }
  });

  test('at 400 percent zoom no page scrolls sideways', { timeout: 300_000 }, async (t) => {
    assert.ok(pages.length > 0, 'needs the build, which failed');
    // 1280 CSS pixels at 400 percent is a 320 pixel wide layout (WCAG 1.4.10 reflow).
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    try {
      for (const file of pages) {
        await t.test(path.relative(dir, file), async () => {
          const page = await openFile(context, file);
          try {
            const [scroll, width] = await page.evaluate(() => [
              document.documentElement.scrollWidth,
              document.documentElement.clientWidth,
            ]);
            assert.ok(scroll <= width + 1, `${path.relative(dir, file)} is ${scroll}px wide in a ${width}px window`);
          } finally {
            await page.close();
          }
        });
      }
    } finally {
      await context.close();
    }
  });
});
