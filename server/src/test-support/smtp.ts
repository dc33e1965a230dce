/**
 * A real SMTP receiver for tests (the `smtp-server` package) on 127.0.0.1: every message it accepts is parsed
 * with mailparser and kept with its envelope. It can require a user and password, refuse with a given reply code
 * (4xx: try again later, 5xx: never), stop and start again on the same port (a mail server that is down for a
 * while). STARTTLS is not offered: clients connect with `?tls=off` (plain text on loopback).
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { type SmtpConfig, smtpFrom } from '../config.js';

export interface ReceivedMail {
  envelope: { from: string | null; to: string[] };
  mail: ParsedMail;
  /** The user the client authenticated as, when the receiver asks for credentials. */
  user: string | null;
  at: number;
}

export interface SmtpReceiver {
  port: number;
  messages: ReceivedMail[];
  /** Client connections seen (a refused message still counts). */
  connections: number;
  /** The reply to MAIL FROM: null accepts; e.g. 451 or 550 refuses with that code. */
  refuseWith: number | null;
  /** SMTP settings for this receiver (`?tls=off`, the credentials it expects when it has any). */
  config(from?: string): SmtpConfig;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startSmtpReceiver(o: { port?: number; auth?: { user: string; password: string } } = {}): Promise<SmtpReceiver> {
  const receiver: SmtpReceiver = {
    port: o.port ?? 0,
    messages: [],
    connections: 0,
    refuseWith: null,
    config: (from) => {
      const credentials = o.auth ? `${encodeURIComponent(o.auth.user)}:${encodeURIComponent(o.auth.password)}@` : '';
      return smtpFrom(`smtp://${credentials}127.0.0.1:${receiver.port}?tls=off`, from)!;
    },
    stop: async () => {},
    start: async () => {},
  };
  const options: SMTPServerOptions = {
    logger: false,
    disabledCommands: o.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !o.auth,
    allowInsecureAuth: true,
    onConnect(_session, callback) {
      receiver.connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (o.auth && auth.username === o.auth.user && auth.password === o.auth.password) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, callback) {
      if (receiver.refuseWith === null) return callback();
      const text = receiver.refuseWith < 500 ? 'Try again later' : 'Not accepted here';
      callback(Object.assign(new Error(text), { responseCode: receiver.refuseWith }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const env = session.envelope;
          receiver.messages.push({
            envelope: { from: env.mailFrom ? env.mailFrom.address : null, to: env.rcptTo.map((r) => r.address) },
            mail,
            user: (session.user as string | undefined) ?? null,
            at: Date.now(),
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  };
  let server: SMTPServer | null = null;
  receiver.start = async () => {
    const s = new SMTPServer(options);
    s.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.listen(receiver.port, '127.0.0.1', () => resolve());
    });
    receiver.port = (s.server.address() as AddressInfo).port;
    server = s;
  };
  receiver.stop = async () => {
    const s = server;
    server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await receiver.start();
  return receiver;
}
