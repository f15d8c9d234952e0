import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe } from './validation.pipe.js';

/**
 * Everything applied to the HTTP application after it is created: validation and the OpenAPI
 * document at /docs. (Fastify's own errors, such as malformed JSON, reach AllExceptionsFilter
 * through Nest's error handler.)
 */
export function configureHttpApp(app: NestFastifyApplication): void {
  app.useGlobalPipes(createValidationPipe());
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
