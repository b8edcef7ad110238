import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api'
import { createRestApi } from '@/api/rest'
import { alice, general } from './fakes'

/** A gateway that answers each request with the next canned response and records what it was sent. */
function gateway(...answers: (() => Response)[]) {
  const requests: { method: string; url: URL; auth: string | null; body: unknown }[] = []
  const fetch = async (input: RequestInfo | URL) => {
    const request = input as Request
    const text = await request.text()
    requests.push({ method: request.method, url: new URL(request.url), auth: request.headers.get('Authorization'), body: text ? JSON.parse(text) : undefined })
    const next = answers.shift()
    if (!next) throw new TypeError('Failed to fetch')
    return next()
  }
  return { fetch: fetch as typeof globalThis.fetch, requests }
}

const json = (status: number, body: unknown, type = 'application/json') =>
  () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })

function api(server: ReturnType<typeof gateway>, token: string | null = 'tok', onUnauthorized = () => {}) {
  return createRestApi({ baseURL: 'http://gateway.test', token: () => token, onUnauthorized, fetch: server.fetch })
}

describe('the generated REST client', () => {
  it('sends the bearer token and reads the answer of the documented path', async () => {
    const server = gateway(json(200, { messages: [{ id: 'general:4', roomId: 'general', seq: 4, userId: alice.id, username: 'alice', content: 'hi', messageType: 'text', createdAt: 1 }] }))

    const page = await api(server).getMessages('gen eral', { beforeSeq: 5, limit: 20 })

    expect(page.map((m) => m.seq)).toEqual([4])
    const [request] = server.requests
    expect(request.method).toBe('GET')
    expect(request.url.pathname).toBe('/chat/rooms/gen%20eral/messages')
    expect(request.url.search).toBe('?beforeSeq=5&limit=20')
    expect(request.auth).toBe('Bearer tok')
  })

  it('posts bodies as JSON and returns a created room', async () => {
    const server = gateway(json(201, general))

    const room = await api(server).createRoom({ name: 'general', isPublic: true })

    expect(room).toEqual(general)
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: { name: 'general', isPublic: true } })
  })

  it('turns problem details into an ApiError with the server’s words', async () => {
    const server = gateway(json(429, { status: 429, detail: 'Slow down.', code: 'rate_limited' }, 'application/problem+json'))

    const error = await api(server).sendMessage({ roomId: 'general', content: 'hi' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'rate_limited', message: 'Slow down.', status: 429 })
  })

  it('ends the session on a 401 to a signed-in request, but not on a refused login', async () => {
    let endings = 0
    const signedIn = gateway(json(401, { status: 401, detail: 'A valid bearer token is required.' }))
    const signedOut = gateway(json(401, { status: 401, detail: 'Invalid username or password.' }))

    await expect(api(signedIn, 'expired', () => endings++).getMe()).rejects.toMatchObject({ kind: 'unauthorized' })
    await expect(api(signedOut, null, () => endings++).login({ username: 'alice', password: 'wrong password' })).rejects.toMatchObject({ kind: 'unauthorized' })

    expect(endings).toBe(1)
    expect(signedOut.requests[0].auth).toBeNull()
  })

  it('renews a refused token once and sends the request again with the new one', async () => {
    let token = 'expired'
    let endings = 0
    const server = gateway(json(401, { status: 401 }), json(200, { rooms: [general] }))
    const rest = createRestApi({
      baseURL: 'http://gateway.test',
      token: () => token,
      renew: async (refused) => {
        expect(refused).toBe('expired')
        token = 'renewed'
        return true
      },
      onUnauthorized: () => endings++,
      fetch: server.fetch,
    })

    const rooms = await rest.listRooms()

    expect(rooms.map((room) => room.id)).toEqual([general.id])
    expect(server.requests.map((request) => request.auth)).toEqual(['Bearer expired', 'Bearer renewed'])
    expect(endings).toBe(0)
  })

  it('ends the session when the token cannot be renewed', async () => {
    let endings = 0
    const server = gateway(json(401, { status: 401 }))
    const rest = createRestApi({ baseURL: 'http://gateway.test', token: () => 'revoked', renew: async () => false, onUnauthorized: () => endings++, fetch: server.fetch })

    await expect(rest.getMe()).rejects.toMatchObject({ kind: 'unauthorized' })

    expect(endings).toBe(1)
    expect(server.requests).toHaveLength(1)
  })

  it('reports an unreachable gateway as a transient network error', async () => {
    const error = await api(gateway()).listRooms().catch((e: unknown) => e)

    expect(error).toMatchObject({ kind: 'network', transient: true })
  })

  it('resolves a 204 with nothing', async () => {
    const server = gateway(() => new Response(null, { status: 204 }))

    await expect(api(server).addMember('team', 'bob')).resolves.toBeUndefined()
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: { username: 'bob' } })
    expect(server.requests[0].url.pathname).toBe('/chat/rooms/team/members')
  })
})

