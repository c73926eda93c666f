/** Signing in: the browser's sign-in page (OpenID Connect with PKCE) and who the caller is. */
import { z } from 'zod';
import { ROLES } from '../../domain/model';
import { operation, Reply, type Operation } from '../http/operation';
import { signInPageHtml, signInPagePolicy } from '../pages/signin-page';
import { whoAmI } from '../read/staff';
import type { AppDependencies } from './dependencies';

export const IDENTITY_OPERATIONS: Operation<AppDependencies>[] = [
  operation({
    method: 'get',
    path: '/signin',
    operationId: 'getSignInPage',
    tag: 'Sign-in',
    summary: 'The sign-in page (HTML)',
    description:
      'Signs staff in with the configured OpenID provider (authorization code with PKCE; the embedded development provider under `npm start`), then shows who they are and their queue. The provider sends the browser back here with `?code=…`.',
    access: 'public',
    responses: { 200: { description: 'The page.', mediaType: 'text/html' } },
    errors: [],
    handle: (_input, { deps }) => Reply.text('html', signInPageHtml(deps.signIn), { 'Content-Security-Policy': signInPagePolicy(deps.signIn), 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' }),
  }),
  operation({
    method: 'get',
    path: '/workspace/config',
    operationId: 'getWorkspaceConfig',
    tag: 'Sign-in',
    summary: 'What the staff workspace needs before sign-in',
    description: 'The OpenID provider, public client and resource (audience) browsers sign in with (null when only scripts’ tokens are accepted), and where operators find a complaint’s workflow in the Temporal UI (null when unknown).',
    access: 'public',
    responses: {
      200: {
        description: 'The settings.',
        schema: z
          .object({
            signIn: z.object({ issuer: z.string(), clientId: z.string(), resource: z.string(), embedded: z.boolean() }).nullable(),
            temporalUi: z.object({ url: z.string(), namespace: z.string() }).nullable(),
          })
          .openapi('WorkspaceConfig'),
      },
    },
    errors: [],
    handle: (_input, { deps }) => ({ signIn: deps.signIn ?? null, temporalUi: deps.temporalUi ?? null }),
  }),
  operation({
    method: 'get',
    path: '/me',
    operationId: 'getMe',
    tag: 'Sign-in',
    summary: 'Who I am',
    description: 'The caller as the staff directory knows them — role, department, and what their scope reaches — whatever role the token claimed.',
    access: 'authenticated',
    responses: {
      200: {
        description: 'The caller.',
        schema: z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), departmentId: z.string().nullable(), departments: z.array(z.string()), scope: z.string() }).openapi('Me'),
      },
    },
    errors: [401, 403],
    handle: (_input, { deps, actor }) => whoAmI(deps.db, actor),
  }),
];
