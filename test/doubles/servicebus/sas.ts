// Verifies Service Bus SAS tokens (`SharedAccessSignature sr=..&sig=..&se=..&skn=..`) like the service.
import {createHmac, timingSafeEqual} from 'node:crypto';

/** The shared access key the double accepts. */
export interface SasKey {
  readonly keyName: string;
  readonly key: string;
}

/** Parsed token fields (`sr` still URL-encoded, as signed). */
export interface SasToken {
  readonly sr: string;
  readonly sig: string;
  readonly se: number;
  readonly skn: string;
}

/** Parses a SAS token string; undefined when it is not one. */
export function parseSasToken(token: string): SasToken | undefined {
  const prefix = 'SharedAccessSignature ';
  if (!token.startsWith(prefix)) return undefined;
  const fields = new Map<string, string>();
  for (const part of token.slice(prefix.length).split('&')) {
    const i = part.indexOf('=');
    if (i > 0) fields.set(part.slice(0, i), part.slice(i + 1));
  }
  const sr = fields.get('sr');
  const sig = fields.get('sig');
  const se = Number(fields.get('se'));
  const skn = fields.get('skn');
  if (!sr || !sig || !skn || !Number.isFinite(se)) return undefined;
  return {sr, sig, se, skn: decodeURIComponent(skn)};
}

/** Why a token was refused, or undefined when it is valid for `key` (and covers `resource`). */
export function checkSasToken(token: string, key: SasKey, resource?: string): string | undefined {
  const t = parseSasToken(token);
  if (!t) return 'not a SharedAccessSignature token';
  if (t.skn !== key.keyName) return `unknown key name '${t.skn}'`;
  if (t.se * 1000 < Date.now()) return 'token expired';
  const expected = encodeURIComponent(createHmac('sha256', key.key).update(`${t.sr}\n${t.se}`).digest('base64'));
  const a = Buffer.from(expected);
  const b = Buffer.from(t.sig);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'signature does not match the shared access key';
  if (resource !== undefined && !covers(decodeURIComponent(t.sr), resource)) {
    return `token audience '${decodeURIComponent(t.sr)}' does not cover '${resource}'`;
  }
  return undefined;
}

// A token for `sb://host/orders` also covers `sb://host/orders/$management`; compare paths only.
function covers(audience: string, resource: string): boolean {
  const path = (u: string): string =>
    u
      .replace(/^[a-z]+:\/\/[^/]*/i, '')
      .replace(/\?.*$/, '')
      .replace(/^\/+|\/+$/g, '')
      .toLowerCase();
  const a = path(audience);
  const r = path(resource);
  return a === '' || r === a || r.startsWith(`${a}/`);
}
