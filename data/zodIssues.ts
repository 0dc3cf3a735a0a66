import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const depth = (issues: readonly Issue[]) => Math.max(0, ...issues.map((i) => i.path.length));

/**
 * Issues with union failures replaced by the branch that got furthest (fewest issues, then the deepest
 * path), so `a | b[]` reports the bad key inside the value rather than "Invalid input" at its top.
 */
function expand(issues: readonly Issue[], base: PropertyKey[]): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length || depth(b) - depth(a))[0];
      return expand(best, path);
    }
    return [{ ...issue, path }];
  });
}

/** Formats zod issues as one line each: `key.path: what was expected (got …)`. */
export function formatZodIssues(error: z.ZodError, prefix = ''): string {
  return expand(error.issues, [])
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      const extra = issue.code === 'unrecognized_keys' ? ` (${(issue as { keys: string[] }).keys.join(', ')})` : '';
      return `  ${path || '(root)'}: ${issue.message}${extra}`;
    })
    .join('\n');
}

/** The dotted path of the first issue, for error details. */
export function firstIssuePath(error: z.ZodError): string {
  return expand(error.issues, [])[0]?.path.map(String).join('.') ?? '';
}
