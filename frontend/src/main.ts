import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/theme-chalk/dark/css-vars.css'
import App from './App.vue'
import { router } from './router'
import { chatApi, setChatApi } from './api'
import { createRestApi } from './api/rest'
import { setChatRealtime } from './realtime'
import { createSignalRRealtime } from './realtime/signalr'
import { setNotifier } from './services/notify'
import { useAuthStore } from './stores/auth'
import { useSessionStore } from './stores/session'
import './styles.css'
import { initTheme } from './theme/theme'
import { registerServiceWorker } from './pwa/register'

initTheme()

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)

const auth = useAuthStore(pinia)
setChatApi(
  createRestApi({
    token: () => auth.token,
    renew: (refused) => auth.renew(refused),
    onUnauthorized: () => void useSessionStore(pinia).stop(true),
  }),
)
setChatRealtime(createSignalRRealtime({ ticket: async () => (await chatApi().connectTicket()).ticket }))
setNotifier({
  error: (message) => ElMessage({ message, type: 'error', grouping: true, showClose: true }),
  success: (message) => ElMessage({ message, type: 'success', grouping: true }),
})

app.use(router)
app.mount('#app')
registerServiceWorker()
// The end-to-end tests read this mark for "time to first render".
void router.isReady().then(() => requestAnimationFrame(() => performance.mark('chat:first-render')))
