import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * The routes as the OpenAPI document shows them: the zod schemas through fastify-type-provider-zod, and the static
 * reports (routes of @fastify/static, which carry no schema) as one documented route; its wildcard would read
 * /reports/{*}, and its redirect of /reports to /reports/ is not a route of its own to a client.
 */
export const openapiTransform: SwaggerTransform = (input) => {
  if (input.url === '/reports') return { url: input.url, schema: { hide: true } };
  if (input.url !== '/reports/*') return jsonSchemaTransform(input);
  return {
    url: '/reports/{file}',
    schema: {
      summary: 'the reports folder as the report job wrote it',
      description: '`/reports/` is index.html (every report); `/reports/<week>/` is that report’s report.html (`/reports/<week>` redirects there, so its relative links work), next to its report.json.',
      tags: ['reports'],
      params: { type: 'object', properties: { file: { type: 'string', description: 'a file or week folder of the reports folder; empty for the index' } }, required: ['file'] },
    },
  };
};

interface BodyDoc {
  required?: boolean;
  content?: Record<string, { schema?: { required?: string[] } }>;
}

/**
 * @fastify/swagger marks every body required (a fastify schema body must be there), but a POST without one runs the
 * job with its defaults: the body is required only for a job with a parameter that has no default (ingest's paths).
 */
export const openapiTransformObject: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input);
  for (const item of Object.values((doc.paths ?? {}) as Record<string, { post?: { requestBody?: BodyDoc } } | undefined>)) {
    const body = item?.post?.requestBody;
    if (body?.content?.['application/json']) body.required = (body.content['application/json'].schema?.required ?? []).length > 0;
  }
  return doc;
};
