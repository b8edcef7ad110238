import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { chatApi } from '@/api'
import type { LoginInput, ProfileUpdate, RegisterInput, User } from '@/api/types'
import { readJson, removeKey, writeJson } from '@/services/storage'

const sessionKey = 'chat.session'

interface SavedSession {
  token: string
  user: User
}

/** Seconds since the epoch at which the JWT expires, if it says. */
function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number }
    return typeof payload.exp === 'number' ? payload.exp : null
  } catch {
    return null
  }
}

function loadSession(): SavedSession | null {
  const saved = readJson<SavedSession>(sessionKey)
  if (!saved?.token || !saved.user) return null
  const expiry = tokenExpiry(saved.token)
  return expiry !== null && expiry * 1000 <= Date.now() ? null : saved
}

/** Who is signed in. The token and profile survive a reload (localStorage) until sign-out or expiry. */
export const useAuthStore = defineStore('auth', () => {
  const saved = loadSession()
  const token = ref<string | null>(saved?.token ?? null)
  const user = ref<User | null>(saved?.user ?? null)
  /** Set when the server ended the session, so that the sign-in page can say why. */
  const expired = ref(false)

  const signedIn = computed(() => token.value !== null && user.value !== null)
  const userId = computed(() => user.value?.id ?? null)

  function begin(newToken: string, newUser: User) {
    token.value = newToken
    user.value = newUser
    expired.value = false
    writeJson(sessionKey, { token: newToken, user: newUser } satisfies SavedSession)
  }

  async function login(input: LoginInput) {
    const result = await chatApi().login(input)
    begin(result.token, result.user)
  }

  async function register(input: RegisterInput) {
    const result = await chatApi().register(input)
    begin(result.token, result.user)
  }

  async function updateProfile(update: ProfileUpdate) {
    const updated = await chatApi().updateMe(update)
    user.value = updated
    if (token.value) writeJson(sessionKey, { token: token.value, user: updated } satisfies SavedSession)
  }

  /** Ends the session locally; `becauseExpired` when the server refused the token. */
  function signOut(becauseExpired = false) {
    token.value = null
    user.value = null
    expired.value = becauseExpired
    removeKey(sessionKey)
  }

  return { token, user, userId, signedIn, expired, login, register, updateProfile, signOut }
})
