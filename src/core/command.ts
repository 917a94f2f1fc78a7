// What a user asked for, independent of the platform it came from.

export type ActorFocus = 'profile' | 'said' | 'did';
export type DigestAction = 'subscribe' | 'unsubscribe' | 'status' | 'preview';

export type Command =
  | { kind: 'latest' }
  | { kind: 'actor'; name: string; focus: ActorFocus }
  | { kind: 'topic'; name: string }
  /** `from` / `to` are YYYY-MM-DD days, inclusive. */
  | { kind: 'timeline'; from?: string; to?: string }
  | { kind: 'search'; query: string }
  | { kind: 'sources' }
  | { kind: 'help' }
  /** A free-text question, classified by the core. */
  | { kind: 'ask'; question: string }
  /** Handled by the scheduler, not the core: `time` HH:MM, `zone` an IANA name. */
  | { kind: 'digest'; action: DigestAction; time?: string; zone?: string; announceEmpty?: boolean }
  | { kind: 'alerts'; on: boolean }
  /** The text could not be understood as a command; `problem` says why, briefly. */
  | { kind: 'invalid'; problem: string };

/** Longest input the bot reads; longer text is answered with a short refusal, not processed. */
export const MAX_INPUT_CHARS = 1000;
