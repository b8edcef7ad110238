import type { HubConnection } from '@microsoft/signalr'
import type {
  ReadUpdatedEvent,
  RoomAddedEvent,
  RoomRemovedEvent,
  RoomUpdatedEvent,
  TypingEvent,
} from '@/api/conversationTypes'

/**
 * What the live connection tells the app about the user's conversations (docs/PROTOCOL.md, wave 2): user events,
 * which reach every connection of the user without any JoinRoom, and typing in the rooms the connection joined.
 */
export interface ConversationEvents {
  roomAdded?(event: RoomAddedEvent): void
  roomRemoved?(event: RoomRemovedEvent): void
  roomUpdated?(event: RoomUpdatedEvent): void
  readUpdated?(event: ReadUpdatedEvent): void
  userTyping?(event: TypingEvent): void
}

/** Wires the hub's user and typing events to whatever handlers are current when each one arrives. */
export function listenToConversationEvents(hub: HubConnection, current: () => ConversationEvents | null): void {
  hub.on('RoomAdded', (event: RoomAddedEvent) => current()?.roomAdded?.(event))
  hub.on('RoomRemoved', (event: RoomRemovedEvent) => current()?.roomRemoved?.(event))
  hub.on('RoomUpdated', (event: RoomUpdatedEvent) => current()?.roomUpdated?.(event))
  hub.on('ReadUpdated', (event: ReadUpdatedEvent) => current()?.readUpdated?.(event))
  hub.on('UserTyping', (event: TypingEvent) => current()?.userTyping?.(event))
}
