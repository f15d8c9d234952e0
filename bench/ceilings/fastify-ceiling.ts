import Fastify from 'fastify';
import { listenOptions, loadPayloads } from './payload.js';

/** Upper bound: bare Fastify answering each GET with that path's pre-built body. */
const payloads = loadPayloads();
const app = Fastify({ logger: false, routerOptions: { maxParamLength: 200 } });
app.get('/ready', (_request, reply) => void reply.send('ok'));
app.get('/*', (request, reply) => {
  const body = payloads.get(request.url);
  if (body === undefined) return void reply.code(404).send();
  void reply.header('content-type', 'application/json; charset=utf-8').send(body);
});
await app.listen(listenOptions());
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
