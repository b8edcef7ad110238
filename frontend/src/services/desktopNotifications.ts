/**
 * Desktop notifications (the Notification API) behind a seam, so that stores stay testable: the browser's by
 * default, a recorder in tests. Permission is only ever asked from a user's click (`request`), never on load.
 */
export type DesktopPermission = NotificationPermission | 'unsupported'

export interface DesktopNotifier {
  permission(): DesktopPermission
  request(): Promise<DesktopPermission>
  /** Shows one notification; `onClick` runs when the user clicks it. A `tag` replaces an older one with the same tag. */
  show(title: string, body: string, tag: string, onClick: () => void): void
}

const browserNotifier: DesktopNotifier = {
  permission: () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission),
  request: async () => (typeof Notification === 'undefined' ? 'unsupported' : await Notification.requestPermission()),
  show(title, body, tag, onClick) {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
    try {
      const notification = new Notification(title, { body, tag, icon: '/icons/icon-192.png' })
      notification.onclick = () => {
        window.focus()
        onClick()
        notification.close()
      }
    } catch (error) {
      // Some browsers (Android Chrome) only allow notifications from a service worker.
      console.warn('Could not show a desktop notification.', error)
    }
  },
}

let current: DesktopNotifier = browserNotifier

export function setDesktopNotifier(notifier: DesktopNotifier): void {
  current = notifier
}

export function desktopNotifier(): DesktopNotifier {
  return current
}
