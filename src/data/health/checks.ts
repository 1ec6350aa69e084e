// What a readiness check reports: which dependency it watches, and whether it reports tampering.
// The runbook's "Health Check Endpoint Details by Service" names each check by what it verifies ("Read model database
// writable", "Hash chain state store connected"); ASP.NET Core reports a name, a description and an exception.
import type {CheckEntry} from '../readings/types.js';

/** The dependencies the catalog alerts on (DatabaseConnectionFailure 8.1, MessageBusDown 9.1). */
export type Dependency = 'database' | 'message-bus';

/** Check names the runbook's services use for each dependency, when a source reports only the name (Prometheus). */
const NAMES: Readonly<Record<Dependency, RegExp>> = {
  database: /^(database|db|sql|readmodel|read-model|policy-db|inbox)$/i,
  'message-bus': /^(servicebus|service-bus|messagebus|message-bus|sb)$/i,
};

/** Words in a check's description or exception that say what it watches. */
const WORDS: Readonly<Record<Dependency, RegExp>> = {
  database: /\b(database|sql|read model|deduplication table|db connection)\b|SqlException/i,
  'message-bus': /\b(service ?bus|message ?bus|amqp)\b|ServiceBusException/i,
};

/** The dependency a check watches, from its name, description or exception; undefined for any other check. */
export function dependencyOf(check: CheckEntry): Dependency | undefined {
  for (const dep of ['database', 'message-bus'] as const) {
    if (NAMES[dep].test(check.name)) return dep;
    if (WORDS[dep].test(`${check.description ?? ''} ${check.exception ?? ''}`)) return dep;
  }
  return undefined;
}

/**
 * True when the check itself reports tampering (a hash mismatch, a failed chain or signature verification).
 * A check that only watches the hash-chain *store* ("Hash chain state store connected") is a connectivity check:
 * its failure is a dependency fault, never evidence of tampering (runbook 17.1 fires on a tamper alert).
 */
export function reportsTamper(check: CheckEntry): boolean {
  if (check.status === 'Healthy') return false;
  const text = `${check.description ?? ''} ${check.exception ?? ''}`;
  return /\btamper/i.test(check.name) || /\btamper(ed|ing)?\b|hash mismatch|(chain|signature|integrity) verification failed/i.test(text);
}
