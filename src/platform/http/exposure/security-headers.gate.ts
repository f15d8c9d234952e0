import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestGateProvider } from '../gates/request-gate.decorator.js';
import { addGateHeaders } from '../gates/gate-headers.js';
import type { RequestGate } from '../gates/request-gate.js';
import { HTTP_EXPOSURE_OPTIONS } from './http-exposure.module-definition.js';
import type { HttpExposureModuleOptions } from './http-exposure.options.js';
import { API_HELMET_OPTIONS, DOCS_HELMET_OPTIONS, type HeaderList, helmetHeaders } from './security-headers.js';

/** First of the gates: an answer any later gate makes (a 401, a 429) carries the headers too. */
export const SECURITY_HEADERS_GATE_ORDER = 0;

/**
 * Hot path, for every request (pre-routed cache hits, errors and 404s included): sets helmet's
 * headers for the API profile, or the docs profile under the OpenAPI UI's path. Helmet computes
 * them once here; @fastify/helmet would build its middleware again for every request.
 */
@Injectable()
@RequestGateProvider(SECURITY_HEADERS_GATE_ORDER)
export class SecurityHeadersGate implements RequestGate {
  private readonly api: readonly string[];
  private readonly docs: readonly string[];
  private readonly docsPath: string | undefined;

  constructor(@Inject(HTTP_EXPOSURE_OPTIONS) options: HttpExposureModuleOptions) {
    const on = options.securityHeaders ?? true;
    this.api = on ? flat(helmetHeaders(API_HELMET_OPTIONS)) : [];
    this.docs = on ? flat(helmetHeaders(DOCS_HELMET_OPTIONS)) : [];
    this.docsPath = options.docsPath;
  }

  check(request: IncomingMessage, response: ServerResponse): void {
    const headers = this.isDocs(request.url ?? '') ? this.docs : this.api;
    if (headers.length > 0) addGateHeaders(response, headers);
  }

  private isDocs(url: string): boolean {
    const path = this.docsPath;
    return path !== undefined && url.startsWith(path) && (url.length === path.length || url[path.length] === '/' || url[path.length] === '?');
  }
}

const flat = (headers: HeaderList): string[] => headers.flatMap(([name, value]) => [name, value]);
