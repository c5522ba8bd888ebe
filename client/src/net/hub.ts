// The small part of @microsoft/signalr's HubConnection the provider uses, so unit tests
// can hand it a fake hub, plus the real factory (MessagePack protocol, token per connect).
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';

export interface HubLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke(method: string, ...args: unknown[]): Promise<unknown>;
  on(method: string, handler: (...args: any[]) => void): void;
  onclose(callback: (error?: Error) => void): void;
}

export type HubFactory = () => HubLike;

/**
 * A fresh HubConnection per attempt: the provider runs its own reconnect loop (backoff
 * with jitter, re-join, re-sync), and a fresh connection picks up a changed token.
 */
export function signalRHubFactory(hubUrl: string, token: () => string | null): HubFactory {
  return () =>
    new HubConnectionBuilder()
      .withUrl(hubUrl, {
        // Only hand SignalR a factory when there is a token: an empty access_token is not anonymous.
        ...(token() ? { accessTokenFactory: () => token() ?? '' } : {}),
      })
      .withHubProtocol(new MessagePackHubProtocol())
      .configureLogging(LogLevel.Warning)
      .build();
}
