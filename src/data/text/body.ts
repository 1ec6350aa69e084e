// Message bodies are untrusted: classify, sanitise and truncate them for display.
import {sanitize} from './sanitize.js';

const PREVIEW_CHARS = 2_000;

export interface BodyPreview {
  readonly kind: 'text' | 'json' | 'binary' | 'empty';
  readonly preview: string;
  readonly bytes: number;
}

/** True when the bytes are not plausible UTF-8 text. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b === 0 || b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  if (control > sample.length * 0.1) return true;
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(sample.length < bytes.length ? trimPartial(sample) : sample);
    return false;
  } catch {
    return true;
  }
}

/** Drops a UTF-8 sequence cut at the end of a sample. */
function trimPartial(bytes: Uint8Array): Uint8Array {
  const end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i] ?? 0;
    if ((b & 0xc0) === 0xc0) return bytes.subarray(0, end - i);
    if ((b & 0x80) === 0) break;
  }
  return bytes;
}

function hexPreview(bytes: Uint8Array): string {
  const head = Array.from(bytes.subarray(0, 48), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `<binary ${bytes.length} bytes> ${head}${bytes.length > 48 ? ' …' : ''}`;
}

/** A safe preview of a message body given as bytes, a string, or a decoded value. */
export function previewBody(body: unknown): BodyPreview {
  if (body === undefined || body === null || body === '') return {kind: 'empty', preview: '', bytes: 0};
  if (body instanceof Uint8Array) {
    if (looksBinary(body)) return {kind: 'binary', preview: hexPreview(body), bytes: body.length};
    return previewText(new TextDecoder().decode(body), body.length);
  }
  if (typeof body === 'string') return previewText(body, Buffer.byteLength(body));
  const json = safeJson(body);
  return {kind: 'json', preview: clip(sanitize(json, {multiline: true})), bytes: Buffer.byteLength(json)};
}

function previewText(text: string, bytes: number): BodyPreview {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const pretty = JSON.stringify(JSON.parse(trimmed), null, 2);
      return {kind: 'json', preview: clip(sanitize(pretty, {multiline: true})), bytes};
    } catch {
      // not JSON after all: fall through to text
    }
  }
  return {kind: 'text', preview: clip(sanitize(text, {multiline: true})), bytes};
}

function clip(text: string): string {
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}\n… (truncated)` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
