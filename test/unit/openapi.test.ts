import { execFile } from 'node:child_process';
import path from 'node:path';
import { pino } from 'pino';
import { createApp, type AppDependencies } from '../../api/http/app';
import { docsPageHtml } from '../../api/pages/docs-page';
import { buildOpenApiDocument, ROUTES } from '../../api/openapi';
import { ACTION_RULES, COMPLAINT_ACTIONS } from '../../domain/actions';
import { PERMISSIONS } from '../../domain/permissions';

type Operation = {
  operationId?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: { pattern?: string } }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string; required?: string[] } }> };
  responses: Record<string, { $ref?: string; headers?: Record<string, unknown> }>;
  'x-roles'?: string[];
};

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>; securitySchemes: Record<string, unknown>; responses: Record<string, unknown> };
}

const doc = buildOpenApiDocument() as unknown as Doc;
const operation = (method: string, path: string): Operation => doc.paths[path][method];
const PUBLIC = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs', '/track/{number}', '/track/api/{number}', '/track/api/{number}/{action}', '/track/api/{number}/data-requests', '/track/api/{number}/data-requests/{id}/export', '/reports', '/assets/echarts.min.js', '/signin', '/workspace/config'];

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    await expect(validateWithSwaggerParser(structuredClone(buildOpenApiDocument()))).resolves.toBe('valid');
  });

  it('is built once', () => {
    expect(buildOpenApiDocument()).toBe(buildOpenApiDocument());
  });

  it('documents every route of ROUTES, and nothing else', () => {
    for (const route of ROUTES) expect(operation(route.method, route.path)).toBeDefined();
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('has unique operation ids', () => {
    const ids = ROUTES.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has one path per action route, with that action’s schema and result', () => {
    for (const action of COMPLAINT_ACTIONS) {
      const op = operation('post', `/complaints/{number}/${ACTION_RULES[action].route}`);
      expect(op).toBeDefined();
      expect(op.operationId).toBe(action);
      expect(op.requestBody?.content['application/json'].schema).toBeDefined();
      expect(op.responses['200']).toBeDefined();
      expect(op.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
      expect(op['x-roles']).toEqual([...PERMISSIONS[action]]);
    }
    const triage = operation('post', '/complaints/{number}/triage').requestBody!.content['application/json'].schema;
    expect(triage.required).toEqual(expect.arrayContaining(['category', 'severity', 'grade', 'departmentId']));
  });

  it('documents the intake body with its required fields and the Idempotency-Key header', () => {
    const op = operation('post', '/complaints');
    const ref = op.requestBody!.content['application/json'].schema.$ref!;
    const intake = doc.components.schemas[ref.split('/').pop()!];
    expect(intake.required).toEqual(expect.arrayContaining(['channel', 'complainant', 'subject', 'description']));
    expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }));
    expect(op.responses['201'].headers).toHaveProperty('Location');
    expect(op.responses['422']).toBeDefined();
  });

  it('documents the list query parameters of listQuerySchema', () => {
    const names = operation('get', '/complaints').parameters!.filter((p) => p.in === 'query').map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['stage', 'category', 'severity', 'channel', 'breached', 'q', 'sort', 'page', 'pageSize']));
  });

  it('constrains the complaint number path parameter', () => {
    const param = operation('get', '/complaints/{number}').parameters!.find((p) => p.name === 'number')!;
    expect(param).toMatchObject({ in: 'path', required: true });
    expect(param.schema?.pattern).toBe('^CMP-\\d{8}-\\d{6}$');
  });

  it('needs a bearer token everywhere except the operational endpoints', () => {
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }));
    for (const route of ROUTES) {
      const op = operation(route.method, route.path);
      if (PUBLIC.includes(route.path)) expect(op.security).toEqual([]);
      else {
        expect(op.security).toEqual([{ bearerAuth: [] }]);
        expect(op.description).toMatch(/Roles:/);
        expect(op.responses['401']).toBeDefined();
      }
    }
  });

  it('states the roles of each operation from PERMISSIONS', () => {
    expect(operation('post', '/complaints').description).toContain(PERMISSIONS.intake.join(', '));
    expect(operation('get', '/complaints').description).toContain(`${PERMISSIONS.list.join(', ')} (permission \`list\`)`);
    expect(operation('put', '/admin/staff/{id}')['x-roles']).toEqual(['admin']);
    expect(operation('get', '/reports/summary')['x-roles']).toEqual([...PERMISSIONS.reports]);
  });

  it('shares one Error schema for the error responses', () => {
    expect(doc.components.schemas.Error.required).toEqual(['error']);
    for (const name of ['ValidationFailed', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'PayloadTooLarge', 'Unprocessable', 'Unavailable']) {
      expect(doc.components.responses[name]).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
    }
  });

  it('documents exactly the routes the Express app serves', () => {
    const deps = {
      db: {},
      gateway: {},
      authentication: { verify: async () => undefined, identify: async () => undefined, onRefused: async () => undefined },
      log: pino({ level: 'silent' }),
      readiness: {},
    } as unknown as AppDependencies;
    const served = expressRoutes(createApp(deps));
    expect(served.length).toBeGreaterThan(5);
    const documented = new Set(ROUTES.map((r) => `${r.method} ${r.expressPath}`));
    // The staff workspace's static files (`/app/…`) and the redirect of `/` to it are not operations of the API.
    const workspace = ['get /.*/', 'get /'];
    expect(served.filter((r) => !documented.has(r) && !workspace.includes(r))).toEqual([]);
    // Served by app.ts once metrics and docs are wired in; then this allowance can go.
    const unserved = [...documented].filter((r) => !served.includes(r));
    expect(unserved).toEqual([]);
  });
});

describe('docs page', () => {
  it('fetches the spec from the given url and loads nothing from elsewhere', () => {
    const html = docsPageHtml();
    expect(html).toContain('/openapi.json');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
    expect(docsPageHtml('/api/v1/openapi.json')).toContain('"/api/v1/openapi.json"');
  });

  it('escapes the spec url', () => {
    const html = docsPageHtml('/x"></script><script>alert(1)</script>');
    expect(html).not.toContain('</script><script>alert(1)');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});

/**
 * `SwaggerParser.validate(doc)`, run in a plain Node process: swagger-parser (CommonJS) requires
 * @apidevtools/json-schema-ref-parser, which is ESM-only. Node >= 20.19 loads that with require(esm),
 * Jest's module runtime only on Node >= 24.9, so in-process it fails to import here.
 */
function validateWithSwaggerParser(document: object): Promise<string> {
  const script = `
    let input = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => { input += chunk; });
    process.stdin.on('end', () => {
      require('@apidevtools/swagger-parser').validate(JSON.parse(input)).then(
        () => process.stdout.write('valid'),
        (err) => process.stdout.write(String(err && err.message ? err.message : err)),
      );
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--no-warnings', '-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(stdout);
    });
    child.stdin!.end(JSON.stringify(document));
  });
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** `method path` of every route in an Express 5 app (routers mounted at the root). */
function expressRoutes(app: ReturnType<typeof createApp>): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) out.push(`${method} ${layer.route.path}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}
