import type { Level, Signal } from './defineSection.ts';

/** One line of the verdict: a subject, what happened to it, and links to the evidence. */
export interface VerdictLine {
  level: Level;
  label: string;
  /** The lead statement first, then other topics of the same subject at the same level. */
  statements: string[];
  /** Other segments the same finding showed in (folded into this line): 'acme', 'all tenants', 'all traffic'. */
  also: string[];
  evidence: { anchor: string; section: string }[];
  score: number;
}

export interface Verdict {
  status: 'red' | 'amber' | 'green';
  red: VerdictLine[];
  amber: VerdictLine[];
  /** The largest week-over-week changes, whatever their level. */
  changes: VerdictLine[];
  /** Lines left off each list (the sections hold them). */
  more: { red: number; amber: number };
}

const LEVEL_RANK: Record<Level, number> = { red: 2, amber: 1, info: 0 };
const RANK_CAP = 3;

function scopeKey(s: Signal): string {
  if (s.subject.workflow) return `workflow:${s.subject.workflow}`;
  if (s.subject.model) return `model:${s.subject.model}`;
  if (s.subject.tenant_id) return `tenant:${s.subject.tenant_id}`;
  return 'all';
}

/** How a folded-in member reads beside the lead. */
function memberLabel(s: Signal): string {
  if (s.subject.tenant_id && (s.subject.workflow || s.subject.model)) return s.subject.tenant_id;
  if (s.subject.tenant_id) return `tenant ${s.subject.tenant_id}`;
  if (s.subject.workflow || s.subject.model) return 'all tenants';
  return 'all traffic';
}

/** A tenant's use of a workflow, or one prompt version of it, is narrower than the workflow. */
const specificity = (s: Signal) => (s.subject.tenant_id ? 2 : 0) + (s.subject.prompt_version ? 1 : 0);

/**
 * Lead first: the most severe; among equally severe, the broadest segment (the workflow before one tenant's use of
 * it, which it explains), then the largest.
 */
function byLead(a: Signal, b: Signal): number {
  return LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || specificity(a) - specificity(b) || b.score - a.score;
}

interface TopicGroup {
  lead: Signal;
  members: Signal[];
}

/**
 * Signals about the same workflow (or model) and topic are one finding seen in several segments: the workflow
 * and each tenant's use of it, or several drift tests. A signal about all traffic joins a group of the same topic
 * when there is one, since a narrower segment explains it.
 */
function groupByTopic(signals: readonly Signal[]): TopicGroup[] {
  const groups = new Map<string, Signal[]>();
  const overall: Signal[] = [];
  for (const s of signals) {
    const key = scopeKey(s);
    if (key === 'all') overall.push(s);
    else groups.set(`${key}|${s.topic}`, [...(groups.get(`${key}|${s.topic}`) ?? []), s]);
  }
  for (const s of overall) {
    const hosts = [...groups.entries()].filter(([k]) => k.endsWith(`|${s.topic}`)).map(([, members]) => members);
    const host = hosts.sort((a, b) => byLead(a.slice().sort(byLead)[0], b.slice().sort(byLead)[0]))[0];
    if (host) host.push(s);
    else groups.set(`all|${s.topic}`, [...(groups.get(`all|${s.topic}`) ?? []), s]);
  }
  return [...groups.values()].map((members) => {
    const sorted = members.slice().sort((a, b) => (scopeKey(a) === 'all' ? 1 : 0) - (scopeKey(b) === 'all' ? 1 : 0) || byLead(a, b));
    return { lead: sorted[0], members: sorted };
  });
}

/** One link per section: to the evidence of the first (leading) member found there. */
function evidenceOf(members: readonly Signal[]): VerdictLine['evidence'] {
  const seen = new Set<string>();
  const out: VerdictLine['evidence'] = [];
  for (const m of members) {
    if (seen.has(m.section)) continue;
    seen.add(m.section);
    out.push({ anchor: m.anchor, section: m.section });
  }
  return out;
}

function alsoOf(g: TopicGroup): string[] {
  const lead = memberLabel(g.lead);
  return [...new Set(g.members.map(memberLabel))].filter((l) => l !== lead);
}

/**
 * What a group says: its lead's statement and, when the lead does not know when the change began, the same
 * subject's statement that does (the drift finding's spike start beside the week-over-week change).
 */
function statementsOf(g: TopicGroup): string[] {
  const dated = g.lead.since ? undefined : g.members.find((m) => m.since && m.label === g.lead.label && m.level === g.lead.level);
  return dated ? [g.lead.statement, dated.statement] : [g.lead.statement];
}

/** Topic groups of one subject and level become one line. */
function linesOf(groups: readonly TopicGroup[], level: Level): VerdictLine[] {
  const bySubject = new Map<string, TopicGroup[]>();
  for (const g of groups.filter((x) => x.lead.level === level)) bySubject.set(g.lead.label, [...(bySubject.get(g.lead.label) ?? []), g]);
  return [...bySubject.values()]
    .map((gs) => {
      gs.sort((a, b) => b.lead.score - a.lead.score);
      return {
        level,
        label: gs[0].lead.label,
        statements: [...new Set(gs.flatMap(statementsOf))],
        also: [...new Set(gs.flatMap(alsoOf))],
        evidence: evidenceOf(gs.flatMap((g) => g.members)),
        score: gs[0].lead.score,
        breadth: gs.reduce((n, g) => n + g.members.length, 0),
      };
    })
    // Beyond a few times its threshold, red is red: past that, the finding seen in more places comes first.
    .sort((a, b) => Math.min(b.score, RANK_CAP) - Math.min(a.score, RANK_CAP) || b.breadth - a.breadth || b.score - a.score)
    .map(({ breadth: _, ...line }) => line);
}

/**
 * The verdict at the top of the report: what is red, what is amber, and what changed most since last week (changes
 * of at least `minChangeScore` of their red threshold, largest first).
 */
export function verdict(signals: readonly Signal[], opts: { maxLines: number; maxChanges: number; minChangeScore: number }): Verdict {
  // Red lines are what a lead must act on: list them all unless there are very many.
  const groups = groupByTopic(signals);
  const red = linesOf(groups, 'red');
  const amber = linesOf(groups, 'amber');
  const changes = groupByTopic(signals.filter((s) => s.change && s.score >= opts.minChangeScore && s.score > 0))
    .map((g) => {
      const lead = g.members.filter((m) => m.change).sort((a, b) => b.score - a.score)[0];
      return { level: lead.level, label: lead.label, statements: [lead.statement], also: [], evidence: [{ anchor: lead.anchor, section: lead.section }], score: lead.score };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, opts.maxChanges);
  return {
    status: red.length ? 'red' : amber.length ? 'amber' : 'green',
    red: red.slice(0, 2 * opts.maxLines),
    amber: amber.slice(0, opts.maxLines),
    changes,
    more: { red: Math.max(0, red.length - 2 * opts.maxLines), amber: Math.max(0, amber.length - opts.maxLines) },
  };
}
