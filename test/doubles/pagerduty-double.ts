// A loopback double of PagerDuty's REST API v2 (a real HTTP server on 127.0.0.1): incidents, on-calls and escalation
// policies with their documented request and response shapes, classic pagination (limit/offset/more/total), the
// documented errors ({error: {message, code, errors}}: 400, 401, 403, 404, 429 with Retry-After), and every request
// recorded. Error codes and the Accept header follow PagerDuty's documentation as remembered (see docs/pagerduty.md).
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export interface DoubleUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** An incident as the double keeps it (PagerDuty field names). */
export interface DoubleIncident {
  id: string;
  incident_number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  incident_key?: string;
  created_at: string;
  last_status_change_at: string;
  service_id: string;
  policy_id: string;
  /** The level the incident is at now (PagerDuty keeps this, but does not show it on the incident object). */
  level: number;
  acknowledged_by?: {user: DoubleUser; at: string};
}

export interface DoublePolicy {
  readonly id: string;
  readonly name: string;
  /** Per level (1 first): the schedule name and the user on call there now. */
  readonly levels: readonly {readonly schedule: string; readonly user: DoubleUser}[];
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The raw query pairs in order (`statuses[]` repeated). */
  readonly query: readonly [string, string][];
  readonly authorization?: string;
  readonly accept?: string;
  readonly from?: string;
  readonly contentType?: string;
  readonly body?: string;
  readonly status: number;
}

/** A canned failure for the next matching request(s). */
export interface Fault {
  readonly status: number;
  readonly retryAfter?: string;
  readonly body?: unknown;
  /** Only for this method (default any). */
  readonly method?: string;
  /** Never answer (the connection stays open until the client gives up). */
  readonly hang?: boolean;
  times?: number;
}

export interface PagerDutyDouble {
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly incidents: Map<string, DoubleIncident>;
  readonly policies: Map<string, DoublePolicy>;
  /** Tokens the double accepts: full access, and read-only (GET only; PUT answers 403). */
  readonly tokens: {full: string; readOnly: string};
  fail(fault: Fault): void;
  addIncident(partial: Partial<DoubleIncident> & {title: string; service_id: string}): DoubleIncident;
  close(): Promise<void>;
}

const ACCEPT = 'application/vnd.pagerduty+json;version=2';
const err = (message: string, code: number, errors: string[] = []) => ({error: {message, code, errors}});

