// Types for startup.mjs, which tests import.
import type {Plugin} from 'esbuild';

export declare const STARTUP_SWITCHES: readonly string[];
export declare function startupOptions(off?: ReadonlySet<string>): {plugins: Plugin[]; define: Record<string, string>; inject: string[]};
