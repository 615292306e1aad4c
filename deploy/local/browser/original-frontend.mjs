// Clicks through the original VocalHost frontend (github.com/Mustafa00124/VocalHost, folder
// frontend/) served by the gateway (GATEWAY_FRONTEND_DIR=<its dist/>) on a running local stack,
// in headless Chromium, as a business owner would: sign in, create an assistant with a PDF, edit
// its hours on the dashboard, see a booking on the Schedule page, open the plans, sign out.
// Every failed response and console error is reported; the exit code is the number of steps
// that failed. Usage: see docs/local-stack.md.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.env.VOCALHOST_URL ?? 'http://localhost:5001';
const shots = process.env.SCREENSHOTS ?? 'target/original-frontend';
const user = process.env.SIGN_IN_AS ?? `owner-${Date.now()}`;
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
let problems = [];
page.on('console', (message) => {
  if (message.type() !== 'error') return;
  const text = message.text();
  (/Failed to load resource|ERR_NAME_NOT_RESOLVED/.test(text) ? notOurs : problems).push(`console: ${text}`);
});
// The frontend's own missing assets (e.g. its /demo.mp4) and hosts this machine cannot reach
// (fonts) are noted, not counted: they fail against any backend.
const notOurs = [];
page.on('response', (response) => {
  if (response.status() < 400) return;
  const line = `${response.request().method()} ${response.url()} -> ${response.status()}`;
  const path = new URL(response.url()).pathname;
  const api = /^\/(api|stripe|voice|ws)\//.test(path);
  (api ? problems : notOurs).push(line);
});
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

let failures = 0;
async function step(name, action) {
  problems = [];
  try {
    const seen = await action();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    console.log(`${problems.length ? 'PROBLEM' : 'ok     '} ${name}: ${seen ?? ''}`);
    problems.forEach((problem) => console.log(`        ${problem}`));
    if (problems.length) failures++;
  } catch (error) {
    failures++;
    await page.screenshot({ path: `${shots}/${name}-failed.png`, fullPage: true }).catch(() => {});
    console.log(`FAILED  ${name}: ${error.message.split('\n')[0]}`);
    problems.forEach((problem) => console.log(`        ${problem}`));
  }
}

// A one-page PDF with a line of text, written by hand (no library needed).
function pdf(text) {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
    + offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
    + `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

await step('1-sign-in', async () => {
  await page.goto(`${base}/`);
  await page.getByText('Sign in with Google').first().click();
  await page.waitForSelector('input[name=username]', { timeout: 30000 });
  await page.fill('input[name=username]', user);
  await page.click('input[type=submit], button[type=submit]');
  await page.waitForURL((url) => url.origin === new URL(base).origin && !url.pathname.startsWith('/api/'), { timeout: 30000 });
  // The frontend keeps the signed-in user (from /api/auth/user/me) under this key.
  await page.waitForFunction(() => localStorage.getItem('schedule_ai_user'), null, { timeout: 30000 });
  await page.waitForURL((url) => url.pathname !== '/auth/callback', { timeout: 30000 });
  return `landed on ${page.url()}; the frontend stored ${await page.evaluate(() => localStorage.getItem('schedule_ai_user'))}`;
});

await step('2-create-assistant', async () => {
  await page.goto(`${base}/create`);
  const name = page.getByPlaceholder('e.g., Alex, Sarah, David');
  await name.waitFor();
  await page.waitForFunction(() => !document.querySelector('input[placeholder="e.g., Alex, Sarah, David"]').disabled, null, { timeout: 15000 });
  await name.fill('Ava');
  await page.getByPlaceholder('e.g., Acme Dental Clinic, Tech Solutions Inc.').fill('Smile Dental');
  await page.getByPlaceholder(/Describe your business/).fill('A family dental clinic in Berlin.');
  await page.locator('select').first().selectOption('male');
  await page.setInputFiles('input[type=file]', { name: 'prices.pdf', mimeType: 'application/pdf', buffer: pdf('Cleaning costs 80 euros.') });
  await page.locator('button[type=submit]').click();
  const created = page.waitForResponse((response) => response.url().endsWith('/api/register/assistant'));
  await page.getByRole('button', { name: 'Create Assistant' }).last().click();
  const response = await created;
  await page.waitForTimeout(1000);
  return `POST /api/register/assistant -> ${response.status()} ${(await response.text()).slice(0, 200)}`;
});

await step('3-dashboard-edit-hours', async () => {
  await page.goto(`${base}/dashboard`);
  await page.getByText('Smile Dental').first().waitFor({ timeout: 15000 });
  const card = page.locator('div', { has: page.getByText('Smile Dental') }).filter({ has: page.locator('button') }).last();
  await card.locator('button').first().click();
  const times = page.locator('input[type=time]');
  await times.first().fill('08:30');
  await times.nth(1).fill('16:00');
  const saved = page.waitForResponse((response) => /\/api\/assistant\/\d+$/.test(response.url()));
  await page.locator('button:has(svg.text-green-400)').first().click();
  const response = await saved;
  await page.waitForTimeout(1000);
  const hours = await page.getByText(/Hours:/).first().textContent();
  return `PATCH -> ${response.status()}; card shows "${hours}"`;
});

await step('4-schedule-with-a-booking', async () => {
  const me = await (await page.request.get(`${base}/api/auth/user/me`)).json();
  const assistants = await (await page.request.get(`${base}/api/assistants?user_id=${me.user.id}`)).json();
  const assistant = assistants.assistants[0];
  const day = new Date(Date.now() + 24 * 3600 * 1000);
  while ([0, 6].includes(day.getDay())) day.setDate(day.getDate() + 1);
  const date = day.toISOString().slice(0, 10);
  const slots = await (await page.request.get(`${base}/api/slots/${assistant.id}?date=${date}`)).json();
  const booked = await page.request.post(`${base}/api/bookings/${assistant.id}`, {
    headers: { Origin: base },
    data: { date, time: slots.slots?.[0]?.time ?? slots.available_slots?.[0] ?? '09:00', customer_name: 'Carla Caller', customer_phone: '+4915112345678', details: 'Cleaning' },
  });
  await page.goto(`${base}/schedule`);
  await page.getByRole('button', { name: 'Week' }).click();
  await page.getByText('Carla Caller').first().waitFor({ timeout: 15000 });
  return `booking via API -> ${booked.status()} on ${date}; the Schedule page's week view shows "Carla Caller"`;
});

await step('5-plans', async () => {
  await page.goto(`${base}/plans`);
  await page.waitForTimeout(2000);
  return `plans page: ${(await page.locator('h1, h2').allTextContents()).slice(0, 4).join(' | ')}`;
});

await step('6-sign-out', async () => {
  await page.goto(`${base}/dashboard`);
  await page.waitForTimeout(1000);
  await page.getByRole('button', { name: user }).first().click();
  const [response] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/api/auth/logout')),
    page.getByText('Sign Out').first().click(),
  ]);
  await page.waitForTimeout(500);
  const after = await page.request.get(`${base}/api/auth/user/me`);
  return `POST /api/auth/logout -> ${response.status()}; /api/auth/user/me afterwards -> ${after.status()}`;
});

if (notOurs.length) console.log(`not counted (the frontend's own assets, unreachable hosts):\n        ${[...new Set(notOurs)].join('\n        ')}`);
await browser.close();
process.exit(failures);
