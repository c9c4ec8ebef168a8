export const root: string;
export function run(cmd: string, args: string[], opts?: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean }): Promise<string>;
export function freePort(): Promise<number>;
export function startPglite(dataDir?: string | null, port?: number): Promise<{ url: string; close(): Promise<void> }>;
export function checkReachable(url: string, timeoutMs?: number): Promise<void>;
export function createDatabase(serverUrl: string, name: string): Promise<string>;
export function dropDatabase(serverUrl: string, name: string): Promise<void>;
export function migrate(url: string, opts?: { quiet?: boolean }): Promise<void>;
export function seed(url: string, extraEnv?: Record<string, string>): Promise<void>;
