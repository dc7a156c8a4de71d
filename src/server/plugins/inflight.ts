import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';

/** How long app.close() waits, at most, for requests still being handled. */
export const CLOSE_DRAIN_MS = 10_000;

interface Tracked {
  /** The response is over: sent, or its connection closed (the client went away). */
  closed: boolean;
  /** The route handler was entered / is running. */
  started: boolean;
  running: number;
  /** The lifecycle reached the reply (onSend): no hook or handler is left to run. */
  sent: boolean;
}

/**
 * Keeps app.close() from returning while a request is still being handled, so the database is never closed
 * under a running handler (main.ts closes the app, then the database).
 *
 * Closing the HTTP server waits for open connections only: a request whose client went away (a load balancer's
 * timeout, a client killed under load) keeps running its hooks and handler with no connection left, and the
 * server closes without it; its next query then met an ended pool ("Cannot use a pool after calling end on the
 * pool", logged as an unhandled error). Here each request is tracked from onRequest until its connection is done
 * *and* its handler has settled (or the lifecycle reached the reply without one: an error, a 404). app.close()
 * waits for those, at most `drainMs`, after the server has stopped taking requests.
 */
export default fp<{ drainMs?: number }>(async (app, opts) => {
  const drainMs = opts.drainMs ?? CLOSE_DRAIN_MS;
  const tracked = new Map<FastifyRequest, Tracked>();
  let drained: (() => void) | null = null;

  const settle = (req: FastifyRequest, t: Tracked) => {
    if (t.closed && t.running === 0 && (t.started || t.sent) && tracked.get(req) === t) {
      tracked.delete(req);
      if (tracked.size === 0) drained?.();
    }
  };
  const track = (req: FastifyRequest, reply: FastifyReply): Tracked => {
    let t = tracked.get(req);
    if (!t) {
      const n: Tracked = { closed: false, started: false, running: 0, sent: false };
      t = n;
      tracked.set(req, n);
      reply.raw.once('close', () => {
        n.closed = true;
        settle(req, n);
      });
    }
    return t;
  };

  // Callback-style hooks: on every request, they cost no promise.
  app.addHook('onRequest', (req, reply, done) => {
    track(req, reply);
    done();
  });
  app.addHook('onSend', (req, _reply, payload, done) => {
    const t = tracked.get(req);
    if (t) t.sent = true;
    done(null, payload);
  });
  app.addHook('onRoute', (route) => {
    const handler = route.handler as (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) => unknown;
    route.handler = function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      const t = track(req, reply);
      t.started = true;
      t.running++;
      const done = () => {
        t.running--;
        settle(req, t);
      };
      let out: unknown;
      try {
        out = handler.call(this, req, reply);
      } catch (err) {
        done();
        throw err;
      }
      if (out && typeof (out as Promise<unknown>).then === 'function') (out as Promise<unknown>).then(done, done);
      else done();
      return out;
    } as RouteHandlerMethod;
  });

  // Registered before the server's own close (which runs first, Fastify running onClose hooks last-in first-out):
  // by now no request is accepted, and what is left is requests still being handled.
  app.addHook('onClose', async () => {
    if (tracked.size === 0) return;
    const waiting = tracked.size;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      new Promise<false>((r) => (drained = () => r(false))),
      new Promise<true>((r) => (timer = setTimeout(() => r(true), drainMs))),
    ]);
    clearTimeout(timer);
    drained = null;
    if (timedOut) app.log.warn({ waiting, left: tracked.size, drainMs }, 'closing: requests still being handled after the drain time');
  });
});
