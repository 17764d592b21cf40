/**
 * `lucid agent init <name>`: copies the agent template (agents/templates/agent) into a new directory,
 * with the name and the path to this SDK filled in.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../kernel/index.js';

export type ScaffoldAgentParameters = {
  /** The agent's id: 2–64 characters of a-z, 0-9 and "-", starting with a letter. */
  name: string;
  /** Directory to create; must not exist or be empty. */
  dir: string;
  /** Template directory; default agents/templates/agent. */
  templateDir?: string | undefined;
};
export type ScaffoldAgentReturnType = { dir: string; files: string[] };
export type ScaffoldAgentErrorType = InputError;

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The template beside the SDK sources (agents/templates/agent); from a build in dist/, tsc does not copy
 * it, so the sources' copy (dist/../agents/templates/agent) is used.
 */
export const defaultTemplateDir = [resolve(here, '..', 'templates', 'agent'), resolve(here, '..', '..', '..', 'agents', 'templates', 'agent')].find(
  (dir) => existsSync(dir),
) ?? resolve(here, '..', 'templates', 'agent');

/**
 * @throws InputError `BAD_AGENT_NAME`, `DIR_NOT_EMPTY`, `TEMPLATE_MISSING`.
 *
 * @example
 * const { files } = scaffoldAgent({ name: 'tip-jar', dir: './tip-jar' })
 */
export function scaffoldAgent({ name, dir, templateDir = defaultTemplateDir }: ScaffoldAgentParameters): ScaffoldAgentReturnType {
  if (!/^[a-z][a-z0-9-]{1,63}$/.test(name) || name.endsWith('-') || name.includes('--'))
    throw new InputError('BAD_AGENT_NAME', `"${name}" is not a valid agent name`, {
      hints: ['use 2–64 characters of a-z, 0-9 and "-", starting with a letter, like "tip-jar"'],
    });
  const target = resolve(dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new InputError('DIR_NOT_EMPTY', `${target} exists and is not a directory`);
    if (readdirSync(target).length > 0)
      throw new InputError('DIR_NOT_EMPTY', `${target} is not empty: refusing to overwrite it`, { hints: ['choose a new directory'] });
  }
  if (!existsSync(templateDir)) throw new InputError('TEMPLATE_MISSING', `the agent template is missing at ${templateDir}`);

  // Relative import path from the new agent to this SDK, so the agent needs no package of its own.
  let sdk = relative(target, here).split(sep).join('/');
  if (!sdk.startsWith('.')) sdk = `./${sdk}`;
  const values: Record<string, string> = { name, camelName: camelCase(name), sdk };

  mkdirSync(target, { recursive: true });
  const files: string[] = [];
  for (const file of readdirSync(templateDir)) {
    const source = join(templateDir, file);
    if (!statSync(source).isFile()) continue;
    const text = readFileSync(source, 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
    writeFileSync(join(target, file), text);
    files.push(file);
  }
  return { dir: target, files: files.sort() };
}

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_whole, letter: string) => letter.toUpperCase());
}
