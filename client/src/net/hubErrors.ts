// What to do when a hub invocation fails. The server's refusals arrive as
// "An unexpected error occurred invoking 'Send' on the server. HubException: <reason>"
// (docs/protocol.md, Refusals); anything else means the connection itself failed, and the
// re-sync after the reconnect carries whatever was lost.

export type FailureAction =
  /** Nothing was applied, but sending the same message again later will work. */
  | 'retry'
  /** The server lacks what the message builds on: re-sync (join again) first. */
  | 'resync'
  /** The connection dropped: the reconnect's sync covers it. */
  | 'connection'
  /** Refused for good (permissions, limits, malformed): tell the user. */
  | 'refused';

export interface HubFailure {
  action: FailureAction;
  /** The server's reason, or the transport's message. */
  reason: string;
}

const hubExceptionMarker = 'HubException: ';

/** The server's refusal reason inside an invocation error, or null when it was no refusal. */
export function refusalReason(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf(hubExceptionMarker);
  return at < 0 ? null : message.slice(at + hubExceptionMarker.length).trim();
}

export function classifyFailure(error: unknown): HubFailure {
  const reason = refusalReason(error);
  if (reason === null) {
    return { action: 'connection', reason: error instanceof Error ? error.message : String(error) };
  }
  if (reason.startsWith('Too many messages') || reason.startsWith('The server could not store this change')) {
    return { action: 'retry', reason };
  }
  if (reason.includes('sync first') || reason.startsWith('Join pad')) {
    return { action: 'resync', reason };
  }
  return { action: 'refused', reason };
}
