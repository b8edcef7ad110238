import { describe, expect, it } from 'vitest'
import { mount, RouterLinkStub } from '@vue/test-utils'
import RoomList from '@/components/RoomList.vue'
import type { MyRoom } from '@/api/conversationTypes'
import { useProfilesStore } from '@/stores/profiles'
import { useRoomsStore } from '@/stores/rooms'
import { alice, bob } from './fakes'
import { generalRoom } from './fakeConversations'
import { signedInAs } from './setup'

const mine = (room: Partial<MyRoom> & { id: string }): MyRoom => ({
  ...generalRoom,
  name: room.id,
  lastSeq: 0,
  lastReadSeq: 0,
  unreadCount: 0,
  mentionCount: 0,
  lastChangeSeq: 0,
  lastMessageAt: null,
  ...room,
})

function mountList() {
  return mount(RoomList, { global: { stubs: { RouterLink: RouterLinkStub, CreateRoomDialog: true, NewDmDialog: true } } })
}

describe('the sidebar', () => {
  it('lists rooms and DMs apart, a DM by the other person with their avatar, with unread and mention badges', async () => {
    const { api } = signedInAs(alice)
    api.profiles.set(bob.id, { id: bob.id, username: 'bob', displayName: 'Bobby', avatar: null, online: true, lastSeenAt: null })
    const rooms = useRoomsStore()
    rooms.addMine(mine({ id: 'general', lastSeq: 7, lastReadSeq: 4, mentionCount: 2 }))
    rooms.addMine(mine({ id: 'dm-1', kind: 'dm', isPublic: false, ownerId: bob.id, lastSeq: 1 }))
    rooms.upsert({ ...generalRoom, id: 'random', name: 'random' })

    const wrapper = mountList()
    await useProfilesStore().want([bob.id])
    await wrapper.vm.$nextTick()

    const general = wrapper.get('[data-section="channels"] [data-room="general"]')
    expect(general.get('[data-badge="unread"]').text()).toBe('3')
    expect(general.get('[data-badge="mentions"]').text()).toBe('@2')
    const dm = wrapper.get('[data-section="dms"] [data-room="dm-1"]')
    expect(dm.text()).toContain('Bobby')
    expect(dm.find('.online-dot').exists()).toBe(true)
    expect(dm.get('[data-badge="unread"]').text()).toBe('1')
    expect(wrapper.get('[data-section="more"]').text()).toContain('random')
  })

  it('shows no badge once the room is read', async () => {
    signedInAs(alice)
    const rooms = useRoomsStore()
    rooms.addMine(mine({ id: 'general', lastSeq: 3, lastReadSeq: 0 }))
    const wrapper = mountList()
    expect(wrapper.find('[data-badge="unread"]').exists()).toBe(true)

    rooms.applyRead('general', 3)
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[data-badge="unread"]').exists()).toBe(false)
  })
})
