import type { ChannelDefinition } from '../defineChannel.ts';
import { email } from './email.ts';
import { slack } from './slack.ts';

/** Every channel type (test/reports/alerts/registries.test.ts checks this list against the files). */
export const CHANNELS: readonly ChannelDefinition[] = [email, slack] as unknown as ChannelDefinition[];

export function channelType(type: string): ChannelDefinition {
  const c = CHANNELS.find((x) => x.type === type);
  if (!c) throw new Error(`unknown channel type '${type}'`);
  return c;
}
