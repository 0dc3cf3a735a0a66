import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../../jobs/config.ts';
import { runJob } from '../../../jobs/runJob.ts';
import { tempWarehouse, type TempWarehouse } from '../../helpers/tempWarehouse.ts';
import { storeDriftRun } from './driftFixture.ts';
import { freePort, smtpReceiver, webhookReceiver, type SmtpReceiver, type WebhookReceiver } from './receivers.ts';

let t: TempWarehouse;
let smtp: SmtpReceiver;
let hook: WebhookReceiver;

before(async () => {
  t = await tempWarehouse();
  smtp = await smtpReceiver({ user: 'assay', password: 's3cret-from-env' });
  hook = await webhookReceiver();
  process.env.ASSAY_TEST_SMTP_PASSWORD = 's3cret-from-env';
  process.env.ASSAY_TEST_SLACK_URL = hook.url;
});
after(async () => {
  await smtp.close();
  await hook.close();
  t.cleanup();
});

const channels = () => ({
  oncall: {
    type: 'email', from: 'assay@example.com', to: ['oncall@example.com', 'lead@example.com'],
    smtp: { host: '127.0.0.1', port: smtp.port, user: 'assay', password_env: 'ASSAY_TEST_SMTP_PASSWORD' },
  },
  chat: { type: 'slack', webhook_url_env: 'ASSAY_TEST_SLACK_URL', min_severity: 'high' },
});
const run = async (alerts: Record<string, unknown>) => (await runJob('alerts', {}, { wh: t.wh, config: parseConfig({ alerts }, '(test)') })).result.counts!;
const deliveries = () =>
  t.wh.all<{ state: string; channel: string; status: string; attempts: number; last_error: string | null; sent: boolean }>(
    `SELECT e.state, d.channel, d.status, d.attempts, d.last_error, d.sent_at IS NOT NULL AS sent
     FROM alert_deliveries d JOIN alert_events e USING (event_id) ORDER BY d.event_id, d.channel`,
  );
const slackJson = (i: number) => (hook.bodies[i] as { json: { text: string; blocks: { type: string; text?: { text: string } }[] } }).json;

test('a firing alert is mailed (nodemailer → SMTP) and posted to Slack; a failing webhook is retried on the next run; the resolution is notified once', async () => {
  await storeDriftRun(t.wh, 'drift-1', [{ tenant: 'acme', workflow: 'support_triage', severity: 'high', reference_rate: 0.029, current_rate: 0.187 }]);
  hook.status = 500;
  const first = await run({ channels: channels() });
  assert.deepEqual({ fired: first.fired, sent: first.sent, failed: first.failed, undelivered: first.undelivered }, { fired: 1, sent: 1, failed: 1, undelivered: 1 });

  assert.equal(smtp.mails.length, 1);
  const mail = smtp.mails[0];
  assert.match(mail.subject ?? '', /^\[Assay\] FIRING high: acme · support_triage unknown rate 2\.9% → 18\.7% /);
  assert.deepEqual(mail.envelopeTo, ['oncall@example.com', 'lead@example.com']);
  assert.equal(mail.user, 'assay', 'logged in with the password from ASSAY_TEST_SMTP_PASSWORD');
  assert.equal(mail.from?.value[0].address, 'assay@example.com');
  assert.match(mail.text ?? '', /acme · support_triage: unknown rate 2\.9% → 18\.7%/);
  assert.match(mail.text ?? '', /Evidence: SELECT \* FROM drift_latest WHERE segment = 'tenant_id=acme\/workflow=support_triage'/);
  assert.match(String(mail.html), /<strong>FIRING high<\/strong>: acme · support_triage/);

  let rows = await deliveries();
  const slackRow = rows.find((r) => r.channel === 'chat')!;
  assert.deepEqual([slackRow.status, slackRow.attempts, slackRow.sent], ['failed', 1, false]);
  assert.match(slackRow.last_error ?? '', /500/);
  assert.equal(hook.bodies.length, 1, 'no retries inside a run');

  // Next run: the webhook works again. No new event, the email is not sent again, the Slack message is.
  hook.status = 200;
  const second = await run({ channels: channels() });
  assert.deepEqual({ fired: second.fired, sent: second.sent, failed: second.failed, undelivered: second.undelivered }, { fired: 0, sent: 1, failed: 0, undelivered: 0 });
  assert.equal(smtp.mails.length, 1);
  assert.equal(hook.bodies.length, 2);
  const body = hook.bodies[1] as { path: string; contentType: string };
  assert.equal(body.path, '/services/T000/B000/secret');
  assert.equal(body.contentType, 'application/json');
  const posted = slackJson(1);
  assert.match(posted.text, /^\[Assay\] FIRING high: acme · support_triage unknown rate 2\.9% → 18\.7%/);
  assert.deepEqual(posted.blocks.map((b) => b.type), ['header', 'section', 'section', 'context']);
  assert.equal(posted.blocks[0].text?.text, 'FIRING high: acme · support_triage');
  rows = await deliveries();
  assert.deepEqual(rows.map((r) => [r.channel, r.status, r.attempts]), [['chat', 'sent', 2], ['oncall', 'sent', 1]]);

  // Still firing: nothing at all.
  assert.deepEqual((await run({ channels: channels() })).sent, 0);
  assert.equal(smtp.mails.length + hook.bodies.length, 3);

  // The condition clears: one resolution to each channel.
  await storeDriftRun(t.wh, 'drift-2', []);
  const cleared = await run({ channels: channels() });
  assert.deepEqual({ resolved: cleared.resolved, sent: cleared.sent }, { resolved: 1, sent: 2 });
  assert.match(smtp.mails[1].subject ?? '', /^\[Assay\] RESOLVED high: acme · support_triage unknown rate/);
  assert.match(smtp.mails[1].text ?? '', /Resolved at .* UTC; firing since .* UTC\./);
  assert.match(slackJson(2).text, /^\[Assay\] RESOLVED high: /);
});

