/**
 * The Slack adapter's public surface: the factory the composition root calls, and the pure
 * renderer and parsers other tests may want.
 */
export {
  createSlackAdapter,
  HEALTH_PATH,
  inProcessClaims,
  SLACK_EVENTS_PATH,
  type SlackAdapter,
  type SlackAdapterOptions,
} from "./adapter.js";
export {
  type ClaimRequest,
  REQUEST_CLAIM_TTL_MS,
  SLACK_MAX_BODY_BYTES,
  SLACK_TIMESTAMP_TOLERANCE_S,
} from "./http-guard.js";
export { parseAppMention, parseButtonClick, parseSlashCommand, unescapeSlackText } from "./parse.js";
export {
  type BlockKitMessage,
  type BlockKitOptions,
  escapeSlackText,
  replyToBlockKit,
  SHARE_ACTION_ID,
  SLACK_MAX_BLOCKS,
  SLACK_MAX_BUTTON_VALUE,
  SLACK_MAX_FIELD_TEXT,
  SLACK_MAX_SECTION_FIELDS,
  SLACK_MAX_SECTION_TEXT,
} from "./render.js";
export { decodeShareValue, encodeShareValue, offersShare } from "./share.js";
export { DEFAULT_RATE_LIMIT_POLICY, POST_METADATA_EVENT_TYPE, type RateLimitPolicy } from "./web.js";
