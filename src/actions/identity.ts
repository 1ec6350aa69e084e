// Who is acting, and from where: recorded in every journal entry.
import {hostname, userInfo} from 'node:os';
import {sanitize} from '../data/text/sanitize.js';

export interface Identity {
  readonly user: string;
  readonly host: string;
  /** `SSH_CLIENT` (client address and ports) when over SSH. */
  readonly sshClient?: string;
}

/** The OS user, host and SSH client of this process. */
export function currentIdentity(env: NodeJS.ProcessEnv = process.env): Identity {
  let user = env.USER ?? env.LOGNAME ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep the environment's name
  }
  const ssh = env.SSH_CLIENT ?? env.SSH_CONNECTION;
  return {user: sanitize(user), host: sanitize(hostname()), sshClient: ssh ? sanitize(ssh).slice(0, 120) : undefined};
}
