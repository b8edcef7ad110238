/**
 * Toasts, behind a seam so that stores stay testable: the app installs Element Plus' ElMessage,
 * tests install a recorder.
 */
export interface Notifier {
  error(message: string): void
  success(message: string): void
}

let current: Notifier = {
  error: (message) => console.error(message),
  success: () => {},
}

export function setNotifier(notifier: Notifier): void {
  current = notifier
}

export function notify(): Notifier {
  return current
}
