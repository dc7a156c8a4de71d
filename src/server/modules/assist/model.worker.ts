/**
 * The model-building worker (model-builder.ts starts it): builds a SuggestModel from plain examples and options and
 * posts back its state, so the CPU-heavy training never runs on the server's main thread.
 */
import { parentPort } from 'node:worker_threads';
import { SuggestModel } from './model';
import { exportModel } from './model-state';
import type { BuildRequest, BuildResponse } from './model-builder';

const port = parentPort;
if (!port) throw new Error('model.worker.ts runs as a worker thread only');

port.on('message', (req: BuildRequest) => {
  let res: BuildResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const out = exportModel(new SuggestModel(req.examples, req.options));
    res = { id: req.id, state: out.state };
    transfer = out.transfer;
  } catch (err) {
    res = { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(res, transfer);
});