test('a channel takes only alerts at its min_severity; an unreachable SMTP server is recorded, retried, and gets the mail once it is up', async () => {
  const port = await freePort();
  const dead = { mail: { type: 'email', from: 'assay@example.com', to: ['oncall@example.com'], smtp: { host: '127.0.0.1', port, timeout_ms: 2000 } }, chat: channels().chat };
  const rules = { drift: { min_severity: 'medium' } };
  await storeDriftRun(t.wh, 'drift-3', [
    { tenant: 'globex', workflow: 'draft_reply', severity: 'medium', reference_rate: 0.03, current_rate: 0.08 },
    { tenant: 'initech', workflow: 'triage', severity: 'medium', reference_rate: 0.03, current_rate: 0.09 },
  ]);
  const before = hook.bodies.length;
  const first = await run({ rules, channels: dead });
  assert.deepEqual({ fired: first.fired, sent: first.sent, failed: first.failed, deferred: first.deferred }, { fired: 2, sent: 0, failed: 1, deferred: 1 }, 'a channel that failed is not tried again in the run');
  assert.equal(hook.bodies.length, before, 'medium alerts do not go to a min_severity high channel');
  const failed = await t.wh.all<{ status: string; attempts: number; last_error: string }>(`SELECT status, attempts, last_error FROM alert_deliveries WHERE channel = 'mail' ORDER BY event_id`);
  assert.deepEqual(failed.map((f) => [f.status, f.attempts]), [['failed', 1], ['pending', 0]]);
  assert.match(failed[0].last_error, /ECONNREFUSED/);

  const late = await smtpReceiver({ port, user: 'nobody', password: 'x' });
  try {
    const second = await run({ rules, channels: dead });
    assert.deepEqual({ fired: second.fired, sent: second.sent, failed: second.failed, undelivered: second.undelivered }, { fired: 0, sent: 2, failed: 0, undelivered: 0 });
    assert.deepEqual(late.mails.map((m) => m.subject?.replace(/ unknown.*/, '')).sort(), ['[Assay] FIRING medium: globex · draft_reply', '[Assay] FIRING medium: initech · triage']);
  } finally {
    await late.close();
  }
});

test('retries stop after max_attempts; a missing secret is a failed delivery that names the variable', async () => {
  delete process.env.ASSAY_TEST_SLACK_URL;
  await storeDriftRun(t.wh, 'drift-4', [{ tenant: 'umbrella', workflow: 'triage', severity: 'high', reference_rate: 0.01, current_rate: 0.3 }]);
  const cfg = { channels: { chat: channels().chat }, max_attempts: 2 };
  const counts = [await run(cfg), await run(cfg), await run(cfg)].map((c) => [c.failed, c.given_up]);
  assert.deepEqual(counts, [[1, 0], [1, 1], [0, 0]]);
  const row = await t.wh.one<{ status: string; attempts: number; last_error: string }>(
    `SELECT status, attempts, last_error FROM alert_deliveries JOIN alert_events USING (event_id) WHERE subject = 'umbrella · triage' AND channel = 'chat'`,
  );
  assert.deepEqual([row?.status, row?.attempts], ['failed', 2]);
  assert.equal(row?.last_error, 'environment variable ASSAY_TEST_SLACK_URL (named by webhook_url_env) is not set');
});

