/**
 * Who may ask what. The worker answers only its own extension (`sender.id`), only the message types of
 * `Protocol`, only requests of the exact shape (validate.ts). Credit data goes to extension pages only: a content
 * script (sender.url is the host page) may report its page context, remember its panel state and read settings,
 * nothing else — so a compromised host page that drives the content script still reads no credit data.
 */
import type { Browser } from 'wxt/browser';
import type { MessageType, Protocol, Response } from '../lib/messages.js';
import { isBroadcast, type WireAnswer } from '../lib/send.js';
import { InvalidRequest, isMessageType, validateRequest } from './validate.js';

export type Sender = Browser.runtime.MessageSender;

export type Handlers = { [K in MessageType]: (req: Protocol[K]['req'], sender: Sender) => Promise<Response<K>> };

/** What a content script may send. Everything else needs an extension page (panel, popup, options). */
const CONTENT_SCRIPT_TYPES: ReadonlySet<MessageType> = new Set<MessageType>(['context/report', 'panel/remember', 'settings/get']);

/** Sent only from a tab (a content script, or the panel iframe inside the tab). */
const NEEDS_TAB: ReadonlySet<MessageType> = new Set<MessageType>(['context/report', 'panel/remember', 'toggle/click', 'panel/close']);

export interface RouterOptions {
  extensionId: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionBaseUrl: string;
  handlers: Handlers;
  /** Every accepted message (the capture queue takes it as a chance to retry). */
  onAccepted?: () => void;
  onError?: (type: MessageType, error: unknown) => void;
}

export function isExtensionPage(sender: Sender, extensionBaseUrl: string): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(extensionBaseUrl);
}

/** null: not a request for the worker (a broadcast it sent itself, seen by its own listener in some browsers). */
export async function route(options: RouterOptions, message: unknown, sender: Sender): Promise<WireAnswer | null> {
  if (isBroadcast(message)) return null;
  if (sender.id !== options.extensionId) return refuse('Unknown sender.');
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return refuse('Malformed message.');
  const type = (message as { type?: unknown }).type;
  if (!isMessageType(type)) return refuse(`Unknown message type ${JSON.stringify(String(type)).slice(0, 80)}.`);

  const fromPage = isExtensionPage(sender, options.extensionBaseUrl);
  if (!fromPage && !CONTENT_SCRIPT_TYPES.has(type)) return refuse(`${type} is answered to Earshot pages only.`);
  if (NEEDS_TAB.has(type) && sender.tab?.id === undefined) return refuse(`${type} must come from a tab.`);
  if (type === 'context/report' && fromPage) return refuse('context/report comes from the content script.');

  let req: Protocol[typeof type]['req'];
  try {
    req = validateRequest(type, message as Record<string, unknown>);
  } catch (error) {
    return refuse(error instanceof InvalidRequest ? `Invalid ${type}: ${error.message}` : `Invalid ${type}.`);
  }
  options.onAccepted?.();
  try {
    const handler = options.handlers[type] as (req: unknown, sender: Sender) => Promise<unknown>;
    return { earshot: 'ok', value: await handler(req, sender) };
  } catch (error) {
    options.onError?.(type, error);
    return refuse(error instanceof Error ? error.message : String(error));
  }
}

function refuse(error: string): WireAnswer {
  return { earshot: 'error', error };
}
