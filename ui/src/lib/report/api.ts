// The door to Rust for the activity report: built from the records of a period, with progress
// events while it is built, and saved as Markdown or as a printable HTML page. See
// src-tauri/commands/report.rs.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { toApiError } from '../api';
import type { ActivityReport, ReportProgress, ReportQuery } from '../api/types.gen';

export type {
  ActivityReport,
  CohortActivity,
  CollectiveActivity,
  EngagementActivity,
  EventLine,
  FormatCount,
  ReportPart,
  ReportProgress,
  ReportQuery,
  ReportTotals,
  SectorCount,
  SeriesActivity,
  StageTally,
} from '../api/types.gen';

export type ReportFormat = 'md' | 'html';

export interface ReportBackend {
  /** Builds the report of [from, to] (both days included), calling `onProgress` per part. */
  buildReport(query: ReportQuery, onProgress?: (progress: ReportProgress) => void): Promise<ActivityReport>;
  /** Writes the report to the Downloads folder (never overwriting); resolves to the path. */
  saveReportFile(query: ReportQuery, format: ReportFormat): Promise<string>;
}

/** The event the core sends as each part of the report is read. */
export const REPORT_PROGRESS_EVENT = 'report-progress';

async function call<T>(command: string, args: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const tauriReportBackend: ReportBackend = {
  buildReport: async (query, onProgress) => {
    if (!onProgress) return call('report_build', { query });
    const unlisten = await listen<ReportProgress>(REPORT_PROGRESS_EVENT, (event) => onProgress(event.payload));
    try {
      return await call('report_build', { query });
    } finally {
      unlisten();
    }
  },
  saveReportFile: (query, format) => call('report_save', { query, format }),
};
