import { vi } from 'vitest'
import { ApiError, type ChatApi } from '@/api'
import type { Attachment, ChatMessage, HistoryQuery, JoinRoomResult, Room, SearchQuery, User } from '@/api/types'
import type { ChatRealtime, ConnectionStatus, RealtimeEvents } from '@/realtime'
import { fakeConversationsApi } from './fakeConversations'

export const alice: User = { id: 'u-alice', username: 'alice', email: 'a@example.com', displayName: 'Alice', avatar: '', createdAt: 1 }
export const bob: User = { id: 'u-bob', username: 'bob', email: 'b@example.com', displayName: 'Bob', avatar: '', createdAt: 1 }

export const general: Room = { id: 'general', name: 'general', description: '', isPublic: true, createdBy: 'system', createdAt: 1, kind: 'public', ownerId: 'system', memberCount: 0 }

/**
 * A room log with the contract's history semantics (docs/PROTOCOL.md, "History paging"): seq from 1,
 * gap-free, exclusive cursors, ascending answers, limit default 50 clamped to 200.
 */
export class FakeServer {
  readonly logs = new Map<string, ChatMessage[]>()
  readonly historyCalls: { roomId: string; query: HistoryQuery }[] = []
  private clock = Date.UTC(2025, 2, 15, 12, 0, 0)

  post(roomId: string, user: User, content: string, clientMessageId?: string): ChatMessage {
    const log = this.logs.get(roomId) ?? []
    this.logs.set(roomId, log)
    const existing = clientMessageId && log.find((m) => m.userId === user.id && m.clientMessageId === clientMessageId)
    if (existing) return existing
    const seq = log.length + 1
    const message: ChatMessage = {
      id: `${roomId}:${seq}`,
      roomId,
      seq,
      userId: user.id,
      username: user.username,
      content,
      messageType: 'text',
      createdAt: (this.clock += 1000),
      clientMessageId: clientMessageId ?? null,
      reactions: [],
      mentions: [],
    }
    log.push(message)
    return message
  }

  /** Posts `count` messages from `user`, returning them. */
  postMany(roomId: string, user: User, count: number): ChatMessage[] {
    return Array.from({ length: count }, (_, i) => this.post(roomId, user, `message ${i + 1}`))
  }

  /** The room's change feed: every edit, delete and reaction, with the message's state after it. */
  readonly changeLogs = new Map<string, { changeSeq: number; message: ChatMessage }[]>()

  private change(roomId: string, seq: number, update: (m: ChatMessage) => ChatMessage): { roomId: string; changeSeq: number; message: ChatMessage } {
    const log = this.logs.get(roomId)!
    const message = update(log[seq - 1])
    log[seq - 1] = message
    const changes = this.changeLogs.get(roomId) ?? []
    this.changeLogs.set(roomId, changes)
    const change = { changeSeq: changes.length + 1, message }
    changes.push(change)
    return { roomId, ...change }
  }

  edit(roomId: string, seq: number, content: string) {
    return this.change(roomId, seq, (m) => ({ ...m, content, editedAt: (this.clock += 1000) }))
  }

  remove(roomId: string, seq: number) {
    return this.change(roomId, seq, (m) => ({ ...m, content: '', deleted: true, reactions: [] }))
  }

  react(roomId: string, seq: number, user: User, emoji: string, on = true) {
    return this.change(roomId, seq, (m) => {
      const reactions = (m.reactions ?? []).map((r) => ({ ...r, userIds: r.userIds.filter((id) => id !== user.id) }))
      let entry = reactions.find((r) => r.emoji === emoji)
      if (on) {
        if (!entry) reactions.push((entry = { emoji, count: 0, userIds: [] }))
        entry.userIds.push(user.id)
      }
      for (const r of reactions) r.count = r.userIds.length
      return { ...m, reactions: reactions.filter((r) => r.count > 0) }
    })
  }

  changes(roomId: string, afterChange: number, limit = 200) {
    const log = this.changeLogs.get(roomId) ?? []
    return { changes: log.filter((c) => c.changeSeq > afterChange).slice(0, limit), lastChangeSeq: log.length }
  }

  lastChangeSeq(roomId: string): number {
    return this.changeLogs.get(roomId)?.length ?? 0
  }

  lastSeq(roomId: string): number {
    return this.logs.get(roomId)?.length ?? 0
  }

  history(roomId: string, query: HistoryQuery): ChatMessage[] {
    this.historyCalls.push({ roomId, query })
    const limit = Math.min(query.limit ?? 50, 200)
    const inRange = (this.logs.get(roomId) ?? []).filter(
      (m) => (query.afterSeq === undefined || m.seq > query.afterSeq) && (query.beforeSeq === undefined || m.seq < query.beforeSeq),
    )
    return query.afterSeq !== undefined ? inRange.slice(0, limit) : inRange.slice(-limit)
  }
}

