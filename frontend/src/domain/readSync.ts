/**
 * Sends read positions to the server without flooding it: one request per room at a time, and while one is in
 * flight only the newest position waits (positions only move forward, so the ones in between need not be sent).
 * A failed send is dropped: the next read in that room carries a higher position anyway.
 */
export function createReadSync(send: (roomId: string, seq: number) => Promise<void>) {
  const inFlight = new Set<string>()
  const waiting = new Map<string, number>()
  let generation = 0

  async function run(roomId: string, seq: number, mine: number) {
    inFlight.add(roomId)
    try {
      await send(roomId, seq)
    } catch (error) {
      console.warn(`Sending the read position of ${roomId} failed.`, error)
    } finally {
      if (mine === generation) {
        inFlight.delete(roomId)
        const next = waiting.get(roomId)
        waiting.delete(roomId)
        if (next !== undefined) void run(roomId, next, mine)
      }
    }
  }

  return {
    send(roomId: string, seq: number) {
      if (inFlight.has(roomId)) waiting.set(roomId, Math.max(seq, waiting.get(roomId) ?? 0))
      else void run(roomId, seq, generation)
    },
    forget(roomId: string) {
      waiting.delete(roomId)
    },
    clear() {
      generation++
      inFlight.clear()
      waiting.clear()
    },
  }
}
