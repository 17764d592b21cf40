/**
 * `lucid agent init <name>`: copies the agent template (agents/templates/agent) into a new directory with the
 * name filled in. The agent imports the SDK by its public name (`lucid/sdk`, `lucid/sdk/testing`); the new
 * folder gets `node_modules/lucid`, a link to the running Lucid (what `npm link lucid` makes), so node, tsx,
 * tsc and editors resolve it with nothing installed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../kernel/index.js';

export type ScaffoldAgentParameters = {
  /** The agent's id: 2–64 characters of a-z, 0-9 and "-", starting with a letter. */
  name: string;
  /** Directory to create; must not exist or be empty. */
  dir: string;
  /** Template directory; default agents/templates/agent. */
  templateDir?: string | undefined;
  /** Link `node_modules/lucid` to the running Lucid package (default true). */
  link?: boolean | undefined;
};
export type ScaffoldAgentReturnType = {
  dir: string;
  files: string[];
  /** The Lucid package `node_modules/lucid` points to, when it was linked. */
  linkedTo?: string | undefined;
};
export type ScaffoldAgentErrorType = InputError;

const here = dirname(fileURLToPath(import.meta.url));
/**
 * The template beside the SDK sources (agents/templates/agent); from a build in dist/, tsc does not copy
 * it, so the sources' copy (dist/../agents/templates/agent) is used.
 */
export const defaultTemplateDir = [resolve(here, '..', 'templates', 'agent'), resolve(here, '..', '..', '..', 'agents', 'templates', 'agent')].find(
  (dir) => existsSync(dir),
) ?? resolve(here, '..', 'templates', 'agent');

/** The running Lucid package: the nearest folder above this file whose package.json is named "lucid". */
export const lucidPackageRoot: string | undefined = findLucidRoot(here);

/**
 * @throws InputError `BAD_AGENT_NAME`, `DIR_NOT_EMPTY`, `TEMPLATE_MISSING`.
 *
 * @example
 * const { files } = scaffoldAgent({ name: 'tip-jar', dir: './tip-jar' })
 */
export function scaffoldAgent({ name, dir, templateDir = defaultTemplateDir, link = true }: ScaffoldAgentParameters): ScaffoldAgentReturnType {
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

  const values: Record<string, string> = { name, camelName: camelCase(name) };

  mkdirSync(target, { recursive: true });
  const files: string[] = [];
  for (const file of readdirSync(templateDir)) {
    const source = join(templateDir, file);
    if (!statSync(source).isFile()) continue;
    const text = readFileSync(source, 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
    writeFileSync(join(target, file), text);
    files.push(file);
  }
  if (!link || !lucidPackageRoot) return { dir: target, files: files.sort() };
  mkdirSync(join(target, 'node_modules'));
  symlinkSync(lucidPackageRoot, join(target, 'node_modules', 'lucid'), process.platform === 'win32' ? 'junction' : 'dir');
  return { dir: target, files: files.sort(), linkedTo: lucidPackageRoot };
}

function findLucidRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'lucid') return dir;
      } catch {
        // not a readable manifest: keep looking above
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_whole, letter: string) => letter.toUpperCase());
}
