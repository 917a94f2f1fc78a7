// Wire payloads shaped like the examples in Discord's developer documentation (plus what discord.js 14 requires).
export const GUILD_ID = '290926798626357999';
export const CHANNEL_ID = '645027906669510667';
export const DM_CHANNEL_ID = '645027906669510999';
export const APPLICATION_ID = '775799577604522054';
export const BOT_USER = { id: APPLICATION_ID, username: 'briefbot', discriminator: '0', global_name: null, avatar: null, bot: true, public_flags: 0 };
export const USER = { id: '53908232506183680', username: 'mason', discriminator: '0', global_name: 'Mason', avatar: null, public_flags: 0 };

let counter = 0n;
/** Unique, increasing ids (Discord ids are snowflakes: numeric strings). */
export function nextSnowflake(): string {
  counter += 1n;
  return String(1_000_000_000_000_000_000n + counter);
}

export function guildCreate() {
  return {
    id: GUILD_ID,
    name: 'Crisis desk',
    icon: null,
    owner_id: USER.id,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    system_channel_flags: 0,
    preferred_locale: 'en-US',
    features: [],
    roles: [{ id: GUILD_ID, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    channels: [{ id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general', position: 0, permission_overwrites: [], nsfw: false, parent_id: null }],
    threads: [],
    members: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: '2022-01-01T00:00:00.000000+00:00',
  };
}

export type Option = { type: number; name: string; value?: string | boolean; focused?: boolean; options?: Option[] };

/** Option types on the wire. */
export const SUB = 1;
export const GROUP = 2;
export const STRING = 3;
export const BOOLEAN = 5;

/** An INTERACTION_CREATE payload for /brief (type 2) or its autocomplete (type 4). */
export function briefInteraction(options: Option[], opts: { type?: 2 | 4; permissions?: string; dm?: boolean } = {}) {
  const id = nextSnowflake();
  const where = opts.dm
    ? { channel_id: DM_CHANNEL_ID, channel: { id: DM_CHANNEL_ID, type: 1 }, user: USER, context: 1, authorizing_integration_owners: { '1': USER.id } }
    : {
        guild_id: GUILD_ID,
        channel_id: CHANNEL_ID,
        channel: { id: CHANNEL_ID, type: 0 },
        guild: { id: GUILD_ID, locale: 'en-US', features: [] },
        guild_locale: 'en-US',
        context: 0,
        authorizing_integration_owners: { '0': GUILD_ID },
        member: {
          user: USER,
          roles: [],
          premium_since: null,
          permissions: opts.permissions ?? '0',
          pending: false,
          nick: null,
          mute: false,
          deaf: false,
          joined_at: '2017-03-13T19:19:14.040000+00:00',
          flags: 0,
        },
      };
  return {
    id,
    application_id: APPLICATION_ID,
    type: opts.type ?? 2,
    token: `interaction-token-${id}`,
    version: 1,
    locale: 'en-US',
    app_permissions: '442368',
    entitlements: [],
    attachment_size_limit: 10485760,
    data: { id: '771825006014889984', name: 'brief', type: 1, options },
    ...where,
  };
}

/** A MESSAGE_CREATE payload; `mentions` lists the users the message names. */
export function messageCreate(content: string, opts: { mentions?: (typeof BOT_USER)[]; dm?: boolean; mentionEveryone?: boolean; mentionRoles?: string[] } = {}) {
  return {
    id: nextSnowflake(),
    channel_id: opts.dm ? DM_CHANNEL_ID : CHANNEL_ID,
    ...(!opts.dm && { guild_id: GUILD_ID, member: { roles: [], joined_at: '2017-03-13T19:19:14.040000+00:00', deaf: false, mute: false, flags: 0 } }),
    author: USER,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: opts.mentionEveryone ?? false,
    mentions: opts.mentions ?? [],
    mention_roles: opts.mentionRoles ?? [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
    components: [],
  };
}
