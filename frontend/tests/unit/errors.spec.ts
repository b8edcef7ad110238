import { describe, expect, it } from 'vitest'
import { errorFromHttp, errorFromHub } from '@/api/errors'

describe('errors from the server', () => {
  it('read the readable message of RFC 7807 problem details', () => {
    const error = errorFromHttp(409, { title: 'Conflict', detail: "Username 'alice' is taken.", status: 409 })
    expect(error.kind).toBe('conflict')
    expect(error.message).toBe("Username 'alice' is taken.")
  })

  it('use validation errors when a problem has no detail', () => {
    const error = errorFromHttp(400, { title: 'One or more validation errors occurred.', errors: { email: ['email must be a valid address.'] } })
    expect(error.message).toBe('email must be a valid address.')
  })

  it('treat a rate limit and an unavailable cluster apart: only the second is retried on its own', () => {
    expect(errorFromHttp(429, null).kind).toBe('rate_limited')
    expect(errorFromHttp(429, null).transient).toBe(false)
    expect(errorFromHttp(503, null).transient).toBe(true)
  })

  it("strip SignalR's wrapper from a hub refusal and keep the server's words", () => {
    const error = errorFromHub(new Error("An unexpected error occurred invoking 'SendMessage' on the server. HubException: rate_limited: Slow down."))
    expect(error.kind).toBe('rate_limited')
    expect(error.message).toBe('Slow down.')
    expect(error.transient).toBe(false)
  })

  it('recognise a hub refusal without a code by its words', () => {
    const error = errorFromHub(new Error("An unexpected error occurred invoking 'JoinRoom' on the server. HubException: Room 'x' was not found."))
    expect(error.kind).toBe('not_found')
    expect(error.message).toBe("Room 'x' was not found.")
  })

  it('count a dropped connection as transient: the server may not have seen the call', () => {
    const error = errorFromHub(new Error('Invocation canceled due to the underlying connection being closed.'))
    expect(error.kind).toBe('network')
    expect(error.transient).toBe(true)
  })
})
