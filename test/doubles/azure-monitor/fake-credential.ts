// A TokenCredential that hands out a fixed bearer token and counts calls (no Entra ID involved).
import type {AccessToken, GetTokenOptions, TokenCredential} from '@azure/core-auth';

/** Fake credential: `getToken` resolves `token` valid for an hour; `scopes` records what was asked. */
export class FakeTokenCredential implements TokenCredential {
  readonly scopes: string[][] = [];

  constructor(readonly token = 'fake-logs-token') {}

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.scopes.push(Array.isArray(scopes) ? [...scopes] : [scopes]);
    return {token: this.token, expiresOnTimestamp: Date.now() + 3_600_000};
  }
}
