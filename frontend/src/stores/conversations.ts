import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiError, chatApi } from '@/api'
import type { ConversationRoom, RoomUpdate } from '@/api/conversationTypes'
import type { ChatMessage } from '@/api/types'
import { dmPeerId } from '@/domain/dmPeer'
import { t } from '@/i18n'
import { chatRealtime } from '@/realtime'
import type { ConversationEvents } from '@/realtime/conversationEvents'
import { desktopNotifier } from '@/services/desktopNotifications'
import { useAuthStore } from './auth'
import { usePresenceStore } from './presence'
import { useProfilesStore } from './profiles'
import { kindOf, useRoomsStore } from './rooms'
import { useSessionStore } from './session'
import { useTypingStore } from './typing'

/** The client sends at most one `Typing` per room this often while the user types (the server relays no more). */
export const typingEveryMs = 2_000
const notificationExcerpt = 140

/**
 * The user's conversations across stores: user events from the live connection (rooms added, removed, renamed,
 * read elsewhere), typing, direct messages, room administration, and desktop notifications for DMs and
 * mentions while the tab is hidden.
 */
export const useConversationsStore = defineStore('conversations', () => {
  const auth = useAuthStore()
  const rooms = useRoomsStore()
  const profiles = useProfilesStore()
  const typing = useTypingStore()
  const presence = usePresenceStore()
  /** The room the user was just removed from (or that was deleted), for the view on screen to say so. */
  const lost = ref<{ roomId: string; name: string } | null>(null)
  const lastTypingSent = new Map<string, number>()
  /** Rooms this tab is leaving or deleting itself: their RoomRemoved is no news to the user. */
  const departing = new Set<string>()
  /** Opens a room on screen; the app shell installs the router's. */
  let openRoom: (roomId: string) => void = () => {}

  function lose(roomId: string, deleted: boolean) {
    const name = roomTitle(roomId)
    rooms.removeMine(roomId, deleted)
    presence.clear(roomId)
    if (rooms.activeRoomId === roomId && !departing.has(roomId)) lost.value = { roomId, name }
    // The server already stopped live delivery; this drops the connection's own record of the room.
    void chatRealtime().leaveRoom(roomId).catch(() => undefined)
  }

  const events: ConversationEvents = {
    roomAdded: ({ room }) => {
      rooms.addMine(room)
      void useSessionStore().join(room.id)
    },
    roomRemoved: ({ roomId }) => lose(roomId, false),
    roomUpdated: ({ room }) => rooms.upsert(room),
    readUpdated: ({ roomId, lastReadSeq, mentionCount }) => rooms.applyRead(roomId, lastReadSeq, mentionCount),
    userTyping: (event) => {
      if (event.userId !== auth.userId) typing.userTyping(event)
    },
  }

  /** Every live message, after the timeline took it. */
  function messageArrived(message: ChatMessage) {
    typing.stopped(message.roomId, message.userId)
    const mentions = (message as { mentions?: string[] | null }).mentions ?? []
    const mentioned = auth.userId !== null && mentions.includes(auth.userId)
    rooms.noteArrival(message.roomId, message.seq, message.createdAt, mentioned)
    if (message.userId === auth.userId || message.messageType === 'system' || rooms.pageVisible) return
    const room = rooms.rooms.find((r) => r.id === message.roomId)
    const dm = room !== undefined && kindOf(room) === 'dm'
    if (!dm && !mentioned) return
    const sender = profiles.nameOf(message.userId, message.username)
    const title = dm ? sender : t('conv.mention', { name: sender, room: room?.name ?? message.roomId })
    const body = message.content.length > notificationExcerpt ? `${message.content.slice(0, notificationExcerpt)}…` : message.content
    desktopNotifier().show(title, body, `${message.roomId}:${message.seq}`, () => openRoom(message.roomId))
  }

  /** Opening a public room the user is not in yet makes them a member (it then follows them everywhere). */
  async function ensureMember(roomId: string): Promise<void> {
    if (rooms.isMember(roomId)) return
    const known = rooms.rooms.find((r) => r.id === roomId)
    if (known && kindOf(known) !== 'public') return
    try {
      rooms.addMine(await chatApi().joinRoom(roomId))
    } catch (error) {
      // Not a public room, or gone: opening it says so.
      if (!(error instanceof ApiError) || error.transient) console.warn(`Joining ${roomId} failed.`, error)
    }
  }

  async function leave(roomId: string) {
    // 404: the room is gone (or the gateway has no server-side membership): leaving here is all there is to do.
    const request = () => chatApi().leaveRoom(roomId).catch((error) => {
      if (!(error instanceof ApiError && error.status === 404)) throw error
    })
    await departFrom(roomId, request, false)
  }

  async function departFrom(roomId: string, request: () => Promise<void>, deleted: boolean) {
    departing.add(roomId)
    try {
      await request()
      rooms.removeMine(roomId, deleted)
      await useSessionStore().leaveRoom(roomId)
    } finally {
      departing.delete(roomId)
    }
  }

  /** The DM room with `username`, created on first use; the same room whoever asks. */
  async function startDm(username: string): Promise<ConversationRoom> {
    const room = await chatApi().openDm(username)
    rooms.addMine(room)
    return room
  }

  async function updateRoom(roomId: string, update: RoomUpdate) {
    rooms.upsert(await chatApi().updateRoom(roomId, update))
  }

  async function removeMember(roomId: string, userId: string) {
    await chatApi().removeMember(roomId, userId)
    presence.userLeft({ roomId, userId, username: '' })
  }

  async function deleteRoom(roomId: string) {
    await departFrom(roomId, () => chatApi().deleteRoom(roomId), true)
  }

  /** The user typed in the composer: tells the room, at most once per `typingEveryMs`. */
  function typed(roomId: string) {
    const now = Date.now()
    if (now - (lastTypingSent.get(roomId) ?? 0) < typingEveryMs) return
    if (chatRealtime().status !== 'connected') return
    lastTypingSent.set(roomId, now)
    void chatRealtime().typing(roomId).catch(() => undefined)
  }

  /** The other person of a DM room, when known. */
  function peerOf(room: ConversationRoom): string | null {
    return dmPeerId(room, auth.userId)
  }

  /** What the sidebar and header call a room: a DM by the other person's name. */
  function roomTitle(roomId: string): string {
    const room = rooms.rooms.find((r) => r.id === roomId)
    if (!room) return roomId
    if (kindOf(room) !== 'dm') return room.name
    const peer = peerOf(room)
    return peer ? profiles.nameOf(peer, room.name) : room.name
  }

  function setRoomOpener(open: (roomId: string) => void) {
    openRoom = open
  }

  function reset() {
    lost.value = null
    lastTypingSent.clear()
    typing.reset()
    profiles.reset()
  }

  return {
    events,
    lost,
    messageArrived,
    ensureMember,
    leave,
    startDm,
    updateRoom,
    removeMember,
    deleteRoom,
    typed,
    peerOf,
    roomTitle,
    setRoomOpener,
    reset,
  }
})
