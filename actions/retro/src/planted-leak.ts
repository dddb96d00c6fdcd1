import type { SkipIdentifier } from '../../lib/anonymize/anonymizer.js'

/**
 * Test hook: SKILL_SHARE_TEST_PLANT_LEAK=<category>[:<member index>] tells the anonymizer to skip
 * one kind of identifier, so an end-to-end test can prove the separate leak check stops the run.
 * Unset in every real workflow.
 */
export function plantedLeak(env: NodeJS.ProcessEnv): SkipIdentifier | undefined {
  const spec = env['SKILL_SHARE_TEST_PLANT_LEAK']
  if (!spec) return undefined
  const [category, member] = spec.split(':')
  return (identifier) =>
    identifier.category === category &&
    (member === undefined || identifier.member === Number(member))
}
