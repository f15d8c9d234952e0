import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, type OperationObject, SwaggerModule } from '@nestjs/swagger';
import { authRule, BEARER_SCHEME, bearerSecurityScheme, requiredRoles } from './platform/auth/index.js';
import { cachedRouteHeadersRule, cachedRouteRule } from './platform/cache/index.js';
import { applyOperationRules, declaredErrorsRule, DOCS_PATH, httpRequestRules, operationIdOf, type OperationRule, responseHeadersRule, selectOperations, serveApiDocument } from './platform/http/index.js';
import { rateLimitHeadersRule, rateLimitRule } from './platform/rate-limit/index.js';

/** Where the admin document is served (JSON at `/json`, YAML at `/yaml`; no UI), to admins only. */
export const ADMIN_DOCS_PATH = '/admin/docs';

/** Statuses first, then the headers that go on every answer. */
const RULES: readonly OperationRule[] = [declaredErrorsRule, authRule, cachedRouteRule, rateLimitRule, httpRequestRules, cachedRouteHeadersRule, rateLimitHeadersRule, responseHeadersRule];

const DESCRIPTION = `Public contracts, agencies and suppliers, and the investigations analysts run over them.

- **Errors** are \`{ statusCode, code, message }\`; each response lists the codes its status can carry on that route. Match on \`code\`; \`message\` is for people.
- **Access**: reads are anonymous; writes need \`Authorization: Bearer <API key or JWT>\` with the role in the operation's \`x-required-roles\`. Credentials that are sent are checked on every route (401 \`AUTH.INVALID\`).
- **Rate limits**: every answer carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\`; past the budget, 429 with \`Retry-After\`.
- **Caching**: cached reads carry \`ETag\`, \`Cache-Control: no-cache\` and \`X-Cache\`; send the ETag back in \`If-None-Match\` for a 304.
- **HEAD**: every GET answers HEAD too, with the same status and headers and no body.`;

export interface ApiDocuments {
  /** Every route but the admin-only ones: served at /docs. */
  readonly public: OpenAPIObject;
  /** Every route, the admin ones included: served to admins at ADMIN_DOCS_PATH. */
  readonly admin: OpenAPIObject;
}

const adminOnly = (operation: OperationObject): boolean => requiredRoles(operation)?.every((role) => role === 'admin') ?? false;

/**
 * The API's OpenAPI documents, from the app's controllers, their decorators and the request
 * gates' rules. Needs no connection: a preview app (`NestFactory.create(..., { preview: true })`)
 * builds the same documents as the running one.
 */
export function buildApiDocuments(app: INestApplication): ApiDocuments {
  const info = new DocumentBuilder().setTitle('Hotpath').setDescription(DESCRIPTION).setVersion('0.1.0').addBearerAuth(bearerSecurityScheme, BEARER_SCHEME).build();
  const all = SwaggerModule.createDocument(app, info, { operationIdFactory: operationIdOf });
  applyOperationRules(app, all, RULES);
  const admin = { ...all, info: { ...all.info, title: 'Hotpath (admin)', description: `${DESCRIPTION}\n\nThis document adds the admin routes (role \`admin\`) to the public one.` } };
  return { public: selectOperations(all, (operation) => !adminOnly(operation)), admin };
}

/** The public document with its UI at /docs, the admin one at ADMIN_DOCS_PATH (its access policy is in auth.options.ts). */
export function serveApiDocuments(app: NestFastifyApplication, documents: ApiDocuments): void {
  serveApiDocument(app, DOCS_PATH, documents.public, { ui: true });
  serveApiDocument(app, ADMIN_DOCS_PATH, documents.admin, { ui: false });
}
