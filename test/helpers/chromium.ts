import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: the browser tests drive the real one, never a bundled download. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Launches headless Chromium, or fails with what to install (`.ci/run` installs it with apt-get). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing: the browser tests need Debian's chromium at ${CHROMIUM_PATH}. Install it with \`apt-get install chromium\` (bash .ci/run does this) and run the tests again.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
