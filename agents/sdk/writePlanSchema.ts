/**
 * Writes agents/sdk/plan.schema.json, the published JSON Schema of the external-agent HTTP contract
 * (request and response of `POST <endpoint>/plan`), from the zod schemas in ./wire.ts.
 * Run: `npx tsx agents/sdk/writePlanSchema.ts`. A test checks that the file is up to date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { healthResponseSchema, planRequestSchema, planResponseSchema } from './wire.js';

export const planSchemaPath = fileURLToPath(new URL('./plan.schema.json', import.meta.url));

/** The JSON Schema document, as the text written to plan.schema.json. */
export function planJsonSchemaText(): string {
  // io: 'input' describes the JSON on the wire (decimal strings), not the parsed bigints.
  const schema = (value: z.ZodType) => z.toJSONSchema(value, { io: 'input', target: 'draft-2020-12' });
  const document = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://lucid.dev/schemas/agent-plan.json',
    title: 'Lucid external agent HTTP contract',
    description:
      'POST <endpoint>/plan with PlanRequest answers a Plan (HTTP 200) or {"error":{"code","message"}} (4xx/5xx). GET <endpoint>/health answers Health. Integers that can exceed 2^53 (amounts, wei, timestamps) are decimal strings.',
    $defs: {
      PlanRequest: strip(schema(planRequestSchema)),
      Plan: strip(schema(planResponseSchema)),
      Health: strip(schema(healthResponseSchema)),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

// Each sub-schema carries its own $schema; the document declares it once.
function strip(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(planSchemaPath, planJsonSchemaText());
  console.log(`wrote ${planSchemaPath}`);
}
