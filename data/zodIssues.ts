import type { z } from 'zod';

/** Formats zod issues as one line each: `key.path: what was expected (got …)`. */
export function formatZodIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      const extra = issue.code === 'unrecognized_keys' ? ` (${(issue as { keys: string[] }).keys.join(', ')})` : '';
      return `  ${path || '(root)'}: ${issue.message}${extra}`;
    })
    .join('\n');
}

/** The dotted path of the first issue, for error details. */
export function firstIssuePath(error: z.ZodError): string {
  return error.issues[0]?.path.map(String).join('.') ?? '';
}
