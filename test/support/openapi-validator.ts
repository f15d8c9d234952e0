import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its function is the module itself under Node's ESM interop.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * Closes every object schema that lists its properties and says nothing of others, so that a
 * field the document forgets fails validation instead of passing unseen.
 */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.type === 'object' && typeof schema.properties === 'object' && !('additionalProperties' in schema)) schema.additionalProperties = false;
  Object.values(schema).forEach(closeObjects);
}

const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Validates bodies against an OpenAPI 3.0 document's response schemas with Ajv: the document is
 * one schema resource, so `$ref: '#/components/schemas/…'` resolves inside it, and Ajv reads
 * OpenAPI's `nullable` itself. Formats (uuid, date-time) are checked.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: any) {
    addFormats(this.ajv);
    const copy = structuredClone(document);
    closeObjects(copy);
    this.ajv.addSchema(copy, 'openapi');
  }

  /** Problems of `body` against the JSON body of `status` on the operation, none when it conforms. */
  bodyProblems(path: string, method: string, status: string, body: unknown): string[] {
    const ref = `openapi#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`;
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}
