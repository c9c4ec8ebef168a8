export function wantsDemo(opts: { argv?: string[]; env?: Record<string, string | undefined>; embedded: boolean }): boolean;
