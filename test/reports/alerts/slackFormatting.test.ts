import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { slack } from '../../../reports/alerts/channels/slack.ts';
import { alertMessage, digestMessage, type AlertEvent, type AlertMessage } from '../../../reports/alerts/message.ts';
import { webhookReceiver, type WebhookReceiver } from './receivers.ts';

// Names as production logs have them: each would italicise, embolden, strike or code-format text in mrkdwn, and
// two underscores in different names pair up across the words between them.
const names = { tenant: 'acme_eu_prod', workflow: '*triage*', model: 'gpt_4o`mini`', prompt: '~beta~', category: '_refund_', other: 'a&b <!here>' };
const subject = `${names.tenant} · ${names.workflow}`;
const event = (over: Partial<AlertEvent> = {}): AlertEvent => ({
  event_id: 1, rule: 'drift', alert_key: `tenant_id=${names.tenant}/workflow=${names.workflow}|category`, state: 'firing', severity: 'high',
  subject, message: `category ${names.category} 2.9% → 18.7% on ${names.model} prompt ${names.prompt} (${names.other})`,
  evidence: `SELECT * FROM drift_latest WHERE segment = 'tenant_id=${names.tenant}/workflow=${names.workflow}'`, source_view: 'drift_latest',
  at: '2026-11-16T06:00:00Z', fired_at: '2026-11-16T06:00:00Z', ...over,
});
const slackEscaped = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

interface TextObject { type: string; text: string; emoji?: boolean }
interface Block { type: string; text?: TextObject; fields?: TextObject[]; elements?: TextObject[] }
interface Posted { text: string; mrkdwn?: boolean; blocks: Block[] }
const textObjects = (p: Posted) => p.blocks.flatMap((b) => [...(b.text ? [b.text] : []), ...(b.fields ?? []), ...(b.elements ?? [])]);

/** Everything Assay itself writes in mrkdwn: the state's emoji and severity in bold, labels, digest headings. */
const assayMrkdwn = [
  /^:(red_circle|large_orange_circle|white_check_mark): \*(FIRING|RESOLVED) (low|medium|high)\* · (Firing since|Resolved at) 2026-11-16 06:00 UTC[^_*~`]*\.$/,
  /^\*(Rule|Alert|Source view|Evidence):\*$/,
  /^:(red_circle|large_orange_circle|white_check_mark): \*\d+ ((low|medium|high) firing|resolved)\*$/,
  /^and \d+ more: `SELECT \* FROM alerts_active`$/,
];

let hook: WebhookReceiver;
before(async () => {
  hook = await webhookReceiver();
});
after(() => hook.close());

/** Sends through the real channel (@slack/webhook) and returns the JSON the webhook received. */
async function post(message: AlertMessage): Promise<Posted> {
  const config = slack.config.parse({ type: 'slack', webhook_url_env: 'ASSAY_TEST_SLACK_FORMATTING_URL' });
  await slack.send(config, message, { ASSAY_TEST_SLACK_FORMATTING_URL: hook.url });
  return (hook.bodies.at(-1) as { json: Posted }).json;
}

function assertNamesLiteral(posted: Posted, { inNotification = true } = {}) {
  const objects = textObjects(posted);
  for (const o of objects.filter((o) => o.type === 'mrkdwn')) {
    assert.ok(assayMrkdwn.some((re) => re.test(o.text)), `mrkdwn holds only Assay's own text, not names from the logs: ${o.text}`);
  }
  const plain = objects.filter((o) => o.type === 'plain_text');
  for (const o of plain) assert.equal(o.emoji, false, `no :emoji: from a name: ${o.text}`);
  for (const name of Object.values(names)) {
    assert.ok(plain.some((o) => o.text.includes(slackEscaped(name))), `${name} shown as written in a plain_text object`);
  }
  assert.equal(posted.mrkdwn, false, 'the notification text is not formatted either');
  if (inNotification) for (const name of Object.values(names)) assert.ok(posted.text.includes(slackEscaped(name)), `${name} in the notification text`);
  assert.doesNotMatch(JSON.stringify(posted), /<!here>/, 'the mention is escaped everywhere');
}

test("names with Slack's formatting characters reach the webhook only in plain_text; Assay's severity stays bold", async () => {
  const posted = await post(alertMessage(event()));
  assertNamesLiteral(posted);
  assert.deepEqual(posted.blocks.map((b) => b.type), ['header', 'section', 'section', 'context']);
  assert.deepEqual(posted.blocks[1].text, { type: 'mrkdwn', text: ':red_circle: *FIRING high* · Firing since 2026-11-16 06:00 UTC.' });
  assert.equal(posted.blocks[2].text?.text, slackEscaped(`${subject}: ${event().message}`));
  assert.deepEqual(
    posted.blocks[3].elements?.map((e) => `${e.type}:${e.text}`),
    ['mrkdwn:*Rule:*', 'plain_text:drift', 'mrkdwn:*Alert:*', `plain_text:${event().alert_key}`, 'mrkdwn:*Source view:*', 'plain_text:drift_latest', 'mrkdwn:*Evidence:*', `plain_text:${event().evidence}`],
  );

  const resolved = await post(alertMessage(event({ state: 'resolved', at: '2026-11-16T06:00:00Z' })));
  assertNamesLiteral(resolved);
  assert.match(resolved.blocks[1].text!.text, /^:white_check_mark: \*RESOLVED high\* · Resolved at /);
});

test('a digest shows each alert in plain_text under bold severity headings, within 50 blocks however many alerts', async () => {
  const events = [
    event({ event_id: 1 }),
    event({ event_id: 2, severity: 'medium', subject: `${names.tenant} · ${names.prompt}` }),
    event({ event_id: 3, state: 'resolved' }),
    event({ event_id: 4 }),
  ];
  const posted = await post(digestMessage(events));
  // a digest's notification text is its counts
  assertNamesLiteral(posted, { inNotification: false });
  assert.deepEqual(
    posted.blocks.slice(1).map((b) => (b.text?.type === 'mrkdwn' ? b.text.text : b.text?.type)),
    [':red_circle: *2 high firing*', 'plain_text', 'plain_text', ':large_orange_circle: *1 medium firing*', 'plain_text', ':white_check_mark: *1 resolved*', 'plain_text'],
  );

  const many = [...Array(70).keys()].map((i) => event({ event_id: i, severity: ['high', 'medium', 'low'][i % 3], state: i % 7 === 0 ? 'resolved' : 'firing' }));
  const big = await post(digestMessage(many));
  assertNamesLiteral(big, { inNotification: false });
  assert.ok(big.blocks.length <= 50, `${big.blocks.length} blocks`);
  assert.equal(big.blocks.filter((b) => b.type === 'section' && b.text?.type === 'plain_text').length, 40, 'the first 40 alerts');
  assert.equal(big.blocks.at(-1)?.elements?.[0].text, 'and 30 more: `SELECT * FROM alerts_active`');
});
