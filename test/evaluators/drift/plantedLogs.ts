import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One workflow's traffic of one tenant, day by day: how many requests and which share of them is 'unknown'. */
export interface Stream {
  tenant: string;
  workflow: string;
  model?: string;
  /** First and last UTC day (inclusive), YYYY-MM-DD. */
  from: string;
  to: string;
  perDay: number;
  /** Unknown answers per 100 requests (whole numbers, so the shares are exact); `spike` from its day on. */
  unknownPer100: number;
  spike?: { from: string; unknownPer100: number };
  /** Exactly this many unknown answers on these days (the day's first requests), for volumes not a multiple of 100. */
  unknownOn?: Record<string, number>;
  /** How the unknown label is spelled in these logs (default 'unknown'). */
  unknownLabel?: string | null;
  /** The zone offset the timestamps are written in, e.g. '+01:00' (default 'Z'). */
  offset?: string;
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/** A timestamp inside the UTC day `day`, written in the zone `offset` (so its local date may be the day before or after). */
function stamp(day: string, secondOfDay: number, offset: string): string {
  const utc = Date.parse(`${day}T00:00:00Z`) + secondOfDay * 1000;
  if (offset === 'Z') return new Date(utc).toISOString().replace('.000Z', 'Z');
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const local = new Date(utc + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 19);
  return `${local}${offset}`;
}

/**
 * Canonical JSONL records of the streams, deterministic: request k of a day is unknown when k mod 100 is below
 * the day's unknown count per 100 (requests per day a multiple of 100 give exact shares), the others alternate
 * between 'billing' and 'technical'. Spread over the day so that written in a zone east of UTC the late ones carry
 * the next local date (and west of UTC the early ones the previous), while their UTC day stays the same.
 */
export function plantedRecords(streams: readonly Stream[], idPrefix = 'r'): string[] {
  const lines: string[] = [];
  for (const s of streams) {
    for (const day of days(s.from, s.to)) {
      const per100 = s.spike && day >= s.spike.from ? s.spike.unknownPer100 : s.unknownPer100;
      for (let k = 0; k < s.perDay; k++) {
        const unknown = s.unknownOn?.[day] !== undefined ? k < s.unknownOn[day] : k % 100 < per100;
        lines.push(JSON.stringify({
          id: `${idPrefix}-${s.tenant}-${s.workflow}-${day}-${k}`,
          ts: stamp(day, Math.floor(((k + 0.5) * 86_400) / s.perDay), s.offset ?? 'Z'),
          tenant_id: s.tenant, workflow: s.workflow, model: s.model ?? 'gpt-4o-mini-2024-07-18', prompt_version: 'v1',
          input: 'question', output: 'answer',
          category: unknown ? (s.unknownLabel === undefined ? 'unknown' : s.unknownLabel) : k % 2 ? 'billing' : 'technical',
          confidence: 0.5 + ((k * 37) % 50) / 100, input_tokens: 300 + ((k * 13) % 200), output_tokens: 40 + ((k * 7) % 60),
          latency_ms: 400 + ((k * 29) % 300), status: 'ok', fallback: false, human_override: false,
        }));
      }
    }
  }
  return lines;
}

/** Writes the streams' records to `dir/name` and returns its path. */
export function writePlanted(dir: string, name: string, streams: readonly Stream[], idPrefix?: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${plantedRecords(streams, idPrefix).join('\n')}\n`);
  return path;
}
