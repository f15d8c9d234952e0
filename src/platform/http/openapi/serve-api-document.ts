import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * Serves `document` under `path`: as JSON at `<path>/json` and YAML at `<path>/yaml`, with
 * swagger-ui at `path` when `ui` (its assets then live under `path` too, and the YAML keeps
 * swagger's `<path>-yaml`).
 */
export function serveApiDocument(app: NestFastifyApplication, path: string, document: OpenAPIObject, { ui }: { ui: boolean }): void {
  const base = path.replace(/^\//, '');
  SwaggerModule.setup(base, app, document, ui ? { jsonDocumentUrl: `${base}/json` } : { ui: false, jsonDocumentUrl: `${base}/json`, yamlDocumentUrl: `${base}/yaml` });
}
