// The consultation forms in a real browser, end to end:
//   1. `iro build --only packs` on a copy of the example service;
//   2. every form page passes axe (WCAG 2.0/2.1/2.2 A and AA) and asks for nothing off the machine;
//   3. NM-1003's child form for the review on 2026-12-09 is filled with hostile text and saved
//      with its "save answers" button, which downloads the answers as JSON;
//   4. `iro import-responses` puts those answers, exactly, into cases/NM-1003.yaml, keeping the
//      file's leading comments;
//   5. `iro check` still passes;
//   6. printed, the form shows no save button.
//
// Run with scripts/browser-test (or: IRO_BIN=target/debug/iro node --test tests/browser/).
// Set IRO_BROWSER_KEEP=1 to keep the temporary service folder; it is always kept on a failure.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import YAML from 'yaml';

import {
  assertNoExternalRequests,
  assertNoScriptErrors,
  copyExampleService,
  cssString,
  findFormPages,
  iroBin,
  launch,
  newContext,
  openFile,
  runAxe,
  runOk,
  tempDir,
} from './lib.mjs';

const AS_OF = '2026-11-27';
const CASE = 'NM-1003';
const REVIEW = '2026-12-09';
const FROM = 'child';

/** What is typed into a free-text question: markup of every kind iro writes, and the name. */
function hostileText(name) {
  return (
    `Kai says *hello* <script>alert(1)</script> #read("/etc/passwd") 'single' "double" ` +
    `key: value & {{ tera }} {% raw %} \\ ${name}\n- a second line: ${name}`
  );
}

/** What is typed into a one-line input of the given type. */
function typedValue(type, name) {
  switch (type) {
    case 'date':
      return REVIEW;
    case 'time':
      return '15:45';
    case 'number':
      return '7';
    case 'email':
      return 'kai@example.org';
    default:
      return `Kai says *hello* <script>alert(1)</script> #read("/etc/passwd") ${name}`;
  }
}

/** The leading lines of a YAML file that start with `#`. */
function leadingComments(text) {
  const lines = text.split('\n');
  const out = [];
  for (const line of lines) {
    if (!line.startsWith('#')) break;
    out.push(line);
  }
  return out;
}

