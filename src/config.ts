/** Settings from the environment, read once at start-up. */
export interface Config {
  port: number;
  host: string;
  seedDir: string | undefined;
  introspection: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number; got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    seedDir: env.CROSSWALK_SEED_DIR,
    introspection: env.CROSSWALK_INTROSPECTION !== 'false',
  };
}
