import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { ApiError, chatApi } from '@/api'
import type { ConversationRoom, MyRoom, RoomKind } from '@/api/conversationTypes'
import type { NewRoomInput, Room } from '@/api/types'
import { createReadSync } from '@/domain/readSync'
import { type Membership, mentionsOf, newMembership, unreadOf } from '@/domain/membership'

const byName = (a: Room, b: Room) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)

/** A room's kind; a wave-1 server sends none, so `isPublic` decides. */
export function kindOf(room: ConversationRoom): RoomKind {
  return room.kind === 'dm' || room.kind === 'private' || room.kind === 'public' ? room.kind : room.isPublic ? 'public' : 'private'
}

/**
 * The rooms the user can see and the ones they belong to, with where they read to. Membership and read
 * positions live on the server (`GET /users/me/rooms`) and follow the user to every device; this store mirrors
 * them, counts what arrives live, and sends the read position forward when the user sees messages.
 */
export const useRoomsStore = defineStore('rooms', () => {
  /** Every room the user can see: the public directory and their own. */
  const rooms = ref<ConversationRoom[]>([])
  const loaded = ref(false)
  const activeRoomId = ref<string | null>(null)
  /** The user's rooms (server-side membership) and their read state. */
  const members = reactive<Record<string, Membership>>({})
  /** Whether the user can see the page: only then does the room on screen count as read. */
  const pageVisible = ref(typeof document === 'undefined' || document.visibilityState !== 'hidden')
  const readSync = createReadSync((roomId, seq) => chatApi().markRead(roomId, seq))

  const isMember = (roomId: string) => roomId in members
  /** The rooms the live connection joins: the user's rooms, and the one on screen even before it became theirs. */
  const joined = computed(() => {
    const ids = Object.keys(members)
    return activeRoomId.value && !isMember(activeRoomId.value) ? [...ids, activeRoomId.value] : ids
  })
  const mine = computed(() => rooms.value.filter((r) => isMember(r.id)))
  const channels = computed(() => mine.value.filter((r) => kindOf(r) !== 'dm').sort(byName))
  const directMessages = computed(() =>
    mine.value.filter((r) => kindOf(r) === 'dm').sort((a, b) => (members[b.id]?.lastMessageAt ?? 0) - (members[a.id]?.lastMessageAt ?? 0)),
  )
  /** Public rooms the user may join. */
  const otherPublicRooms = computed(() => rooms.value.filter((r) => kindOf(r) === 'public' && !isMember(r.id)).sort(byName))
  // Kept for views written before membership moved to the server.
  const publicRooms = computed(() => channels.value.filter((r) => kindOf(r) === 'public'))
  const privateRooms = computed(() => channels.value.filter((r) => kindOf(r) === 'private'))
  const activeRoom = computed(() => rooms.value.find((r) => r.id === activeRoomId.value) ?? null)

  const unread = (roomId: string): number => (members[roomId] ? unreadOf(members[roomId]) : 0)
  const mentions = (roomId: string): number => (members[roomId] ? mentionsOf(members[roomId]) : 0)
  const totalUnread = computed(() => Object.keys(members).reduce((sum, id) => sum + unread(id), 0))

  function upsert(room: ConversationRoom) {
    const at = rooms.value.findIndex((r) => r.id === room.id)
    if (at >= 0) rooms.value.splice(at, 1, { ...rooms.value[at], ...room })
    else rooms.value.push(room)
  }

  /** Adds (or refreshes) one of the user's rooms; read state only moves forward. */
  function addMine(room: ConversationRoom | MyRoom) {
    upsert(room)
    const snapshot = room as Partial<MyRoom>
    const current = members[room.id]
    if (!current) {
      members[room.id] = newMembership(snapshot)
      return
    }
    current.lastSeq = Math.max(current.lastSeq, snapshot.lastSeq ?? 0)
    if ((snapshot.lastReadSeq ?? 0) > current.lastReadSeq) current.lastReadSeq = snapshot.lastReadSeq ?? 0
    if (snapshot.mentionCount !== undefined) {
      current.mentionBase = snapshot.mentionCount
      current.mentionBaseSeq = snapshot.lastSeq ?? current.lastSeq
      current.mentionSeqs = current.mentionSeqs.filter((seq) => seq > current.mentionBaseSeq)
    }
    if (snapshot.lastMessageAt) current.lastMessageAt = Math.max(current.lastMessageAt, snapshot.lastMessageAt)
  }

  /** The server's view: the user's rooms (all of them, in one request) and the public directory. */
  async function load() {
    const [own, directory] = await Promise.all([listMine(), chatApi().listRooms()])
    for (const room of directory) upsert(room)
    if (own === null) {
      for (const room of directory) if (!members[room.id]) members[room.id] = { ...newMembership({}), unseen: true }
      loaded.value = true
      return
    }
    const ids = new Set(own.map((r) => r.id))
    for (const id of Object.keys(members)) if (!ids.has(id)) delete members[id]
    for (const room of own) addMine(room)
    loaded.value = true
  }

  /**
   * A gateway without server-side membership (before wave 2) answers 404: every room it lists counts as the user's,
   * read up to whatever is newest when first seen, as the app did before.
   */
  async function listMine(): Promise<MyRoom[] | null> {
    try {
      return await chatApi().listMyRooms()
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null
      throw error
    }
  }

  /** The user is no longer a member (left, removed, room deleted); a deleted room also leaves the directory. */
  function removeMine(roomId: string, deleted = false) {
    delete members[roomId]
    readSync.forget(roomId)
    const room = rooms.value.find((r) => r.id === roomId)
    if (deleted || (room && kindOf(room) !== 'public')) rooms.value = rooms.value.filter((r) => r.id !== roomId)
  }

  async function create(input: NewRoomInput): Promise<Room> {
    const room = await chatApi().createRoom(input)
    addMine({ ...room, ownerId: room.createdBy })
    return room
  }

  async function addMember(roomId: string, username: string) {
    await chatApi().addMember(roomId, username)
  }

  /** Kept for the live side: membership is the server's, joining a public room goes through `ensureMember`. */
  function markJoined(_roomId: string) {}

  /** The live join was refused (gone, or no access): the user is no longer a member. */
  function markLeft(roomId: string) {
    if (isMember(roomId)) removeMine(roomId)
  }

  /**
   * Records the room's newest seq. The user's own message is read at once when nothing before it was unread;
   * anything arriving in the room on screen is read while the page is visible.
   */
  function noteSeq(roomId: string, seq: number, own = false) {
    const member = members[roomId]
    if (!member) return
    if (seq > member.lastSeq) member.lastSeq = seq
    if (member.unseen) {
      member.unseen = false
      member.lastReadSeq = Math.max(member.lastReadSeq, seq)
    }
    if (own && member.lastReadSeq >= seq - 1) member.lastReadSeq = Math.max(member.lastReadSeq, seq)
    else if (roomId === activeRoomId.value && pageVisible.value) markRead(roomId)
  }

  /** A live message: its time orders the DMs, and a mention of the user counts until read. */
  function noteArrival(roomId: string, seq: number, at: number, mentioned: boolean) {
    const member = members[roomId]
    if (!member) return
    member.lastMessageAt = Math.max(member.lastMessageAt, at)
    if (mentioned && seq > member.lastReadSeq && !member.mentionSeqs.includes(seq)) member.mentionSeqs.push(seq)
  }

  /** The user saw the room up to `seq`: moves the read position forward here and on the server. */
  function markRead(roomId: string, seq?: number) {
    const member = members[roomId]
    if (!member) return
    const target = Math.min(seq ?? member.lastSeq, member.lastSeq)
    if (target <= member.lastReadSeq) return
    member.lastReadSeq = target
    readSync.send(roomId, target)
  }

  /** Another device (or this one) moved the read position: `ReadUpdated`, with the server's mention count from there. */
  function applyRead(roomId: string, lastReadSeq: number, mentionCount?: number) {
    const member = members[roomId]
    if (!member || lastReadSeq < member.lastReadSeq) return
    member.lastReadSeq = lastReadSeq
    if (lastReadSeq > member.lastSeq) member.lastSeq = lastReadSeq
    if (mentionCount !== undefined) {
      member.mentionBase = mentionCount
      member.mentionBaseSeq = member.lastSeq
      member.mentionSeqs = member.mentionSeqs.filter((seq) => seq > member.mentionBaseSeq)
    }
  }

  function setActive(roomId: string | null) {
    activeRoomId.value = roomId
    if (roomId && pageVisible.value) markRead(roomId)
  }

  function setPageVisible(visible: boolean) {
    pageVisible.value = visible
    if (visible && activeRoomId.value) markRead(activeRoomId.value)
  }

  function reset() {
    rooms.value = []
    loaded.value = false
    activeRoomId.value = null
    for (const id of Object.keys(members)) delete members[id]
    readSync.clear()
  }

  return {
    rooms,
    loaded,
    activeRoomId,
    activeRoom,
    members,
    joined,
    channels,
    directMessages,
    otherPublicRooms,
    publicRooms,
    privateRooms,
    pageVisible,
    totalUnread,
    isMember,
    unread,
    mentions,
    load,
    upsert,
    addMine,
    removeMine,
    create,
    addMember,
    markJoined,
    markLeft,
    noteSeq,
    noteArrival,
    markRead,
    applyRead,
    setActive,
    setPageVisible,
    reset,
  }
})
