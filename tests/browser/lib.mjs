// Shared helpers for iro's browser tests: Debian's Chromium driven by playwright-core, axe-core
// for accessibility, and the `iro` binary run on a copy of the example service.
//
// No network, ever: pages are file:// URLs, every http(s)/ws(s) request is aborted, and each
// page records any request that is not file:, data: or blob: so a test can fail on it.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The repository root (this file is tests/browser/lib.mjs). */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The WCAG tags every page is checked against. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Launches Debian's Chromium (playwright gives it a fresh temporary profile each time). */
export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run scripts/browser-deps (as root) first`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A new browser context that accepts downloads and lets axe be injected into pages whatever
 * their Content-Security-Policy says (bypassCSP). Any request that would leave the machine is
 * aborted.
 */
export async function newContext(browser) {
  const context = await browser.newContext({ acceptDownloads: true, bypassCSP: true });
  await context.route(/^(https?|wss?|ftp):/i, (route) => route.abort('blockedbyclient'));
  return context;
}

const LOCAL_URL = /^(file|data|blob):/i;

/**
 * Opens a file in a new page of `context`. The page records every request that is not to a
 * file:, data: or blob: URL in `page.externalRequests`, and every uncaught script error in
 * `page.scriptErrors`.
 */
export async function openFile(context, file) {
  const page = await context.newPage();
  page.externalRequests = [];
  page.scriptErrors = [];
  page.on('request', (request) => {
    if (!LOCAL_URL.test(request.url())) page.externalRequests.push(request.url());
  });
  page.on('websocket', (ws) => page.externalRequests.push(ws.url()));
  page.on('pageerror', (error) => page.scriptErrors.push(String(error && error.stack ? error.stack : error)));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return page;
}

/** Fails when the page asked for anything that is not a file:, data: or blob: URL. */
export function assertNoExternalRequests(page, label) {
  if (page.externalRequests.length > 0) {
    throw new Error(
      `${label}: the page made ${page.externalRequests.length} request(s) that are not file:, data: or blob: URLs ` +
        `(a page must work offline):\n` +
        page.externalRequests.map((url) => `  - ${url}`).join('\n'),
    );
  }
}

/** Fails when a script on the page threw. */
export function assertNoScriptErrors(page, label) {
  if (page.scriptErrors.length > 0) {
    throw new Error(`${label}: uncaught script error(s):\n` + page.scriptErrors.map((e) => `  - ${e}`).join('\n'));
  }
}

let axeSource;

/** Formats axe violations as a readable list: rule id, impact, help, target selectors. */
export function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`- ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}`);
    lines.push(`    ${v.helpUrl}`);
    for (const node of v.nodes) {
      const target = node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', ');
      lines.push(`    at ${target}`);
      const summary = (node.failureSummary ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
      for (const s of summary) lines.push(`       ${s}`);
    }
  }
  return lines.join('\n');
}

/**
 * Injects axe-core into the page and runs it against the WCAG 2.0/2.1/2.2 A and AA rules.
 * Throws a readable list of the violations when there are any; returns axe's results.
 */
export async function runAxe(page, label = page.url()) {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(
    (values) => window.axe.run(document, { runOnly: { type: 'tag', values } }),
    AXE_TAGS,
  );
  if (results.violations.length > 0) {
    const count = results.violations.reduce((n, v) => n + v.nodes.length, 0);
    throw new Error(
      `${label}: ${results.violations.length} accessibility rule(s) violated at ${count} place(s):\n` +
        formatViolations(results.violations),
    );
  }
  return results;
}

/**
 * Opens each file as a subtest of `t` in one browser context, runs `check(page, label)` on it,
 * then axe, and asserts it asked for nothing off the machine and threw no script error.
 * `label(file)` names each subtest.
 */
export async function checkEachPage(t, browser, files, label, check) {
  const context = await newContext(browser);
  try {
    for (const file of files) {
      const name = label(file);
      await t.test(name, async () => {
        const page = await openFile(context, file);
        try {
          await check(page, name);
          await runAxe(page, name);
          assertNoExternalRequests(page, name);
          assertNoScriptErrors(page, name);
        } finally {
          await page.close();
        }
      });
    }
  } finally {
    await context.close();
  }
}

/**
 * The iro binary to test: $IRO_BIN (relative to the repository root if relative), else
 * target/debug/iro, else target/release/iro. Throws a clear error when there is none.
 */
export function iroBin() {
  const tried = [];
  const candidates = process.env.IRO_BIN
    ? [process.env.IRO_BIN]
    : ['target/debug/iro', 'target/release/iro'];
  for (const candidate of candidates) {
    const bin = path.resolve(REPO, candidate);
    tried.push(bin);
    try {
      fs.accessSync(bin, fs.constants.X_OK);
      if (fs.statSync(bin).isFile()) return bin;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    `no iro binary to test: ${tried.join(', ')} ${tried.length > 1 ? 'do' : 'does'} not exist or is not executable. ` +
      `Build it (cargo build) or set IRO_BIN to its path.`,
  );
}

/** Runs `bin args...`; returns { status, stdout, stderr, command }. */
export function run(bin, args, { cwd, timeoutMs = 300_000 } = {}) {
  const result = spawnSync(bin, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', CLICOLOR: '0' },
  });
  const command = [bin, ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, command };
}

/** Runs the command and fails, with its output, unless it exits 0. */
export function runOk(bin, args, options) {
  const r = run(bin, args, options);
  if (r.status !== 0) {
    const how = r.status === null ? `was killed by ${r.signal}` : `exited ${r.status}`;
    throw new Error(
      `\`${r.command}\` ${how} (expected 0)\n--- stdout ---\n${tail(r.stdout)}\n--- stderr ---\n${tail(r.stderr)}`,
    );
  }
  return r;
}

function tail(text, max = 8000) {
  text = text ?? '';
  return text.length > max ? `[...${text.length - max} characters cut]\n${text.slice(-max)}` : text;
}

/** A new temporary folder. */
export function tempDir(prefix = 'iro-browser-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The parts of the repository that make the example service. */
export const SERVICE_PARTS = ['service.yaml', 'cases', 'carers', 'images', 'templates', 'forms', 'content', 'fonts'];
const REQUIRED_PARTS = ['service.yaml', 'cases'];

/** Copies the example service (the repository root's service files) into `dir`. */
export function copyExampleService(dir) {
  for (const part of SERVICE_PARTS) {
    const from = path.join(REPO, part);
    if (!fs.existsSync(from)) {
      if (REQUIRED_PARTS.includes(part)) throw new Error(`the example service has no ${part} at ${from}`);
      continue;
    }
    fs.cpSync(from, path.join(dir, part), { recursive: true });
  }
}

/** Files under `dir` matching `*` / `pack-*` / `*-form.html`, sorted. */
export function findFormPages(dir) {
  const pages = [];
  if (!fs.existsSync(dir)) return pages;
  for (const child of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!child.isDirectory()) continue;
    const childDir = path.join(dir, child.name);
    for (const pack of fs.readdirSync(childDir, { withFileTypes: true })) {
      if (!pack.isDirectory() || !pack.name.startsWith('pack-')) continue;
      const packDir = path.join(childDir, pack.name);
      for (const file of fs.readdirSync(packDir, { withFileTypes: true })) {
        if (file.isFile() && file.name.endsWith('-form.html')) pages.push(path.join(packDir, file.name));
      }
    }
  }
  return pages.sort();
}

/** Quotes a string for a CSS attribute selector value. */
export function cssString(value) {
  return `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}
