import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe } from './validation.pipe.js';

/**
 * Everything applied to the HTTP application after it is created: the request id echoed in `x-request-id`, prompt draining on close, validation and the OpenAPI
 * document at /docs. (Fastify's own errors, such as malformed JSON, reach AllExceptionsFilter
 * through Nest's error handler.)
 */
export function configureHttpApp(app: NestFastifyApplication): void {
  app.useGlobalPipes(createValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', function echoRequestId(request, reply, done) {
    void reply.header('x-request-id', request.id);
    done();
  });
  // While draining, a keep-alive connection whose last response just went out would hold
  // shutdown until its keep-alive timeout: close each one as soon as it turns idle.
  fastify.addHook('preClose', (done) => {
    const sweeper = setInterval(() => fastify.server.closeIdleConnections(), 50);
    sweeper.unref();
    fastify.server.once('close', () => clearInterval(sweeper));
    done();
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hotpath')
      .setDescription('Public contracts, agencies and suppliers. Errors are `{ statusCode, code, message }`.')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
}