describe('the message-change calls', () => {
  const stored = { id: 'general:4', roomId: 'general', seq: 4, userId: alice.id, username: 'alice', content: 'fixed', messageType: 'text', createdAt: 1, reactions: [], editedAt: 2 }

  it('edit, react (the emoji encoded in the path), delete and the change feed use the documented paths', async () => {
    const none = () => new Response(null, { status: 204 })
    const server = gateway(json(200, stored), none, none, none, json(200, { changes: [{ changeSeq: 3, message: stored }], lastChangeSeq: 3 }))
    const client = api(server)

    expect(await client.editMessage('general', 4, 'fixed')).toMatchObject({ content: 'fixed', editedAt: 2 })
    await client.addReaction('general', 4, '👍')
    await client.removeReaction('general', 4, '👍')
    await client.deleteMessage('general', 4)
    expect((await client.getChanges('general', 2, 50)).lastChangeSeq).toBe(3)

    expect(server.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      'PATCH /chat/rooms/general/messages/4',
      `PUT /chat/rooms/general/messages/4/reactions/${encodeURIComponent('👍')}`,
      `DELETE /chat/rooms/general/messages/4/reactions/${encodeURIComponent('👍')}`,
      'DELETE /chat/rooms/general/messages/4',
      'GET /chat/rooms/general/changes?afterChange=2&limit=50',
    ])
    expect(server.requests[0].body).toEqual({ content: 'fixed' })
  })

  it('a refused edit is an ApiError with the server\'s reason', async () => {
    const server = gateway(json(403, { title: 'Forbidden', detail: 'Only the author may edit a message.' }, 'application/problem+json'))
    await expect(api(server).editMessage('general', 4, 'x')).rejects.toMatchObject({ kind: 'forbidden', message: 'Only the author may edit a message.' })
  })

  it('search sends the query and the cursor and reads the page', async () => {
    const server = gateway(json(200, { results: [stored], nextCursor: 'c2' }))
    const page = await api(server).search({ q: '发布 now', roomId: 'general', limit: 30, cursor: 'c1' })
    expect(page).toEqual({ results: [stored], nextCursor: 'c2' })
    expect(Object.fromEntries(server.requests[0].url.searchParams)).toEqual({ q: '发布 now', roomId: 'general', limit: '30', cursor: 'c1' })
  })
})

describe('the conversation calls', () => {
  it('ask for profiles once, the ids comma-separated and capped at 100, and skip the request for none', async () => {
    const bob = { id: 'u-bob', username: 'bob', displayName: 'Bob', avatar: null, online: true, lastSeenAt: null }
    const server = gateway(json(200, { users: [bob] }))
    const ids = ['u-bob', ...Array.from({ length: 120 }, (_, i) => `u-${i}`)]

    expect(await api(server).getProfiles(ids)).toEqual([bob])
    expect(await api(server).getProfiles([])).toEqual([])

    expect(server.requests).toHaveLength(1)
    expect(server.requests[0].url.pathname).toBe('/users')
    const asked = server.requests[0].url.searchParams.getAll('ids')
    expect(asked).toHaveLength(1)
    expect(asked[0].split(',')).toEqual(ids.slice(0, 100))
  })

  it('mark read and rename through the documented paths and bodies', async () => {
    const none = () => new Response(null, { status: 204 })
    const renamed = { ...general, name: 'renamed' }
    const server = gateway(none, json(200, renamed))

    await api(server).markRead('general', 7)
    expect(await api(server).updateRoom('general', { name: 'renamed' })).toEqual(renamed)

    expect(server.requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ['PUT', '/chat/rooms/general/read', { seq: 7 }],
      ['PATCH', '/chat/rooms/general', { name: 'renamed', description: null }],
    ])
  })
})
