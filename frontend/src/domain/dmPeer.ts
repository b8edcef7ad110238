import type { ConversationRoom } from '@/api/conversationTypes'

/**
 * The other member of a direct-message room: from its member list when the server sends one, else from its owner
 * (whoever started the DM) when that is the other person, else from the room id when it is made of the two user ids.
 */
export function dmPeerId(room: ConversationRoom, selfId: string | null): string | null {
  if (!selfId) return null
  const member = room.dmUserIds?.find((id) => id !== selfId)
  if (member) return member
  if (room.ownerId && room.ownerId !== selfId) return room.ownerId
  if (!room.id.includes(selfId)) return null
  const rest = room.id
    .replace(selfId, '')
    .replace(/^dm(?=[^A-Za-z0-9])/i, '')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
  return rest || null
}
