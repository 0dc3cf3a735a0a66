import { esc } from '../html.ts';

/** An alert event as it is delivered (alert_events joined with when its firing began). */
export interface AlertEvent {
  event_id: number;
  rule: string;
  alert_key: string;
  state: 'firing' | 'resolved';
  severity: string;
  subject: string;
  message: string;
  evidence: string | null;
  source_view: string;
  at: string;
  /** When the alert began firing (for a resolution: how long it lasted). */
  fired_at: string | null;
}

/** What every channel sends: a one-line title, plain text, HTML, and a Slack message with blocks, all saying the same. */
export interface AlertMessage {
  title: string;
  text: string;
  html: string;
  slack: { text: string; mrkdwn: false; blocks: unknown[] };
}

const stamp = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '');

/** `[Assay] FIRING high: acme · support_triage unknown rate 2.7% → 11.4% …` */
export function alertTitle(e: Pick<AlertEvent, 'state' | 'severity' | 'subject' | 'message'>): string {
  return `[Assay] ${e.state.toUpperCase()} ${e.severity}: ${e.subject} ${e.message}`;
}

export function alertMessage(e: AlertEvent): AlertMessage {
  const title = alertTitle(e);
  const when = e.state === 'firing' ? `Firing since ${stamp(e.fired_at ?? e.at)}.` : `Resolved at ${stamp(e.at)}${e.fired_at ? `; firing since ${stamp(e.fired_at)}` : ''}.`;
  const facts: [string, string][] = [
    ['Rule', e.rule],
    ['Alert', e.alert_key],
    ['Source view', e.source_view],
    ...(e.evidence ? [['Evidence', e.evidence] as [string, string]] : []),
  ];
  const text = [title, '', `${e.subject}: ${e.message}`, when, '', ...facts.map(([k, v]) => `${k}: ${v}`), '', 'Sent by Assay (assay alerts).'].join('\n');
  const html = [
    `<p><strong>${esc(e.state.toUpperCase())} ${esc(e.severity)}</strong>: ${esc(e.subject)}</p>`,
    `<p>${esc(e.message)}</p>`,
    `<p>${esc(when)}</p>`,
    `<table>${facts.map(([k, v]) => `<tr><th align="left">${esc(k)}</th><td>${k === 'Evidence' ? `<code>${esc(v)}</code>` : esc(v)}</td></tr>`).join('')}</table>`,
    '<p>Sent by Assay (assay alerts).</p>',
  ].join('\n');
  const blocks = [
    { type: 'header', text: plain(`${e.state.toUpperCase()} ${e.severity}: ${e.subject}`, SLACK_LIMITS.header) },
    { type: 'section', text: mrkdwn(`${stateEmoji(e)} *${e.state.toUpperCase()} ${e.severity}* · ${when}`) },
    { type: 'section', text: plain(`${e.subject}: ${e.message}`) },
    // label (Assay's, bold) then value (from the logs, plain): 8 elements of the 10 a context block may hold
    { type: 'context', elements: facts.flatMap(([k, v]) => [mrkdwn(`*${k}:*`), plain(v)]) },
  ];
  return { title, text, html, slack: slackMessage(title, blocks) };
}

/**
 * Slack's limits, in characters: a header's text, and a text object's (a section's text, a context element, the
 * notification text). A block over them makes Slack refuse the whole message (invalid_blocks), and the failed
 * delivery, retried first on every run, then held back every other alert on the channel.
 */
const SLACK_LIMITS = { header: 150, text: 3000 } as const;

/**
 * `s` cut to at most `max` UTF-16 units with an ellipsis: never inside a surrogate pair (half an emoji is not
 * text Slack takes) nor inside an escape (`&lt;` cut to `&l`).
 */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(s[cut - 1] ?? '')) cut--;
  const amp = s.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > s.lastIndexOf(';', cut - 1) && /^&(amp|lt|gt);/.test(s.slice(amp))) cut = amp;
  return `${s.slice(0, cut)}…`;
}

/**
 * Slack reads &, < and > as control characters in every text object and decodes their entities for display:
 * escaped, a tenant named `<!channel>` pings nobody.
 */
