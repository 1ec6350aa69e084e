// API errors rendered as meta/v1 Status objects, with the messages a real API server uses.
import {qualifiedName, type ResourceDef} from './resources.js';
import type {JsonObject} from './types.js';

/** An error that the HTTP layer turns into a `kind: Status` response. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: JsonObject,
  ) {
    super(message);
  }

  /** The Status object sent on the wire. */
  toStatus(): JsonObject {
    return statusObject(this.code, this.reason, this.message, this.details);
  }
}

/** A meta/v1 Status body. */
export function statusObject(code: number, reason: string, message: string, details?: JsonObject): JsonObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? {details} : {}),
    code,
  };
}

function detailsOf(d: ResourceDef, name: string): JsonObject {
  return {name, ...(d.group ? {group: d.group} : {}), kind: d.resource};
}

/** 404 `deployments.apps "x" not found`. */
export function notFound(d: ResourceDef, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedName(d)} "${name}" not found`, detailsOf(d, name));
}

/** 409 `deployments.apps "x" already exists`. */
export function alreadyExists(d: ResourceDef, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedName(d)} "${name}" already exists`, detailsOf(d, name));
}

/** 409 optimistic-concurrency conflict. */
export function conflict(d: ResourceDef, name: string): ApiError {
  const msg =
    `Operation cannot be fulfilled on ${qualifiedName(d)} "${name}": the object has been modified; ` +
    'please apply your changes to the latest version and try again';
  return new ApiError(409, 'Conflict', msg, detailsOf(d, name));
}

/** 422 validation failure. */
export function invalid(d: ResourceDef, name: string, cause: string): ApiError {
  const kind = d.group ? `${d.kind}.${d.group}` : d.kind;
  return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${cause}`, detailsOf(d, name));
}

/** 400 bad request. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** 410 used in watch ERROR events for compacted resource versions. */
export function expired(requested: number, oldest: number): ApiError {
  return new ApiError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}
