// A lock file around journal appends, so two cockpits appending at once keep one valid chain.
import {closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync} from 'node:fs';

const STALE_MS = 15_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a lock left by a dead process or older than STALE_MS. */
function clearStale(lock: string): void {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    const age = Date.now() - statSync(lock).mtimeMs;
    if ((Number.isInteger(pid) && pid > 0 && !alive(pid)) || age > STALE_MS) unlinkSync(lock);
  } catch {
    // gone already, or unreadable mid-write: try again
  }
}

/** Runs `fn` while holding `lock` (created with O_EXCL); waits up to `timeoutMs`. */
export async function withLock<T>(lock: string, fn: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      clearStale(lock);
      if (Date.now() > deadline) throw new Error(`journal is locked by another process (${lock}); try again`, {cause: error});
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
  }
  try {
    return await fn();
  } finally {
    closeSync(fd);
    try {
      unlinkSync(lock);
    } catch {
      // removed by a stale-lock sweep: nothing to do
    }
  }
}
