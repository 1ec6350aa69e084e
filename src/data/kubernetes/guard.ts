// Read-only enforcement inside the Kubernetes client: no request other than GET/HEAD leaves the process.
// Three layers, all below the UI and the read-only source wrapper: the kubeconfig's authentication hook
// (every client-node request, watches included, passes through it), a request middleware, and the HTTP library.
import * as k8s from '@kubernetes/client-node';
import {ReadOnlyError} from '../errors.js';

const SAFE = new Set(['GET', 'HEAD']);

/** Refuses mutating requests when read-only, and remembers what it refused. */
export class ReadOnlyGuard {
  /** `METHOD /path` of every refused request (tests and diagnostics). */
  readonly refused: string[] = [];

  constructor(readonly readOnly: boolean) {}

  /** Throws a ReadOnlyError for a mutating `method` when read-only. */
  check(method: string, url: string): void {
    if (!this.readOnly || SAFE.has(method.toUpperCase())) return;
    let path = url;
    try {
      path = new URL(url).pathname;
    } catch {
      // keep the raw text
    }
    this.refused.push(`${method.toUpperCase()} ${path}`);
    throw new ReadOnlyError(`${method.toUpperCase()} ${path}`);
  }

  /** A client-node middleware that refuses mutating requests before they are sent. */
  middleware(): k8s.ObservableMiddleware {
    return {
      pre: (ctx) => {
        try {
          this.check(ctx.getHttpMethod(), ctx.getUrl());
        } catch (error) {
          return new k8s.Observable(Promise.reject(error));
        }
        return new k8s.Observable(Promise.resolve(ctx));
      },
      post: (res) => new k8s.Observable(Promise.resolve(res)),
    };
  }

  /** The HTTP library of the API clients, refusing mutating requests at the last step before fetch. */
  httpLibrary(inner: k8s.HttpLibrary = new k8s.IsomorphicFetchHttpLibrary()): k8s.HttpLibrary {
    return {
      send: (request) => {
        try {
          this.check(request.getHttpMethod(), request.getUrl());
        } catch (error) {
          return new k8s.Observable(Promise.reject(error));
        }
        return inner.send(request);
      },
    };
  }
}

/** A KubeConfig whose authentication step (run for every API call and every watch) applies the guard. */
export class GuardedKubeConfig extends k8s.KubeConfig {
  constructor(private readonly guard: ReadOnlyGuard) {
    super();
  }

  override async applySecurityAuthentication(context: k8s.RequestContext): Promise<void> {
    this.guard.check(context.getHttpMethod(), context.getUrl());
    return super.applySecurityAuthentication(context);
  }
}
