import type { Block, Figure } from './defineSection.ts';
import { renderBlocks, type RenderContext } from './blocks.ts';
import { dayRange } from './format.ts';
import { esc, levelBadge } from './html.ts';
import type { IsoWeek } from './isoWeek.ts';
import { STYLES } from './styles.ts';
import type { Verdict, VerdictLine } from './verdict.ts';

export interface PageSection {
  name: string;
  title: string;
  status: 'ok' | 'missing';
  reason?: string;
  remedy?: string;
  summary?: string;
  blocks: Block[];
}

export interface PageInput {
  week: IsoWeek;
  tenant: string | null;
  generatedAt: string;
  version: string;
  verdict: Verdict;
  figures: Figure[];
  sections: PageSection[];
  render: RenderContext;
}

// No script, no external resource: the page must read the same from a file, a mail attachment or a static host.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function line(l: VerdictLine, titles: ReadonlyMap<string, string>): string {
  const evidence = l.evidence
    .map((e) => `<a href="#${esc(e.anchor)}">${esc(titles.get(e.section) ?? e.section)}</a>`)
    .filter((v, i, a) => a.indexOf(v) === i)
    .join(' · ');
  const also = l.also.length ? ` <span class="also">Also in: ${esc(l.also.join(', '))}.</span>` : '';
  return `<li>${levelBadge(l.level)} <span class="subject">${esc(l.label)}</span> — ${l.statements.map(esc).join('; ')}.${also} <span class="evidence">Evidence: ${evidence}</span></li>`;
}

function verdictHtml(p: PageInput, titles: ReadonlyMap<string, string>): string {
  const v = p.verdict;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const status =
    v.status === 'red'
      ? `${count(v.red.length + v.more.red, 'thing')} need${v.red.length + v.more.red === 1 ? 's' : ''} attention now`
      : v.status === 'amber'
        ? `Nothing is red; ${count(v.amber.length + v.more.amber, 'thing')} to watch`
        : 'Nothing is red or amber this week';
  const list = (title: string, lines: VerdictLine[], more: number, moreHint: string) =>
    lines.length ? `<h3>${esc(title)}</h3><ul class="lines">${lines.map((l) => line(l, titles)).join('')}${more ? `<li class="also">…and ${more} more: ${esc(moreHint)}</li>` : ''}</ul>` : '';
  const missing = p.sections.filter((s) => s.status === 'missing');
  return `<section id="verdict" class="verdict status-${v.status}" aria-labelledby="verdict-title">
<h2 id="verdict-title">Verdict</h2>
<p class="status-line">${levelBadge(v.status)} <strong>${esc(status)}.</strong></p>
${p.figures.length ? renderBlocks([{ kind: 'figures', items: p.figures }], p.render) : ''}
${list('What is red', v.red, v.more.red, 'see the sections below')}
${list('To watch (amber)', v.amber, v.more.amber, 'see the sections below')}
<h3>What changed most since ${esc(p.week.prev)}</h3>${v.changes.length ? `<ul class="lines">${v.changes.map((l) => line(l, titles)).join('')}</ul>` : `<p>No workflow moved by half its red threshold or more since ${esc(p.week.prev)}.</p>`}
${missing.length ? `<p class="unavailable">Not in this report: ${missing.map((s) => `<a href="#${esc(s.name)}">${esc(s.title)}</a>`).join(', ')} — each section says why.</p>` : ''}
</section>`;
}

function sectionHtml(s: PageSection, ctx: RenderContext): string {
  if (s.status === 'missing') {
    return `<section id="${esc(s.name)}" class="report-section missing"><h2>${esc(s.title)}</h2><div class="missing-note"><strong>${esc(s.reason ?? 'Not available.')}</strong>${s.remedy ? esc(s.remedy) : ''}</div></section>`;
  }
  return `<section id="${esc(s.name)}" class="report-section"><h2>${esc(s.title)}</h2>${s.summary ? `<p class="lead">${esc(s.summary)}</p>` : ''}${renderBlocks(s.blocks, ctx)}</section>`;
}

/** The whole page: masthead, contents, verdict, sections, footer; CSS inlined, charts inlined as SVG. */
export function renderPage(p: PageInput): string {
  const scope = p.tenant ? `Tenant ${p.tenant}` : 'All tenants';
  const titles = new Map(p.sections.map((s) => [s.name, s.title]));
  const toc = [`<li><a href="#verdict">Verdict</a></li>`, ...p.sections.map((s) => `<li><a href="#${esc(s.name)}">${esc(s.title)}</a>${s.status === 'missing' ? ' <span class="tag">(not available)</span>' : ''}</li>`)].join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="assay ${esc(p.version)}">
<title>Assay weekly report ${esc(p.week.week)} — ${esc(scope)}</title>
<style>${STYLES}</style>
</head>
<body>
<header class="masthead">
<p class="brand">Assay · weekly report</p>
<h1>${esc(p.week.week)} <span class="range">${esc(dayRange(p.week.start, p.week.last))}</span></h1>
<p class="scope">${esc(scope)} · generated ${esc(p.generatedAt.slice(0, 16).replace('T', ' '))} UTC · <a class="no-print" href="../index.html">all reports</a></p>
</header>
<div class="layout">
<nav class="toc" aria-label="Contents"><ol>${toc}</ol></nav>
<main>
${verdictHtml(p, titles)}
${p.sections.map((s) => sectionHtml(s, p.render)).join('\n')}
</main>
</div>
<footer>Every table and chart names the DuckDB views it comes from (“SQL: …”); open the warehouse with any DuckDB client, or <code>assay sql</code>, and run the query shown under it. Figures marked ≈ are estimates scaled up from sampled records by 1/sample_rate. report.json beside this page holds the same numbers. Assay ${esc(p.version)}.</footer>
</body>
</html>
`;
}
