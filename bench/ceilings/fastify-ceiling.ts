import Fastify from 'fastify';
import { listenOptions, loadPayload } from './payload.js';

/** Upper bound: bare Fastify answering every GET with the scenario's payload. */
const payload = loadPayload();
const app = Fastify({ logger: false });
app.get('/*', (_request, reply) => {
  void reply.header('content-type', 'application/json; charset=utf-8').send(payload);
});
await app.listen(listenOptions());
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
