import type { z } from 'zod';
import type { AlertMessage } from './message.ts';

/**
 * A channel type: its config (alerts.channels.<name>, with `type` set to this type's name) and how it sends one
 * message. Secrets never sit in the config: it names the environment variable that holds them.
 */
export interface ChannelDefinition<C extends z.ZodObject = z.ZodObject> {
  type: string;
  description: string;
  config: C;
  /** Sends one message or throws; the error's message is stored in alert_deliveries.last_error. */
  send(config: z.infer<C>, message: AlertMessage, env: NodeJS.ProcessEnv): Promise<void>;
}

export function defineChannel<C extends z.ZodObject>(def: ChannelDefinition<C>): ChannelDefinition<C> {
  return def;
}

/** The value of the environment variable a config key names, or an error saying which key and variable. */
export function secretFrom(env: NodeJS.ProcessEnv, variable: string, key: string): string {
  const value = env[variable];
  if (!value) throw new Error(`environment variable ${variable} (named by ${key}) is not set`);
  return value;
}
