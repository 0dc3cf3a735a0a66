import type { DriftTestDefinition } from './defineDriftTest.ts';
import { chiSquare } from './chiSquare.ts';
import { jensenShannon } from './jensenShannon.ts';
import { ks } from './ks.ts';
import { psi } from './psi.ts';
import { twoProportion } from './twoProportion.ts';
import { unknownRateSpike } from './unknownRateSpike.ts';
import { wasserstein } from './wasserstein.ts';

/** Every drift test; an explicit list (test/evaluators/drift/registry.test.ts checks it against the folder). */
export const DRIFT_TESTS = [unknownRateSpike, twoProportion, chiSquare, jensenShannon, psi, ks, wasserstein] as unknown as readonly DriftTestDefinition[];

export function getDriftTest(name: string): DriftTestDefinition {
  const t = DRIFT_TESTS.find((d) => d.name === name);
  if (!t) throw new Error(`unknown drift test '${name}'`);
  return t;
}