export function fakeApi(server: FakeServer, self: User) {
  const api = {
    failSends: null as ApiError | null,
    editMessage: vi.fn(async (roomId: string, seq: number, content: string) => server.edit(roomId, seq, content).message),
    deleteMessage: vi.fn(async (roomId: string, seq: number) => void server.remove(roomId, seq)),
    addReaction: vi.fn(async (roomId: string, seq: number, emoji: string) => void server.react(roomId, seq, self, emoji)),
    removeReaction: vi.fn(async (roomId: string, seq: number, emoji: string) => void server.react(roomId, seq, self, emoji, false)),
    getChanges: vi.fn(async (roomId: string, afterChange: number, limit?: number) => server.changes(roomId, afterChange, limit)),
    search: vi.fn(async (query: SearchQuery) => ({
      results: [...(server.logs.get(query.roomId ?? 'general') ?? [])].reverse().filter((m) => !m.deleted && m.content.includes(query.q)),
    })),
    uploadAttachment: vi.fn(async (file: Blob, fileName: string, onProgress?: (sent: number, total: number) => void) => {
      onProgress?.(file.size, file.size)
      return { id: `att-${fileName}`, fileName, contentType: file.type, size: file.size, width: 2, height: 1 } satisfies Attachment
    }),
    downloadAttachment: vi.fn(async () => new Blob(['x'], { type: 'image/png' })),
    register: vi.fn(),
    login: vi.fn(),
    getMe: vi.fn(async () => self),
    updateMe: vi.fn(),
    refresh: vi.fn(),
    logout: vi.fn(async () => undefined),
    connectTicket: vi.fn(async () => ({ ticket: 'ticket', expiresAt: Date.now() + 30_000 })),
    listSessions: vi.fn(async () => []),
    endSession: vi.fn(async () => undefined),
    changePassword: vi.fn(async () => undefined),
    listRooms: vi.fn(async () => [general]),
    createRoom: vi.fn(),
    addMember: vi.fn(),
    getMessages: vi.fn(async (roomId: string, query: HistoryQuery) => server.history(roomId, query)),
    sendMessage: vi.fn(async (input: { roomId: string; content: string; clientMessageId?: string }) => {
      if (api.failSends) throw api.failSends
      return server.post(input.roomId, self, input.content, input.clientMessageId)
    }),
    getOnlineUsers: vi.fn(async () => []),
    ...fakeConversationsApi(server, self),
  }
  return api satisfies ChatApi
}

/** A live connection the test drives: it pushes events and decides whether invocations succeed. */
export class FakeRealtime implements ChatRealtime {
  status: ConnectionStatus = 'disconnected'
  events: RealtimeEvents | null = null
  /** When set, SendMessage rejects with it (after the server maybe stored the message). */
  sendFailure: ApiError | null = null
  readonly sent: { roomId: string; content: string; clientMessageId: string | null }[] = []
  readonly joins: string[] = []
  readonly typed: string[] = []

  constructor(
    private readonly server: FakeServer,
    private readonly self: User,
  ) {}

  connect(events: RealtimeEvents) {
    this.events = events
  }

  async disconnect() {
    this.setStatus('disconnected')
  }

  setStatus(status: ConnectionStatus) {
    this.status = status
    this.events?.status(status)
  }

  /** Simulates the connection coming (back) up; settles when the app has caught up. */
  async ready() {
    this.setStatus('connected')
    await this.events?.ready()
  }

  async joinRoom(roomId: string): Promise<JoinRoomResult> {
    if (this.status !== 'connected') throw new ApiError('network', 'Not connected.')
    this.joins.push(roomId)
    return {
      room: general,
      onlineUsers: [{ userId: this.self.id, username: this.self.username }],
      lastSeq: this.server.lastSeq(roomId),
      lastChangeSeq: this.server.lastChangeSeq(roomId),
    }
  }

  async leaveRoom() {}

  async typing(roomId: string) {
    this.typed.push(roomId)
  }

  async sendMessage(roomId: string, content: string, clientMessageId: string | null): Promise<ChatMessage> {
    if (this.status !== 'connected') throw new ApiError('network', 'Not connected.')
    this.sent.push({ roomId, content, clientMessageId })
    if (this.sendFailure) throw this.sendFailure
    return this.server.post(roomId, this.self, content, clientMessageId ?? undefined)
  }
}

/** Lets every pending promise callback run (fake transports answer on the microtask queue). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve()
  await new Promise((resolve) => setTimeout(resolve, 0))
}
