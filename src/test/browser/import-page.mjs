// Drives Porter's import page (/) in Debian's Chromium: pastes nothing (the token comes in the URL
// fragment), chooses the CSV, starts the import, waits for the bar to reach 100% over the WebSocket,
// and downloads the error report. Prints one JSON line of what it saw; exits 1 on any failure.
// Usage: node import-page.mjs <baseUrl> <token> <csvPath>
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';

const [baseUrl, token, csvPath] = process.argv.slice(2);
const TIMEOUT_MS = 90_000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ acceptDownloads: true });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(baseUrl + '/#token=' + encodeURIComponent(token));
  await page.evaluate(() => {
    window.seenPercents = [];
    const percent = document.getElementById('percent');
    new MutationObserver(() => window.seenPercents.push(percent.textContent))
      .observe(percent, { childList: true, characterData: true, subtree: true });
  });

  await page.setInputFiles('#file', csvPath);
  await page.selectOption('#strategy', 'skip');
  await page.click('#start');
  await page.waitForFunction(() => document.getElementById('bar').value === 100
      && document.getElementById('status').textContent === 'completed', null, { timeout: TIMEOUT_MS });

  const mappedColumns = await page.locator('#mapping tbody tr').count();
  const counts = await page.textContent('#counts');
  const seenPercents = await page.evaluate(() => window.seenPercents);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report')]);
  const report = await readFile(await download.path(), 'utf8');
  const message = await page.textContent('#message');

  console.log(JSON.stringify({
    bar: await page.evaluate(() => document.getElementById('bar').value),
    percent: await page.textContent('#percent'),
    seenPercents, counts, mappedColumns, message, pageErrors,
    reportFileName: download.suggestedFilename(),
    reportLines: report.trimEnd().split('\n'),
  }));
} catch (error) {
  console.error('browser test failed: ' + error.stack);
  process.exitCode = 1;
} finally {
  await browser.close();
}
