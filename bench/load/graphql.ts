// The bench's GraphQL client: plain fetch over loopback (undici keeps connections alive), the
// same wire format any client uses. A response with errors is a failed operation.
import { SignJWT } from 'jose';

export interface GraphQLClient {
  /** Runs one operation as `token`'s account; throws on transport errors and GraphQL errors. */
  request<T = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  token(role: string, id: string): Promise<string>;
}

export function graphqlClient(apiUrl: string, jwtSecret: string): GraphQLClient {
  const key = new TextEncoder().encode(jwtSecret);
  const tokens = new Map<string, Promise<string>>();
  return {
    async request<T>(token: string, query: string, variables: Record<string, unknown> = {}) {
      const response = await fetch(`${apiUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      if (body.errors?.length) throw new Error(`${body.errors[0].extensions?.code ?? response.status}: ${body.errors[0].message}`);
      return body.data as T;
    },
    token(role, id) {
      // Cached: signing is not what is being measured.
      const cacheKey = `${role}:${id}`;
      let token = tokens.get(cacheKey);
      if (!token) {
        token = new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject(id).setIssuedAt().setExpirationTime('2h').sign(key);
        tokens.set(cacheKey, token);
      }
      return token;
    },
  };
}
