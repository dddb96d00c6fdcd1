import { parse } from 'yaml'

/*
 * An issue form as a member meets it, in Markdown: its name and description, the form's own text,
 * and each question with its hint and choices. The preview writes one per form, so an organizer
 * can read the homework sheet, the pulse and the rest before any member does.
 */

interface FormItem {
  type?: string
  attributes?: {
    label?: string
    description?: string
    value?: string
    placeholder?: string
    options?: Array<string | { label?: string }>
  }
  validations?: { required?: boolean }
}

export function describeForm(yaml: string): string {
  const form = (parse(yaml) ?? {}) as { name?: string; description?: string; body?: FormItem[] }
  const lines = [`# ${form.name ?? 'Form'}`, '']
  if (form.description) lines.push(`_${form.description}_`, '')
  for (const item of form.body ?? []) lines.push(...describeItem(item), '')
  return `${lines.join('\n').trimEnd()}\n`
}

function describeItem(item: FormItem): string[] {
  const a = item.attributes ?? {}
  if (item.type === 'markdown') return [(a.value ?? '').trim()]
  const required = item.validations?.required ? ' _(required)_' : ''
  const kind =
    item.type === 'checkboxes'
      ? 'tick boxes'
      : item.type === 'dropdown'
        ? 'one choice'
        : item.type === 'input'
          ? 'one line'
          : 'text'
  const lines = [`**${a.label ?? ''}**${required} · ${kind}`]
  if (a.description) lines.push('', `> ${a.description.trim().replace(/\n/g, '\n> ')}`)
  const options = (a.options ?? []).map((o) => (typeof o === 'string' ? o : (o.label ?? '')))
  const box = item.type === 'checkboxes' ? '- [ ] ' : '- '
  // A long scale (1 to 10) reads better on one line.
  if (options.length > 6 && item.type === 'dropdown') lines.push('', options.join(' · '))
  else if (options.length > 0) lines.push('', ...options.map((o) => `${box}${o}`))
  return lines
}
