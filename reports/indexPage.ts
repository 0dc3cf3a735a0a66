import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayRange } from './format.ts';
import { esc, levelBadge } from './html.ts';
import { reportJson, type ReportJson } from './reportJson.ts';
import { STYLES } from './styles.ts';

export interface IndexEntry {
  dir: string;
  report: ReportJson;
}

/**
 * Every report in the reports directory (each folder holding a readable report.json), newest week first. One week
 * and tenant is one entry, its latest build: a folder named before tenant folders always carried a hash
 * (`2026-W46-tenant-acme`) still opens for whoever has its link, but a rebuild writes the new name, and the older
 * folder is named under the table rather than listed as a second report.
 */
export function listReports(out: string): { entries: IndexEntry[]; unreadable: string[]; superseded: string[] } {
  const found: IndexEntry[] = [];
  const unreadable: string[] = [];
  for (const dir of existsSync(out) ? readdirSync(out, { withFileTypes: true }) : []) {
    if (!dir.isDirectory()) continue;
    const file = join(out, dir.name, 'report.json');
    if (!existsSync(file)) continue;
    try {
      const parsed = reportJson.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) found.push({ dir: dir.name, report: parsed.data });
      else unreadable.push(dir.name);
    } catch {
      unreadable.push(dir.name);
    }
  }
  found.sort((a, b) => b.report.week.localeCompare(a.report.week) || Number(a.report.tenant !== null) - Number(b.report.tenant !== null) || (a.report.tenant ?? '').localeCompare(b.report.tenant ?? '') || b.report.generated_at.localeCompare(a.report.generated_at));
  const seen = new Set<string>();
  const entries: IndexEntry[] = [];
  const superseded: string[] = [];
  for (const e of found) {
    const key = JSON.stringify([e.report.week, e.report.tenant]);
    if (seen.has(key)) superseded.push(e.dir);
    else entries.push(e);
    seen.add(key);
  }
  return { entries, unreadable, superseded };
}

const figure = (r: ReportJson, label: string) => r.verdict.figures.find((f) => f.label === label)?.value ?? '—';

function row(e: IndexEntry): string {
  const r = e.report;
  const v = r.verdict;
  const href = `${encodeURIComponent(e.dir)}/report.html`;
  const missing = r.sections.filter((s) => s.status === 'missing').length;
  const top = v.red[0] ?? v.amber[0];
  const last = new Date(Date.parse(`${r.week_end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const cells = [
    `<td class="nowrap"><a href="${href}"><strong>${esc(r.week)}</strong></a></td>`,
    `<td class="nowrap">${esc(dayRange(r.week_start, last))}</td>`,
    `<td>${esc(r.tenant ?? 'all tenants')}</td>`,
    `<td>${levelBadge(v.status)}</td>`,
    `<td class="num">${v.red.length + v.more.red}</td>`,
    `<td class="num">${v.amber.length + v.more.amber}</td>`,
    `<td class="num">${esc(figure(r, 'requests (estimated)'))}</td>`,
    `<td class="num">${esc(figure(r, 'cost (estimated)'))}</td>`,
    `<td>${top ? `${esc(top.label)}: ${esc(top.statements[0])}` : ''}</td>`,
    `<td class="num">${missing}</td>`,
    `<td class="nowrap">${esc(r.generated_at.slice(0, 16).replace('T', ' '))}</td>`,
    `<td class="nowrap"><a href="${href}">HTML</a> · <a href="${encodeURIComponent(e.dir)}/report.json">JSON</a></td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

/** Writes <out>/index.html listing every report in the directory; returns its path. */
export function writeIndex(out: string): string {
  const { entries, unreadable, superseded } = listReports(out);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Assay weekly reports</title>
<style>${STYLES}</style>
</head>
<body>
<header class="masthead"><p class="brand">Assay</p><h1>Weekly reports</h1><p class="scope">${entries.length} report${entries.length === 1 ? '' : 's'}, newest week first</p></header>
<div class="layout" style="display:block">
<main>
<div class="scroll"><table>
<thead><tr><th scope="col">Week</th><th scope="col">Days</th><th scope="col">Tenant</th><th scope="col">Verdict</th><th scope="col" class="num">Red</th><th scope="col" class="num">Amber</th><th scope="col" class="num">Requests</th><th scope="col" class="num">Cost</th><th scope="col">First item</th><th scope="col" class="num">Sections not available</th><th scope="col">Generated (UTC)</th><th scope="col">Files</th></tr></thead>
<tbody>
${entries.map(row).join('\n')}
</tbody></table></div>
${unreadable.length ? `<p class="table-note">Not listed (report.json unreadable or from another format): ${unreadable.map(esc).join(', ')}</p>` : ''}
${superseded.length ? `<p class="table-note">Not listed (an older build of a report listed above): ${superseded.map(esc).join(', ')}</p>` : ''}
</main>
</div>
</body>
</html>
`;
  const path = join(out, 'index.html');
  writeFileSync(path, html);
  return path;
}
