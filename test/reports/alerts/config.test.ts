import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAssayError } from '../../../data/errors.ts';
import { parseConfig } from '../../../jobs/config.ts';
import type { AlertsConfig } from '../../../reports/alerts/config.ts';

function issues(raw: unknown): string[] {
  try {
    parseConfig(raw, 'assay.config.json');
  } catch (e) {
    assert.ok(isAssayError(e) && e.code === 'ASSAY_ERR_CONFIG');
    return (e.details!.issues as { path: string; message: string }[]).map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

const email = { type: 'email', smtp: { host: 'smtp.example.com' }, from: 'assay@example.com', to: ['oncall@example.com'] };

test('the alerts section has defaults for everything: every rule on, no channel, 5 attempts', () => {
  const c = parseConfig({}, '(defaults)').alerts;
  assert.deepEqual(c.rules.drift, { enabled: true, min_severity: 'high', segment_types: ['overall', 'workflow', 'tenant_workflow', 'model', 'prompt_version'] });
  assert.equal(c.rules.budget.enabled, true);
  assert.equal(c.rules.unpriced_model.enabled, true);
  assert.deepEqual(c.channels, {});
  assert.equal(c.max_attempts, 5);
  const ok = parseConfig({ alerts: { channels: { oncall: email, chat: { type: 'slack', webhook_url_env: 'SLACK_URL', min_severity: 'high' } } } }, 'x').alerts as unknown as AlertsConfig;
  assert.equal((ok.channels.oncall.smtp as { port: number }).port, 587);
  assert.equal(ok.channels.chat.min_severity, 'high');
});

test('config errors name the key', () => {
  const cases: [unknown, RegExp][] = [
    [{ rules: { drift: { min_severity: 'severe' } } }, /^alerts\.rules\.drift\.min_severity: /],
    [{ rules: { flaky: {} } }, /^alerts\.rules: Unrecognized key: "flaky"/],
    [{ channels: { oncall: { ...email, to: ['not-an-address'] } } }, /^alerts\.channels\.oncall\.to\.0: /],
    [{ channels: { oncall: { ...email, smtp: { host: 'h', password: 'hunter2' } } } }, /^alerts\.channels\.oncall\.smtp: Unrecognized key: "password"/],
    [{ channels: { oncall: { ...email, smtp: { host: 'h', user: 'u' } } } }, /^alerts\.channels\.oncall\.smtp\.password_env: give both user and password_env/],
    [{ channels: { chat: { type: 'slack', webhook_url_env: 'https://hooks.slack.com/services/x' } } }, /^alerts\.channels\.chat\.webhook_url_env: an environment variable name/],
    [{ channels: { chat: { type: 'pager' } } }, /^alerts\.channels\.chat\.type: /],
    [{ max_attempts: 0 }, /^alerts\.max_attempts: /],
    [{ silences: [{ rule: 'flaky', alert_key: 'x', until: '2026-12-08', reason: 'r' }] }, /^alerts\.silences\.0\.rule: /],
    [{ silences: [{ alert_key: 'x', until: '2026-02-30', reason: 'r' }] }, /^alerts\.silences\.0\.until: not a time: '2026-02-30'/],
    [{ silences: [{ alert_key: 'x', until: 'next monday', reason: 'r' }] }, /^alerts\.silences\.0\.until: expected YYYY-MM-DD/],
    [{ silences: [{ alert_key: 'x', until: '2026-12-08' }] }, /^alerts\.silences\.0\.reason: /],
  ];
  for (const [alerts, expected] of cases) {
    const found = issues({ alerts });
    assert.ok(found.some((m) => expected.test(m)), `${JSON.stringify(alerts)} → ${found.join(' | ')}`);
  }
});
