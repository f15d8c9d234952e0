import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { useDepthLimitedJsonParser } from './body/json-body-parser.js';
import { createValidationPipe } from './validation.pipe.js';

/** What the HTTP application exposes and accepts beyond the server limits of `fastifyOptions`. */
export interface HttpExposureSettings {
  maxRequestBytes: number;
  /** Deepest JSON body accepted (400 `REQUEST.TOO_DEEP` beyond). */
  maxJsonDepth?: number;
  /** Longest request target accepted (414 beyond; Node refuses headers past 16 KB with 431 itself). */
  maxUrlLength?: number;
}

/** Where the public OpenAPI UI lives (the security headers gate gives it its own profile). */
export const DOCS_PATH = '/docs';
const DEFAULT_MAX_URL_LENGTH = 8192;

/**
 * Everything applied to the HTTP application after it is created: the request id echoed in
 * `x-request-id` with a URL length limit, prompt draining on close, the
 * depth-limited JSON parser and validation (the OpenAPI documents are served by
 * `serveApiDocument`). (Fastify's own errors, such as malformed JSON, reach
 * AllExceptionsFilter through Nest's error handler.)
 */
export function configureHttpApp(app: NestFastifyApplication, settings: HttpExposureSettings): void {
  app.useGlobalPipes(createValidationPipe());
  useDepthLimitedJsonParser(app, settings.maxRequestBytes, settings.maxJsonDepth);
  const fastify = app.getHttpAdapter().getInstance();
  const maxUrlLength = settings.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH;
  // The cache's pre-router echoes the id itself, and only for URLs a route has answered, which
  // passed the length check here first.
  fastify.addHook('onRequest', function echoRequestId(request, reply, done) {
    void reply.header('x-request-id', request.id);
    if (request.url.length <= maxUrlLength) return done();
    void reply.code(414).header('cache-control', 'no-store').send({ statusCode: 414, code: 'REQUEST.URL_TOO_LONG', message: `URL longer than ${maxUrlLength} characters` });
  });
  // While draining, a keep-alive connection whose last response just went out would hold
  // shutdown until its keep-alive timeout: close each one as soon as it turns idle.
  fastify.addHook('preClose', (done) => {
    const sweeper = setInterval(() => fastify.server.closeIdleConnections(), 50);
    sweeper.unref();
    fastify.server.once('close', () => clearInterval(sweeper));
    done();
  });
}
