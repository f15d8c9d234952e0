import type { OpenAPIObject } from '@nestjs/swagger';
import { operationIdOf } from './apply-operation-rules.js';
import { selectOperations } from './select-operations.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const answers = (name: string) => ({ 200: { description: 'OK', content: { 'application/json': { schema: ref(name) } } } });

describe('selectOperations', () => {
  const document: OpenAPIObject = {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    tags: [{ name: 'things' }, { name: 'admin' }],
    paths: {
      '/things': { get: { operationId: 'listThings', tags: ['things'], responses: answers('ThingPage') } },
      '/admin/stats': { get: { operationId: 'stats', tags: ['admin'], responses: answers('Stats') } },
    },
    components: { schemas: { ThingPage: { type: 'object', properties: { items: { type: 'array', items: ref('Thing') } } }, Thing: { type: 'object' }, Stats: { type: 'object' } } },
  };

  it('keeps the operations accepted, the schemas they reach (transitively) and their tags, and leaves the original alone', () => {
    const selected = selectOperations(document, (operation) => !operation.tags?.includes('admin'));
    expect(Object.keys(selected.paths)).toEqual(['/things']);
    expect(Object.keys(selected.components?.schemas ?? {})).toEqual(['ThingPage', 'Thing']);
    expect(selected.tags).toEqual([{ name: 'things' }]);
    expect(Object.keys(document.paths)).toEqual(['/things', '/admin/stats']);
  });
});

describe('operationIdOf', () => {
  it('names a use-case controller after its use case, any other by controller and method', () => {
    expect(operationIdOf('GetContractHttpController', 'get')).toBe('getContract');
    expect(operationIdOf('HealthController', 'live')).toBe('healthLive');
  });
});
