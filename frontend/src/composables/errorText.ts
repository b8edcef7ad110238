import { ApiError } from '@/api'
import { t } from '@/i18n'

/** A readable sentence for a failed request: the server's own words where it gave some. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.kind === 'network' || error.kind === 'unavailable') return t('common.offline')
    if (error.kind === 'rate_limited') return t('chat.rateLimited')
    return error.message
  }
  return t('common.error', { reason: error instanceof Error ? error.message : String(error) })
}