const slackEscape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * Text from the logs (tenant, workflow, model, prompt version, category, alert key, evidence query) goes to Slack
 * only as `plain_text`: mrkdwn has no escape for `_ * ~ \``, so `acme_eu_prod` next to `gpt_4o` italicised the
 * words between them, and `*triage*` turned bold. A zero-width joiner between the markers would stop that but
 * puts invisible characters into names an on-call person copies into a query; plain_text shows them as written.
 * `emoji: false` keeps `:name:` in a prompt version such as `v2:beta:` from becoming an emoji, and Slack refuses
 * an empty text object, so an empty one shows a dash.
 */
const plain = (s: string, max: number = SLACK_LIMITS.text) => ({ type: 'plain_text', text: clip(slackEscape(s) || '—', max), emoji: false });

/** Assay's own formatting (severity in bold, the state's emoji): never built from a name in the logs. */
const mrkdwn = (s: string) => ({ type: 'mrkdwn', text: clip(slackEscape(s), SLACK_LIMITS.text) });

const stateEmoji = (e: Pick<AlertEvent, 'state' | 'severity'>) => (e.state === 'resolved' ? ':white_check_mark:' : e.severity === 'high' ? ':red_circle:' : ':large_orange_circle:');

/**
 * The notification text (what Slack shows where it cannot show blocks) with `mrkdwn: false`: the title is all
 * names and numbers, read as written.
 */
const slackMessage = (title: string, blocks: unknown[]) => ({ text: clip(slackEscape(title), SLACK_LIMITS.text), mrkdwn: false as const, blocks });

/**
 * Slack allows 50 blocks a message: a digest shows this many alerts, under at most four headings (high, medium, low
 * firing; resolved) after its header, and counts the rest (46 blocks).
 */
const DIGEST_SLACK_ITEMS = 40;

/**
 * One message for many events (a drift run that flags 26 segments, a morning after an outage): the counts by
 * state and severity in the title, then one line per event, most severe first, each with its evidence query.
 */
export function digestMessage(events: readonly AlertEvent[]): AlertMessage {
  const rank: Record<string, number> = { high: 0, medium: 1, low: 2 };
  const sorted = [...events].sort((a, b) => Number(a.state === 'resolved') - Number(b.state === 'resolved') || (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || a.event_id - b.event_id);
  const groups = new Map<string, number>();
  const groupOf = (e: AlertEvent) => (e.state === 'firing' ? `${e.severity} firing` : 'resolved');
  for (const e of sorted) groups.set(groupOf(e), (groups.get(groupOf(e)) ?? 0) + 1);
  const counts = [...groups].map(([k, n]) => `${n} ${k}`).join(', ');
  const title = `[Assay] ${events.length} alerts: ${counts}`;
  const line = (e: AlertEvent) => `${e.state.toUpperCase()} ${e.severity}: ${e.subject} ${e.message}`;
  const text = [title, '', ...sorted.flatMap((e) => [`- ${line(e)}`, ...(e.evidence ? [`  evidence: ${e.evidence}`] : [])]), '', 'Sent by Assay (assay alerts): one message for the alerts of one run.'].join('\n');
  const html = [
    `<p><strong>${esc(events.length)} alerts</strong>: ${esc(counts)}</p>`,
    '<ul>',
    ...sorted.map((e) => `<li><strong>${esc(e.state.toUpperCase())} ${esc(e.severity)}</strong>: ${esc(e.subject)} ${esc(e.message)}${e.evidence ? `<br><code>${esc(e.evidence)}</code>` : ''}</li>`),
    '</ul>',
    '<p>Sent by Assay (assay alerts): one message for the alerts of one run.</p>',
  ].join('\n');
  const shown = sorted.slice(0, DIGEST_SLACK_ITEMS);
  const blocks: unknown[] = [{ type: 'header', text: plain(`${events.length} alerts: ${counts}`, SLACK_LIMITS.header) }];
  shown.forEach((e, i) => {
    // a heading in Assay's bold per state × severity (sorted, so each comes once), then its alerts in plain text
    if (i === 0 || groupOf(shown[i - 1]) !== groupOf(e)) blocks.push({ type: 'section', text: mrkdwn(`${stateEmoji(e)} *${groups.get(groupOf(e))} ${groupOf(e)}*`) });
    blocks.push({ type: 'section', text: plain(`${e.subject}: ${e.message}`) });
  });
  if (sorted.length > shown.length) blocks.push({ type: 'context', elements: [mrkdwn(`and ${sorted.length - shown.length} more: \`SELECT * FROM alerts_active\``)] });
  return { title, text, html, slack: slackMessage(title, blocks) };
}