test('more alerts than digest_after in one run go to each channel as one digest message, most severe first; each delivery is recorded sent', async () => {
  const own = await tempWarehouse();
  process.env.ASSAY_TEST_SLACK_URL = hook.url;
  try {
    const tenants = ['acme', 'globex', 'initech', 'umbrella', 'hooli'];
    await storeDriftRun(own.wh, 'drift-digest', tenants.map((tenant, i) => ({ tenant, workflow: 'support_triage', severity: 'high', reference_rate: 0.03, current_rate: 0.1 + i / 100 })));
    const [mailsBefore, postsBefore] = [smtp.mails.length, hook.bodies.length];
    const counts = (await runJob('alerts', {}, { wh: own.wh, config: parseConfig({ alerts: { channels: channels() } }, '(test)') })).result.counts!;
    assert.deepEqual({ fired: counts.fired, sent: counts.sent, failed: counts.failed }, { fired: 5, sent: 10, failed: 0 });
    assert.equal(smtp.mails.length - mailsBefore, 1, 'one mail, not five');
    assert.equal(hook.bodies.length - postsBefore, 1, 'one Slack post, not five');
    const mail = smtp.mails[smtp.mails.length - 1];
    assert.equal(mail.subject, '[Assay] 5 alerts: 5 high firing');
    for (const tenant of tenants) assert.match(mail.text ?? '', new RegExp(`- FIRING high: ${tenant} · support_triage unknown rate`));
    const posted = slackJson(hook.bodies.length - 1);
    assert.equal(posted.text, '[Assay] 5 alerts: 5 high firing');
    assert.deepEqual(posted.blocks.map((b) => b.type), ['header', 'section', 'section', 'section', 'section', 'section', 'section']);
    assert.equal(posted.blocks[1].text?.text, ':red_circle: *5 high firing*', 'one heading for the five');
    const rows = await own.wh.all<{ status: string; n: number }>(`SELECT status, count(*) AS n FROM alert_deliveries GROUP BY status`);
    assert.deepEqual(rows, [{ status: 'sent', n: 10 }]);
  } finally {
    own.cleanup();
  }
});

test('a silence holds back the notifications of the alerts it matches, says so where they would have been, and sends a still-firing alert once it ends', async () => {
  const own = await tempWarehouse();
  process.env.ASSAY_TEST_SLACK_URL = hook.url;
  const alertsRun = async (silences: unknown[]) =>
    (await runJob('alerts', {}, { wh: own.wh, config: parseConfig({ alerts: { channels: { oncall: channels().oncall }, silences } }, '(test)') })).result.counts!;
  const mailed = () => smtp.mails.slice(mailsBefore).map((m) => m.subject?.replace(/ unknown.*/, ''));
  const mailsBefore = smtp.mails.length;
  try {
    await storeDriftRun(own.wh, 'drift-s1', [
      { tenant: 'acme', workflow: 'support_triage', severity: 'high', reference_rate: 0.03, current_rate: 0.2 },
      { tenant: 'globex', workflow: 'draft_reply', severity: 'high', reference_rate: 0.03, current_rate: 0.15 },
    ]);
    const silence = { rule: 'drift', alert_key: 'tenant_id=acme/*', until: '2099-01-01', reason: 'known incident INC-42' };
    const first = await alertsRun([silence]);
    assert.deepEqual({ fired: first.fired, silenced: first.silenced, sent: first.sent }, { fired: 2, silenced: 1, sent: 1 });
    assert.deepEqual(mailed(), ['[Assay] FIRING high: globex · draft_reply'], 'only the alert no silence matches is mailed');
    // The held-back alert is recorded and firing, and says why nobody heard of it.
    const active = await own.wh.all<{ subject: string; silenced_until: string | null; silence_reason: string | null }>(
      'SELECT subject, silenced_until, silence_reason FROM alerts_active ORDER BY subject');
    assert.deepEqual(active.map((a) => [a.subject, a.silenced_until?.slice(0, 10) ?? null, a.silence_reason]), [
      ['acme · support_triage', '2099-01-01', 'known incident INC-42'],
      ['globex · draft_reply', null, null],
    ]);
    const held = await own.wh.one<{ delivery: string; deliveries_silenced: number; deliveries_skipped: number }>(
      `SELECT delivery, deliveries_silenced, deliveries_skipped FROM alert_events_week WHERE subject = 'acme · support_triage'`);
    assert.deepEqual(held, { delivery: 'silenced until 2099-01-01 00:00 UTC: known incident INC-42', deliveries_silenced: 1, deliveries_skipped: 0 });
    assert.deepEqual(await own.wh.all('SELECT rule, alert_key, reason FROM alert_silences'), [{ rule: 'drift', alert_key: 'tenant_id=acme/*', reason: 'known incident INC-42' }]);

    // Still under the silence: nothing is sent.
    assert.equal((await alertsRun([silence])).sent, 0);
    assert.equal(mailed().length, 1);

    // The silence is removed (or ends) while the alert still fires: the next run mails it, once.
    const after = await alertsRun([]);
    assert.deepEqual({ fired: after.fired, released: after.released, sent: after.sent }, { fired: 0, released: 1, sent: 1 });
    assert.deepEqual(mailed(), ['[Assay] FIRING high: globex · draft_reply', '[Assay] FIRING high: acme · support_triage']);
    assert.equal((await alertsRun([])).sent, 0);
    const now = await own.wh.one<{ delivery: string }>(`SELECT delivery FROM alert_events_week WHERE subject = 'acme · support_triage'`);
    assert.equal(now?.delivery, 'silenced until 2099-01-01 00:00 UTC: known incident INC-42 · oncall sent');
    assert.deepEqual(await own.wh.all('SELECT * FROM alert_silences'), [], 'the table shows the silences of the config in force');
  } finally {
    own.cleanup();
  }
});
