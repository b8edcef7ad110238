import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { readJson } from '@/services/storage'

/** The room a signed-in user lands on when the address names none. */
export const defaultRoomId = 'general'
export const lastRoomKey = 'chat.lastRoom'

// App routes never share a prefix with the gateway's API paths (/users, /chat, /hubs, /ws, /health),
// so a reload of any app address reaches the SPA fallback, and the dev proxy forwards only the API.
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { guest: true } },
    { path: '/register', name: 'register', component: () => import('@/views/RegisterView.vue'), meta: { guest: true } },
    {
      path: '/',
      component: () => import('@/views/AppShell.vue'),
      children: [
        { path: '', name: 'home', redirect: () => ({ name: 'room', params: { roomId: readJson<string>(lastRoomKey) ?? defaultRoomId } }) },
        { path: 'rooms', name: 'rooms', component: () => import('@/views/ChatView.vue') },
        { path: 'rooms/:roomId', name: 'room', component: () => import('@/views/ChatView.vue') },
        { path: 'profile', name: 'profile', component: () => import('@/views/ProfileView.vue') },
      ],
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})

router.beforeEach((to: RouteLocationNormalized) => {
  const auth = useAuthStore()
  if (to.meta.guest) {
    return auth.signedIn ? { name: 'home' } : true
  }
  if (!auth.signedIn) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  return true
})
