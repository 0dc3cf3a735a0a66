/**
 * A named point inside a job where a test can stop it for good: with ASSAY_FAULT_POINT=<name> in the
 * environment the process says so on stderr and waits there, so the test kills it with SIGKILL at exactly
 * that point (test/e2e/ingest.test.ts: inside the ingest transaction, after the records are written) and
 * checks what the warehouse kept. Without the variable it does nothing.
 */
export async function faultPoint(name: string): Promise<void> {
  if (process.env.ASSAY_FAULT_POINT !== name) return;
  process.stderr.write(`assay: stopped at fault point ${name} (ASSAY_FAULT_POINT); waiting to be killed\n`);
  await new Promise<never>(() => setInterval(() => {}, 2 ** 30));
}
