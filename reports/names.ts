import { createHash } from 'node:crypto';

/**
 * 8 hex digits of the SHA-256 of the exact value, for names built from log values (report folders, element ids).
 * Such a name keeps a readable part (the value with unsafe characters replaced, lower-cased or cut short) and always
 * ends in the fingerprint: two values then share a name only if they share the readable part and the fingerprint.
 * Appending it only when the readable part had changed let a value that was already safe ('_-2ec847d8') take the
 * name another had been given ('@@@' → '_' + its fingerprint), and a case-insensitive file system merged 'acme' and
 * 'ACME'. Eight digits is the length the first report folders used, so their names are unchanged.
 */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 8);
}
