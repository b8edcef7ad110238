import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import { chatApi } from '@/api'
import type { NewRoomInput, Room } from '@/api/types'
import { readJson, writeJson } from '@/services/storage'
import { useAuthStore } from './auth'

interface SavedRooms {
  joined: string[]
  lastRead: Record<string, number>
}

const byName = (a: Room, b: Room) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)

/**
 * The rooms the user can see, the ones they joined (live delivery, presence, unread counts) and how far
 * they have read in each. Joined rooms and read positions are kept per user across reloads.
 */
export const useRoomsStore = defineStore('rooms', () => {
  const auth = useAuthStore()
  const rooms = ref<Room[]>([])
  const loaded = ref(false)
  const activeRoomId = ref<string | null>(null)
  const joined = ref<string[]>([])
  /** The newest seq known per room. */
  const latestSeq = reactive<Record<string, number>>({})
  /** The newest seq the user has seen per room. */
  const lastRead = reactive<Record<string, number>>({})

  const storageKey = computed(() => (auth.userId ? `chat.rooms.${auth.userId}` : null))

  watch(
    storageKey,
    (key) => {
      const saved = key ? readJson<SavedRooms>(key) : null
      joined.value = saved?.joined ?? []
      for (const id of Object.keys(lastRead)) delete lastRead[id]
      Object.assign(lastRead, saved?.lastRead ?? {})
    },
    { immediate: true },
  )

  function save() {
    if (storageKey.value) writeJson(storageKey.value, { joined: joined.value, lastRead: { ...lastRead } } satisfies SavedRooms)
  }

  const publicRooms = computed(() => rooms.value.filter((r) => r.isPublic).sort(byName))
  const privateRooms = computed(() => rooms.value.filter((r) => !r.isPublic).sort(byName))
  const activeRoom = computed(() => rooms.value.find((r) => r.id === activeRoomId.value) ?? null)

  function unread(roomId: string): number {
    if (roomId === activeRoomId.value || !joined.value.includes(roomId)) return 0
    const read = lastRead[roomId]
    return read === undefined ? 0 : Math.max(0, (latestSeq[roomId] ?? 0) - read)
  }

  const totalUnread = computed(() => rooms.value.reduce((sum, r) => sum + unread(r.id), 0))

  async function load() {
    rooms.value = await chatApi().listRooms()
    loaded.value = true
  }

  function upsert(room: Room) {
    const at = rooms.value.findIndex((r) => r.id === room.id)
    if (at >= 0) rooms.value.splice(at, 1, room)
    else rooms.value.push(room)
  }

  async function create(input: NewRoomInput): Promise<Room> {
    const room = await chatApi().createRoom(input)
    upsert(room)
    return room
  }

  async function addMember(roomId: string, username: string) {
    await chatApi().addMember(roomId, username)
  }

  function markJoined(roomId: string) {
    if (!joined.value.includes(roomId)) {
      joined.value.push(roomId)
      save()
    }
  }

  function markLeft(roomId: string) {
    joined.value = joined.value.filter((id) => id !== roomId)
    save()
  }

  /**
   * Records the room's newest seq. The first time a room is seen everything in it counts as read;
   * the user's own messages and anything arriving in the room on screen are read at once.
   */
  function noteSeq(roomId: string, seq: number, mine = false) {
    if (seq > (latestSeq[roomId] ?? 0)) latestSeq[roomId] = seq
    const read = lastRead[roomId]
    if (read === undefined || roomId === activeRoomId.value || (mine && read >= seq - 1)) {
      markRead(roomId, Math.max(seq, read ?? 0))
    }
  }

  function markRead(roomId: string, seq: number = latestSeq[roomId] ?? 0) {
    if (lastRead[roomId] !== seq) {
      lastRead[roomId] = seq
      save()
    }
  }

  function setActive(roomId: string | null) {
    activeRoomId.value = roomId
    if (roomId && latestSeq[roomId] !== undefined) markRead(roomId)
  }

  function reset() {
    rooms.value = []
    loaded.value = false
    activeRoomId.value = null
    for (const id of Object.keys(latestSeq)) delete latestSeq[id]
  }

  return {
    rooms,
    loaded,
    activeRoomId,
    activeRoom,
    joined,
    publicRooms,
    privateRooms,
    totalUnread,
    unread,
    load,
    upsert,
    create,
    addMember,
    markJoined,
    markLeft,
    noteSeq,
    markRead,
    setActive,
    reset,
  }
})
