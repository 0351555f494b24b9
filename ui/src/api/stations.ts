// Typed wrappers of the stations commands (src-tauri/src/commands/stations.rs): packages for
// check-in desks and group recorders, merging their hand-backs, conflicts, and the hall display.
import { call } from './ipc'
import type { StationInfo } from '@/bindings/StationInfo'
import type { StationPackage } from '@/bindings/StationPackage'
import type { StoredConflict } from '@/bindings/StoredConflict'
import type { PackageScope } from '@/bindings/PackageScope'
import type { PackageSummary } from '@/bindings/PackageSummary'
import type { MergeReport } from '@/bindings/MergeReport'
import type { ConflictDecision } from '@/bindings/ConflictDecision'
import type { HandbackSummary } from '@/bindings/HandbackSummary'
import type { HallMonitor } from '@/bindings/HallMonitor'
import type { Status } from '@/bindings/Status'

export const stationInfo = () => call<StationInfo | null>('station_info')
/** Makes the open, empty file a station from a package (the first-run page). */
export const stationOpenPackage = (path: string) => call<Status>('station_open_package', { path })
export const stationList = () => call<StationPackage[]>('station_list')
export const stationConflicts = (pendingOnly: boolean) => call<StoredConflict[]>('station_conflicts', { pendingOnly })
export const stationExport = (scope: PackageScope, path: string | null) =>
  call<PackageSummary>('station_export', { scope, path })
export const stationMerge = (path: string, dryRun: boolean) => call<MergeReport>('station_merge', { path, dryRun })
export const stationDecide = (id: number, decision: ConflictDecision) =>
  call<StoredConflict>('station_decide', { id, decision })
export const stationHandback = (path: string | null) => call<HandbackSummary>('station_handback', { path })
export const hallMonitors = () => call<HallMonitor[]>('hall_monitors')
export const hallOpen = (sittingId: number, monitor: number | null, fullscreen = true) =>
  call<void>('hall_open', { sittingId, monitor, fullscreen })
