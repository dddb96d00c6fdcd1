/*
 * The binder as one self-contained HTML page, made to be printed and kept: a clean layout, a print
 * stylesheet (A4/Letter margins, no section split across pages where it can be helped), and the
 * score charts drawn as inline SVG instead of the mermaid blocks GitHub renders. It converts only
 * the Markdown the binder itself writes (headings, paragraphs, quotes, tables, lists, task boxes,
 * bold, italics, code); everything is HTML-escaped first, so a member's words stay words.
 */

const STYLE = `
  :root { color-scheme: light; }
  body { font: 11pt/1.5 Georgia, 'Times New Roman', serif; color: #1b1b1b; max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; }
  h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #bbb; padding-bottom: .2rem; }
  h3 { font-size: 1.1rem; margin: 1.3rem 0 .4rem; }
  h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
  blockquote { margin: .4rem 0 .8rem; padding: .1rem 0 .1rem 1rem; border-left: 3px solid #9aa7b8; color: #333; }
  table { border-collapse: collapse; margin: .6rem 0 1rem; width: 100%; }
  th, td { border: 1px solid #c8c8c8; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f1f3f5; }
  ul { padding-left: 1.4rem; }
  li.task { list-style: none; margin-left: -1.4rem; }
  li.task::before { content: '☐ '; }
  li.task.done::before { content: '☑ '; }
  code { font: .9em Menlo, Consolas, monospace; }
  figure { margin: .8rem 0 1.2rem; }
  figcaption { font-size: .9rem; color: #444; }
  svg text { font: 10px sans-serif; fill: #333; }
  @page { margin: 18mm 16mm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
    h2 { break-after: avoid; }
    h3, h4 { break-after: avoid; }
    table, blockquote, figure, li { break-inside: avoid; }
    a { color: inherit; text-decoration: none; }
  }
`

const COLOURS = ['#2f6fde', '#e07b00', '#2a9d4b']

export function binderHtml(markdown: string, title: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escape(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    renderBlocks(markdown.replace(/\r\n/g, '\n').split('\n')),
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

function renderBlocks(lines: string[]): string {
  const out: string[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i] as string
    if (line.trim() === '') {
      i++
      continue
    }
    const fence = /^```(\w*)/.exec(line)
    if (fence) {
      const body: string[] = []
      i++
      while (i < lines.length && !/^```/.test(lines[i] as string)) body.push(lines[i++] as string)
      i++
      out.push(
        fence[1] === 'mermaid' ? chart(body) : `<pre><code>${escape(body.join('\n'))}</code></pre>`,
      )
      continue
    }
    const heading = /^(#{1,4}) (.*)$/.exec(line)
    if (heading) {
      const level = (heading[1] as string).length
      out.push(`<h${level}>${inline(heading[2] as string)}</h${level}>`)
      i++
      continue
    }
    if (line.startsWith('>')) {
      const quoted: string[] = []
      while (i < lines.length && (lines[i] as string).startsWith('>'))
        quoted.push((lines[i++] as string).replace(/^> ?/, ''))
      out.push(`<blockquote>${renderBlocks(quoted)}</blockquote>`)
      continue
    }
    if (line.startsWith('|')) {
      const rows: string[] = []
      while (i < lines.length && (lines[i] as string).startsWith('|'))
        rows.push(lines[i++] as string)
      out.push(table(rows))
      continue
    }
    if (/^[-*] /.test(line)) {
      const items: string[] = []
      while (i < lines.length && /^[-*] /.test(lines[i] as string))
        items.push((lines[i++] as string).slice(2))
      out.push(`<ul>${items.map(listItem).join('')}</ul>`)
      continue
    }
    const paragraph: string[] = []
    while (
      i < lines.length &&
      (lines[i] as string).trim() !== '' &&
      !/^(#{1,4} |>|\||[-*] |```)/.test(lines[i] as string)
    )
      paragraph.push(lines[i++] as string)
    out.push(`<p>${paragraph.map(inline).join('<br>\n')}</p>`)
  }
  return out.join('\n')
}

function listItem(text: string): string {
  const task = /^\[([ xX])\] (.*)$/.exec(text)
  if (task)
    return `<li class="task${task[1] === ' ' ? '' : ' done'}">${inline(task[2] as string)}</li>`
  return `<li>${inline(text)}</li>`
}

function table(rows: string[]): string {
  const cells = (row: string) =>
    row
      .replace(/^\|/, '')
      .replace(/\|\s*$/, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim())
  const [head, , ...body] = rows
  const header = cells(head ?? '')
    .map((c) => `<th>${inline(c)}</th>`)
    .join('')
  const lines = body.map(
    (row) =>
      `<tr>${cells(row)
        .map((c) => `<td>${inline(c)}</td>`)
        .join('')}</tr>`,
  )
  return `<table><thead><tr>${header}</tr></thead><tbody>${lines.join('')}</tbody></table>`
}

/** Bold, italics, code and backslash escapes, on HTML-escaped text. */
function inline(text: string): string {
  const escapes: string[] = []
  // The binder neutralizes a pasted HTML comment as &lt;!--; here it is escaped like any other text.
  const held = text.replace(/&lt;/g, '<').replace(/\\(.)/g, (_, c: string) => {
    escapes.push(c)
    return `\uE000${escapes.length - 1}\uE001`
  })
  return escape(held)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,;:])/g, '$1<em>$2</em>')
    .replace(/\uE000(\d+)\uE001/g, (_, n: string) => escape(escapes[Number(n)] ?? ''))
}

/** The binder's mermaid xychart, drawn as an SVG line chart with the same colours. */
function chart(lines: string[]): string {
  const title = /title "([^"]*)"/.exec(lines.join('\n'))?.[1] ?? ''
  const labels = [
    ...(/x-axis \[(.*)\]/.exec(lines.join('\n'))?.[1] ?? '').matchAll(/"([^"]*)"/g),
  ].map((m) => m[1] as string)
  const range = /y-axis "[^"]*" (\d+) --> (\d+)/.exec(lines.join('\n'))
  const min = Number(range?.[1] ?? 0)
  const max = Number(range?.[2] ?? 10)
  const series = lines
    .map((l) => /line \[(.*)\]/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined)
    .map((l) => l.split(',').map((v) => Number(v.trim())))
  if (labels.length < 2 || series.length === 0) return ''
  const width = 520
  const height = 200
  const left = 30
  const bottom = 20
  const x = (k: number) => left + (k * (width - left - 10)) / (labels.length - 1)
  const y = (v: number) => 10 + ((max - v) * (height - bottom - 10)) / (max - min || 1)
  const grid = [min, Math.round((min + max) / 2), max].map(
    (v) =>
      `<line x1="${left}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="4" y="${y(v) + 3}">${v}</text>`,
  )
  const ticks = labels.map((l, k) => `<text x="${x(k) - 8}" y="${height - 4}">${escape(l)}</text>`)
  const paths = series.map((values, s) => {
    const points = values.map((v, k) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(' ')
    return `<polyline fill="none" stroke="${COLOURS[s % COLOURS.length]}" stroke-width="2" points="${points}"/>`
  })
  return [
    '<figure>',
    `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escape(title)}">`,
    ...grid,
    ...ticks,
    ...paths,
    '</svg>',
    `<figcaption>${escape(title)}</figcaption>`,
    '</figure>',
  ].join('')
}

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