describe('consultation forms in Chromium', () => {
  let bin;
  let tmp;
  let browser;
  let failed = false;
  // What one step leaves for the next.
  const state = { built: false, formPages: [], answersFile: null, response: null, expected: null, imported: false };

  /** A test that marks the run failed (so the temporary folder is kept) when it throws. */
  function step(name, options, fn) {
    test(name, options, async (t) => {
      try {
        await fn(t);
      } catch (error) {
        failed = true;
        throw error;
      }
    });
  }

  function needBuild() {
    if (!state.built) throw new Error('needs the output of step 1 (iro build), which failed');
  }

  // Set up in a test, not a hook, so that a missing binary or browser counts as a failed test.
  step('0. the iro binary, Chromium and a copy of the example service are there', { timeout: 60_000 }, async () => {
    bin = iroBin();
    tmp = tempDir();
    copyExampleService(tmp);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    if (!tmp) return;
    if (failed || process.env.IRO_BROWSER_KEEP) {
      console.log(`# kept the test service folder: ${tmp}`);
    } else {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  step('1. iro build --only packs exits 0', { timeout: 600_000 }, async () => {
    if (!bin || !browser) throw new Error('needs step 0 (setup), which failed');
    runOk(
      bin,
      ['build', '--service', tmp, '--out', path.join(tmp, 'out'), '--as-of', AS_OF, '--date', AS_OF, '--only', 'packs'],
      { cwd: tmp, timeoutMs: 590_000 },
    );
    // Packs are made only for booked reviews, from 28 days before they must go: on 27
    // November no 4-to-7-year-old has one. Seven-year-old NM-1008's review is booked for
    // Wednesday 27 January 2027; its packs must go 15 working days before, by Wednesday 6
    // January, so they are due from 9 December. Built as of 10 December, it brings the last
    // form.
    runOk(
      bin,
      ['build', '--service', tmp, '--out', path.join(tmp, 'out'), '--as-of', '2026-12-10', '--date', AS_OF, '--only', 'packs', '--case', 'NM-1008'],
      { cwd: tmp, timeoutMs: 590_000 },
    );
    state.built = true;
    state.formPages = findFormPages(path.join(tmp, 'out'));
    assert.ok(
      state.formPages.length > 0,
      `the build made no consultation form page (no file matches ${path.join(tmp, 'out', '*', 'pack-*', '*-form.html')})`,
    );
    // Every form the service has is tried in the browser.
    const tried = new Set(
      state.formPages.map((f) => fs.readFileSync(f, 'utf8').match(/data-form="([^"]+)"/)?.[1]),
    );
    for (const form of fs.readdirSync(path.join(tmp, 'forms')).filter((f) => f.endsWith('.yaml'))) {
      assert.ok(tried.has(form.replace(/\.yaml$/, '')), `no page of the form ${form} was made`);
    }
  });

  step('2. every form page passes axe and makes no external request', { timeout: 600_000 }, async (t) => {
    needBuild();
    const context = await newContext(browser);
    try {
      for (const file of state.formPages) {
        const label = path.relative(path.join(tmp, 'out'), file);
        await t.test(label, async () => {
          const page = await openFile(context, file);
          try {
            // Report every kind of problem at once, not just the first.
            const problems = [];
            for (const check of [
              () => runAxe(page, label),
              () => assertNoExternalRequests(page, label),
              () => assertNoScriptErrors(page, label),
            ]) {
              try {
                await check();
              } catch (error) {
                problems.push(error.message);
              }
            }
            if (problems.length > 0) throw new Error(problems.join('\n'));
          } finally {
            await page.close();
          }
        });
      }
    } finally {
      await context.close();
    }
  });

  step(`3. ${CASE}'s ${FROM} form for ${REVIEW}: fill, save answers as JSON`, { timeout: 120_000 }, async () => {
    needBuild();
    const file = path.join(tmp, 'out', CASE, `pack-${REVIEW}`, `${FROM}-form.html`);
    assert.ok(fs.existsSync(file), `the build made no ${path.relative(tmp, file)}`);
    const label = path.relative(path.join(tmp, 'out'), file);

    const context = await newContext(browser);
    try {
      const page = await openFile(context, file);

      // Every named control of the form, in document order, and whether it is labelled as the
      // contract says: radios and checkboxes in a <fieldset> with a <legend>; text in a
      // <textarea>/<input> with a <label for>.
      const controls = await page.evaluate(() => {
        const form = document.getElementById('iro-form');
        if (!form || form.tagName !== 'FORM') return null;
        const skip = new Set(['hidden', 'submit', 'button', 'reset', 'image', 'file']);
        return [...form.querySelectorAll('input, textarea, select')]
          .filter((el) => !(el.tagName === 'INPUT' && skip.has(el.type)))
          .map((el) => {
            const fieldset = el.closest('fieldset');
            const legend = fieldset && fieldset.querySelector(':scope > legend');
            const label = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
            const sameName = [...form.querySelectorAll('[name]')].filter((x) => x.getAttribute('name') === el.name);
            return {
              nth: sameName.indexOf(el),
              tag: el.tagName.toLowerCase(),
              type: el.tagName === 'INPUT' ? el.type : el.tagName.toLowerCase(),
              name: el.name,
              id: el.id,
              value: el.tagName === 'SELECT' ? [...el.options].map((o) => o.value).pop() ?? '' : el.value,
              legend: legend ? legend.textContent.trim() : '',
              label: label ? label.textContent.trim() : '',
            };
          });
      });
      assert.ok(controls, `${label}: no <form id="iro-form">`);
      assert.ok(controls.length > 0, `${label}: the form has no questions`);

      const form = page.locator('#iro-form');
      const problems = [];
      for (const c of controls) {
        if (!c.name) problems.push(`a <${c.tag}${c.id ? ` id="${c.id}"` : ''}> has no name (the question id)`);
        if (c.type === 'radio' || c.type === 'checkbox') {
          if (!c.legend) problems.push(`${c.type} "${c.name}" is not in a <fieldset> with a non-empty <legend>`);
        } else if (!c.label) {
          problems.push(`<${c.tag} name="${c.name}"> has no non-empty <label for="its id">`);
        }
      }
      assert.deepEqual(problems, [], `${label}: questions not labelled as the contract says:\n  ${problems.join('\n  ')}`);

      // Fill it: text typed, the last radio of each group, the first box of each checkbox group.
      // Controls sharing a name are one question. A question's answer is a string (one text
      // box, or a radio group), or a list (a checkbox group, with any text boxes of the same
      // name, such as "add others" lines: the ticked values and the typed texts in document
      // order); `<id>.where` and `<id>.when` make {"where", "when"}.
      const groups = new Map();
      for (const c of controls) {
        if (!groups.has(c.name)) groups.set(c.name, []);
        groups.get(c.name).push(c);
      }
      const expected = {};
      const set = (name, value) => {
        const m = /^(.*)\.(where|when)$/.exec(name);
        if (m) {
          expected[m[1]] ??= {};
          expected[m[1]][m[2]] = value;
        } else {
          expected[name] = value;
        }
      };
      const locate = (c) => form.locator(`[name=${cssString(c.name)}]`).nth(c.nth);
      for (const [name, group] of groups) {
        const types = new Set(group.map((c) => c.type));
        if (types.has('radio')) {
          assert.equal(types.size, 1, `${label}: question "${name}" mixes radios with other controls`);
          const box = locate(group[group.length - 1]);
          await checkLikeAPerson(page, box);
          set(name, await box.inputValue());
          continue;
        }
        if (types.has('select')) {
          assert.equal(group.length, 1, `${label}: question "${name}" mixes a <select> with other controls`);
          await locate(group[0]).selectOption(group[0].value);
          set(name, group[0].value);
          continue;
        }
        const values = [];
        let boxChecked = false;
        for (const c of group) {
          const control = locate(c);
          if (c.type === 'checkbox') {
            if (!boxChecked) {
              await checkLikeAPerson(page, control);
              values.push(await control.inputValue());
              boxChecked = true;
            }
          } else {
            const text = c.tag === 'textarea' ? hostileText(name) : typedValue(c.type, name);
            await control.fill(text);
            assert.equal(await control.inputValue(), text, `${label}: "${name}" did not take the text typed`);
            values.push(text);
          }
        }
        set(name, types.has('checkbox') || group.length > 1 ? values : values[0]);
      }
      assert.ok(
        controls.some((c) => c.tag === 'textarea'),
        `${label}: the form has no <textarea> (no free-text question to carry hostile text)`,
      );

      const saveButton = page.locator('#save-answers');
      assert.equal(await saveButton.count(), 1, `${label}: no #save-answers`);
      assert.equal(
        await saveButton.evaluate((el) => el.tagName),
        'BUTTON',
        `${label}: #save-answers is not a <button>`,
      );
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), saveButton.click()]);
      const answersFile = path.join(tmp, 'answers.json');
      await download.saveAs(answersFile);
      assert.equal(await download.failure(), null, `${label}: the download failed`);
      assert.match(download.suggestedFilename(), /\.json$/, `${label}: the saved file's name does not end in .json`);
      assertNoExternalRequests(page, label);
      assertNoScriptErrors(page, label);

      const text = fs.readFileSync(answersFile, 'utf8');
      let response;
      try {
        response = JSON.parse(text);
      } catch (error) {
        throw new Error(`${label}: the saved answers are not JSON (${error.message}):\n${text.slice(0, 2000)}`);
      }
      assert.equal(response.iro_response, 1, 'answers.json: iro_response');
      assert.equal(typeof response.form, 'string', 'answers.json: form is not a string');
      assert.ok(response.form.length > 0, 'answers.json: form is empty');
      assert.equal(response.case, CASE, 'answers.json: case');
      assert.equal(response.review, REVIEW, 'answers.json: review');
      assert.equal(response.from, FROM, 'answers.json: from');
      assert.equal(typeof response.answers, 'object', 'answers.json: answers is not an object');
      assert.ok(response.answers && !Array.isArray(response.answers), 'answers.json: answers is not an object');
      for (const [id, want] of Object.entries(expected)) {
        assert.deepEqual(response.answers[id], want, `answers.json: answers["${id}"] is not what was filled in`);
      }

      state.answersFile = answersFile;
      state.response = response;
      state.expected = expected;
      await page.close();
    } finally {
      await context.close();
    }
  });

  step(`4. iro import-responses puts the answers into cases/${CASE}.yaml`, { timeout: 120_000 }, async () => {
    if (!state.answersFile) throw new Error('needs answers.json from step 3, which failed');
    const caseFile = path.join(tmp, 'cases', `${CASE}.yaml`);
    const before = fs.readFileSync(caseFile, 'utf8');
    const comments = leadingComments(before);

    runOk(bin, ['import-responses', '--service', tmp, '--yes', state.answersFile], { cwd: tmp });

    const text = fs.readFileSync(caseFile, 'utf8');
    assert.deepEqual(
      leadingComments(text),
      comments,
      `cases/${CASE}.yaml: the leading comment lines changed on import`,
    );
    let doc;
    try {
      doc = YAML.parse(text);
    } catch (error) {
      throw new Error(`cases/${CASE}.yaml no longer parses after import: ${error.message}`);
    }
    const meetings = (doc?.meetings ?? []).filter((m) => m && String(m.date) === REVIEW);
    assert.equal(meetings.length, 1, `cases/${CASE}.yaml: expected one meeting dated ${REVIEW}, found ${meetings.length}`);
    const responses = meetings[0].responses;
    assert.ok(Array.isArray(responses), `cases/${CASE}.yaml: the meeting on ${REVIEW} has no \`responses\` list`);
    const matching = responses.filter((r) => r && r.from === FROM && r.form === state.response.form);
    assert.equal(
      matching.length,
      1,
      `cases/${CASE}.yaml: expected one response from: ${FROM}, form: ${state.response.form} in the meeting on ${REVIEW}, found ${matching.length}`,
    );
    const answers = matching[0].answers;
    assert.ok(answers && typeof answers === 'object', `cases/${CASE}.yaml: the response has no \`answers\` map`);
    for (const [id, want] of Object.entries(state.expected)) {
      assert.deepEqual(answers[id], want, `cases/${CASE}.yaml: answers["${id}"] is not what was filled in`);
    }
    state.imported = true;
  });

  step(`5. iro check --as-of ${AS_OF} passes after the import`, { timeout: 120_000 }, async () => {
    if (!state.imported) throw new Error('needs the import of step 4, which failed');
    runOk(bin, ['check', '--service', tmp, '--as-of', AS_OF], { cwd: tmp });
  });

  step('6. printed, a form page shows no save button', { timeout: 60_000 }, async () => {
    needBuild();
    const preferred = path.join(tmp, 'out', CASE, `pack-${REVIEW}`, `${FROM}-form.html`);
    const file = fs.existsSync(preferred) ? preferred : state.formPages[0];
    assert.ok(file, 'no form page to print');
    const label = path.relative(path.join(tmp, 'out'), file);
    const context = await newContext(browser);
    try {
      const page = await openFile(context, file);
      const button = page.locator('#save-answers');
      assert.equal(await button.count(), 1, `${label}: no #save-answers`);
      assert.equal(await button.isVisible(), true, `${label}: #save-answers is not visible on screen`);
      await page.emulateMedia({ media: 'print' });
      assert.equal(await button.isVisible(), false, `${label}: #save-answers is visible in print`);
    } finally {
      await context.close();
    }
  });
});

/**
 * Checks a radio or checkbox as a person would: clicking it, or its label when something drawn
 * over the control takes the click.
 */
async function checkLikeAPerson(page, box) {
  try {
    await box.check({ timeout: 3_000 });
  } catch (error) {
    const id = await box.getAttribute('id');
    const label = id ? page.locator(`label[for=${cssString(id)}]`) : box.locator('xpath=ancestor::label[1]');
    if ((await label.count()) === 0) throw error;
    await label.first().click();
  }
  assert.equal(await box.isChecked(), true, `could not check ${await box.evaluate((el) => el.outerHTML)}`);
}
