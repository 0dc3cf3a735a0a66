import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Signal } from '../../reports/defineSection.ts';
import { verdict } from '../../reports/verdict.ts';

const sig = (o: Partial<Signal> & Pick<Signal, 'level' | 'topic' | 'score'>): Signal => ({
  subject: { tenant_id: null, workflow: 'wf' },
  label: o.subject?.tenant_id ? `${o.subject.tenant_id} · ${o.subject.workflow}` : String(o.subject?.workflow ?? 'wf'),
  statement: `${o.topic} moved`,
  change: false,
  anchor: `a-${o.topic}-${o.subject?.tenant_id ?? 'all'}`,
  section: 'drift',
  ...o,
});

const opts = { maxLines: 6, maxChanges: 5, minChangeScore: 0.5 };

test('one finding seen in a workflow and in its tenants is one line, led by the broadest segment of the worst level', () => {
  const v = verdict([
    sig({ level: 'red', topic: 'latency', score: 3, subject: { tenant_id: 'acme', workflow: 'draft' }, statement: 'acme latency' }),
    sig({ level: 'red', topic: 'latency', score: 2, subject: { tenant_id: null, workflow: 'draft' }, statement: 'draft latency' }),
    sig({ level: 'red', topic: 'latency', score: 2.5, subject: { tenant_id: null, workflow: 'draft', prompt_version: 'v8' }, statement: 'v8 latency' }),
    sig({ level: 'red', topic: 'latency', score: 1.2, subject: { tenant_id: null, workflow: 'draft' }, section: 'operations', anchor: 'ops-draft', statement: 'p95 +80%' }),
    sig({ level: 'amber', topic: 'latency', score: 0.8, subject: { tenant_id: null, workflow: null }, statement: 'all latency', anchor: 'all' }),
  ], opts);
  assert.equal(v.status, 'red');
  assert.equal(v.red.length, 1);
  assert.equal(v.red[0].statements[0], 'draft latency');
  assert.deepEqual(v.red[0].also, ['acme', 'all traffic']);
  assert.deepEqual(v.red[0].evidence.map((e) => e.section), ['drift', 'operations'], 'one link per section');
  assert.equal(v.amber.length, 0, 'the all-traffic finding is explained by the workflow');
});

test('a tenant more severe than its workflow leads its own line; other topics of the same subject and level join it', () => {
  const v = verdict([
    sig({ level: 'red', topic: 'unknown answers', score: 1.6, subject: { tenant_id: 'acme', workflow: 'triage' }, statement: 'unknown 3% → 18%' }),
    sig({ level: 'amber', topic: 'unknown answers', score: 0.7, subject: { tenant_id: null, workflow: 'triage' } }),
    sig({ level: 'red', topic: 'human overrides', score: 1.1, subject: { tenant_id: 'acme', workflow: 'triage' }, statement: 'overrides up' }),
    sig({ level: 'amber', topic: 'errors', score: 0.5, subject: { tenant_id: 'globex', workflow: 'triage' }, statement: 'errors up' }),
  ], opts);
  assert.equal(v.red.length, 1);
  assert.equal(v.red[0].label, 'acme · triage');
  assert.deepEqual(v.red[0].statements, ['unknown 3% → 18%', 'overrides up']);
  assert.deepEqual(v.red[0].also, ['all tenants']);
  assert.deepEqual(v.amber.map((l) => l.label), ['globex · triage']);
});

test("a line keeps the same subject's statement from the other section: the week-over-week change and the spike's start day", () => {
  const v = verdict([
    sig({ level: 'red', topic: 'unknown answers', score: 2.9, subject: { tenant_id: 'acme', workflow: 'triage' }, section: 'operations', statement: 'unknown answers 2.7% → 11.3% (+8.6 pp) vs 2026-W44' }),
    sig({ level: 'red', topic: 'unknown answers', score: 1.4, subject: { tenant_id: 'acme', workflow: 'triage' }, statement: 'unknown answers 3.0% before → 17.6% since Thu 5 Nov (high)', since: '2026-11-05' }),
    // the same latency change said twice (drift vs the reference weeks, operations vs last week) is said once
    sig({ level: 'red', topic: 'latency', score: 2, subject: { tenant_id: 'globex', workflow: 'summarize' }, section: 'operations', statement: 'p95 latency 3.71 s → 5.86 s (+58%) vs 2026-W47' }),
    sig({ level: 'red', topic: 'latency', score: 1.5, subject: { tenant_id: 'globex', workflow: 'summarize' }, statement: 'latency p95 3.60 s before → 5.86 s this week (high)' }),
    sig({ level: 'amber', topic: 'unknown answers', score: 0.6, subject: { tenant_id: null, workflow: 'triage' }, statement: 'triage unknown' }),
  ], opts);
  assert.equal(v.red.length, 2);
  assert.deepEqual(v.red.find((l) => l.label === 'acme · triage')?.statements, ['unknown answers 2.7% → 11.3% (+8.6 pp) vs 2026-W44', 'unknown answers 3.0% before → 17.6% since Thu 5 Nov (high)']);
  assert.deepEqual(v.red.find((l) => l.label === 'globex · summarize')?.statements, ['p95 latency 3.71 s → 5.86 s (+58%) vs 2026-W47']);
});

test('status follows the worst line; changes list the largest week-over-week moves past half their red threshold', () => {
  const cases: { signals: Signal[]; status: string; changes: string[] }[] = [
    { signals: [], status: 'green', changes: [] },
    { signals: [sig({ level: 'info', topic: 'volume', score: 0.2, change: true })], status: 'green', changes: [] },
    {
      signals: [
        sig({ level: 'amber', topic: 'volume', score: 0.6, change: true, statement: 'volume −36%' }),
        sig({ level: 'info', topic: 'latency', score: 0.9, change: true, statement: 'p95 −45%' }),
        sig({ level: 'info', topic: 'errors', score: 0.4, change: true, statement: 'errors +1 pp' }),
      ],
      status: 'amber',
      changes: ['p95 −45%', 'volume −36%'],
    },
  ];
  for (const c of cases) {
    const v = verdict(c.signals, opts);
    assert.equal(v.status, c.status);
    assert.deepEqual(v.changes.map((l) => l.statements[0]), c.changes);
  }
});

test('lists are capped (red at twice the amber cap) and say how many more there are', () => {
  const many = (level: 'red' | 'amber') => Array.from({ length: 15 }, (_, i) => sig({ level, topic: level, score: (15 - i) / 10, subject: { tenant_id: null, workflow: `wf${i}` } }));
  const v = verdict([...many('red'), ...many('amber')], { ...opts, maxLines: 6 });
  assert.deepEqual([v.red.length, v.more.red, v.amber.length, v.more.amber], [12, 3, 6, 9]);
  assert.equal(v.red[0].label, 'wf0');
});

test('far past its threshold, a finding seen in more segments ranks before a bigger one seen in one', () => {
  const v = verdict([
    sig({ level: 'red', topic: 'cost', score: 12, subject: { tenant_id: null, workflow: 'summ' } }),
    sig({ level: 'red', topic: 'latency', score: 3.1, subject: { tenant_id: null, workflow: 'draft' } }),
    sig({ level: 'red', topic: 'latency', score: 3.5, subject: { tenant_id: 'acme', workflow: 'draft' } }),
    sig({ level: 'red', topic: 'unknown answers', score: 1.6, subject: { tenant_id: 'acme', workflow: 'triage' } }),
  ], opts);
  assert.deepEqual(v.red.map((l) => l.label), ['draft', 'summ', 'acme · triage']);
});
