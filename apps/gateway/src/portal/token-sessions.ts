import type { SessionStore } from '@gongkai/portal'
import { tokenActive } from '../auth/tokens.js'
import type { GatewayDeps } from '../deps.js'

/**
 * Committee sessions that live no longer than their token: on every request the session's token
 * is checked (revoked or expired ends the session, which is then deleted), so revoking a token
 * ends every portal session made with it at once. A session without a token is refused.
 */
export function tokenBoundSessions(deps: GatewayDeps, sessions: SessionStore): SessionStore {
  return {
    create: (committee, tokenId, now) => sessions.create(committee, tokenId, now),
    destroy: (id) => sessions.destroy(id),
    async get(id, now) {
      const s = await sessions.get(id, now)
      if (!s) return undefined
      if (s.tokenId && (await tokenActive(deps.store, s.tokenId, now))) return s
      await sessions.destroy(id)
      return undefined
    },
  }
}
