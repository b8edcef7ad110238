import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiError } from '@/api'
import { t } from '@/i18n'
import { chatRealtime, type ConnectionStatus } from '@/realtime'
import { notify } from '@/services/notify'
import { useAuthStore } from './auth'
import { useConversationsStore } from './conversations'
import { usePresenceStore } from './presence'
import { useRoomsStore } from './rooms'
import { useTimelinesStore } from './timelines'

/**
 * The signed-in session's live side: keeps the connection, joins the rooms the user opened and, after
 * every (re)connect, joins them again, refreshes presence, catches up missed messages and sends what
 * waited for the connection.
 */
export const useSessionStore = defineStore('session', () => {
  const auth = useAuthStore()
  const rooms = useRoomsStore()
  const presence = usePresenceStore()
  const timelines = useTimelinesStore()
  const conversations = useConversationsStore()
  const status = ref<ConnectionStatus>('disconnected')
  let started = false

  function start() {
    if (started) return
    started = true
    chatRealtime().connect({
      message: (message) => {
        timelines.accept(message)
        conversations.messageArrived(message)
      },
      userJoined: (event) => presence.userJoined(event),
      messageUpdated: (update) => timelines.applyUpdate(update),
      userLeft: (event) => presence.userLeft(event),
      status: (next) => (status.value = next),
      ready: () => resume(),
      unauthorized: () => void stop(true),
      ...conversations.events,
    })
    // Loaded again after every (re)connect; say so only if the first attempt fails.
    void rooms.load().catch(() => notify().error(t('rooms.loadFailed')))
  }

  /** After any (re)connect the server knows none of our rooms: join them all again, then catch up. */
  async function resume() {
    // The user's rooms come from the server: the first connect joins them all.
    if (!rooms.loaded) await rooms.load().catch(() => undefined)
    await Promise.all(rooms.joined.map((roomId) => join(roomId)))
    // The room on screen is opened again in case its first load failed while the network was down.
    await Promise.all(rooms.joined.map((roomId) => (roomId === rooms.activeRoomId ? timelines.open(roomId) : timelines.fill(roomId))))
    await timelines.flushQueued()
    // Rooms may have appeared meanwhile (someone added us to a private one).
    void rooms.load().catch(() => undefined)
  }

  /** Live delivery and presence for one room; the gap since the last known seq is filled from history. */
  async function join(roomId: string) {
    if (chatRealtime().status !== 'connected') return
    presence.beginJoin(roomId)
    try {
      const result = await chatRealtime().joinRoom(roomId)
      presence.completeJoin(roomId, result.onlineUsers)
      rooms.upsert(result.room)
      timelines.noteLastSeq(roomId, result.lastSeq, result.lastChangeSeq)
    } catch (error) {
      presence.abortJoin(roomId)
      if (error instanceof ApiError && (error.kind === 'not_found' || error.kind === 'forbidden')) {
        rooms.markLeft(roomId)
      }
      // A dropped connection is handled by the next `ready`.
    }
  }

  /** Shows a room: joins it (it stays joined until left) and loads what is missing. */
  async function openRoom(roomId: string) {
    rooms.setActive(roomId)
    rooms.markJoined(roomId)
    await Promise.all([join(roomId), timelines.open(roomId)])
    const state = timelines.loadState(roomId)
    if (state.error === 'not_found' || state.error === 'forbidden') {
      rooms.markLeft(roomId)
    } else if (rooms.activeRoomId === roomId) {
      rooms.markRead(roomId)
    }
  }

  async function leaveRoom(roomId: string) {
    rooms.markLeft(roomId)
    presence.clear(roomId)
    if (rooms.activeRoomId === roomId) rooms.setActive(null)
    try {
      await chatRealtime().leaveRoom(roomId)
    } catch {
      // Not connected: the server already dropped this connection's rooms.
    }
  }

  /** Ends the live side; `expired` when the server refused the token, else a sign-out that ends the session on the server too. */
  async function stop(expired = false) {
    if (started) {
      started = false
      await chatRealtime().disconnect()
    }
    presence.reset()
    conversations.reset()
    timelines.reset()
    rooms.reset()
    status.value = 'disconnected'
    if (auth.signedIn) {
      if (expired) auth.signOut(true)
      else await auth.logout()
    }
  }

  return { status, start, stop, openRoom, leaveRoom, join }
})
