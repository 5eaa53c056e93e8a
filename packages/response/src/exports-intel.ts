// Public API of the intel area: feeds and their reports and actions, watchlists, banning,
// alerts, investigations.
export { ACTION_TYPES, type ActionType } from './models/action-type.js';
export {
  Alert,
  AlertQuery,
  ALERT_STATUSES,
  assertAlertStatus,
  type AlertStatus,
} from './models/alert.js';
export type { BulkOptions, BulkProgress } from './models/alert-bulk.js';
export { BannedHash, type BannedHashAudit } from './models/banned-hash.js';
export { Feed, type ScoreRange } from './models/feed.js';
export { FeedAction } from './models/feed-action.js';
export {
  FeedDisabledError,
  HashAlreadyBannedError,
  IncompleteBulkSelectionError,
  InvalidAlertStatusError,
} from './models/intel-errors.js';
export { Investigation } from './models/investigation.js';
export { TaggedEvent, type TaggedEventType } from './models/tagged-event.js';
export { parseThreatReportId, ThreatReport, ThreatReportQuery, type ThreatReportIocs } from './models/threat-report.js';
export { Watchlist } from './models/watchlist.js';
export { WatchlistAction } from './models/watchlist-action.js';
export type { WatchlistSearch } from './models/watchlist-search.js';
export {
  exportWatchlists,
  importWatchlists,
  parseWatchlistExport,
  type ExportWatchlistsOptions,
  type ImportWatchlistsOptions,
  type ImportWatchlistsResult,
  type WatchlistExportEntry,
  type WatchlistExportFile,
} from './models/watchlist-transfer.js';
