/**
 * The request body limit, counted as the bytes arrive: a chunked upload (no Content-Length) or a lying
 * Content-Length cannot get past it. The body is read here, at most `max` bytes, and handed to yoga as
 * `req.body`, which @whatwg-node/server uses instead of reading the stream again (see asRequestBody).
 */
import type http from 'node:http';

export class BodyTooLarge extends Error {
  constructor(readonly max: number) {
    super(`Request body over ${max} bytes`);
  }
}

/** Reads the whole body, rejecting with BodyTooLarge as soon as more than `max` bytes have arrived. */
export function readBodyLimited(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      reject(new BodyTooLarge(max));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        cleanup();
        req.pause();
        reject(new BodyTooLarge(max));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Answers 413 and closes the connection (the rest of the upload is not read). */
export function refuseTooLarge(res: http.ServerResponse, max: number, headers: Record<string, string>): void {
  res.writeHead(413, { ...headers, 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify({ errors: [{ message: `Request body over ${max} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }));
}

/**
 * The buffered body in the shape @whatwg-node/server takes as an already-read body: an async iterable (a
 * Buffer would do, but it runs `Object.keys()` on it, which for 8 MB builds 8 million index strings: ~1 s).
 */
export function asRequestBody(body: Buffer): AsyncIterable<Buffer> & { byteLength: number } {
  return {
    byteLength: body.length,
    async *[Symbol.asyncIterator]() {
      if (body.length) yield body;
    },
  };
}
