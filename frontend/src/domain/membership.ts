import type { MyRoom } from '@/api/conversationTypes'

/**
 * The user's read state in one room, as the server counts it: unread = `lastSeq - lastReadSeq` (seq is gap-free),
 * mentions = the server's count at the last snapshot plus the mentions seen live since, until read past.
 */
export interface Membership {
  lastSeq: number
  lastReadSeq: number
  /** `mentionCount` of the last server snapshot, which covered seqs up to `mentionBaseSeq`. */
  mentionBase: number
  mentionBaseSeq: number
  /** Seqs above the snapshot whose message mentions the user. */
  mentionSeqs: number[]
  lastMessageAt: number
  /** No read position known yet (a gateway without server-side read state): the first seq seen counts as read. */
  unseen?: boolean
}

export function newMembership(snapshot: Partial<MyRoom>): Membership {
  const lastSeq = snapshot.lastSeq ?? 0
  return {
    lastSeq,
    // A room the server gives no read position for starts read: its history is not news.
    lastReadSeq: snapshot.lastReadSeq ?? lastSeq,
    mentionBase: snapshot.mentionCount ?? 0,
    mentionBaseSeq: lastSeq,
    mentionSeqs: [],
    lastMessageAt: snapshot.lastMessageAt ?? 0,
  }
}

export function unreadOf(member: Membership): number {
  return Math.max(0, member.lastSeq - member.lastReadSeq)
}

/** Reading up to the snapshot's newest seq clears its mentions; live ones clear one by one. */
export function mentionsOf(member: Membership): number {
  const base = member.lastReadSeq >= member.mentionBaseSeq ? 0 : member.mentionBase
  return base + member.mentionSeqs.filter((seq) => seq > member.lastReadSeq).length
}
