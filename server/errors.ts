import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXIT, isAssayError, type AssayError, type ErrorCode } from '../data/errors.ts';

/** Every error the API answers with: the same codes the CLI prints (docs/server.md lists them). */
export const errorBody = z
  .object({
    error: z.string().describe('ASSAY_ERR_… code, as the CLI prints it'),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('each invalid field of the request'),
    run_id: z.string().optional().describe('the recorded run, when a job ran and failed'),
  })
  .meta({ id: 'Error' });

/**
 * HTTP status for an Assay error: the CLI's exit code decides (bad request 400, bad input 422, job failure 500), the
 * same on every route. 404 is not a code's: the routes whose path names a job or run that is not there send it. The
 * warehouse file held by another process (the error names it: `held`) is 503, as a shutdown: try again later.
 */
export function statusFor(code: ErrorCode, exitCode: number, held = false): number {
  if (code === 'ASSAY_ERR_SHUTDOWN' || (code === 'ASSAY_ERR_WAREHOUSE' && held)) return 503;
  if (exitCode === EXIT.usage) return 400;
  if (exitCode === EXIT.input) return 422;
  return 500;
}

/** Answers an Assay error in the errorBody shape with this status. */
export function sendError(reply: FastifyReply, status: number, err: AssayError): FastifyReply {
  const issues = Array.isArray(err.details?.issues) ? (err.details.issues as { path: string; message: string }[]) : undefined;
  const runId = typeof err.details?.run_id === 'string' ? err.details.run_id : undefined;
  return reply.code(status).send({ error: err.code, message: err.message, ...(issues ? { issues } : {}), ...(runId ? { run_id: runId } : {}) });
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: [err.validationContext, ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    void reply.code(400).send({
      error: 'ASSAY_ERR_REQUEST',
      message: `Invalid request ${req.method} ${req.url}:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      issues,
    });
    return;
  }
  if (isAssayError(err)) {
    void sendError(reply, statusFor(err.code, err.exitCode, err.details?.pid !== undefined), err);
    return;
  }
  if (err.statusCode && err.statusCode < 500) {
    void reply.code(err.statusCode).send({ error: 'ASSAY_ERR_REQUEST', message: err.message });
    return;
  }
  req.log.error(err);
  void reply.code(500).send({ error: 'ASSAY_ERR_INTERNAL', message: err.message });
}
