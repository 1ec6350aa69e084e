// What each paging change sends, as the request body and as the `curl` line a person could run instead. The token is
// always `$ENV_VAR`, never its value.
import type {PagingChange} from './types.js';

/** The PUT /incidents/{id} body for `change` (PagerDuty REST API v2, "Update an incident"). */
export function changeBody(change: PagingChange): {incident: Record<string, unknown>} {
  return 'status' in change
    ? {incident: {type: 'incident_reference', status: change.status}}
    : {incident: {type: 'incident_reference', escalation_level: change.escalationLevel}};
}

/** Single-quotes `s` for a POSIX shell. */
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The curl equivalent of one change. */
export function curlCommand(where: {baseUrl: string; tokenEnv: string; from: string}, incidentId: string, change: PagingChange): string {
  return [
    `curl -X PUT ${quote(`${where.baseUrl}/incidents/${encodeURIComponent(incidentId)}`)}`,
    `-H "Authorization: Token token=$${where.tokenEnv}"`,
    `-H ${quote('Accept: application/vnd.pagerduty+json;version=2')}`,
    `-H ${quote('Content-Type: application/json')}`,
    `-H ${quote(`From: ${where.from}`)}`,
    `-d ${quote(JSON.stringify(changeBody(change)))}`,
  ].join(' ');
}