/** Starts the double with one policy (ATP Primary / Secondary / Manager) and no incidents. */
export async function startPagerDutyDouble(now: () => number = () => Date.now()): Promise<PagerDutyDouble> {
  const users: DoubleUser[] = [
    {id: 'PUSR001', name: 'Ana Primary', email: 'ana@connectsoft.com'},
    {id: 'PUSR002', name: 'Sam Secondary', email: 'sam@connectsoft.com'},
    {id: 'PUSR003', name: 'Mia Manager', email: 'mia@connectsoft.com'},
    {id: 'PUSR009', name: 'On Call', email: 'oncall@connectsoft.com'},
  ];
  const policies = new Map<string, DoublePolicy>([
    [
      'PPOL001',
      {
        id: 'PPOL001',
        name: 'ATP',
        levels: [
          {schedule: 'ATP Primary', user: users[0]!},
          {schedule: 'ATP Secondary', user: users[1]!},
          {schedule: 'ATP Manager', user: users[2]!},
        ],
      },
    ],
  ]);
  const incidents = new Map<string, DoubleIncident>();
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const tokens = {full: 'pd-full-token', readOnly: 'pd-readonly-token'};
  let next = 1;
  const iso = (t: number) => new Date(t).toISOString();

  const ref = (type: string, id: string, summary: string) => ({id, type, summary, self: `https://api.pagerduty.com/${type.replace('_reference', 's')}/${id}`});
  const view = (i: DoubleIncident) => {
    const policy = policies.get(i.policy_id);
    const assignee = i.status === 'resolved' ? undefined : policy?.levels[i.level - 1]?.user;
    return {
      id: i.id,
      type: 'incident',
      summary: `[#${i.incident_number}] ${i.title}`,
      self: `https://api.pagerduty.com/incidents/${i.id}`,
      html_url: `https://connectsoft.pagerduty.com/incidents/${i.id}`,
      incident_number: i.incident_number,
      title: i.title,
      status: i.status,
      urgency: i.urgency,
      incident_key: i.incident_key ?? null,
      created_at: i.created_at,
      last_status_change_at: i.last_status_change_at,
      service: ref('service_reference', i.service_id, `ATP ${i.service_id}`),
      escalation_policy: ref('escalation_policy_reference', i.policy_id, policy?.name ?? i.policy_id),
      assignments: assignee ? [{at: i.last_status_change_at, assignee: ref('user_reference', assignee.id, assignee.name)}] : [],
      acknowledgements:
        i.status === 'acknowledged' && i.acknowledged_by
          ? [{at: i.acknowledged_by.at, acknowledger: ref('user_reference', i.acknowledged_by.user.id, i.acknowledged_by.user.name)}]
          : [],
    };
  };

  /** Classic pagination: limit (default 25, at most 100), offset, more; total only with total=true. */
  const paged = <T>(key: string, all: readonly T[], q: URLSearchParams) => {
    const limit = Math.min(100, Math.max(1, Number(q.get('limit') ?? 25) || 25));
    const offset = Math.max(0, Number(q.get('offset') ?? 0) || 0);
    const items = all.slice(offset, offset + limit);
    return {[key]: items, limit, offset, more: offset + items.length < all.length, total: q.get('total') === 'true' ? all.length : null};
  };

  const route = (method: string, path: string, q: URLSearchParams, body: string, from: string | undefined, token: string): [number, unknown] => {
    if (method === 'GET' && path === '/incidents') {
      const services = q.getAll('service_ids[]');
      const statuses = q.getAll('statuses[]');
      const bad = statuses.find((s) => !['triggered', 'acknowledged', 'resolved'].includes(s));
      if (bad) return [400, err('Invalid Input Provided', 2001, [`Statuses must be one of triggered, acknowledged, resolved (got ${bad})`])];
      const list = [...incidents.values()]
        .filter((i) => (services.length === 0 || services.includes(i.service_id)) && (statuses.length === 0 || statuses.includes(i.status)))
        .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.incident_number - a.incident_number);
      return [200, paged('incidents', list.map(view), q)];
    }
    if (method === 'GET' && path === '/oncalls') {
      const ids = q.getAll('escalation_policy_ids[]');
      const entries = [...policies.values()]
        .filter((p) => ids.length === 0 || ids.includes(p.id))
        .flatMap((p) =>
          p.levels.map((l, i) => ({
            escalation_policy: ref('escalation_policy_reference', p.id, p.name),
            escalation_level: i + 1,
            schedule: ref('schedule_reference', `PSCH00${i + 1}`, l.schedule),
            user: ref('user_reference', l.user.id, l.user.name),
            start: null,
            end: null,
          })),
        );
      return [200, paged('oncalls', entries, q)];
    }
    const policyMatch = /^\/escalation_policies\/([^/]+)$/.exec(path);
    if (method === 'GET' && policyMatch) {
      const p = policies.get(decodeURIComponent(policyMatch[1]!));
      if (!p) return [404, err('Not Found', 2100)];
      return [
        200,
        {
          escalation_policy: {
            id: p.id,
            type: 'escalation_policy',
            name: p.name,
            escalation_rules: p.levels.map((l, i) => ({
              id: `PRUL00${i + 1}`,
              escalation_delay_in_minutes: 30,
              targets: [ref('schedule_reference', `PSCH00${i + 1}`, l.schedule)],
            })),
          },
        },
      ];
    }
    const incidentMatch = /^\/incidents\/([^/]+)$/.exec(path);
    const incident = incidentMatch ? incidents.get(decodeURIComponent(incidentMatch[1]!)) : undefined;
    if (incidentMatch && !incident) return [404, err('Not Found', 2100, ['Incident Not Found'])];
    if (method === 'GET' && incident) return [200, {incident: view(incident)}];
    if (method === 'PUT' && incident) {
      if (token !== tokens.full) return [403, err('Access Denied', 2010, ['The access level of this API key does not permit this action'])];
      const user = users.find((u) => u.email === from);
      if (!user) return [400, err('Invalid Input Provided', 2001, ['A valid From header with the e-mail of a user of this account is required'])];
      let parsed: {incident?: {type?: unknown; status?: unknown; escalation_level?: unknown}};
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        return [400, err('Invalid Input Provided', 2001, ['The request body is not valid JSON'])];
      }
      const change = parsed?.incident;
      if (!change || (change.type !== 'incident_reference' && change.type !== 'incident')) {
        return [400, err('Invalid Input Provided', 2001, ['incident.type must be incident_reference or incident'])];
      }
      const at = iso(now());
      if (change.status !== undefined) {
        if (change.status !== 'acknowledged' && change.status !== 'resolved')
          return [400, err('Invalid Input Provided', 2001, ['Status must be acknowledged or resolved'])];
        if (incident.status === 'resolved') return [400, err('Arguments Caused Error', 2002, ['Incident Already Resolved'])];
        if (incident.status !== change.status) {
          incident.status = change.status;
          incident.last_status_change_at = at;
          incident.acknowledged_by = change.status === 'acknowledged' ? {user, at} : undefined;
        }
        return [200, {incident: view(incident)}];
      }
      if (change.escalation_level !== undefined) {
        const levels = policies.get(incident.policy_id)?.levels.length ?? 0;
        const level = change.escalation_level;
        if (typeof level !== 'number' || !Number.isInteger(level) || level < 1 || level > levels) {
          return [400, err('Invalid Input Provided', 2001, [`Escalation level must be an integer from 1 to ${levels}`])];
        }
        if (incident.status === 'resolved') return [400, err('Arguments Caused Error', 2002, ['Incident Already Resolved'])];
        // Reassigning to another level notifies its targets and puts the incident back to triggered for them.
        incident.level = level;
        incident.status = 'triggered';
        incident.acknowledged_by = undefined;
        incident.last_status_change_at = at;
        return [200, {incident: view(incident)}];
      }
      return [400, err('Invalid Input Provided', 2001, ['Nothing to update: give status or escalation_level'])];
    }
    return [404, err('Not Found', 2100)];
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      const method = req.method ?? 'GET';
      const auth = header('authorization');
      const token = /^Token token=(.+)$/.exec(auth ?? '')?.[1] ?? '';
      let status: number;
      let payload: unknown;
      let retryAfter: string | undefined;
      const faultAt = faults.findIndex((f) => !f.method || f.method === method);
      const fault = faultAt >= 0 ? faults[faultAt] : undefined;
      if (fault?.hang) {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.times <= 0) faults.splice(faultAt, 1);
        requests.push({method, path: url.pathname, query: [...url.searchParams.entries()], status: 0});
        return;
      }
      if (fault) {
        status = fault.status;
        payload = fault.body ?? err(status === 429 ? 'Rate Limit Exceeded' : 'Error', status === 429 ? 2020 : 2000);
        retryAfter = fault.retryAfter;
        fault.times = (fault.times ?? 1) - 1;
        if (fault.times <= 0) faults.splice(faultAt, 1);
      } else if (token !== tokens.full && token !== tokens.readOnly) {
        [status, payload] = [401, err('Unauthorized', 2006, ['Authentication failed: the API key is not valid'])];
      } else {
        [status, payload] = route(method, url.pathname, url.searchParams, body, header('from'), token);
      }
      requests.push({
        method,
        path: url.pathname,
        query: [...url.searchParams.entries()],
        authorization: auth,
        accept: header('accept'),
        from: header('from'),
        contentType: header('content-type'),
        body: body || undefined,
        status,
      });
      const text = JSON.stringify(payload);
      res.writeHead(status, {'content-type': 'application/json', ...(retryAfter ? {'retry-after': retryAfter} : {})});
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    incidents,
    policies,
    tokens,
    fail: (fault) => faults.push({...fault}),
    addIncident(partial) {
      const n = next++;
      const created = partial.created_at ?? iso(now());
      const incident: DoubleIncident = {
        id: partial.id ?? `PINC${String(n).padStart(4, '0')}`,
        incident_number: partial.incident_number ?? n,
        status: 'triggered',
        urgency: 'high',
        created_at: created,
        last_status_change_at: partial.last_status_change_at ?? created,
        policy_id: 'PPOL001',
        level: 1,
        ...partial,
      };
      incidents.set(incident.id, incident);
      return incident;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export {ACCEPT as PAGERDUTY_ACCEPT};
