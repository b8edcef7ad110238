import { createPinia, setActivePinia } from 'pinia'
import { setChatApi } from '@/api'
import type { User } from '@/api/types'
import { setChatRealtime } from '@/realtime'
import { setNotifier } from '@/services/notify'
import { useAuthStore } from '@/stores/auth'
import { FakeRealtime, FakeServer, fakeApi } from './fakes'

/** A signed-in tab of `self` against a fake server: fresh stores, transports and toasts. */
export function signedInAs(self: User) {
  localStorage.clear()
  setActivePinia(createPinia())
  const server = new FakeServer()
  const api = fakeApi(server, self)
  const realtime = new FakeRealtime(server, self)
  const toasts = { errors: [] as string[], successes: [] as string[] }
  setChatApi(api)
  setChatRealtime(realtime)
  setNotifier({ error: (m) => toasts.errors.push(m), success: (m) => toasts.successes.push(m) })
  const auth = useAuthStore()
  auth.token = 'token'
  auth.user = self
  return { server, api, realtime, toasts }
}
