import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import MessageText from '@/components/MessageText'
import HighlightedText from '@/components/HighlightedText'
import { highlight } from '@/domain/highlight'
import { parseInline, parseMarkdown, plainText } from '@/domain/markdown'

const render = (text: string) => mount(MessageText, { props: { text } })

describe('markdown subset', () => {
  it('renders bold, italic, inline code, code blocks and http(s) links as elements', () => {
    const wrapper = render('**bold** and *it* and _also_ `x < y`\n```ts\nconst a = 1 < 2\n```\nsee https://example.com/a?b=1.')
    expect(wrapper.find('strong').text()).toBe('bold')
    expect(wrapper.findAll('em').map((e) => e.text())).toEqual(['it', 'also'])
    expect(wrapper.find('code.md-code').text()).toBe('x < y')
    expect(wrapper.find('pre code').text()).toBe('const a = 1 < 2')
    const link = wrapper.find('a')
    expect(link.attributes()).toMatchObject({ href: 'https://example.com/a?b=1', rel: 'noopener noreferrer nofollow', target: '_blank' })
    // The sentence's full stop is not part of the URL.
    expect(link.text()).toBe('https://example.com/a?b=1')
  })

  it('keeps HTML in a message as visible text: no element, no attribute, no handler', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>'
    const wrapper = render(hostile)
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
    expect(wrapper.find('a').exists()).toBe(false)
    expect(wrapper.text()).toBe(hostile)
    const attributes = [...wrapper.element.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name))
    expect(attributes.filter((name) => name !== 'class')).toEqual([])
    expect(wrapper.html()).toContain('&lt;img')
  })

  it('refuses links that are not http(s), in every spelling', () => {
    for (const text of [
      '[click](javascript:alert(1))',
      '[click](JavaScript:alert(1))',
      '[click](data:text/html,<b>x</b>)',
      '[click](vbscript:msgbox)',
      '[click](//evil.example/x)',
      'javascript:alert(1)',
      '[x](https://ok.example/"onmouseover="alert(1))',
    ]) {
      const wrapper = render(text)
      for (const a of wrapper.findAll('a')) {
        expect(a.attributes('href'), text).toMatch(/^https?:\/\//)
        expect(a.attributes('onmouseover'), text).toBeUndefined()
      }
    }
    expect(render('[click](javascript:alert(1))').find('a').exists()).toBe(false)
    expect(render('[click](javascript:alert(1))').text()).toBe('[click](javascript:alert(1))')
  })

  it('a labelled link keeps its label as text, formatting inside it included', () => {
    const a = render('[**docs** <b>](https://example.com/docs)').find('a')
    expect(a.attributes('href')).toBe('https://example.com/docs')
    expect(a.find('strong').text()).toBe('docs')
    expect(a.text()).toBe('docs <b>')
    expect(a.find('b').exists()).toBe(false)
  })

  it('nests markers, leaves unclosed or spaced ones literal, and does not read snake_case as italic', () => {
    expect(parseInline('**bold *inner* bold**')).toEqual([
      { type: 'bold', children: [{ type: 'text', text: 'bold ' }, { type: 'italic', children: [{ type: 'text', text: 'inner' }] }, { type: 'text', text: ' bold' }] },
    ])
    expect(parseInline('2 * 3 * 4')).toEqual([{ type: 'text', text: '2 * 3 * 4' }])
    expect(parseInline('**never closed')).toEqual([{ type: 'text', text: '**never closed' }])
    expect(parseInline('snake_case_name')).toEqual([{ type: 'text', text: 'snake_case_name' }])
    expect(parseInline('`**not bold**`')).toEqual([{ type: 'code', text: '**not bold**' }])
  })

  it('survives deep nesting and long marker runs without blowing up', () => {
    const deep = '*'.repeat(2000) + 'x' + '*'.repeat(2000)
    expect(() => render(deep)).not.toThrow()
    const nested = '**_**_**_**_**_x_**_**_**_**_**'
    const wrapper = render(nested)
    expect(wrapper.text().replace(/[*_]/g, '')).toBe('x')
    expect(render('`'.repeat(4000)).text()).toBe('`'.repeat(4000))
  })

  it('an unclosed code fence stays text; a closed one keeps markup characters as text', () => {
    expect(parseMarkdown('```\nno end')).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: '```\nno end' }] }])
    const wrapper = render('```\n<img src=x onerror=alert(1)>\n```')
    expect(wrapper.find('pre').text()).toBe('<img src=x onerror=alert(1)>')
    expect(wrapper.find('img').exists()).toBe(false)
  })

  it('plain text drops the markers', () => {
    expect(plainText(parseMarkdown('**a** _b_ `c` [d](https://e.example)'))).toBe('a b c d')
  })
})

describe('search highlighting', () => {
  it('marks every case-insensitive hit of each term, Chinese included', () => {
    expect(highlight('Deploy the deployment', 'deploy')).toEqual([
      { text: 'Deploy', hit: true },
      { text: ' the ', hit: false },
      { text: 'deploy', hit: true },
      { text: 'ment', hit: false },
    ])
    expect(highlight('我们明天发布新版本', '发布').filter((s) => s.hit).map((s) => s.text)).toEqual(['发布'])
  })

  it('renders hits as <mark> text, never the message as markup', () => {
    const wrapper = mount(HighlightedText, { props: { text: '<img src=x onerror=alert(1)> img', query: 'img' } })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.findAll('mark').map((m) => m.text())).toEqual(['img', 'img'])
    expect(wrapper.text()).toBe('<img src=x onerror=alert(1)> img')
  })
})
